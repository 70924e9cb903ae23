/**
 * Freezes a value and every object and array in it, in place, and returns it: what the catalog
 * hands out (models, lists, statuses) is frozen, so that every caller may keep it and none can
 * change what another caller or the cache sees. A write to a frozen model throws in strict
 * mode (every ES module) and is ignored elsewhere.
 *
 * An object that is frozen already is taken as frozen through and through and not walked
 * again, so freezing an entry whose models came frozen from a cache costs one pass over the list.
 *
 * @example
 * ```ts
 * const models = freezeDeep([{ id: 'gpt-4o', name: 'gpt-4o', category: 'chat', provider: 'openai' }]);
 * Object.isFrozen(models[0]); // true
 * ```
 */
export function freezeDeep<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  // Frozen first: a cycle then ends where it meets an object already frozen.
  Object.freeze(value);
  if (Array.isArray(value)) {
    for (const item of value) if (typeof item === 'object') freezeDeep(item);
  } else {
    for (const key in value) {
      const item = value[key];
      if (typeof item === 'object') freezeDeep(item);
    }
  }
  return value;
}

/**
 * Freezes a value and everything in it, as {@link freezeDeep} does, but walks into objects that
 * are frozen already too: for values from outside the library (a hand-written adapter's models,
 * a backend's own entries), where a model frozen at the top may hold a `pricing` that is not.
 */
export function freezeThrough<T>(value: T, seen: Set<object> = new Set()): T {
  if (typeof value !== 'object' || value === null || seen.has(value)) return value;
  seen.add(value);
  for (const item of Object.values(Object.freeze(value))) freezeThrough(item, seen);
  return value;
}
