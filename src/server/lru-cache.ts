/**
 * A small least-recently-used cache, bounded by a count of entries and, when given, by a total
 * weight (the handler weighs a rendered body by its length).
 *
 * @example
 * ```ts
 * const renders = createLruCache<string>({ maxEntries: 64, maxWeight: 8 * 1024 * 1024 });
 * renders.set('key', body, body.length);
 * renders.get('key'); // body, now the most recently used
 * ```
 */
export interface LruCache<Value> {
  /** The value under `key`, which becomes the most recently used; undefined when absent. */
  get(key: string): Value | undefined;
  /** Stores `value`, then drops the least recently used entries until both bounds hold. */
  set(key: string, value: Value, weight?: number): void;
  /** Drops every entry whose value `predicate` accepts. */
  deleteWhere(predicate: (value: Value) => boolean): void;
  /** How many entries are held. */
  readonly size: number;
}

/**
 * Creates an {@link LruCache}. A single value heavier than `maxWeight` is not kept at all.
 *
 * @example
 * ```ts
 * const lists = createLruCache<readonly Model[]>({ maxEntries: 16 });
 * ```
 */
export function createLruCache<Value>(options: {
  readonly maxEntries: number;
  readonly maxWeight?: number;
}): LruCache<Value> {
  // A Map keeps insertion order: the first key is the least recently used.
  const entries = new Map<string, { readonly value: Value; readonly weight: number }>();
  const maxWeight = options.maxWeight ?? Number.POSITIVE_INFINITY;
  let weight = 0;
  const drop = (key: string): void => {
    const entry = entries.get(key);
    if (entry === undefined) return;
    entries.delete(key);
    weight -= entry.weight;
  };
  return {
    get(key) {
      const entry = entries.get(key);
      if (entry === undefined) return undefined;
      entries.delete(key);
      entries.set(key, entry);
      return entry.value;
    },
    set(key, value, valueWeight = 0) {
      drop(key);
      if (valueWeight > maxWeight) return;
      entries.set(key, { value, weight: valueWeight });
      weight += valueWeight;
      for (const oldest of entries.keys()) {
        if (entries.size <= options.maxEntries && weight <= maxWeight) break;
        drop(oldest);
      }
    },
    deleteWhere(predicate) {
      for (const [key, entry] of entries) if (predicate(entry.value)) drop(key);
    },
    get size() {
      return entries.size;
    },
  };
}
