import { describe, expect, it, onTestFinished } from 'vitest';
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
import { WIRE_FORMATS } from '../../src/server/formats/index.js';

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
      "a model's override that is no object",
      { overrides: { openai: { 'gpt-4o': 5 } } },
      '`overrides` of "gpt-4o" of "openai": it must be an object.',
    ],
    [
      'an override of the id',
      { overrides: { x: { a: { id: 'zzz' } } } },
      '`overrides` of "a" of "x": `id` is not a field an override sets (id, provider and sources are the listing\'s own).',
    ],
    [
      'an override of the provider',
      { overrides: { x: { a: { provider: 'evil' } } } },
      '`overrides` of "a" of "x": `provider` is not a field an override sets (id, provider and sources are the listing\'s own).',
    ],
    [
      'an override of a field models do not have',
      { overrides: { x: { a: { bogus: 1 } } } },
      '`overrides` of "a" of "x": `bogus` is not a field an override sets (id, provider and sources are the listing\'s own).',
    ],
    [
      'an unknown category',
      { overrides: { x: { a: { category: 'bogus' } } } },
      '`overrides` of "a" of "x": `category` must be one of chat, embedding, image, tts, stt, other, got "bogus".',
    ],
    [
      'a blank name',
      { overrides: { x: { a: { name: ' ' } } } },
      '`overrides` of "a" of "x": `name` must be a non-empty string, got " ".',
    ],
    [
      'a negative context length',
      { overrides: { x: { a: { contextLength: -5 } } } },
      '`overrides` of "a" of "x": `contextLength` must be a finite number of at least 0, got -5.',
    ],
    [
      'a context length that is text',
      { overrides: { x: { a: { contextLength: 'big' } } } },
      '`overrides` of "a" of "x": `contextLength` must be a finite number of at least 0, got "big".',
    ],
    [
      'aliases that are no strings',
      { overrides: { x: { a: { aliases: [1] } } } },
      '`overrides` of "a" of "x": `aliases` must be an array of strings, got 1.',
    ],
    [
      'an infinite price',
      { overrides: { x: { a: { pricing: { input: Number.POSITIVE_INFINITY } } } } },
      '`overrides` of "a" of "x": `pricing.input` must be a finite number of at least 0, got Infinity.',
    ],
    [
      'a free that is no boolean',
      { overrides: { x: { a: { pricing: { free: 'yes' } } } } },
      '`overrides` of "a" of "x": `pricing.free` must be true or false, got "yes".',
    ],
    [
      'a price models do not have',
      { overrides: { x: { a: { pricing: { perMinute: 1 } } } } },
      '`overrides` of "a" of "x": `pricing.perMinute` is not a price (input, output, cacheRead, cacheWrite, reasoning, image, request, free).',
    ],
    [
      'a bad value after a good price',
      { overrides: { x: { a: { pricing: { input: 1 }, contextLength: -1 } } } },
      '`overrides` of "a" of "x": `contextLength` must be a finite number of at least 0, got -1.',
    ],
    [
      'a name cleared',
      { overrides: { x: { a: { name: undefined } } } },
      '`overrides` of "a" of "x": `name` must be a non-empty string, got undefined.',
    ],
    [
      'a category cleared',
      { overrides: { x: { a: { category: null } } } },
      '`overrides` of "a" of "x": `category` must be one of chat, embedding, image, tts, stt, other, got null.',
    ],
    [
      'a field models do not have, even cleared',
      { overrides: { x: { a: { bogus: undefined } } } },
      '`overrides` of "a" of "x": `bogus` is not a field an override sets (id, provider and sources are the listing\'s own).',
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

describe('a joined list stays the same list while nothing changed', () => {
  const deepseek = idsOnly('deepseek', ['deepseek-chat', 'deepseek-reasoner', 'deepseek-coder']);

  it('hands out one list per fetch with a catalog, with overrides, and with both', async () => {
    for (const options of [
      { catalogs: [staticCatalog(ACME, { id: 'acme' })] },
      { overrides: { deepseek: { 'deepseek-coder': { contextLength: 64_000 } } } },
      {
        catalogs: [staticCatalog(ACME, { id: 'acme' })],
        overrides: { deepseek: { 'deepseek-chat': { pricing: { input: 0.1 } } } },
      },
    ] satisfies ModelCatalogOptions[]) {
      const catalog = catalogWith({ providers: [deepseek], ...options });
      // Every caller gets the same frozen list, until a fetch brings a new one.
      const first = (await catalog.listModels()).providers.deepseek!;
      const second = (await catalog.listModels()).providers.deepseek!;
      expect(second).toBe(first);
      expect(Object.isFrozen(first)).toBe(true);
      expect(first.some((model) => model.sources !== undefined)).toBe(true);
      // A fetch brings new models.
      const refreshed = (await catalog.listModels({ refresh: true })).providers.deepseek!;
      expect(refreshed).toEqual(first);
      expect(refreshed.every((model, index) => model !== first[index])).toBe(true);
    }
  });

  it('lets the handler answer a repeat with If-None-Match without a render', async () => {
    const catalog = catalogWith({
      providers: [deepseek],
      catalogs: [staticCatalog(ACME, { id: 'acme' })],
      overrides: { deepseek: { 'deepseek-coder': { contextLength: 64_000 } } },
    });
    let renders = 0;
    const grouped = WIRE_FORMATS.grouped as { render: typeof WIRE_FORMATS.grouped.render };
    const render = grouped.render;
    grouped.render = (input, query) => {
      renders++;
      return render.call(grouped, input, query);
    };
    onTestFinished(() => {
      grouped.render = render;
    });
    const handler = createModelsHandler(catalog, { format: 'native' });
    const first = await handler(new Request('http://models.test/v1/models?format=grouped'));
    const etag = first.headers.get('etag')!;
    const rendersAfterFirst = renders;
    expect(rendersAfterFirst).toBe(1);
    const again = await handler(
      new Request('http://models.test/v1/models?format=grouped', {
        headers: { 'if-none-match': etag },
      }),
    );
    expect(again.status).toBe(304);
    expect(renders).toBe(rendersAfterFirst);
  });

  it('shows an override changed in place at the next listing', async () => {
    const overrides = { deepseek: { 'deepseek-coder': { contextLength: 64_000 } } };
    const catalog = catalogWith({ providers: [deepseek], overrides });
    const before = await catalog.listModels({ provider: 'deepseek' });
    expect(byId(before.models, 'deepseek-coder')?.contextLength).toBe(64_000);
    overrides.deepseek['deepseek-coder'].contextLength = 32_000;
    const after = await catalog.listModels({ provider: 'deepseek' });
    expect(byId(after.models, 'deepseek-coder')?.contextLength).toBe(32_000);
    expect(byId(before.models, 'deepseek-coder')?.contextLength).toBe(64_000);
  });

  it('clears a field or a price given null, as JSON writes it, as undefined does', async () => {
    const wide: ProviderAdapter = {
      id: 'acme',
      listModels: async () => [
        {
          id: 'm',
          name: 'm',
          category: 'chat',
          provider: 'acme',
          contextLength: 1000,
          description: 'd',
          pricing: { input: 1, output: 2 },
        },
      ],
    };
    const overrides = JSON.parse(
      '{ "acme": { "m": { "contextLength": null, "description": null, "pricing": { "input": null } } } }',
    );
    const catalog = createModelCatalog({ providers: [wide], cache: false, env: {}, overrides });
    const [model] = (await catalog.listModels({ provider: 'acme' })).models;
    expect(model?.contextLength).toBeUndefined();
    expect(model?.description).toBeUndefined();
    expect(model?.pricing?.input).toBeUndefined();
    expect(model?.pricing?.output).toBe(2);
    expect(JSON.parse(JSON.stringify(model))).toEqual({
      id: 'm',
      name: 'm',
      category: 'chat',
      provider: 'acme',
      pricing: { output: 2 },
      sources: {
        contextLength: 'override',
        description: 'override',
        'pricing.input': 'override',
      },
    });
  });

  it('leaves out an override changed in place to a value its field cannot hold', async () => {
    const overrides = { deepseek: { 'deepseek-coder': { contextLength: 64_000, name: 'Coder' } } };
    const catalog = catalogWith({ providers: [deepseek], overrides });
    const before = await catalog.listModels({ provider: 'deepseek' });
    expect(byId(before.models, 'deepseek-coder')).toMatchObject({
      contextLength: 64_000,
      name: 'Coder',
    });
    overrides.deepseek['deepseek-coder'].contextLength = -1;
    const after = byId(
      (await catalog.listModels({ provider: 'deepseek' })).models,
      'deepseek-coder',
    );
    // The whole override goes, as it would have been refused whole by createModelCatalog.
    expect(after?.contextLength).toBeUndefined();
    expect(after?.name).toBe('deepseek-coder');
    expect(after?.sources).toBeUndefined();
  });

  it('gives two catalogs on one cache their own overrides, even when both read as the same JSON', async () => {
    const wide: ProviderAdapter = {
      id: 'acme',
      listModels: async () => [
        { id: 'm', name: 'm', category: 'chat', provider: 'acme', contextLength: 1000 },
      ],
    };
    const cache = createMemoryCache();
    const kept = createModelCatalog({
      providers: [wide],
      cache,
      env: {},
      overrides: { acme: { m: {} } },
    });
    const cleared = createModelCatalog({
      providers: [wide],
      cache,
      env: {},
      overrides: { acme: { m: { contextLength: undefined } } } as never,
    });
    expect((await kept.listModels({ provider: 'acme' })).models[0]?.contextLength).toBe(1000);
    expect(
      (await cleared.listModels({ provider: 'acme' })).models[0]?.contextLength,
    ).toBeUndefined();
  });

  it('freezes through a list a catalog source of the caller hands over frozen only at the top', async () => {
    const joinedOnce: { models?: readonly Model[] } = {};
    const cached: CatalogSource = {
      id: 'mine',
      async join(listing) {
        const result = await listing;
        joinedOnce.models ??= Object.freeze(
          result.models.map((model) => ({ ...model, pricing: { input: 1 } })),
        );
        return { ...result, models: joinedOnce.models as Model[] };
      },
    };
    const catalog = catalogWith({ providers: [deepseek], catalogs: [cached] });
    const first = await catalog.listModels({ provider: 'deepseek' });
    expect(() => {
      (first.models[0]!.pricing as { input: number }).input = 999;
    }).toThrow(TypeError);
    const second = await catalog.listModels({ provider: 'deepseek' });
    expect(second.models[0]!.pricing?.input).toBe(1);
  });
});
