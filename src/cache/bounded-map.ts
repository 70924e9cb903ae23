/**
 * How many entries a cache of this library keeps in memory by default: its own account's lists,
 * and room for many other accounts' (per-request credentials), without growing for ever.
 */
export const MAX_ENTRIES = 1000;

/**
 * Sets `key` in `map`, then drops the entry set longest ago while the map holds more than `max`
 * (a `Map` keeps insertion order; a read does not reorder it, so a hit stays one lookup).
 */
export function setBounded<Key, Value>(
  map: Map<Key, Value>,
  key: Key,
  value: Value,
  max: number,
): void {
  map.delete(key);
  map.set(key, value);
  for (const oldest of map.keys()) {
    if (map.size <= max) break;
    map.delete(oldest);
  }
}
