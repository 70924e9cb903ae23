import { assertCacheKey } from '../core/check-option.js';
import type { CacheEntry, ModelCache } from '../types.js';

/**
 * A cache held in memory, for tests, serverless functions and runtimes without a filesystem.
 * Entries are copied on the way in and out, so callers cannot change what is stored.
 *
 * @example
 * ```ts
 * const catalog = createModelCatalog({ cache: createMemoryCache() });
 * ```
 */
export function createMemoryCache(): ModelCache {
  const entries = new Map<string, string>();
  return {
    async get(key) {
      assertCacheKey(key);
      const stored = entries.get(key);
      return stored === undefined ? undefined : (JSON.parse(stored) as CacheEntry);
    },
    async set(key, entry) {
      assertCacheKey(key);
      entries.set(key, JSON.stringify(entry));
    },
    async delete(key) {
      assertCacheKey(key);
      entries.delete(key);
    },
    async clear() {
      entries.clear();
    },
  };
}
