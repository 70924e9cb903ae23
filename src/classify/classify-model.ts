import type { ModelCategory } from '../types.js';
import { type ClassifyHints, HINT_RULES, ID_RULES, UNINFORMATIVE_TYPES } from './rules.js';

export type { ClassifyHints } from './rules.js';

/**
 * Classifies a model from its id and, when given, what the provider says about it. Hint rules
 * are tried first, then the id's keywords; an id nothing claims is `chat`, except that a model
 * whose `type` is unknown is `other` rather than silently `chat`. Pure: the same input always
 * gives the same category.
 *
 * The rules are compiled once, when the module loads (each word list split and lower-cased), so
 * a call only lower-cases the hints it is given and looks words up.
 *
 * @example
 * ```ts
 * classifyModel('text-embedding-3-large'); // 'embedding'
 * classifyModel('gpt-4o', { outputModalities: ['image'] }); // 'image'
 * classifyModel('some-new-model'); // 'chat'
 * ```
 */
export function classifyModel(id: string, hints?: ClassifyHints): ModelCategory {
  const present = hints === undefined ? undefined : presentHints(hints);
  if (present !== undefined) {
    for (const rule of COMPILED_HINT_RULES) {
      if (allHold(rule.conditions, present) && (rule.idPattern?.test(id) ?? true)) {
        return rule.category;
      }
    }
  }
  let category: ModelCategory = 'chat';
  for (const rule of ID_RULES) {
    if (rule.pattern.test(id)) {
      category = rule.category;
      break;
    }
  }
  return category === 'chat' && isUnknownType(present?.[TYPE]) ? 'other' : category;
}

type HintName = keyof ClassifyHints;

/** The hints a rule may name, in a fixed order: a condition refers to its hint by index. */
const HINT_NAMES: readonly HintName[] = [
  'outputModalities',
  'inputModalities',
  'type',
  'capabilities',
];
const TYPE = HINT_NAMES.indexOf('type');

/** One entry of a hint rule's `when`: its plain words and its `!` words, lower-cased. */
interface CompiledCondition {
  /** The hint's index in {@link HINT_NAMES}. */
  readonly hint: number;
  readonly wanted: readonly string[];
  readonly banned: readonly string[];
}

interface CompiledHintRule {
  readonly category: ModelCategory;
  readonly conditions: readonly CompiledCondition[];
  readonly idPattern: RegExp | undefined;
}

const COMPILED_HINT_RULES: readonly CompiledHintRule[] = HINT_RULES.map((rule) => ({
  category: rule.category,
  conditions: (Object.entries(rule.when) as [HintName, string][]).map(([hint, list]) => {
    const words = list.toLowerCase().split(' ');
    return {
      hint: HINT_NAMES.indexOf(hint),
      wanted: words.filter((word) => !word.startsWith('!')),
      banned: words.filter((word) => word.startsWith('!')).map((word) => word.slice(1)),
    };
  }),
  idPattern: rule.idPattern,
}));

const UNINFORMATIVE = new Set(UNINFORMATIVE_TYPES);

/** The hints present, at their index in {@link HINT_NAMES}: a list of words each, or undefined. */
type Hints = readonly (readonly string[] | undefined)[];

/**
 * The hints as lower-cased, trimmed word lists; `undefined` when none holds a value. Each hint
 * is read by its name and kept at its index: this runs for every model listed, and a lookup by a
 * name held in a variable costs more than the rest.
 */
function presentHints(hints: ClassifyHints): Hints | undefined {
  const { outputModalities, inputModalities, type, capabilities } = hints;
  if (outputModalities == null && inputModalities == null && type == null && capabilities == null) {
    return undefined;
  }
  return [words(outputModalities), words(inputModalities), words(type), words(capabilities)];
}

/**
 * A hint as lower-cased, trimmed words: a string is one word, and of a list only its strings
 * count, as a provider's list may hold anything. Undefined for a hint not given.
 */
function words(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return [value.trim().toLowerCase()];
  const result: string[] = [];
  if (!Array.isArray(value)) return result;
  for (const entry of value) if (typeof entry === 'string') result.push(entry.trim().toLowerCase());
  return result;
}

/** True when each condition holds: its hint has any wanted word and no banned one. */
function allHold(conditions: readonly CompiledCondition[], present: Hints): boolean {
  for (const condition of conditions) {
    const listed = present[condition.hint];
    if (listed === undefined || listed.length === 0) return false;
    if (!anyListed(condition.wanted, listed) || anyListed(condition.banned, listed)) return false;
  }
  return true;
}

/** True when `listed` holds any of `words`. */
function anyListed(words: readonly string[], listed: readonly string[]): boolean {
  for (const word of words) if (listed.includes(word)) return true;
  return false;
}

function isUnknownType(type: readonly string[] | undefined): boolean {
  const value = type?.[0];
  return value !== undefined && value !== '' && !UNINFORMATIVE.has(value);
}
