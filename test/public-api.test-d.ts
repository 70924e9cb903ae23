import { describe, expectTypeOf, it } from 'vitest';
import {
  type CatalogResult,
  createMemoryCache,
  createModelCatalog,
  listModels,
  type MODEL_CATEGORIES,
  type ModelCache,
  ModelCatalogError,
  type ModelCategory,
  type ProviderAdapter,
  type ProviderResult,
} from '../src/index.js';

describe('the public types', () => {
  it('resolve listModels to CatalogResult without a provider and ProviderResult with one', () => {
    expectTypeOf(listModels()).resolves.toEqualTypeOf<CatalogResult>();
    expectTypeOf(listModels({ refresh: true })).resolves.toEqualTypeOf<CatalogResult>();
    expectTypeOf(listModels({ provider: 'openai' })).resolves.toEqualTypeOf<ProviderResult>();
    const catalog = createModelCatalog();
    expectTypeOf(
      catalog.listModels({ provider: 'ollama' }),
    ).resolves.toEqualTypeOf<ProviderResult>();
  });

  it('derive ModelCategory from MODEL_CATEGORIES', () => {
    expectTypeOf<(typeof MODEL_CATEGORIES)[number]>().toEqualTypeOf<ModelCategory>();
    expectTypeOf<ModelCategory>().toEqualTypeOf<
      'chat' | 'embedding' | 'image' | 'tts' | 'stt' | 'other'
    >();
  });

  it('accept a plain adapter object and a cache with only get and set', () => {
    const adapter: ProviderAdapter = {
      id: 'local',
      async listModels() {
        return [{ id: 'm', name: 'm', category: 'chat', provider: 'local' }];
      },
    };
    const cache: ModelCache = { get: async () => undefined, set: async () => {} };
    expectTypeOf(createModelCatalog({ providers: [adapter], cache })).toHaveProperty(
      'listProviders',
    );
    expectTypeOf(createMemoryCache()).toExtend<ModelCache>();
  });

  it('reject unknown options and wrong option types', () => {
    // @ts-expect-error: `ttl` is not an option (`ttlMs` is).
    createModelCatalog({ ttl: 1000 });
    // @ts-expect-error: `retries` is a number.
    createModelCatalog({ retries: '2' });
    // @ts-expect-error: a category outside MODEL_CATEGORIES.
    const category: ModelCategory = 'video';
    expectTypeOf(category).toEqualTypeOf<ModelCategory>();
  });

  it('narrow errors with ModelCatalogError.isInstance', () => {
    const error: unknown = new Error('x');
    if (ModelCatalogError.isInstance(error)) {
      expectTypeOf(error.kind).toEqualTypeOf<import('../src/index.js').ErrorKind>();
      expectTypeOf(error.retryable).toEqualTypeOf<boolean>();
    }
  });
});
