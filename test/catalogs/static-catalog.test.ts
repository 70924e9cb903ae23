import { describe, expect, it } from 'vitest';
import { createModelCatalog as createCoreCatalog } from '../../src/entries/core.js';
import { createModelsHandler } from '../../src/entries/server.js';
import {
  type CatalogSource,
  createMemoryCache,
  createModelCatalog,
  filterModels,
  type Model,
  type ModelCatalogOptions,
  type ProviderAdapter,
  ProviderRequestError,
  staticCatalog,
} from '../../src/index.js';

const NOW_ISO = '2026-07-02T09:00:00.000Z';

/** An adapter answering with ids only, as OpenAI, DeepSeek or Cerebras do. */
function idsOnly(id: string, ids: readonly string[]): ProviderAdapter {
  return {
    id,
    listModels: async () =>
      ids.map((modelId) => ({ id: modelId, name: modelId, category: 'chat', provider: id })),
  };
}

function failing(id: string): ProviderAdapter {
  return {
    id,
    listModels: async () => {
      throw new ProviderRequestError(
        `${id}: GET https://api.example.com/v1/models failed: ECONNREFUSED.`,
        {
          kind: 'network',
          provider: id,
          retryable: true,
        },
      );
    },
  };
}

const ACME = {
  deepseek: {
    models: {
      'deepseek-chat': {
        name: 'DeepSeek Chat',
        limit: { context: 128000, output: 8192 },
        cost: { input: 0.28, output: 0.42, cache_read: 0.028 },
        tool_call: true,
        modalities: { input: ['text'], output: ['text'] },
      },
      'deepseek-reasoner': {
        name: 'DeepSeek Reasoner',
        reasoning: true,
        reasoning_options: [{ type: 'toggle' }, { type: 'budget_tokens', min: 1024, max: 32768 }],
        limit: { context: 128000, output: 65536 },
      },
      'deepseek-painter': { modalities: { input: ['text'], output: ['image'] } },
    },
  },
};

function catalogWith(options: ModelCatalogOptions): ReturnType<typeof createModelCatalog> {
  return createModelCatalog({ cache: createMemoryCache(), env: {}, ...options });
}

const byId = (models: readonly Model[], id: string): Model | undefined =>
  models.find((model) => model.id === id);

describe('staticCatalog()', () => {
  it('joins data keyed by our provider ids, naming itself in sources', async () => {
    const catalog = catalogWith({
      providers: [idsOnly('deepseek', ['deepseek-chat', 'deepseek-reasoner', 'deepseek-painter'])],
      catalogs: [staticCatalog(ACME, { id: 'acme' })],
    });
    const { models } = await catalog.listModels({ provider: 'deepseek' });
    expect(byId(models, 'deepseek-chat')).toEqual({
      id: 'deepseek-chat',
      name: 'deepseek-chat',
      category: 'chat',
      provider: 'deepseek',
      contextLength: 128000,
      maxOutputTokens: 8192,
      inputModalities: ['text'],
      outputModalities: ['text'],
      capabilities: {
        tools: true,
        vision: false,
        pdfInput: false,
        audioInput: false,
        promptCaching: true,
      },
      pricing: { input: 0.28, output: 0.42, cacheRead: 0.028, free: false },
      sources: {
        contextLength: 'acme',
        maxOutputTokens: 'acme',
        inputModalities: 'acme',
        outputModalities: 'acme',
        'capabilities.tools': 'acme',
        'capabilities.vision': 'acme',
        'capabilities.pdfInput': 'acme',
        'capabilities.audioInput': 'acme',
        'capabilities.promptCaching': 'acme',
        'pricing.input': 'acme',
        'pricing.output': 'acme',
        'pricing.cacheRead': 'acme',
        'pricing.free': 'acme',
      },
    });
    expect(byId(models, 'deepseek-reasoner')).toMatchObject({
      capabilities: { reasoning: true },
      reasoning: { canDisable: true, budgetTokens: { min: 1024, max: 32768 } },
      sources: { 'reasoning.canDisable': 'acme', 'reasoning.budgetTokens': 'acme' },
    });
    expect(byId(models, 'deepseek-painter')).toMatchObject({
      category: 'image',
      sources: { category: 'acme' },
    });
  });

  it('fills from the first catalog first, and from a later one only what is still missing', async () => {
    const first = staticCatalog(
      { deepseek: { models: { 'deepseek-chat': { limit: { context: 64000, output: 4096 } } } } },
      { id: 'ours' },
    );
    const catalog = catalogWith({
      providers: [idsOnly('deepseek', ['deepseek-chat'])],
      catalogs: [first, staticCatalog(ACME, { id: 'acme' })],
    });
    const { models } = await catalog.listModels({ provider: 'deepseek' });
    expect(models[0]).toMatchObject({
      contextLength: 64000,
      maxOutputTokens: 4096,
      pricing: { input: 0.28 },
      sources: { contextLength: 'ours', maxOutputTokens: 'ours', 'pricing.input': 'acme' },
    });
  });

  it('joins only the providers of `providerIds`, under the key it names', async () => {
    const catalog = catalogWith({
      providers: [
        idsOnly('my-deepseek', ['deepseek-chat']),
        idsOnly('deepseek', ['deepseek-chat']),
      ],
      catalogs: [staticCatalog(ACME, { id: 'acme', providerIds: { 'my-deepseek': 'deepseek' } })],
    });
    const { providers } = await catalog.listModels();
    expect(providers['my-deepseek']?.[0]?.contextLength).toBe(128000);
    expect(providers.deepseek?.[0]?.sources).toBeUndefined();
  });

  it("answers a failed provider from its data with fallback: 'catalog', dated by `fetchedAt`", async () => {
    const catalog = catalogWith({
      providers: [failing('deepseek'), failing('cerebras')],
      catalogs: [staticCatalog(ACME, { id: 'acme', fetchedAt: '2026-06-30T00:00:00Z' })],
      fallback: 'catalog',
    });
    const result = await catalog.listModels();
    expect(result.providers.deepseek?.map((model) => model.id)).toEqual([
      'deepseek-chat',
      'deepseek-reasoner',
      'deepseek-painter',
    ]);
    expect(byId(result.providers.deepseek!, 'deepseek-reasoner')).toMatchObject({
      name: 'DeepSeek Reasoner',
      provider: 'deepseek',
      contextLength: 128000,
      sources: {
        name: 'acme',
        category: 'acme',
        contextLength: 'acme',
        'reasoning.canDisable': 'acme',
      },
    });
    expect(result.status.deepseek).toEqual({
      source: 'catalog',
      stale: true,
      fetchedAt: '2026-06-30T00:00:00.000Z',
      error: {
        kind: 'network',
        message: 'deepseek: GET https://api.example.com/v1/models failed: ECONNREFUSED.',
      },
    });
    // The catalog has nothing for cerebras: its failure stands.
    expect(result.providers.cerebras).toBeUndefined();
    expect(result.errors.cerebras?.kind).toBe('network');
  });

  it('rejects data without the models.dev shape with a TypeError naming where', () => {
    expect(() =>
      staticCatalog(
        { deepseek: { models: { 'deepseek-chat': { limit: { context: '128k' } } } } },
        { id: 'acme' },
      ),
    ).toThrow(
      new TypeError(
        "staticCatalog(): `data` does not have models.dev's shape: deepseek.models.deepseek-chat.limit.context: expected number.",
      ),
    );
    expect(() => staticCatalog([], { id: 'acme' })).toThrow(/expected an object of providers/);
    expect(() => staticCatalog({ deepseek: { list: [] } }, { id: 'acme' })).toThrow(
      /deepseek\.models: missing/,
    );
  });

  it.each([
    ['no id', {}, /`id` must be a non-empty string/],
    ['the reserved id override', { id: 'override' }, /other than 'override'/],
    [
      'providerIds that are no strings',
      { id: 'acme', providerIds: { deepseek: 1 } },
      /`providerIds` must be an object of strings/,
    ],
    [
      'a fetchedAt that is no date',
      { id: 'acme', fetchedAt: 'last week' },
      /`fetchedAt` must be an ISO 8601 date/,
    ],
  ])('rejects options with %s', (_label, options, message) => {
    expect(() => staticCatalog(ACME, options as never)).toThrow(message);
  });
});

describe('overrides without any catalog', () => {
  it('are applied by the core engine alone, recorded as override', async () => {
    const catalog = createCoreCatalog({
      providers: [idsOnly('deepseek', ['deepseek-chat', 'deepseek-reasoner'])],
      overrides: {
        deepseek: { 'deepseek-chat': { contextLength: 64000, capabilities: { tools: true } } },
      },
    });
    const { models } = await catalog.listModels({ provider: 'deepseek' });
    expect(models).toEqual([
      {
        id: 'deepseek-chat',
        name: 'deepseek-chat',
        category: 'chat',
        provider: 'deepseek',
        contextLength: 64000,
        capabilities: { tools: true },
        sources: { contextLength: 'override', 'capabilities.tools': 'override' },
      },
      {
        id: 'deepseek-reasoner',
        name: 'deepseek-reasoner',
        category: 'chat',
        provider: 'deepseek',
      },
    ]);
  });

  it('carry the fields that follow the ones they set: free after prices, deprecated after a status', async () => {
    const catalog = catalogWith({
      providers: [idsOnly('deepseek', ['deepseek-chat', 'deepseek-reasoner', 'deepseek-coder'])],
      catalogs: [
        staticCatalog(
          {
            deepseek: {
              models: {
                // Free by the catalog's prices.
                'deepseek-chat': { cost: { input: 0, output: 0 } },
                'deepseek-reasoner': { cost: { input: 0, output: 0 } },
              },
            },
          },
          { id: 'acme' },
        ),
      ],
      overrides: {
        deepseek: {
          'deepseek-chat': { pricing: { input: 3, output: 15 } },
          // An override saying free itself is taken at its word.
          'deepseek-reasoner': { pricing: { input: 1, free: true } },
          'deepseek-coder': { lifecycle: { status: 'retired' } },
        },
      },
    });
    const { models } = await catalog.listModels({ provider: 'deepseek' });
    expect(byId(models, 'deepseek-chat')?.pricing).toEqual({ input: 3, output: 15, free: false });
    expect(byId(models, 'deepseek-chat')?.sources?.['pricing.free']).toBe('override');
    expect(byId(models, 'deepseek-reasoner')?.pricing).toEqual({ input: 1, output: 0, free: true });
    expect(byId(models, 'deepseek-coder')).toMatchObject({
      lifecycle: { status: 'retired' },
      deprecated: true,
      sources: { 'lifecycle.status': 'override', deprecated: 'override' },
    });
    expect(filterModels(models, { free: true })).toEqual([byId(models, 'deepseek-reasoner')]);
  });

  it('reach a fresh cache hit as well as a live answer, without being written to the cache', async () => {
    const cache = createMemoryCache();
    const catalog = createCoreCatalog({
      providers: [idsOnly('deepseek', ['deepseek-chat'])],
      cache,
      overrides: { deepseek: { 'deepseek-chat': { name: 'Chat' } } },
    });
    await catalog.listModels({ provider: 'deepseek' });
    const { models, status } = await catalog.listModels({ provider: 'deepseek' });
    expect(status.source).toBe('cache');
    expect(models[0]).toMatchObject({ name: 'Chat', sources: { name: 'override' } });
    expect((await cache.get('deepseek'))?.models[0]).toEqual({
      id: 'deepseek-chat',
      name: 'deepseek-chat',
      category: 'chat',
      provider: 'deepseek',
    });
  });
});

describe('catalog options', () => {
  const notASource = { id: 'x' } as unknown as CatalogSource;
  it.each([
    [
      'catalogs that are no array',
      { catalogs: staticCatalog(ACME, { id: 'acme' }) },
      '`catalogs` must be an array of catalog sources, such as modelsDev().',
    ],
    [
      'a catalog without join',
      { catalogs: [notASource] },
      '`catalogs` must be an array of catalog sources, such as modelsDev().',
    ],
    [
      'overrides that are no object',
      { overrides: 'gpt-4o' },
      '`overrides` must be an object: { [providerId]: { [modelId]: fields } }.',
    ],
    [
      'overrides of a provider that are no object',
      { overrides: { openai: 5 } },
      '`overrides` must be an object: { [providerId]: { [modelId]: fields } }.',
    ],
    [
      'an unknown fallback',
      { fallback: 'cache', catalogs: [staticCatalog(ACME, { id: 'acme' })] },
      "`fallback` must be 'catalog', with at least one source in `catalogs`.",
    ],
    [
      'a fallback without catalogs',
      { fallback: 'catalog' },
      "`fallback` must be 'catalog', with at least one source in `catalogs`.",
    ],
  ])('rejects %s with a TypeError naming the option', (_label, options, message) => {
    expect(() => createModelCatalog(options as ModelCatalogOptions)).toThrow(
      new TypeError(message),
    );
  });
});

describe('the handler', () => {
  it('carries sources in its native format', async () => {
    const catalog = catalogWith({
      providers: [idsOnly('deepseek', ['deepseek-chat'])],
      catalogs: [staticCatalog(ACME, { id: 'acme', fetchedAt: NOW_ISO })],
    });
    const handler = createModelsHandler(catalog);
    const response = await handler(new Request('http://localhost/models?provider=deepseek'));
    const body = (await response.json()) as { models: Model[] };
    expect(body.models[0]).toMatchObject({
      id: 'deepseek-chat',
      contextLength: 128000,
      sources: { contextLength: 'acme', 'pricing.input': 'acme' },
    });
  });
});
