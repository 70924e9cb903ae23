// Catalog enrichment through the engine: real ky requests to api.openai.com and models.dev
// answered by msw. test/fixtures/models-dev/api.json is a subset of a real models.dev
// api.json (MIT, notice beside it), every model kept byte for byte with all its fields.
import { existsSync, readFileSync } from 'node:fs';
import { delay, HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  type CatalogEvent,
  createFileCache,
  type Model,
  modelsDev,
  openai,
  openaiCompatible,
  type ProviderAdapter,
} from '../../src/index.js';
import { fixture } from '../helpers/fixtures.js';
import {
  byId,
  catalogWith,
  HOUR,
  KEY,
  MODELS_DEV_URL,
  NOW,
  NOW_ISO,
  OPENAI_URL,
  serveModelsDev,
} from '../helpers/models-dev-catalog.js';
import { recordRequests, server } from '../helpers/msw.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();

/** An OpenAI listing: ids, owners and creation times only, as OpenAI sends. */
const openaiListing = () => ({
  object: 'list',
  data: [
    { id: 'gpt-4o', object: 'model', created: 1715367049, owned_by: 'system' },
    { id: 'o4-mini', object: 'model', created: 1744225351, owned_by: 'system' },
    { id: 'text-embedding-3-large', object: 'model', created: 1705953180, owned_by: 'system' },
    { id: 'gpt-image-1', object: 'model', created: 1745517030, owned_by: 'system' },
    { id: 'gpt-4o-acme-finetune', object: 'model', created: 1722000000, owned_by: 'acme' },
  ],
});

const serveOpenAI = () => http.get(OPENAI_URL, () => HttpResponse.json(openaiListing()));

describe('modelsDev() joined into a listing', () => {
  it('fills an OpenAI listing of ids with limits, prices, capabilities and reasoning, each in sources', async () => {
    server.use(serveOpenAI(), serveModelsDev());
    const { models, status } = await catalogWith().listModels({ provider: 'openai' });

    expect(byId(models, 'gpt-4o')).toEqual({
      id: 'gpt-4o',
      name: 'gpt-4o',
      category: 'chat',
      provider: 'openai',
      created: 1715367049,
      ownedBy: 'system',
      contextLength: 128_000,
      maxOutputTokens: 16_384,
      inputModalities: ['text', 'image', 'file'],
      outputModalities: ['text'],
      family: 'gpt',
      releaseDate: '2024-05-13',
      knowledgeCutoff: '2023-09',
      openWeights: false,
      capabilities: {
        tools: true,
        vision: true,
        pdfInput: true,
        audioInput: false,
        reasoning: false,
        structuredOutput: true,
        promptCaching: true,
      },
      pricing: { input: 2.5, output: 10, cacheRead: 1.25, free: false },
      sources: {
        contextLength: 'models.dev',
        maxOutputTokens: 'models.dev',
        inputModalities: 'models.dev',
        outputModalities: 'models.dev',
        family: 'models.dev',
        releaseDate: 'models.dev',
        knowledgeCutoff: 'models.dev',
        openWeights: 'models.dev',
        'capabilities.tools': 'models.dev',
        'capabilities.vision': 'models.dev',
        'capabilities.pdfInput': 'models.dev',
        'capabilities.audioInput': 'models.dev',
        'capabilities.reasoning': 'models.dev',
        'capabilities.structuredOutput': 'models.dev',
        'capabilities.promptCaching': 'models.dev',
        'pricing.input': 'models.dev',
        'pricing.output': 'models.dev',
        'pricing.cacheRead': 'models.dev',
        'pricing.free': 'models.dev',
      },
    });
    const o4mini = byId(models, 'o4-mini');
    expect(o4mini?.reasoning).toEqual({ efforts: ['low', 'medium', 'high'] });
    expect(o4mini?.capabilities?.reasoning).toBe(true);
    expect(o4mini?.sources?.['reasoning.efforts']).toBe('models.dev');
    expect(o4mini?.contextLength).toBe(200_000);
    // models.dev's placeholder limits of 0 are no limits: gpt-image-1 gets none.
    expect(byId(models, 'gpt-image-1')?.contextLength).toBeUndefined();
    expect(byId(models, 'gpt-image-1')?.outputModalities).toEqual(['image']);
    expect(status).toEqual({ source: 'live', fetchedAt: NOW_ISO });
  });

  it('leaves an id the catalog does not hold exactly as the provider listed it, without sources', async () => {
    server.use(serveOpenAI(), serveModelsDev());
    const { models } = await catalogWith().listModels({ provider: 'openai' });
    expect(byId(models, 'gpt-4o-acme-finetune')).toEqual({
      id: 'gpt-4o-acme-finetune',
      name: 'gpt-4o-acme-finetune',
      category: 'chat',
      provider: 'openai',
      created: 1722000000,
      ownedBy: 'acme',
    });
    // Never a prefix guess: `gpt-4o-acme-finetune` starts with `gpt-4o` and gets nothing of it.
    expect(models).toHaveLength(5);
  });

  it('never adds a model the listing did not return', async () => {
    server.use(
      http.get(OPENAI_URL, () =>
        HttpResponse.json({ object: 'list', data: [{ id: 'gpt-4o', object: 'model' }] }),
      ),
      serveModelsDev(),
    );
    const { models } = await catalogWith().listModels({ provider: 'openai' });
    expect(models.map((model) => model.id)).toEqual(['gpt-4o']);
  });

  it('lets every value the live listing reported win over the catalog, field by field', async () => {
    // A gateway that reports a context window, a price and the tools flag of its own.
    const gateway: ProviderAdapter = {
      id: 'openai',
      async listModels() {
        return [
          {
            id: 'gpt-4o',
            name: 'GPT-4o (gateway)',
            category: 'chat',
            provider: 'openai',
            contextLength: 64_000,
            pricing: { input: 3 },
            capabilities: { tools: false },
          },
        ];
      },
    };
    server.use(serveModelsDev());
    const { models } = await catalogWith({ providers: [gateway] }).listModels({
      provider: 'openai',
    });
    const model = models[0]!;
    expect(model.name).toBe('GPT-4o (gateway)');
    expect(model.contextLength).toBe(64_000);
    expect(model.maxOutputTokens).toBe(16_384);
    // A listing that reports prices reports its own price sheet: no catalog price joins it
    // (models.dev's are another seller's, taken another day), nor its prompt caching.
    expect(model.pricing).toEqual({ input: 3 });
    expect(model.capabilities?.tools).toBe(false);
    expect(model.capabilities?.structuredOutput).toBe(true);
    expect(model.capabilities).not.toHaveProperty('promptCaching');
    expect(model.sources).not.toHaveProperty('contextLength');
    expect(model.sources).not.toHaveProperty('pricing.input');
    expect(model.sources).not.toHaveProperty('capabilities.tools');
    expect(model.sources).not.toHaveProperty('pricing.free');
    expect(model.sources).not.toHaveProperty('pricing.output');
    expect(model.sources).not.toHaveProperty('pricing.cacheRead');
    expect(model.sources?.['capabilities.structuredOutput']).toBe('models.dev');
    expect(model.sources?.maxOutputTokens).toBe('models.dev');
  });

  it('adds no reasoning options to a model the listing says does not reason', async () => {
    const gateway: ProviderAdapter = {
      id: 'openai',
      async listModels() {
        return [
          {
            id: 'o4-mini',
            name: 'o4-mini',
            category: 'chat',
            provider: 'openai',
            capabilities: { reasoning: false },
          },
        ];
      },
    };
    server.use(serveModelsDev());
    const { models } = await catalogWith({ providers: [gateway] }).listModels({
      provider: 'openai',
    });
    const model = models[0]!;
    expect(model.capabilities?.reasoning).toBe(false);
    expect(model.contextLength).toBe(200_000); // the other facts are joined
    expect(model).not.toHaveProperty('reasoning');
    expect(model.sources).not.toHaveProperty('reasoning.efforts');
  });

  it('lets overrides win over the live listing and the catalog, recorded as override', async () => {
    server.use(serveOpenAI(), serveModelsDev());
    const catalog = catalogWith({
      overrides: {
        openai: {
          'gpt-4o': {
            contextLength: 100_000,
            pricing: { input: 2 },
            capabilities: { tools: false },
          },
          'gpt-4o-acme-finetune': { contextLength: 32_000, ownedBy: 'acme-labs' },
          'not-listed': { contextLength: 1 },
        },
      },
    });
    const { models } = await catalog.listModels({ provider: 'openai' });
    const gpt4o = byId(models, 'gpt-4o')!;
    expect(gpt4o.contextLength).toBe(100_000);
    expect(gpt4o.pricing).toEqual({ input: 2, output: 10, cacheRead: 1.25, free: false });
    expect(gpt4o.capabilities?.tools).toBe(false);
    expect(gpt4o.capabilities?.vision).toBe(true);
    expect(gpt4o.sources).toMatchObject({
      contextLength: 'override',
      'pricing.input': 'override',
      'pricing.output': 'models.dev',
      'capabilities.tools': 'override',
      'capabilities.vision': 'models.dev',
    });
    // The override beats a live value too (ownedBy came from OpenAI).
    expect(byId(models, 'gpt-4o-acme-finetune')).toMatchObject({
      contextLength: 32_000,
      ownedBy: 'acme-labs',
      sources: { contextLength: 'override', ownedBy: 'override' },
    });
    expect(byId(models, 'not-listed')).toBeUndefined();
    expect(models).toHaveLength(5);
  });

  it('keeps a category the classifier gave: embedding models that catalogs tag as text output stay embedding', async () => {
    server.use(serveOpenAI(), serveModelsDev());
    const { models } = await catalogWith().listModels({ provider: 'openai' });
    const embedding = byId(models, 'text-embedding-3-large')!;
    expect(embedding.category).toBe('embedding');
    expect(embedding.outputModalities).toEqual(['text']);
    expect(embedding.sources).not.toHaveProperty('category');
    // models.dev's output "limit" of an embedding model is its vector size: not taken.
    expect(embedding.contextLength).toBe(8191);
    expect(embedding).not.toHaveProperty('maxOutputTokens');
    expect(byId(models, 'gpt-image-1')?.category).toBe('image');
  });

  it('moves a model out of chat on the catalog modalities when the listing reported none, saying so in sources', async () => {
    // An OpenAI-compatible gateway listing Vercel ids, joined to models.dev's `vercel`.
    server.use(
      http.get('http://127.0.0.1:8911/v1/models', () =>
        HttpResponse.json({
          data: [{ id: 'quiverai/arrow-1.1' }, { id: 'quiverai/arrow-1.1-unlisted' }],
        }),
      ),
      serveModelsDev(),
    );
    const catalog = catalogWith({
      providers: [openaiCompatible({ id: 'my-gateway', baseURL: 'http://127.0.0.1:8911/v1' })],
      catalogs: [modelsDev({ providerIds: { 'my-gateway': 'vercel' } })],
    });
    const { models } = await catalog.listModels({ provider: 'my-gateway' });
    expect(byId(models, 'quiverai/arrow-1.1')).toMatchObject({
      category: 'image',
      outputModalities: ['image'],
      sources: { category: 'models.dev', outputModalities: 'models.dev' },
    });
    expect(byId(models, 'quiverai/arrow-1.1-unlisted')?.category).toBe('chat');
  });

  it('keeps the category when the listing reported modalities of its own', async () => {
    const adapter: ProviderAdapter = {
      id: 'vercel-ai-gateway',
      async listModels() {
        return [
          {
            id: 'quiverai/arrow-1.1',
            name: 'Arrow',
            category: 'chat',
            provider: 'vercel-ai-gateway',
            outputModalities: ['text'],
          },
        ];
      },
    };
    server.use(serveModelsDev());
    const { models } = await catalogWith({ providers: [adapter] }).listModels({
      provider: 'vercel-ai-gateway',
    });
    expect(models[0]?.category).toBe('chat');
    expect(models[0]?.sources).not.toHaveProperty('category');
  });

  it('maps lifecycle, free prices and open weights through the provider-id table', async () => {
    const adapter: ProviderAdapter = {
      id: 'openrouter',
      async listModels() {
        return ['meta-llama/llama-3.3-70b-instruct:free', 'anthropic/claude-opus-4'].map((id) => ({
          id,
          name: id,
          category: 'chat' as const,
          provider: 'openrouter',
        }));
      },
    };
    server.use(serveModelsDev());
    const { models } = await catalogWith({ providers: [adapter] }).listModels({
      provider: 'openrouter',
    });
    expect(byId(models, 'meta-llama/llama-3.3-70b-instruct:free')).toMatchObject({
      pricing: { input: 0, output: 0, free: true },
      openWeights: true,
      family: 'llama',
    });
    const anthropicModels = await catalogWith({
      providers: [
        {
          id: 'anthropic',
          listModels: async () => [
            {
              id: 'claude-3-7-sonnet-20250219',
              name: 'x',
              category: 'chat',
              provider: 'anthropic',
            },
          ],
        },
      ],
    }).listModels({ provider: 'anthropic' });
    expect(anthropicModels.models[0]).toMatchObject({
      lifecycle: { status: 'deprecated' },
      deprecated: true,
      sources: { 'lifecycle.status': 'models.dev', deprecated: 'models.dev' },
    });
  });

  it('serves the listing without facts when models.dev fails, reported in status and as an event', async () => {
    const events: CatalogEvent[] = [];
    server.use(
      serveOpenAI(),
      http.get(MODELS_DEV_URL, () =>
        HttpResponse.json({ message: 'upstream down' }, { status: 503 }),
      ),
    );
    const { models, status } = await catalogWith({
      onEvent: (event) => events.push(event),
    }).listModels({ provider: 'openai' });
    expect(models).toHaveLength(5);
    expect(models.every((model) => model.sources === undefined)).toBe(true);
    expect(byId(models, 'gpt-4o')).toEqual({
      id: 'gpt-4o',
      name: 'gpt-4o',
      category: 'chat',
      provider: 'openai',
      created: 1715367049,
      ownedBy: 'system',
    });
    expect(status.source).toBe('live');
    expect(status.catalogErrors?.['models.dev']).toEqual({
      kind: 'http',
      status: 503,
      message:
        'models.dev: GET https://models.dev/api.json answered 503 Service Unavailable: upstream down',
    });
    expect(events).toContainEqual({
      type: 'fetch:error',
      provider: 'models.dev',
      kind: 'http',
      status: 503,
      message:
        'models.dev: GET https://models.dev/api.json answered 503 Service Unavailable: upstream down',
    });
  });

  it('reports a models.dev answer that is no catalog as invalid_response, listing intact', async () => {
    server.use(
      serveOpenAI(),
      http.get(MODELS_DEV_URL, () => HttpResponse.json([1, 2, 3])),
    );
    const result = await catalogWith().listModels();
    expect(result.providers.openai).toHaveLength(5);
    expect(result.errors).toEqual({});
    expect(result.status.openai?.catalogErrors?.['models.dev']?.kind).toBe('invalid_response');
    expect(result.status.openai?.catalogErrors?.['models.dev']?.message).toContain(
      'does not have the models.dev shape',
    );
  });

  it('skips a malformed model of models.dev and joins the others', async () => {
    const data = fixture<Record<string, { models: Record<string, Record<string, unknown>> }>>(
      'models-dev',
      'api.json',
    );
    data.openai!.models['gpt-4o']!.limit = { context: 'lots', output: 16384 };
    server.use(
      serveOpenAI(),
      http.get(MODELS_DEV_URL, () => HttpResponse.json(data)),
    );
    const { models, status } = await catalogWith().listModels({ provider: 'openai' });
    expect(byId(models, 'gpt-4o')?.sources).toBeUndefined();
    expect(byId(models, 'o4-mini')?.contextLength).toBe(200_000);
    expect(status.catalogErrors).toBeUndefined();
  });

  it('scrubs header values from errors and sends them to a mirror', async () => {
    const token = 'mirror-token-PLANTED-61c0';
    const requests = recordRequests();
    server.use(
      serveOpenAI(),
      http.get('https://mirror.example.com/catalog/api.json', () =>
        HttpResponse.json({ error: { message: `bad token ${token}` } }, { status: 401 }),
      ),
    );
    const catalog = catalogWith({
      catalogs: [
        modelsDev({
          baseURL: 'https://mirror.example.com/catalog/',
          headers: { authorization: `Bearer ${token}` },
        }),
      ],
    });
    const { status } = await catalog.listModels({ provider: 'openai' });
    const mirrorRequest = requests.find((request) => request.url.includes('mirror.example.com'));
    expect(mirrorRequest?.headers.get('authorization')).toBe(`Bearer ${token}`);
    expect(status.catalogErrors?.['models.dev']?.kind).toBe('auth');
    expect(JSON.stringify(status)).not.toContain(token);
  });
});

describe('the models.dev copy in the cache', () => {
  it('is written under its own key, trimmed to the mapped providers, and read by the next catalog without a request', async () => {
    const dir = tempDir();
    const requests = recordRequests();
    server.use(serveOpenAI(), serveModelsDev());
    await catalogWith({ cache: createFileCache({ dir }) }).listModels({ provider: 'openai' });

    const file = `${dir}/models.dev.json`;
    expect(existsSync(file)).toBe(true);
    const entry = JSON.parse(readFileSync(file, 'utf8'));
    expect(entry).toMatchObject({ version: 1, providerId: 'models.dev', fetchedAt: NOW_ISO });
    const providers = new Set(entry.models.map((model: Model) => model.provider));
    expect([...providers].sort()).toEqual([
      'anthropic',
      'google',
      'openai',
      'openrouter',
      'vercel',
    ]);
    expect(byId(entry.models, 'openai/gpt-4o')?.contextLength).toBe(128_000);

    const fresh = catalogWith({ cache: createFileCache({ dir }), now: () => NOW + HOUR });
    const { models } = await fresh.listModels({ provider: 'openai' });
    expect(byId(models, 'gpt-4o')?.contextLength).toBe(128_000);
    expect(requests.filter((request) => request.url === MODELS_DEV_URL)).toHaveLength(1);
  });

  it('is fetched once for concurrent listings of several providers', async () => {
    const requests = recordRequests();
    server.use(
      serveOpenAI(),
      http.get(MODELS_DEV_URL, async () => {
        await delay(30);
        return HttpResponse.json(fixture('models-dev', 'api.json'));
      }),
    );
    const anthropicAdapter: ProviderAdapter = {
      id: 'anthropic',
      listModels: async () => [
        {
          id: 'claude-sonnet-4-0',
          name: 'claude-sonnet-4-0',
          category: 'chat',
          provider: 'anthropic',
        },
      ],
    };
    const catalog = catalogWith({ providers: [openai({ apiKey: KEY }), anthropicAdapter] });
    const [all, again] = await Promise.all([catalog.listModels(), catalog.listModels()]);
    expect(all.providers.anthropic?.[0]?.contextLength).toBe(200_000);
    expect(again.providers.openai?.find((model) => model.id === 'gpt-4o')?.contextLength).toBe(
      128_000,
    );
    // Later listings within the TTL use the copy in memory: still one request.
    await catalog.listModels();
    expect(requests.filter((request) => request.url === MODELS_DEV_URL)).toHaveLength(1);
  });

  it('is refetched after the TTL and, when that fails, served last-good with the error reported', async () => {
    let now = NOW;
    const requests = recordRequests();
    server.use(serveOpenAI(), serveModelsDev());
    const catalog = catalogWith({ now: () => now, ttlMs: HOUR });
    await catalog.listModels({ provider: 'openai' });

    now = NOW + 2 * HOUR;
    server.use(http.get(MODELS_DEV_URL, () => HttpResponse.error()));
    const { models, status } = await catalog.listModels({ provider: 'openai' });
    expect(byId(models, 'gpt-4o')).toMatchObject({
      contextLength: 128_000,
      sources: { contextLength: 'models.dev' },
    });
    expect(status.catalogErrors?.['models.dev']?.kind).toBe('network');
    expect(requests.filter((request) => request.url === MODELS_DEV_URL)).toHaveLength(2);
  });

  it('is not refreshed by a provider refresh', async () => {
    const requests = recordRequests();
    server.use(serveOpenAI(), serveModelsDev());
    const catalog = catalogWith();
    await catalog.listModels({ provider: 'openai' });
    await catalog.listModels({ provider: 'openai', refresh: true });
    expect(requests.filter((request) => request.url === OPENAI_URL)).toHaveLength(2);
    expect(requests.filter((request) => request.url === MODELS_DEV_URL)).toHaveLength(1);
  });
});

describe("fallback: 'catalog'", () => {
  const failingOpenAI = () =>
    http.get(OPENAI_URL, () =>
      HttpResponse.json({ error: { message: 'Incorrect API key provided' } }, { status: 401 }),
    );

  it('answers a provider that failed with no cached list from the catalog, marked as such', async () => {
    server.use(failingOpenAI(), serveModelsDev());
    const result = await catalogWith({ fallback: 'catalog' }).listModels();
    const models = result.providers.openai!;
    expect(models.map((model) => model.id).sort()).toEqual([
      'gpt-4o',
      'gpt-5-mini',
      'gpt-image-1',
      'o4-mini',
      'text-embedding-3-large',
    ]);
    expect(byId(models, 'gpt-4o')).toMatchObject({
      name: 'GPT-4o',
      provider: 'openai',
      category: 'chat',
      contextLength: 128_000,
      sources: { name: 'models.dev', contextLength: 'models.dev', 'pricing.input': 'models.dev' },
    });
    expect(byId(models, 'text-embedding-3-large')?.category).toBe('embedding');
    expect(result.status.openai).toEqual({
      source: 'catalog',
      stale: true,
      fetchedAt: NOW_ISO,
      error: {
        kind: 'auth',
        status: 401,
        message:
          'openai: GET https://api.openai.com/v1/models answered 401 Unauthorized: Incorrect API key provided',
      },
    });
    expect(result.errors.openai?.kind).toBe('auth');
  });

  it('is never the default: without it the failure is reported and no models are made up', async () => {
    server.use(failingOpenAI(), serveModelsDev());
    const result = await catalogWith().listModels();
    expect(result.providers.openai).toBeUndefined();
    expect(result.errors.openai?.kind).toBe('auth');
    await expect(catalogWith().listModels({ provider: 'openai' })).rejects.toMatchObject({
      kind: 'auth',
    });
  });

  it('prefers the last good cached list of the provider to the catalog', async () => {
    let now = NOW;
    server.use(serveOpenAI(), serveModelsDev());
    const catalog = catalogWith({ fallback: 'catalog', now: () => now, ttlMs: HOUR });
    await catalog.listModels({ provider: 'openai' });
    now = NOW + 2 * HOUR;
    server.use(failingOpenAI());
    const { models, status } = await catalog.listModels({ provider: 'openai' });
    expect(status.source).toBe('cache');
    expect(status.stale).toBe(true);
    expect(byId(models, 'gpt-4o-acme-finetune')).toBeDefined();
  });

  it('rejects as before when the catalog has nothing for the provider either', async () => {
    server.use(
      failingOpenAI(),
      http.get(MODELS_DEV_URL, () => HttpResponse.json({}, { status: 500 })),
    );
    const catalog = catalogWith({ fallback: 'catalog' });
    await expect(catalog.listModels({ provider: 'openai' })).rejects.toMatchObject({
      kind: 'auth',
    });
  });
});
