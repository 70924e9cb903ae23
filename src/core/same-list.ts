import type { Model } from '../types.js';

/**
 * A list built again from `input` (a join, overrides), handed out as one built before when it
 * holds the same models: `input` itself when nothing in it changed, else the last list built
 * from `input` when every model is the same object again. A list's identity is its version (the
 * handler keeps its renders by it), so a list rebuilt unchanged on every listing must stay the
 * same list. `built` holds, per input list, the last list built from it.
 *
 * @example
 * ```ts
 * const models = sameList(built, result.models, result.models.map(joinOnce));
 * ```
 */
export function sameList<List extends readonly Model[]>(
  built: WeakMap<readonly Model[], List>,
  input: List,
  output: List,
): List {
  if (isSameList(input, output)) return input;
  const previous = built.get(input);
  if (previous !== undefined && isSameList(previous, output)) return previous;
  built.set(input, output);
  return output;
}

function isSameList(first: readonly Model[], second: readonly Model[]): boolean {
  if (first.length !== second.length) return false;
  for (let index = 0; index < first.length; index++) {
    if (first[index] !== second[index]) return false;
  }
  return true;
}
