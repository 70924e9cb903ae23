import { assertCacheKey } from '../core/check-option.js';
import { freezeDeep } from '../core/freeze-deep.js';
import { addPeek, isCheckedEntry } from '../core/read-cache-entry.js';
import type { CacheEntry, ModelCache } from '../types.js';

/**
 * A cache held in memory, for tests, serverless functions and runtimes without a filesystem.
 * Entries are stored frozen and handed out as they are: a hit costs no copy and no parse, and
 * neither the object given to `set` nor one returned by `get` can change what is stored (an
 * entry the catalog built is frozen already and kept as it is; any other is copied first).
 *
 * @example
 * ```ts
 * const catalog = createModelCatalog({ cache: createMemoryCache() });
 * ```
 */
export function createMemoryCache(): ModelCache {
  const entries = new Map<string, CacheEntry>();
  const cache: ModelCache = {
    async get(key) {
      assertCacheKey(key);
      return entries.get(key);
    },
    async set(key, entry) {
      assertCacheKey(key);
      entries.set(
        key,
        isCheckedEntry(entry) ? entry : freezeDeep(JSON.parse(JSON.stringify(entry)) as CacheEntry),
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
