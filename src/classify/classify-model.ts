import type { ModelCategory } from '../types.js';
import {
  type ClassifyHints,
  HINT_RULES,
  type HintRule,
  ID_RULES,
  UNINFORMATIVE_TYPES,
} from './rules.js';

export type { ClassifyHints } from './rules.js';

/**
 * Classifies a model from its id and, when given, what the provider says about it. Hint rules
 * are tried first, then the id's keywords; an id nothing claims is `chat`, except that a model
 * whose `type` is unknown is `other` rather than silently `chat`. Pure: the same input always
 * gives the same category.
 *
 * @example
 * ```ts
 * classifyModel('text-embedding-3-large'); // 'embedding'
 * classifyModel('gpt-4o', { outputModalities: ['image'] }); // 'image'
 * classifyModel('some-new-model'); // 'chat'
 * ```
 */
export function classifyModel(id: string, hints: ClassifyHints = {}): ModelCategory {
  const hinted = HINT_RULES.find((rule) => matches(rule, id, hints));
  if (hinted) return hinted.category;
  const category = ID_RULES.find((rule) => rule.pattern.test(id))?.category ?? 'chat';
  return category === 'chat' && isUnknownType(hints.type) ? 'other' : category;
}

function matches(rule: HintRule, id: string, hints: ClassifyHints): boolean {
  const lists = Object.entries(rule.when) as [keyof ClassifyHints, string][];
  return (
    lists.every(([hint, list]) => holds(list.split(' '), normalize(hints[hint]))) &&
    (rule.idPattern?.test(id) ?? true)
  );
}

/** True when `present` holds any plain value of `list` and none of its `!` values. */
function holds(list: readonly string[], present: readonly string[]): boolean {
  const has = (value: string): boolean => present.includes(value.toLowerCase());
  const wanted = list.filter((value) => !value.startsWith('!'));
  const banned = list.filter((value) => value.startsWith('!')).map((value) => value.slice(1));
  return wanted.some(has) && !banned.some(has);
}

function normalize(hint: string | readonly string[] | undefined): readonly string[] {
  return [hint ?? []].flat().map((value) => value.trim().toLowerCase());
}

function isUnknownType(type: string | undefined): boolean {
  const value = normalize(type)[0];
  return value !== undefined && value !== '' && !UNINFORMATIVE_TYPES.includes(value);
}
