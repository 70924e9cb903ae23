import { describe, expect, expectTypeOf, it } from 'vitest';
import type {
  CacheEntry,
  Model,
  ModelCache,
  ModelCategory,
  ProviderAdapter,
} from '../src/index.js';
import {
  classifyModel,
  createFileCache,
  createMemoryCache,
  createModelCatalog,
  listModels,
  MODEL_CATEGORIES,
  ollama,
  openai,
  openrouter,
} from '../src/index.js';

// The names issue 2 fixes for later work and outside checks: they must stay exported as they are.
const RUNTIME_EXPORTS = {
  listModels,
  createModelCatalog,
  classifyModel,
  createFileCache,
  createMemoryCache,
  openai,
  openrouter,
  ollama,
};

describe('the public API', () => {
  it.each(Object.entries(RUNTIME_EXPORTS))('exports %s as a function', (_name, value) => {
    expect(typeof value).toBe('function');
  });

  it('exports MODEL_CATEGORIES as the six categories, in order', () => {
    expect(MODEL_CATEGORIES).toEqual(['chat', 'embedding', 'image', 'tts', 'stt', 'other']);
  });

  it.each([
    ['openai', openai],
    ['openrouter', openrouter],
    ['ollama', ollama],
  ] as const)(
    'has %s() take { apiKey?, baseURL?, headers? } and return a plain adapter',
    (id, factory) => {
      expectTypeOf(factory).parameter(0).toExtend<
        | {
            readonly apiKey?: string | undefined;
            readonly baseURL?: string | undefined;
            readonly headers?: Readonly<Record<string, string>> | undefined;
          }
        | undefined
      >();
      const adapter: ProviderAdapter = factory({
        apiKey: 'sk-public-api-test-key',
        baseURL: 'http://127.0.0.1:9/',
        headers: { 'x-test': '1' },
      });
      expect(adapter.id).toBe(id);
      expect(typeof adapter.listModels).toBe('function');
      expect(Object.getPrototypeOf(adapter)).toBe(Object.prototype);
    },
  );

  it('exports the types Model, ModelCategory, ModelCache, CacheEntry and ProviderAdapter', () => {
    const model: Model = { id: 'gpt-4o', name: 'gpt-4o', category: 'chat', provider: 'openai' };
    const entry: CacheEntry = {
      version: 1,
      providerId: 'openai',
      fetchedAt: '2026-02-19T10:00:00.000Z',
      models: [model],
    };
    const cache: ModelCache = createMemoryCache();
    expectTypeOf<ModelCategory>().toEqualTypeOf<(typeof MODEL_CATEGORIES)[number]>();
    expectTypeOf<CacheEntry['version']>().toEqualTypeOf<1>();
    expectTypeOf(cache.get).returns.resolves.toEqualTypeOf<CacheEntry | undefined>();
    expect(entry.models).toEqual([model]);
  });
});
