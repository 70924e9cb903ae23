import { delay, HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  createModelCatalog,
  InvalidResponseError,
  ModelCatalogError,
  openrouter,
} from '../../src/index.js';
import { fixture } from '../helpers/fixtures.js';
import { recordRequests, server } from '../helpers/msw.js';
import { describeProviderConformance } from '../helpers/provider-conformance.js';

const KEY = 'sk-or-v1-test-PLANTED-7c1e5';
const MODELS_URL = 'https://openrouter.ai/api/v1/models';
const EMBEDDINGS_URL = 'https://openrouter.ai/api/v1/embeddings/models';
const handlers = () => [
  http.get(MODELS_URL, () => HttpResponse.json(fixture('openrouter', 'models.json'))),
  http.get(EMBEDDINGS_URL, () => HttpResponse.json(fixture('openrouter', 'embedding-models.json'))),
];

describeProviderConformance({
  id: 'openrouter',
  create: (options) => openrouter(options),
  env: { OPENROUTER_API_KEY: KEY },
  options: { apiKey: KEY },
  secret: KEY,
  handlers,
  listUrl: MODELS_URL,
  modelCount: 12,
  checkRequest: (request) => expect(request.headers.get('authorization')).toBe(`Bearer ${KEY}`),
  // The listing is public: an explicit openrouter() lists without any key.
  configuredWithoutEnv: true,
});

describe('openrouter', () => {
  const catalog = (env: Record<string, string> = { OPENROUTER_API_KEY: KEY }) =>
    createModelCatalog({ providers: [openrouter()], env, cache: false, retries: 0 });

  it('sends one GET to /models with output_modalities=all and one to /embeddings/models, with the bearer key', async () => {
    server.use(...handlers());
    const requests = recordRequests();
    await catalog().listModels({ provider: 'openrouter' });
    expect(requests.map((request) => `${request.method} ${request.url}`).sort()).toEqual([
      'GET https://openrouter.ai/api/v1/embeddings/models',
      'GET https://openrouter.ai/api/v1/models?output_modalities=all',
    ]);
    for (const request of requests)
      expect(request.headers.get('authorization')).toBe(`Bearer ${KEY}`);
  });

  it('sends no Authorization header when no key is set, as the listing is public', async () => {
    server.use(...handlers());
    const requests = recordRequests();
    const { models } = await catalog({}).listModels({ provider: 'openrouter' });
    expect(models).toHaveLength(12);
    expect(requests).toHaveLength(2);
    for (const request of requests) expect(request.headers.has('authorization')).toBe(false);
  });

  it('fetches both endpoints in parallel rather than one after the other', async () => {
    let open = 0;
    let most = 0;
    const slow = (name: string) => async () => {
      open++;
      most = Math.max(most, open);
      await delay(50);
      open--;
      return HttpResponse.json(fixture('openrouter', name));
    };
    server.use(
      http.get(MODELS_URL, slow('models.json')),
      http.get(EMBEDDINGS_URL, slow('embedding-models.json')),
    );
    await catalog().listModels({ provider: 'openrouter' });
    expect(most).toBe(2);
  });

  it('merges both lists by id, keeping a model listed by both endpoints once', async () => {
    server.use(...handlers());
    const { models } = await catalog().listModels({ provider: 'openrouter' });
    const ids = models.map((model) => model.id);
    expect(ids.filter((id) => id === 'openai/text-embedding-3-small')).toHaveLength(1);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.slice(-3)).toEqual([
      'openai/text-embedding-3-small',
      'qwen/qwen3-embedding-8b',
      'mistralai/mistral-embed-2312',
    ]);
  });

  it('maps every field OpenRouter reports, with prices in USD per million tokens', async () => {
    server.use(...handlers());
    const { models } = await catalog().listModels({ provider: 'openrouter' });
    expect(models[0]).toEqual({
      id: 'anthropic/claude-opus-4',
      name: 'Anthropic: Claude Opus 4',
      category: 'chat',
      provider: 'openrouter',
      description:
        'Claude Opus 4 is benchmarked as the world’s best coding model, at time of release, bringing sustained performance on complex, long-running tasks and agent workflows.',
      created: 1747931245,
      ownedBy: 'anthropic',
      contextLength: 200000,
      maxOutputTokens: 32000,
      inputModalities: ['image', 'text'],
      outputModalities: ['text'],
      pricing: {
        input: 15,
        output: 75,
        cacheRead: 1.5,
        cacheWrite: 18.75,
        image: 0.024,
        request: 0,
        free: false,
      },
      supportedParameters: [
        'max_tokens',
        'temperature',
        'stop',
        'reasoning',
        'include_reasoning',
        'tools',
        'tool_choice',
        'top_p',
        'top_k',
      ],
      capabilities: {
        tools: true,
        reasoning: true,
        structuredOutput: false,
        jsonMode: false,
        vision: true,
        audioInput: false,
        pdfInput: false,
        promptCaching: true,
      },
    });
  });

  it('maps structured outputs, response_format, file and audio input, and no caching when no cache price is reported', async () => {
    server.use(...handlers());
    const { models } = await catalog().listModels({ provider: 'openrouter' });
    const byId = new Map(models.map((model) => [model.id, model]));
    expect(byId.get('openai/gpt-4o-mini')?.capabilities).toEqual({
      tools: true,
      structuredOutput: true,
      jsonMode: true,
      vision: true,
      audioInput: false,
      pdfInput: true,
      promptCaching: true,
    });
    expect(byId.get('meta-llama/llama-3.3-70b-instruct')?.capabilities).toEqual({
      tools: true,
      structuredOutput: true,
      jsonMode: true,
      vision: false,
      audioInput: false,
      pdfInput: false,
    });
    expect(byId.get('openai/gpt-audio')?.capabilities).toMatchObject({
      audioInput: true,
      tools: true,
    });
    // An empty parameter list says nothing: only the input flags are reported.
    expect(byId.get('openai/text-embedding-3-small')?.capabilities).toEqual({
      vision: false,
      audioInput: false,
      pdfInput: false,
    });
  });

  it('says a model reasons only when its parameters say so, and leaves out a reasoning price of "0"', async () => {
    server.use(...handlers());
    const { models } = await catalog().listModels({ provider: 'openrouter' });
    const byId = new Map(models.map((model) => [model.id, model]));
    // Gemini 2.5 Pro thinks, but lists neither `reasoning` nor `include_reasoning`: not a no.
    const gemini = byId.get('google/gemini-2.5-pro-preview');
    expect(gemini?.capabilities?.tools).toBe(true);
    expect(gemini?.capabilities).not.toHaveProperty('reasoning');
    expect(byId.get('anthropic/claude-opus-4')?.capabilities?.reasoning).toBe(true);
    // `internal_reasoning: "0"`: reasoning tokens are billed as output tokens.
    expect(gemini?.pricing).not.toHaveProperty('reasoning');
    expect(gemini?.pricing?.output).toBeGreaterThan(0);
  });

  it('keeps a :free variant as its own model, with its zero prices', async () => {
    server.use(...handlers());
    const { models } = await catalog().listModels({ provider: 'openrouter' });
    const free = models.find((model) => model.id === 'meta-llama/llama-3.3-70b-instruct:free');
    const paid = models.find((model) => model.id === 'meta-llama/llama-3.3-70b-instruct');
    expect(free?.pricing).toEqual({
      input: 0,
      output: 0,
      image: 0,
      request: 0,
      free: true,
    });
    expect(paid?.pricing).toEqual({
      input: 0.07,
      output: 0.25,
      image: 0,
      request: 0,
      free: false,
    });
    expect(free?.maxOutputTokens).toBe(2048);
    expect(paid?.maxOutputTokens).toBe(16384);
  });

  it('leaves out dynamic "-1" prices and null limits instead of inventing them', async () => {
    server.use(...handlers());
    const { models } = await catalog().listModels({ provider: 'openrouter' });
    const auto = models.find((model) => model.id === 'openrouter/auto');
    expect(auto).toBeDefined();
    expect(auto).not.toHaveProperty('pricing');
    expect(auto).not.toHaveProperty('maxOutputTokens');
    expect(auto?.contextLength).toBe(2000000);
    expect(auto).not.toHaveProperty('supportedParameters');
    // Unknown prices are never free; an empty parameter list reports no flag.
    expect(auto?.capabilities).toEqual({ vision: false, audioInput: false, pdfInput: false });
  });

  it('maps the newer fields: image and request prices per unit, expiration as deprecated', async () => {
    server.use(...handlers());
    const { models } = await catalog().listModels({ provider: 'openrouter' });
    const byId = new Map(models.map((model) => [model.id, model]));
    expect(byId.get('sourceful/riverflow-v2-pro')).toEqual({
      id: 'sourceful/riverflow-v2-pro',
      name: 'Sourceful: Riverflow V2 Pro',
      category: 'image',
      provider: 'openrouter',
      description: 'An image generation and editing model.',
      created: 1764000000,
      ownedBy: 'sourceful',
      contextLength: 8192,
      inputModalities: ['text', 'image'],
      outputModalities: ['image'],
      pricing: { input: 0, output: 0, image: 0.15, request: 0, free: false },
      supportedParameters: ['seed'],
      capabilities: {
        tools: false,
        structuredOutput: false,
        jsonMode: false,
        vision: true,
        audioInput: false,
        pdfInput: false,
      },
    });
    expect(byId.get('google/gemini-2.5-pro-preview')?.deprecated).toBe(true);
    expect(byId.get('google/gemini-2.5-pro-preview')?.lifecycle).toEqual({
      status: 'deprecated',
      shutdownAt: '2025-06-19',
    });
    expect(models.filter((model) => model.lifecycle).map((model) => model.id)).toEqual([
      'google/gemini-2.5-pro-preview',
    ]);
    expect(byId.get('anthropic/claude-opus-4')).not.toHaveProperty('deprecated');
    expect(byId.get('openai/gpt-audio')).not.toHaveProperty('deprecated');
  });

  it('classifies every model by its output modalities', async () => {
    server.use(...handlers());
    const { models } = await catalog().listModels({ provider: 'openrouter' });
    expect(Object.fromEntries(models.map((model) => [model.id, model.category]))).toEqual({
      'anthropic/claude-opus-4': 'chat',
      'meta-llama/llama-3.3-70b-instruct': 'chat',
      'meta-llama/llama-3.3-70b-instruct:free': 'chat',
      'openai/gpt-4o-mini': 'chat',
      'openrouter/auto': 'chat',
      'google/gemini-2.5-pro-preview': 'chat',
      'sourceful/riverflow-v2-pro': 'image',
      'openai/gpt-audio': 'chat',
      'sesame/csm-1b': 'tts',
      'openai/text-embedding-3-small': 'embedding',
      'qwen/qwen3-embedding-8b': 'embedding',
      'mistralai/mistral-embed-2312': 'embedding',
    });
  });

  it('classifies an embeddings-endpoint entry without modalities as an embedding model', async () => {
    server.use(
      http.get(MODELS_URL, () => HttpResponse.json({ data: [] })),
      http.get(EMBEDDINGS_URL, () => HttpResponse.json({ data: [{ id: 'acme/vectorizer-2' }] })),
    );
    const { models } = await catalog().listModels({ provider: 'openrouter' });
    expect(models).toEqual([
      {
        id: 'acme/vectorizer-2',
        name: 'acme/vectorizer-2',
        category: 'embedding',
        provider: 'openrouter',
        ownedBy: 'acme',
      },
    ]);
  });

  it('treats a 404 on /embeddings/models as no embedding models, and other failures as failures', async () => {
    server.use(
      http.get(MODELS_URL, () => HttpResponse.json(fixture('openrouter', 'models.json'))),
      http.get(EMBEDDINGS_URL, () => HttpResponse.json({ error: 'not found' }, { status: 404 })),
    );
    const { models } = await catalog().listModels({ provider: 'openrouter' });
    expect(models).toHaveLength(10);

    server.use(
      http.get(EMBEDDINGS_URL, () =>
        HttpResponse.json({ error: { message: 'no' } }, { status: 401 }),
      ),
    );
    const error = await catalog()
      .listModels({ provider: 'openrouter' })
      .catch((caught: unknown) => caught);
    expect(ModelCatalogError.isInstance(error) && error.kind).toBe('auth');
  });

  it('rejects an embeddings list of the wrong shape as invalid_response', async () => {
    server.use(
      http.get(MODELS_URL, () => HttpResponse.json(fixture('openrouter', 'models.json'))),
      http.get(EMBEDDINGS_URL, () => HttpResponse.json({ models: [] })),
    );
    const error = await catalog()
      .listModels({ provider: 'openrouter' })
      .catch((caught: unknown) => caught);
    expect(ModelCatalogError.isInstance(error) && error.kind).toBe('invalid_response');
    expect((error as Error).message).toContain('embedding model list');
    // valibot names a missing key by the key it expected.
    expect((error as InvalidResponseError).issues).toEqual(['data: expected "data"']);
  });

  it('rejects a model entry of the wrong shape with an InvalidResponseError carrying where it failed', async () => {
    server.use(
      http.get(MODELS_URL, () =>
        HttpResponse.json({
          data: [{ id: 'acme/chat-1', architecture: { output_modalities: 'text' } }],
        }),
      ),
      http.get(EMBEDDINGS_URL, () => HttpResponse.json({ data: [] })),
    );
    const error = await catalog()
      .listModels({ provider: 'openrouter' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as InvalidResponseError).issues).toEqual([
      'data.0.architecture.output_modalities: expected Array',
    ]);
  });

  it('uses OPENROUTER_BASE_URL, accepting a trailing slash, and passes extra headers', async () => {
    server.use(
      http.get('http://127.0.0.1:9/router/v1/models', () =>
        HttpResponse.json({ data: [{ id: 'acme/chat-1' }] }),
      ),
      http.get('http://127.0.0.1:9/router/v1/embeddings/models', () =>
        HttpResponse.json({ data: [] }),
      ),
    );
    const requests = recordRequests();
    const { models } = await createModelCatalog({
      providers: [openrouter({ headers: { 'X-Title': 'demo' } })],
      env: { OPENROUTER_BASE_URL: 'http://127.0.0.1:9/router/v1/' },
      cache: false,
    }).listModels({ provider: 'openrouter' });
    expect(models.map((model) => model.id)).toEqual(['acme/chat-1']);
    expect(requests.map((request) => request.headers.get('x-title'))).toEqual(['demo', 'demo']);
  });

  it('skips and counts entries without an id in either list instead of failing', async () => {
    server.use(
      http.get(MODELS_URL, () =>
        HttpResponse.json({ data: [{ id: 'acme/chat-1' }, { name: 'No id' }, { id: '' }] }),
      ),
      http.get(EMBEDDINGS_URL, () =>
        HttpResponse.json({ data: [{ id: null }, { id: 'acme/embed-1' }] }),
      ),
    );
    const { models, status } = await catalog().listModels({ provider: 'openrouter' });
    expect(models.map((model) => model.id)).toEqual(['acme/chat-1', 'acme/embed-1']);
    expect(status.skipped).toBe(3);
  });

  it('keeps a model both lists hold once, as the main list has it, and counts an id either list repeats', async () => {
    server.use(
      http.get(MODELS_URL, () =>
        HttpResponse.json({
          data: [
            { id: 'acme/embed-1', name: 'From the main list' },
            { id: 'acme/chat-1' },
            { id: 'acme/chat-1', name: 'Repeated' },
          ],
        }),
      ),
      http.get(EMBEDDINGS_URL, () =>
        HttpResponse.json({
          data: [
            { id: 'acme/embed-1', name: 'From the embedding list' },
            { id: 'acme/embed-2' },
            { id: 'acme/embed-2' },
          ],
        }),
      ),
    );
    const { models, status } = await catalog().listModels({ provider: 'openrouter' });
    expect(models.map((model) => [model.id, model.name])).toEqual([
      ['acme/embed-1', 'From the main list'],
      ['acme/chat-1', 'acme/chat-1'],
      ['acme/embed-2', 'acme/embed-2'],
    ]);
    expect(models[2]?.category).toBe('embedding');
    // A repeat within one list is the catalog's to count, as for every provider.
    expect(status.skipped).toBe(2);
  });

  it('counts an id the embedding list repeats when the main list holds it too', async () => {
    server.use(
      http.get(MODELS_URL, () => HttpResponse.json({ data: [{ id: 'acme/embed-1' }] })),
      http.get(EMBEDDINGS_URL, () =>
        HttpResponse.json({ data: [{ id: 'acme/embed-1' }, { id: 'acme/embed-1' }] }),
      ),
    );
    const { models, status } = await catalog().listModels({ provider: 'openrouter' });
    expect(models.map((model) => model.id)).toEqual(['acme/embed-1']);
    expect(status.skipped).toBe(1);
  });

  it('is used by the default provider set only when OPENROUTER_API_KEY is set', () => {
    const withoutKey = createModelCatalog({ env: {}, cache: false }).listProviders();
    expect(withoutKey.find((provider) => provider.id === 'openrouter')).toMatchObject({
      configured: false,
    });
    const withKey = createModelCatalog({
      env: { OPENROUTER_API_KEY: KEY },
      cache: false,
    }).listProviders();
    expect(withKey.find((provider) => provider.id === 'openrouter')).toMatchObject({
      configured: true,
    });
  });
});
