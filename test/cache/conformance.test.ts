import {
  type CacheEntry,
  createFileCache,
  createMemoryCache,
  type ModelCache,
} from '../../src/index.js';
import { describeCacheConformance } from '../helpers/cache-conformance.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();

describeCacheConformance('createMemoryCache()', () => createMemoryCache());

describeCacheConformance('createFileCache({ dir })', () => createFileCache({ dir: tempDir() }));

describeCacheConformance('createFileCache({ dir }) on a directory that does not exist yet', () =>
  createFileCache({ dir: `${tempDir()}/nested/cache` }),
);

// The example of the ModelCache documentation: no id checks, no copies. The catalog
// validates ids and never mutates entries, so the core contract is all it must meet.
describeCacheConformance(
  'a third-party Map cache',
  (): ModelCache => {
    const map = new Map<string, CacheEntry>();
    return {
      async get(providerId) {
        return map.get(providerId);
      },
      async set(providerId, entry) {
        map.set(providerId, entry);
      },
    };
  },
  { strict: false },
);
