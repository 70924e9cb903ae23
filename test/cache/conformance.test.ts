import { createStorage } from 'unstorage';
import fsDriver from 'unstorage/drivers/fs';
import memoryDriver from 'unstorage/drivers/memory';
import redisDriver from 'unstorage/drivers/redis';
import { afterAll } from 'vitest';
import {
  type CacheEntry,
  createFileCache,
  createMemoryCache,
  createStorageCache,
  type ModelCache,
} from '../../src/index.js';
import { describeCacheConformance } from '../helpers/cache-conformance.js';
import { describeWithRedis } from '../helpers/redis.js';
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

// unstorage, through createStorageCache: its memory driver, its filesystem driver, and its
// Redis driver on a real Redis server (the one `.ci/run` starts; see test/helpers/redis.ts).
describeCacheConformance('createStorageCache() on the unstorage memory driver', () =>
  createStorageCache(createStorage({ driver: memoryDriver() })),
);

describeCacheConformance('createStorageCache() on the unstorage filesystem driver', () =>
  createStorageCache(createStorage({ driver: fsDriver({ base: tempDir() }) }), {
    prefix: 'models',
  }),
);

describeWithRedis('Redis', (url) => {
  const run = `model-catalog-test-${process.pid}-${Date.now().toString(36)}`;
  const storage = createStorage({ driver: redisDriver({ url, base: run }) });
  let count = 0;
  afterAll(async () => {
    await storage.clear();
    await storage.dispose();
  });

  describeCacheConformance('createStorageCache() on the unstorage Redis driver', () =>
    // A prefix per test, so that each starts with an empty cache.
    createStorageCache(storage, { prefix: `case-${++count}` }),
  );
});
