import { HttpResponse, http } from 'msw';
import { beforeEach, describe, expect, it } from 'vitest';
import { createModelCatalog, googleGenAI, ModelCatalogError } from '../../src/index.js';
import { fixture } from '../helpers/fixtures.js';
import { recordRequests, server } from '../helpers/msw.js';
import { describeProviderConformance } from '../helpers/provider-conformance.js';

const KEY = 'AIzaSy-test-PLANTED-4m8x1';
const LIST_URL = 'https://generativelanguage.googleapis.com/v1beta/models';
const TUNED_URL = 'https://generativelanguage.googleapis.com/v1beta/tunedModels';

/** Serves three pages of fewer models than the 1000 asked for, chosen by `pageToken`. */
const handlers = () => [
  http.get(LIST_URL, ({ request }) => {
    const token = new URL(request.url).searchParams.get('pageToken');
    const page =
      { 'Chhtb2RlbHMvZ2VtbWEtMy0yN2ItaXQ=': 2, ChBtb2RlbHMvYXFh: 3 }[token ?? ''] ??
      (token ? 0 : 1);
    if (page === 0)
      return HttpResponse.json(
        { error: { message: `unexpected token ${token}` } },
        { status: 400 },
      );
    return HttpResponse.json(fixture('google-genai', `models-page-${page}.json`));
  }),
  http.get(TUNED_URL, () => HttpResponse.json(fixture('google-genai', 'tuned-models.json'))),
];

describeProviderConformance({
  id: 'google-genai',
  create: (options) => googleGenAI(options),
  env: { GOOGLE_GENERATIVE_AI_API_KEY: KEY },
  options: { apiKey: KEY },
  secret: KEY,
  handlers,
  listUrl: LIST_URL,
  modelCount: 15,
  checkRequest: (request) => {
    expect(request.headers.get('x-goog-api-key')).toBe(KEY);
    expect(new URL(request.url).searchParams.has('key')).toBe(false);
    expect(request.headers.get('authorization')).toBeNull();
  },
});

/** An account without tuned models: Google answers `{}`. */
const noTunedModels = () => server.use(http.get(TUNED_URL, () => HttpResponse.json({})));

describe('google-genai', () => {
  const catalog = (env: Record<string, string> = { GOOGLE_GENERATIVE_AI_API_KEY: KEY }) =>
    createModelCatalog({ providers: [googleGenAI()], env, cache: false, retries: 0 });
  beforeEach(noTunedModels);

  it('is in the default provider set, configured by its environment variable', () => {
    const configured = (env: Record<string, string>) =>
      createModelCatalog({ env, cache: false })
        .listProviders()
        .find((provider) => provider.id === 'google-genai')?.configured;
    expect(configured({})).toBe(false);
    expect(configured({ GEMINI_API_KEY: KEY })).toBe(true);
  });

  it('asks for 1000 models a page with the key in x-goog-api-key, and follows nextPageToken', async () => {
    server.use(...handlers());
    const requests = recordRequests();
    await catalog().listModels({ provider: 'google-genai' });
    const sent = requests.map((request) => `${request.method} ${request.url}`);
    expect(sent.filter((request) => request.startsWith(`GET ${LIST_URL}`))).toEqual([
      `GET ${LIST_URL}?pageSize=1000`,
      `GET ${LIST_URL}?pageSize=1000&pageToken=Chhtb2RlbHMvZ2VtbWEtMy0yN2ItaXQ%3D`,
      `GET ${LIST_URL}?pageSize=1000&pageToken=ChBtb2RlbHMvYXFh`,
    ]);
    // The account's tuned models, asked beside the pages.
    expect(sent.filter((request) => !request.startsWith(`GET ${LIST_URL}`))).toEqual([
      `GET ${TUNED_URL}?pageSize=1000`,
    ]);
    for (const request of requests) {
      expect(request.headers.get('x-goog-api-key')).toBe(KEY);
      expect(request.url).not.toContain(KEY);
    }
  });

  it('returns every model of every page exactly once, without the models/ prefix', async () => {
    server.use(...handlers());
    const { models } = await catalog().listModels({ provider: 'google-genai' });
    expect(models.map((model) => model.id)).toEqual([
      'embedding-gecko-001',
      'gemini-2.5-pro',
      'gemini-2.5-flash',
      'gemini-2.5-flash-preview-tts',
      'gemma-3-27b-it',
      'gemini-flash-latest',
      'gemini-2.5-flash-image',
      'gemini-embedding-001',
      'text-embedding-004',
      'aqa',
      'imagen-4.0-generate-001',
      'veo-3.0-generate-001',
      'gemini-live-2.5-flash-preview',
      'gemini-2.5-flash-native-audio-preview-09-2025',
      'tunedModels/support-triage-7k2m9q',
    ]);
  });

  it('classifies every model of the list from its generation methods and id', async () => {
    server.use(...handlers());
    const { models } = await catalog().listModels({ provider: 'google-genai' });
    expect(Object.fromEntries(models.map((model) => [model.id, model.category]))).toEqual({
      'embedding-gecko-001': 'embedding',
      'gemini-2.5-pro': 'chat',
      'gemini-2.5-flash': 'chat',
      'gemini-2.5-flash-preview-tts': 'tts',
      'gemma-3-27b-it': 'chat',
      'gemini-flash-latest': 'chat',
      'gemini-2.5-flash-image': 'image',
      'gemini-embedding-001': 'embedding',
      'text-embedding-004': 'embedding',
      aqa: 'chat',
      'imagen-4.0-generate-001': 'image',
      'veo-3.0-generate-001': 'other',
      'gemini-live-2.5-flash-preview': 'chat',
      'gemini-2.5-flash-native-audio-preview-09-2025': 'chat',
      'tunedModels/support-triage-7k2m9q': 'chat',
    });
  });

  it('maps display name, description and token limits of a chat model', async () => {
    server.use(...handlers());
    const { models } = await catalog().listModels({ provider: 'google-genai' });
    expect(models.find((model) => model.id === 'gemini-2.5-flash')).toEqual({
      id: 'gemini-2.5-flash',
      name: 'Gemini 2.5 Flash',
      category: 'chat',
      provider: 'google-genai',
      description:
        'Stable version of Gemini 2.5 Flash, our mid-size multimodal model that supports up to 1 million tokens, released in June of 2025.',
      contextLength: 1048576,
      maxOutputTokens: 65536,
      capabilities: { reasoning: true, promptCaching: true },
    });
    // No `thinking` field: whether it thinks is not reported; no createCachedContent: no caching.
    expect(models.find((model) => model.id === 'gemma-3-27b-it')).toEqual({
      id: 'gemma-3-27b-it',
      name: 'Gemma 3 27B',
      category: 'chat',
      provider: 'google-genai',
      contextLength: 131072,
      maxOutputTokens: 8192,
      capabilities: { promptCaching: false },
    });
  });

  it('maps thinking reported false as false, and baseModelId to baseModel', async () => {
    server.use(...handlers());
    const { models } = await catalog().listModels({ provider: 'google-genai' });
    expect(models.find((model) => model.id === 'gemini-2.5-flash-image')?.capabilities).toEqual({
      reasoning: false,
      promptCaching: false,
    });
    expect(models.find((model) => model.id === 'gemini-2.5-flash-preview-tts')).toMatchObject({
      category: 'tts',
      baseModel: 'gemini-2.5-flash',
    });
    expect(
      models.filter((model) => model.baseModel !== undefined).map((model) => model.id),
    ).toEqual(['gemini-2.5-flash-preview-tts', 'tunedModels/support-triage-7k2m9q']);
  });

  it("lists the account's active tuned models as fine-tuned, with their base model", async () => {
    server.use(...handlers());
    const { models } = await catalog().listModels({ provider: 'google-genai' });
    expect(models.filter((model) => model.fineTuned)).toEqual([
      {
        id: 'tunedModels/support-triage-7k2m9q',
        name: 'Support triage',
        category: 'chat',
        provider: 'google-genai',
        description: 'Routes support tickets to a queue.',
        created: 1741083630,
        fineTuned: true,
        baseModel: 'gemini-1.5-flash-001-tuning',
      },
    ]);
    // The FAILED tuning run cannot be called: it is not listed.
    expect(models.some((model) => model.id === 'tunedModels/failed-run-3p8d1x')).toBe(false);
  });

  it('lists the base models alone when the tuned model listing fails or is switched off', async () => {
    server.use(...handlers());
    server.use(
      http.get(TUNED_URL, () =>
        HttpResponse.json({ error: { code: 403, status: 'PERMISSION_DENIED' } }, { status: 403 }),
      ),
    );
    const { models, status } = await catalog().listModels({ provider: 'google-genai' });
    expect(models).toHaveLength(14);
    expect(status.source).toBe('live');
    server.use(...handlers());
    const requests = recordRequests();
    const off = await createModelCatalog({
      providers: [googleGenAI({ tunedModels: false })],
      env: { GOOGLE_GENERATIVE_AI_API_KEY: KEY },
      cache: false,
    }).listModels({ provider: 'google-genai' });
    expect(off.models).toHaveLength(14);
    expect(requests.some((request) => request.url.startsWith(TUNED_URL))).toBe(false);
  });

  it('drops the output limit of models that generate no tokens, keeping their input limit', async () => {
    server.use(...handlers());
    const { models } = await catalog().listModels({ provider: 'google-genai' });
    expect(models.find((model) => model.id === 'gemini-embedding-001')).toEqual({
      id: 'gemini-embedding-001',
      name: 'Gemini Embedding 001',
      category: 'embedding',
      provider: 'google-genai',
      description: 'Obtain a distributed representation of a text.',
      contextLength: 2048,
      capabilities: { promptCaching: false },
    });
    expect(models.find((model) => model.id === 'imagen-4.0-generate-001')).toEqual({
      id: 'imagen-4.0-generate-001',
      name: 'Imagen 4',
      category: 'image',
      provider: 'google-genai',
      description: 'Vertex served Imagen 4.0 model',
      contextLength: 480,
      capabilities: { promptCaching: false },
    });
    expect(
      models.find((model) => model.id === 'veo-3.0-generate-001')?.maxOutputTokens,
    ).toBeUndefined();
    expect(
      models.find((model) => model.id === 'gemini-2.5-flash-preview-tts')?.maxOutputTokens,
    ).toBe(16384);
  });

  it('answers to the gemini alias', async () => {
    server.use(...handlers());
    const result = await catalog().listModels({ provider: 'gemini' });
    expect(result.provider).toBe('google-genai');
    expect(result.models).toHaveLength(15);
  });

  it.each([
    [
      'GOOGLE_GENERATIVE_AI_API_KEY',
      { GOOGLE_GENERATIVE_AI_API_KEY: 'first', GOOGLE_API_KEY: 'second', GEMINI_API_KEY: 'third' },
      'first',
    ],
    ['GOOGLE_API_KEY', { GOOGLE_API_KEY: 'second', GEMINI_API_KEY: 'third' }, 'second'],
    ['GEMINI_API_KEY', { GEMINI_API_KEY: 'third' }, 'third'],
  ])('reads the key from %s in the documented order', async (_name, env, expected) => {
    server.use(...handlers());
    const requests = recordRequests();
    await catalog(env).listModels({ provider: 'google-genai' });
    expect(requests[0]!.headers.get('x-goog-api-key')).toBe(expected);
  });

  it('names all three key variables when none is set', async () => {
    const error = await catalog({})
      .listModels({ provider: 'google-genai' })
      .catch((caught: unknown) => caught);
    expect(ModelCatalogError.isInstance(error) && error.kind).toBe('not_configured');
    for (const name of ['GOOGLE_GENERATIVE_AI_API_KEY', 'GOOGLE_API_KEY', 'GEMINI_API_KEY']) {
      expect((error as Error).message).toContain(name);
    }
  });

  it('stops with invalid_response when a page repeats its token', async () => {
    server.use(
      http.get(LIST_URL, () =>
        HttpResponse.json({ models: [{ name: 'models/gemini-loop' }], nextPageToken: 'same' }),
      ),
    );
    const requests = recordRequests();
    const error = await catalog()
      .listModels({ provider: 'google-genai' })
      .catch((caught: unknown) => caught);
    expect(ModelCatalogError.isInstance(error) && error.kind).toBe('invalid_response');
    expect(requests.filter((request) => request.url.startsWith(LIST_URL))).toHaveLength(2);
  });

  it('stops with invalid_response after 50 pages that never end', async () => {
    let served = 0;
    server.use(
      http.get(LIST_URL, () => {
        served += 1;
        return HttpResponse.json({
          models: [{ name: `models/gemini-page-${served}` }],
          nextPageToken: `token-${served}`,
        });
      }),
    );
    const error = await catalog()
      .listModels({ provider: 'google-genai' })
      .catch((caught: unknown) => caught);
    expect(ModelCatalogError.isInstance(error) && error.kind).toBe('invalid_response');
    expect((error as Error).message).toMatch(/more than 50 pages/);
    expect(served).toBe(50);
  });

  it('uses GOOGLE_GENERATIVE_AI_BASE_URL, accepting a trailing slash', async () => {
    server.use(
      http.get('http://127.0.0.1:9/google/v1beta/models', () =>
        HttpResponse.json({
          models: [
            { name: 'models/gemini-proxy', supportedGenerationMethods: ['generateContent'] },
          ],
        }),
      ),
      http.get('http://127.0.0.1:9/google/v1beta/tunedModels', () => HttpResponse.json({})),
    );
    const { models } = await catalog({
      GOOGLE_API_KEY: KEY,
      GOOGLE_GENERATIVE_AI_BASE_URL: 'http://127.0.0.1:9/google/v1beta/',
    }).listModels({ provider: 'google-genai' });
    expect(models).toEqual([
      {
        id: 'gemini-proxy',
        name: 'gemini-proxy',
        category: 'chat',
        provider: 'google-genai',
        capabilities: { promptCaching: false },
      },
    ]);
  });
});

describe('google-genai pages that Google leaves empty', () => {
  const catalog = () =>
    createModelCatalog({
      providers: [googleGenAI()],
      env: { GOOGLE_GENERATIVE_AI_API_KEY: KEY },
      cache: false,
      retries: 0,
    });
  beforeEach(noTunedModels);

  it('reads a later page without `models` as an empty page and goes on to the next', async () => {
    server.use(
      http.get(LIST_URL, ({ request }) => {
        const token = new URL(request.url).searchParams.get('pageToken');
        if (token === null)
          return HttpResponse.json({
            models: [{ name: 'models/gemini-2.5-pro' }],
            nextPageToken: 'a',
          });
        if (token === 'a') return HttpResponse.json({ nextPageToken: 'b' });
        return HttpResponse.json({ models: [{ name: 'models/gemini-2.5-flash' }] });
      }),
    );
    const { models } = await catalog().listModels({ provider: 'google-genai' });
    expect(models.map((model) => model.id)).toEqual(['gemini-2.5-pro', 'gemini-2.5-flash']);
  });

  it('rejects a later page that holds something else instead of `models`, such as an error', async () => {
    server.use(
      http.get(LIST_URL, ({ request }) =>
        new URL(request.url).searchParams.get('pageToken')
          ? HttpResponse.json({ error: { code: 500, message: 'backend' } })
          : HttpResponse.json({ models: [{ name: 'models/gemini-2.5-pro' }], nextPageToken: 'a' }),
      ),
    );
    await expect(catalog().listModels({ provider: 'google-genai' })).rejects.toMatchObject({
      kind: 'invalid_response',
    });
  });

  it('still rejects a first page without `models` as invalid_response', async () => {
    server.use(http.get(LIST_URL, () => HttpResponse.json({})));
    await expect(catalog().listModels({ provider: 'google-genai' })).rejects.toMatchObject({
      kind: 'invalid_response',
    });
  });
});
