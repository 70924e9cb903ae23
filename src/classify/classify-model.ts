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
      if (rule.conditions.every((condition) => holds(condition, present[condition.hint]))) {
        if (rule.idPattern === undefined || rule.idPattern.test(id)) return rule.category;
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
  return category === 'chat' && isUnknownType(present?.type) ? 'other' : category;
}

type HintName = keyof ClassifyHints;

/** One entry of a hint rule's `when`: its plain words and its `!` words, lower-cased. */
interface CompiledCondition {
  readonly hint: HintName;
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
      hint,
      wanted: words.filter((word) => !word.startsWith('!')),
      banned: words.filter((word) => word.startsWith('!')).map((word) => word.slice(1)),
    };
  }),
  idPattern: rule.idPattern,
}));

const UNINFORMATIVE = new Set(UNINFORMATIVE_TYPES);

/** The hints as lower-cased, trimmed word lists; `undefined` when none holds a value. */
function presentHints(
  hints: ClassifyHints,
): Partial<Record<HintName, readonly string[]>> | undefined {
  let present: Partial<Record<HintName, readonly string[]>> | undefined;
  for (const hint of HINT_NAMES) {
    const value = hints[hint];
    if (value === undefined || value === null) continue;
    present ??= {};
    present[hint] = typeof value === 'string' ? [value.trim().toLowerCase()] : words(value);
  }
  return present;
}

/** A hint list as lower-cased, trimmed words: only its strings, as a provider's list may hold anything. */
function words(value: unknown): string[] {
  const result: string[] = [];
  if (!Array.isArray(value)) return result;
  for (const entry of value) if (typeof entry === 'string') result.push(entry.trim().toLowerCase());
  return result;
}

const HINT_NAMES: readonly HintName[] = [
  'outputModalities',
  'inputModalities',
  'type',
  'capabilities',
];

/** True when `present` holds any wanted word and no banned one. */
function holds(condition: CompiledCondition, present: readonly string[] | undefined): boolean {
  if (present === undefined || present.length === 0) return false;
  return (
    condition.wanted.some((word) => present.includes(word)) &&
    !condition.banned.some((word) => present.includes(word))
  );
}

function isUnknownType(type: readonly string[] | undefined): boolean {
  const value = type?.[0];
  return value !== undefined && value !== '' && !UNINFORMATIVE.has(value);
}
