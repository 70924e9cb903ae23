import { HttpResponse, http, type JsonBodyType } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  createModelCatalog,
  InvalidResponseError,
  ModelCatalogError,
  ollama,
} from '../../src/index.js';
import { fixture } from '../helpers/fixtures.js';
import { recordRequests, server } from '../helpers/msw.js';
import { describeProviderConformance } from '../helpers/provider-conformance.js';

const KEY = 'ollama-test-key-PLANTED-4d8a1';
const BASE_URL = 'http://gpu-box.test:11434';
const SHOWN = fixture<{ answers: Record<string, JsonBodyType> }>('ollama', 'show.json').answers;

/** `POST /api/show` on `base`, answering from the show fixture by model name (404 for others). */
const showHandler = (base: string) =>
  http.post(`${base}/api/show`, async ({ request }) => {
    const { model } = (await request.json()) as { model: string };
    const answer = SHOWN[model];
    return answer
      ? HttpResponse.json(answer)
      : HttpResponse.json({ error: `model '${model}' not found` }, { status: 404 });
  });

const handlers = (tags = 'tags.json') => [
  http.get(`${BASE_URL}/api/tags`, () => HttpResponse.json(fixture('ollama', tags))),
  showHandler(BASE_URL),
];

describeProviderConformance({
  id: 'ollama',
  create: (options) => ollama(options),
  env: { OLLAMA_BASE_URL: BASE_URL, OLLAMA_API_KEY: KEY },
  options: { baseURL: BASE_URL, apiKey: KEY },
  secret: KEY,
  handlers,
  listUrl: `${BASE_URL}/api/tags`,
  modelCount: 3,
  checkRequest: (request) => expect(request.headers.get('authorization')).toBe(`Bearer ${KEY}`),
  // An explicit ollama() lists from the local default address with no environment.
  configuredWithoutEnv: true,
});

describe('ollama', () => {
  const catalog = (env: Record<string, string> = { OLLAMA_BASE_URL: BASE_URL }) =>
    createModelCatalog({ providers: [ollama()], env, cache: false, retries: 0 });

  it('sends one GET to /api/tags on the local default address with no Authorization header', async () => {
    server.use(
      http.get('http://localhost:11434/api/tags', () =>
        HttpResponse.json(fixture('ollama', 'tags.json')),
      ),
      showHandler('http://localhost:11434'),
    );
    const requests = recordRequests();
    const { models } = await catalog({}).listModels({ provider: 'ollama' });
    expect(models).toHaveLength(3);
    expect(requests.map((request) => `${request.method} ${request.url}`)).toEqual([
      'GET http://localhost:11434/api/tags',
      // Then the details of each model.
      'POST http://localhost:11434/api/show',
      'POST http://localhost:11434/api/show',
      'POST http://localhost:11434/api/show',
    ]);
    for (const request of requests) expect(request.headers.has('authorization')).toBe(false);
    const bodies = await Promise.all(requests.slice(1).map((request) => request.json()));
    expect(bodies).toEqual([
      { model: 'deepseek-r1:latest' },
      { model: 'llama3.2:latest' },
      { model: 'nomic-embed-text:latest' },
    ]);
  });

  it('uses OLLAMA_BASE_URL, accepting a trailing slash, and passes extra headers', async () => {
    server.use(...handlers());
    const requests = recordRequests();
    const { models } = await createModelCatalog({
      providers: [ollama({ headers: { 'X-Proxy-Token': 'abc' } })],
      env: { OLLAMA_BASE_URL: `${BASE_URL}/` },
      cache: false,
    }).listModels({ provider: 'ollama' });
    expect(models).toHaveLength(3);
    expect(requests.map((request) => request.url)).toEqual([
      `${BASE_URL}/api/tags`,
      `${BASE_URL}/api/show`,
      `${BASE_URL}/api/show`,
      `${BASE_URL}/api/show`,
    ]);
    for (const request of requests) expect(request.headers.get('x-proxy-token')).toBe('abc');
  });

  it('maps the name as id, a description from the details, modified_at as created, and what /api/show adds', async () => {
    server.use(...handlers());
    const { models } = await catalog().listModels({ provider: 'ollama' });
    expect(models[0]).toEqual({
      id: 'deepseek-r1:latest',
      name: 'deepseek-r1:latest',
      category: 'chat',
      provider: 'ollama',
      description: 'qwen2 · 7.6B · Q4_K_M',
      created: 1746889608,
      contextLength: 131072,
      capabilities: { tools: false, vision: false, reasoning: true },
      family: 'qwen2',
      parameterSize: '7.6B',
      quantization: 'Q4_K_M',
    });
    expect(models[1]?.capabilities).toEqual({ tools: true, vision: false, reasoning: false });
    // `embedding` decides the category; the context length is `nomic-bert.context_length`.
    expect(models[2]).toMatchObject({
      category: 'embedding',
      contextLength: 2048,
      capabilities: { tools: false, vision: false, reasoning: false },
    });
  });

  it('reads the context length under the architecture of the real /api/show answer', async () => {
    server.use(...handlers('tags-with-capabilities.json'));
    const { models } = await catalog().listModels({ provider: 'ollama' });
    expect(models.find((model) => model.id === 'qwen3:32b')).toEqual({
      id: 'qwen3:32b',
      name: 'qwen3:32b',
      category: 'chat',
      provider: 'ollama',
      description: 'qwen3 · 32.8B · Q4_K_M',
      created: 1780392014,
      contextLength: 40960,
      capabilities: { tools: true, vision: false, reasoning: true },
      family: 'qwen3',
      parameterSize: '32.8B',
      quantization: 'Q4_K_M',
    });
    expect(models.find((model) => model.id === 'gemma3:4b')?.capabilities).toEqual({
      tools: false,
      vision: true,
      reasoning: false,
    });
  });

  it('asks /api/show at most four at a time', async () => {
    const names = Array.from({ length: 10 }, (_, index) => `model-${index}:latest`);
    let running = 0;
    let most = 0;
    server.use(
      http.get(`${BASE_URL}/api/tags`, () =>
        HttpResponse.json({ models: names.map((name) => ({ name, digest: `sha-${name}` })) }),
      ),
      http.post(`${BASE_URL}/api/show`, async () => {
        running++;
        most = Math.max(most, running);
        await new Promise((resolve) => setTimeout(resolve, 20));
        running--;
        return HttpResponse.json({ capabilities: ['completion'] });
      }),
    );
    const { models } = await catalog().listModels({ provider: 'ollama' });
    expect(models).toHaveLength(10);
    expect(most).toBe(4);
  });

  it('asks /api/show again only for a model whose digest changed', async () => {
    let digest = 'sha256:one';
    const asked: string[] = [];
    server.use(
      http.get(`${BASE_URL}/api/tags`, () =>
        HttpResponse.json({
          models: [
            { name: 'llama3.2:latest', digest: 'sha256:same' },
            { name: 'qwen3:32b', digest },
          ],
        }),
      ),
      http.post(`${BASE_URL}/api/show`, async ({ request }) => {
        const { model } = (await request.json()) as { model: string };
        asked.push(model);
        return HttpResponse.json(SHOWN[model]);
      }),
    );
    const adapter = ollama();
    const catalogOf = createModelCatalog({
      providers: [adapter],
      env: { OLLAMA_BASE_URL: BASE_URL },
      cache: false,
    });
    await catalogOf.listModels({ provider: 'ollama' });
    expect(asked.sort()).toEqual(['llama3.2:latest', 'qwen3:32b']);
    asked.length = 0;
    const again = await catalogOf.listModels({ provider: 'ollama', refresh: true });
    expect(asked).toEqual([]);
    expect(again.models.find((model) => model.id === 'qwen3:32b')?.contextLength).toBe(40960);
    digest = 'sha256:two';
    await catalogOf.listModels({ provider: 'ollama', refresh: true });
    expect(asked).toEqual(['qwen3:32b']);
  });

  it('keeps what /api/tags said for a model whose /api/show fails, and counts it in the status', async () => {
    server.use(...handlers());
    server.use(
      http.post(`${BASE_URL}/api/show`, async ({ request }) => {
        const { model } = (await request.json()) as { model: string };
        return model === 'llama3.2:latest'
          ? HttpResponse.text('boom', { status: 500 })
          : HttpResponse.json(SHOWN[model]);
      }),
    );
    const { models, status } = await createModelCatalog({
      providers: [ollama()],
      env: { OLLAMA_BASE_URL: BASE_URL },
      cache: false,
      retries: 1,
    }).listModels({ provider: 'ollama' });
    expect(status).toMatchObject({ source: 'live', incomplete: 1 });
    expect(models).toHaveLength(3);
    expect(models[1]).toEqual({
      id: 'llama3.2:latest',
      name: 'llama3.2:latest',
      category: 'chat',
      provider: 'ollama',
      description: 'llama · 3.2B · Q4_K_M',
      created: 1746405464,
      family: 'llama',
      parameterSize: '3.2B',
      quantization: 'Q4_K_M',
    });
    expect(models[0]?.contextLength).toBe(131072);
  });

  it('lists from /api/tags alone with details: false, still reading its capabilities', async () => {
    server.use(...handlers('tags-with-capabilities.json'));
    const requests = recordRequests();
    const { models, status } = await createModelCatalog({
      providers: [ollama({ details: false })],
      env: { OLLAMA_BASE_URL: BASE_URL },
      cache: false,
    }).listModels({ provider: 'ollama' });
    expect(requests.map((request) => request.method)).toEqual(['GET']);
    expect(status.incomplete).toBeUndefined();
    expect(models.find((model) => model.id === 'qwen3:32b')).toMatchObject({
      capabilities: { tools: true, vision: false, reasoning: true },
      family: 'qwen3',
    });
    expect(models.find((model) => model.id === 'qwen3:32b')?.contextLength).toBeUndefined();
  });

  it('classifies every model of an older server, which reports no capabilities, from its id', async () => {
    server.use(...handlers());
    const { models } = await catalog().listModels({ provider: 'ollama' });
    expect(Object.fromEntries(models.map((model) => [model.id, model.category]))).toEqual({
      'deepseek-r1:latest': 'chat',
      'llama3.2:latest': 'chat',
      'nomic-embed-text:latest': 'embedding',
    });
  });

  it('classifies every model of a newer server from its capabilities, cloud models included', async () => {
    server.use(...handlers('tags-with-capabilities.json'));
    const { models } = await catalog().listModels({ provider: 'ollama' });
    expect(Object.fromEntries(models.map((model) => [model.id, model.category]))).toEqual({
      'qwen3:32b': 'chat',
      'gemma3:4b': 'chat',
      'nomic-embed-text:latest': 'embedding',
      'paraphrase-multilingual:latest': 'embedding',
      'gpt-oss:120b-cloud': 'chat',
    });
    expect(models.find((model) => model.id === 'gpt-oss:120b-cloud')).toEqual({
      id: 'gpt-oss:120b-cloud',
      name: 'gpt-oss:120b-cloud',
      category: 'chat',
      provider: 'ollama',
      description: 'gptoss · 116.8B · MXFP4',
      created: 1781078400,
      contextLength: 131072,
      capabilities: { tools: true, vision: false, reasoning: true },
      family: 'gptoss',
      parameterSize: '116.8B',
      quantization: 'MXFP4',
    });
  });

  it('leaves the description out when the server reports no details', async () => {
    server.use(
      http.get(`${BASE_URL}/api/tags`, () =>
        HttpResponse.json({
          models: [{ name: 'mystery:latest', details: null, modified_at: '0001-01-01T00:00:00Z' }],
        }),
      ),
      http.post(`${BASE_URL}/api/show`, () => HttpResponse.json({ details: null })),
    );
    const { models } = await catalog().listModels({ provider: 'ollama' });
    expect(models).toEqual([
      { id: 'mystery:latest', name: 'mystery:latest', category: 'chat', provider: 'ollama' },
    ]);
  });

  it('skips and counts entries without a name instead of failing', async () => {
    server.use(
      http.get(`${BASE_URL}/api/tags`, () =>
        HttpResponse.json({
          models: [{ name: 'llama3.2:latest' }, { size: 1 }, { name: '', model: '' }],
        }),
      ),
      showHandler(BASE_URL),
    );
    const { models, status } = await catalog().listModels({ provider: 'ollama' });
    expect(models.map((model) => model.id)).toEqual(['llama3.2:latest']);
    expect(status.skipped).toBe(2);
  });

  it('is used by the default provider set only when OLLAMA_BASE_URL is set, and says so', () => {
    const without = createModelCatalog({ env: {}, cache: false }).listProviders();
    const unset = without.find((provider) => provider.id === 'ollama');
    expect(unset).toMatchObject({ configured: false });
    expect(unset?.reason).toContain('OLLAMA_BASE_URL');
    const withUrl = createModelCatalog({
      env: { OLLAMA_BASE_URL: BASE_URL },
      cache: false,
    }).listProviders();
    expect(withUrl.find((provider) => provider.id === 'ollama')).toMatchObject({
      configured: true,
    });
  });

  it('rejects listing ollama from the default provider set without OLLAMA_BASE_URL, calling nothing', async () => {
    const requests = recordRequests();
    const error = await createModelCatalog({ env: {}, cache: false })
      .listModels({ provider: 'ollama' })
      .catch((caught: unknown) => caught);
    expect(ModelCatalogError.isInstance(error) && error.kind).toBe('not_configured');
    expect((error as Error).message).toContain('OLLAMA_BASE_URL');
    expect(requests).toEqual([]);
  });

  it('rejects a wrong shape with an InvalidResponseError carrying where it failed', async () => {
    server.use(
      http.get(`${BASE_URL}/api/tags`, () => HttpResponse.json({ models: [{ name: 5 }] })),
    );
    const error = await catalog()
      .listModels({ provider: 'ollama' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as InvalidResponseError).issues).toEqual(['models.0.name: expected string']);
  });
});
