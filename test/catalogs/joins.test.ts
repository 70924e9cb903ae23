// Joins of catalogs to listings at their edges: answers that are no catalog, shared data kept
// frozen, a listing's own lifecycle, several catalogs of one id.
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { MODELS_DEV_SNAPSHOT_INFO, modelsDevSnapshot } from '../../src/entries/snapshot.js';
import {
  type CatalogContext,
  createMemoryCache,
  createModelCatalog,
  type Model,
  modelsDev,
  type ProviderAdapter,
  type ProviderResult,
  perplexity,
  staticCatalog,
} from '../../src/index.js';
import { fixture } from '../helpers/fixtures.js';
import {
  byId,
  catalogWith,
  HOUR,
  MODELS_DEV_URL,
  NOW,
  NOW_ISO,
  OPENAI_URL,
  serveModelsDev,
} from '../helpers/models-dev-catalog.js';
import { recordRequests, server } from '../helpers/msw.js';

const serveOpenAI = () =>
  http.get(OPENAI_URL, () =>
    HttpResponse.json({
      object: 'list',
      data: [{ id: 'gpt-4o', object: 'model', created: 1715367049, owned_by: 'system' }],
    }),
  );

describe('modelsDev(): an answer without any mapped provider', () => {
  it('is reported as invalid_response, not cached as an empty catalog for the whole TTL', async () => {
    let now = NOW;
    const requests = recordRequests();
    // A mirror (or a CDN error page in JSON) answers 200 with an object that holds no
    // provider at all: that is no models.dev catalog.
    server.use(
      serveOpenAI(),
      http.get(MODELS_DEV_URL, () =>
        HttpResponse.json({ error: { message: 'maintenance, try again later' } }),
      ),
    );
    const catalog = catalogWith({ now: () => now });
    const { status } = await catalog.listModels({ provider: 'openai' });
    expect(status.catalogErrors?.['models.dev']?.kind).toBe('invalid_response');

    // An hour later (well within the 24-hour TTL) models.dev is back: it is asked again.
    now = NOW + HOUR;
    server.use(serveModelsDev());
    const { models } = await catalog.listModels({ provider: 'openai' });
    expect(requests.filter((request) => request.url === MODELS_DEV_URL)).toHaveLength(2);
    expect(byId(models, 'gpt-4o')?.contextLength).toBe(128_000);
  });

  it('is reported as invalid_response for another wrong shape too', async () => {
    server.use(
      serveOpenAI(),
      http.get(MODELS_DEV_URL, () => HttpResponse.json({ data: [] })),
    );
    const { status } = await catalogWith().listModels({ provider: 'openai' });
    expect(status.catalogErrors?.['models.dev']?.kind).toBe('invalid_response');
  });
});

describe('model-catalog/snapshot: MODELS_DEV_SNAPSHOT_INFO', () => {
  it('is frozen, as MODELS_DEV_PROVIDER_IDS is: a caller cannot change what the package reports', () => {
    expect(Object.isFrozen(MODELS_DEV_SNAPSHOT_INFO)).toBe(true);
    expect(() => {
      (MODELS_DEV_SNAPSHOT_INFO as { takenAt: string }).takenAt = 'not a date';
    }).toThrow(TypeError);
    expect(MODELS_DEV_SNAPSHOT_INFO.takenAt).toBe('2026-07-01T16:40:00.000Z');
  });
});

describe('staticCatalog(): its entries', () => {
  const context = (provider: string, fallback = false): CatalogContext => ({
    provider,
    fallback,
    signal: undefined,
    load: () => Promise.reject(new Error('not used')),
    now: () => NOW,
    ttlMs: HOUR,
  });
  const listing = (models: Model[]): Promise<ProviderResult> =>
    Promise.resolve({ provider: 'openai', models, status: { source: 'live', fetchedAt: NOW_ISO } });

  it('cannot be changed through a model that join() hands out', async () => {
    const source = staticCatalog(
      {
        openai: {
          models: {
            'gpt-4o': {
              limit: { context: 128000 },
              modalities: { input: ['text', 'image'], output: ['text'] },
              tool_call: true,
            },
          },
        },
      },
      { id: 'acme' },
    );
    const plain = (): Model[] => [
      { id: 'gpt-4o', name: 'gpt-4o', category: 'chat', provider: 'openai' },
    ];
    const first = await source.join(listing(plain()), context('openai'));
    const model = first.models[0]!;
    try {
      (model.inputModalities as string[]).push('audio');
      (model.capabilities as { tools?: boolean }).tools = false;
    } catch {
      // frozen: the change is refused, which is what we want
    }
    const second = await source.join(listing(plain()), context('openai'));
    expect(second.models[0]?.inputModalities).toEqual(['text', 'image']);
    expect(second.models[0]?.capabilities?.tools).toBe(true);
  });
});

describe('enrichModel(): lifecycle against the live deprecated flag', () => {
  it('does not mark deprecated in lifecycle a model the listing says is not deprecated', async () => {
    const adapter: ProviderAdapter = {
      id: 'anthropic',
      listModels: async () => [
        {
          id: 'claude-3-7-sonnet-20250219',
          name: 'Claude 3.7 Sonnet',
          category: 'chat',
          provider: 'anthropic',
          deprecated: false,
        },
      ],
    };
    server.use(serveModelsDev());
    const { models } = await catalogWith({ providers: [adapter] }).listModels({
      provider: 'anthropic',
    });
    const model = models[0]!;
    expect(model.deprecated).toBe(false);
    // `deprecated` is documented true "whenever lifecycle.status is deprecated or retired".
    expect(model.lifecycle?.status).not.toBe('deprecated');
    expect(model.contextLength).toBe(200_000); // the other facts are joined
  });
});

describe('MODELS_DEV_PROVIDER_IDS: perplexity', () => {
  // Perplexity's list (the Agent API) names models `provider/model`; models.dev holds those
  // ids under `perplexity-agent`, while its `perplexity` holds the Sonar ids (`sonar`, ...).
  const perplexityList = () =>
    http.get('https://api.perplexity.ai/v1/models', () =>
      HttpResponse.json(fixture('perplexity', 'models.json')),
    );
  const PPLX_KEY = 'pplx-test-catalog-joins-PLANTED-41be';

  it('joins the live listing to models.dev', async () => {
    server.use(
      perplexityList(),
      http.get(MODELS_DEV_URL, () =>
        HttpResponse.json({
          perplexity: {
            models: {
              sonar: {
                name: 'Sonar',
                limit: { context: 128000, output: 4096 },
                cost: { input: 1, output: 1 },
              },
            },
          },
          'perplexity-agent': {
            models: {
              'perplexity/sonar': {
                name: 'Sonar',
                limit: { context: 128000, output: 8192 },
                cost: { input: 0.25, output: 2.5, cache_read: 0.0625 },
              },
              'openai/gpt-5.5': { name: 'GPT-5.5', limit: { context: 1050000, output: 128000 } },
            },
          },
        }),
      ),
    );
    const { models } = await catalogWith({
      providers: [perplexity({ apiKey: PPLX_KEY })],
    }).listModels({
      provider: 'perplexity',
    });
    expect(byId(models, 'perplexity/sonar')).toMatchObject({
      contextLength: 128_000,
      maxOutputTokens: 8192,
      pricing: { input: 0.25, output: 2.5 },
      sources: { contextLength: 'models.dev' },
    });
    expect(byId(models, 'openai/gpt-5.5')?.contextLength).toBe(1_050_000);
  });

  it('joins the live listing to the snapshot, offline', async () => {
    server.use(perplexityList());
    const catalog = createModelCatalog({
      providers: [perplexity({ apiKey: PPLX_KEY })],
      catalogs: [modelsDevSnapshot()],
      cache: createMemoryCache(),
      env: {},
    });
    const { models } = await catalog.listModels({ provider: 'perplexity' });
    expect(byId(models, 'perplexity/sonar')?.contextLength).toBe(128_000);
    expect(byId(models, 'anthropic/claude-sonnet-4-6')?.sources).toBeDefined();
  });
});

describe("fallback: 'catalog' with [modelsDev(), modelsDevSnapshot()]", () => {
  it('still reports in catalogErrors why models.dev could not be read when the snapshot answers', async () => {
    server.use(
      http.get(OPENAI_URL, () =>
        HttpResponse.json({ error: { message: 'Incorrect API key provided' } }, { status: 401 }),
      ),
      http.get(MODELS_DEV_URL, () => HttpResponse.json({ message: 'down' }, { status: 503 })),
    );
    const catalog = catalogWith({
      catalogs: [modelsDev(), modelsDevSnapshot()],
      fallback: 'catalog',
    });
    const { models, status } = await catalog.listModels({ provider: 'openai' });
    expect(status.source).toBe('catalog');
    expect(status.fetchedAt).toBe(MODELS_DEV_SNAPSHOT_INFO.takenAt);
    expect(byId(models, 'gpt-4o')?.contextLength).toBe(128_000);
    // Documented: "A failing catalog never fails a listing ... status.catalogErrors['models.dev'] says why".
    expect(status.catalogErrors?.['models.dev']).toMatchObject({ kind: 'http', status: 503 });
  });
});

describe('readModelsDev(): a status that names an Object.prototype member', () => {
  it('is no lifecycle status in a live models.dev answer', async () => {
    const data = fixture<Record<string, { models: Record<string, Record<string, unknown>> }>>(
      'models-dev',
      'api.json',
    );
    data.openai!.models['gpt-4o']!.status = 'constructor';
    server.use(
      serveOpenAI(),
      http.get(MODELS_DEV_URL, () => HttpResponse.json(data)),
    );
    const { models, status } = await catalogWith().listModels({ provider: 'openai' });
    const gpt4o = byId(models, 'gpt-4o')!;
    expect(gpt4o.contextLength).toBe(128_000);
    expect(gpt4o.lifecycle).toBeUndefined();
    expect(status.catalogErrors).toBeUndefined();
  });

  it('is no lifecycle status in a static catalog', async () => {
    const source = staticCatalog(
      { openai: { models: { 'gpt-4o': { status: 'toString', limit: { context: 128000 } } } } },
      { id: 'acme' },
    );
    const catalog = createModelCatalog({
      providers: [
        {
          id: 'openai',
          listModels: async () => [
            { id: 'gpt-4o', name: 'gpt-4o', category: 'chat', provider: 'openai' },
          ],
        },
      ],
      catalogs: [source],
      cache: createMemoryCache(),
      env: {},
    });
    const { models } = await catalog.listModels({ provider: 'openai' });
    expect(models[0]?.contextLength).toBe(128_000);
    expect(models[0]?.lifecycle).toBeUndefined();
    expect(models[0]?.sources).not.toHaveProperty('lifecycle.status');
  });
});

describe('[modelsDev(), modelsDevSnapshot()] when models.dev is reached', () => {
  // In the snapshot (2026-07-01) groq's qwen/qwen3-32b is `beta`; models.dev today says
  // nothing of a status (it went GA) and gives a newer output limit.
  const liveModelsDev = () =>
    http.get(MODELS_DEV_URL, () =>
      HttpResponse.json({
        groq: {
          models: {
            'qwen/qwen3-32b': {
              name: 'Qwen3 32B',
              limit: { context: 131072, output: 40960 },
              modalities: { input: ['text'], output: ['text'] },
            },
          },
        },
      }),
    );
  const groq: ProviderAdapter = {
    id: 'groq',
    listModels: async () => [
      { id: 'qwen/qwen3-32b', name: 'qwen/qwen3-32b', category: 'chat', provider: 'groq' },
    ],
  };

  it('does not bring back from the older snapshot what the live models.dev no longer says', async () => {
    server.use(liveModelsDev());
    const { models, status } = await catalogWith({
      providers: [groq],
      catalogs: [modelsDev(), modelsDevSnapshot()],
    }).listModels({ provider: 'groq' });
    const model = models[0]!;
    expect(status.catalogErrors).toBeUndefined();
    expect(model.contextLength).toBe(131_072);
    expect(model.lifecycle).toBeUndefined();
    expect(model.sources).not.toHaveProperty('lifecycle.status');
  });

  it('still fills from the snapshot when models.dev cannot be reached', async () => {
    server.use(http.get(MODELS_DEV_URL, () => HttpResponse.error()));
    const { models, status } = await catalogWith({
      providers: [groq],
      catalogs: [modelsDev(), modelsDevSnapshot()],
    }).listModels({ provider: 'groq' });
    expect(status.catalogErrors?.['models.dev']?.kind).toBe('network');
    expect(models[0]).toMatchObject({
      lifecycle: { status: 'preview' },
      sources: { 'lifecycle.status': 'models.dev' },
    });
  });
});
