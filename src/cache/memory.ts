import { assertProviderId } from '../core/check-option.js';
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
    async get(providerId) {
      assertProviderId(providerId);
      const stored = entries.get(providerId);
      return stored === undefined ? undefined : (JSON.parse(stored) as CacheEntry);
    },
    async set(providerId, entry) {
      assertProviderId(providerId);
      entries.set(providerId, JSON.stringify(entry));
    },
    async delete(providerId) {
      assertProviderId(providerId);
      entries.delete(providerId);
    },
    async clear() {
      entries.clear();
    },
  };
}
