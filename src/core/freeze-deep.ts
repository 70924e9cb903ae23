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

/** How many objects {@link freezeThrough} visits before it keeps a record of them: more than a model has. */
const UNRECORDED_VISITS = 64;

/** One walk of {@link freezeThrough}: its visits, and once they pass the budget, what it saw. */
interface Walk {
  visits: number;
  seen: Set<object> | undefined;
}

/**
 * Freezes a value and everything in it, as {@link freezeDeep} does, but walks into objects that
 * are frozen already too: for values from outside the library (a hand-written adapter's models,
 * a backend's own entries), where a model frozen at the top may hold a `pricing` that is not.
 * A model's few objects are walked as they come; past that, one set for the whole walk keeps
 * each object to one visit, so a cycle or a graph of shared objects ends, in linear time.
 */
export function freezeThrough<T>(value: T, walk: Walk = { visits: 0, seen: undefined }): T {
  if (typeof value !== 'object' || value === null) return value;
  if (++walk.visits > UNRECORDED_VISITS) {
    walk.seen ??= new Set();
    if (walk.seen.has(value)) return value;
    walk.seen.add(value);
  }
  Object.freeze(value);
  // As in freezeDeep: arrays by their items (`for...in` on an array walks string keys), and
  // only objects are called on.
  if (Array.isArray(value)) {
    for (const item of value) if (typeof item === 'object') freezeThrough(item, walk);
  } else {
    for (const key of Object.keys(value)) {
      const item = (value as Record<string, unknown>)[key];
      if (typeof item === 'object') freezeThrough(item, walk);
    }
  }
  return value;
}
