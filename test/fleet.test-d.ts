import { createStorage, type Storage } from 'unstorage';
import { describe, expectTypeOf, it } from 'vitest';
import type { MemoryCacheOptions as CoreMemoryCacheOptions } from '../src/entries/core.js';
import {
  type CatalogChange,
  type Credentials,
  createMemoryCache,
  createModelCatalog,
  createModelsHandler,
  createStorageCache,
  type MemoryCacheOptions,
  type ModelCache,
  type ModelFieldChange,
  type StorageCacheOptions,
  type UnstorageStorage,
} from '../src/index.js';

describe('the fleet types', () => {
  it('take any unstorage Storage as the storage of createStorageCache', () => {
    expectTypeOf<Storage>().toExtend<UnstorageStorage>();
    expectTypeOf(createStorageCache(createStorage())).toEqualTypeOf<ModelCache>();
    expectTypeOf(createStorageCache).parameter(1).toEqualTypeOf<StorageCacheOptions | undefined>();
    expectTypeOf<StorageCacheOptions>().toEqualTypeOf<{
      readonly prefix?: string | undefined;
      readonly expireAfterMs?: number | undefined;
      readonly maxEntriesInMemory?: number | undefined;
    }>();
  });

  it('type the memory cache’s options, from the root and the core entry alike', () => {
    expectTypeOf(createMemoryCache).parameter(0).toEqualTypeOf<MemoryCacheOptions | undefined>();
    expectTypeOf<CoreMemoryCacheOptions>().toEqualTypeOf<MemoryCacheOptions>();
    expectTypeOf<MemoryCacheOptions>().toEqualTypeOf<{
      readonly maxEntries?: number | undefined;
    }>();
  });

  it('give the cache contract an optional lock that resolves to a release function', () => {
    expectTypeOf<ModelCache['lock']>().toEqualTypeOf<
      ((key: string, ttlMs: number) => Promise<(() => Promise<void>) | undefined>) | undefined
    >();
  });

  it('type watch, onChange and per-request credentials', () => {
    const catalog = createModelCatalog();
    expectTypeOf(catalog.watch({ intervalMs: 60_000 })).toEqualTypeOf<() => void>();
    expectTypeOf(catalog.onChange).parameter(0).parameter(0).toEqualTypeOf<CatalogChange>();
    expectTypeOf<
      CatalogChange['changes']['changed'][number]['fields'][number]
    >().toEqualTypeOf<ModelFieldChange>();
    const credentials: Credentials = {
      openai: { apiKey: 'sk', headers: { 'x-team': 'a' }, organization: 'org' },
    };
    void catalog.listModels({ credentials });
    createModelsHandler(catalog, { credentials: async () => credentials, changeEvents: true });
    // @ts-expect-error: a header value is a string
    const wrong: Credentials = { openai: { headers: { 'x-team': 1 } } };
    void wrong;
  });
});
