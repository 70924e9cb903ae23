import { assertCacheKey, checkOptionNames, optionError } from '../core/check-option.js';
import { freezeDeep } from '../core/freeze-deep.js';
import { addPeek, isCheckedEntry } from '../core/read-cache-entry.js';
import type { CacheEntry, ModelCache } from '../types.js';
import { MAX_ENTRIES, setBounded } from './bounded-map.js';

/**
 * Options of {@link createMemoryCache}.
 *
 * @example
 * ```ts
 * const cache = createMemoryCache({ maxEntries: 10_000 });
 * ```
 */
export interface MemoryCacheOptions {
  /**
   * How many entries (one per provider and account) it keeps; past that, the one written longest
   * ago is dropped (and fetched again when next asked for). Default 1000; `Infinity` for no bound.
   */
  readonly maxEntries?: number | undefined;
}

/**
 * A cache held in memory, for tests, serverless functions and runtimes without a filesystem.
 * Entries are stored frozen and handed out as they are: a hit costs no copy and no parse, and
 * neither the object given to `set` nor one returned by `get` can change what is stored (an
 * entry the catalog built is frozen already and kept as it is; any other is copied first).
 * It holds at most `maxEntries` (1000), so that per-request accounts cannot grow it for ever.
 *
 * @example
 * ```ts
 * const catalog = createModelCatalog({ cache: createMemoryCache() });
 * ```
 */
export function createMemoryCache(options: MemoryCacheOptions = {}): ModelCache {
  checkOptionNames('createMemoryCache()', options, ['maxEntries']);
  const maxEntries = options.maxEntries ?? MAX_ENTRIES;
  if (
    maxEntries !== Number.POSITIVE_INFINITY &&
    !(Number.isInteger(maxEntries) && maxEntries >= 1)
  ) {
    throw optionError('maxEntries', 'a whole number of at least 1, or Infinity', maxEntries);
  }
  const entries = new Map<string, CacheEntry>();
  const cache: ModelCache = {
    async get(key) {
      assertCacheKey(key);
      return entries.get(key);
    },
    async set(key, entry) {
      assertCacheKey(key);
      setBounded(
        entries,
        key,
        isCheckedEntry(entry) ? entry : freezeDeep(JSON.parse(JSON.stringify(entry)) as CacheEntry),
        maxEntries,
      );
    },
    async delete(key) {
      assertCacheKey(key);
      entries.delete(key);
    },
    async clear() {
      entries.clear();
    },
  };
  // The catalog reads without a promise; its keys are valid, and need no check.
  return addPeek(cache, (key) => entries.get(key));
}
