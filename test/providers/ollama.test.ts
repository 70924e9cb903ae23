import { HttpResponse, http } from 'msw';
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
const handlers = () => [
  http.get(`${BASE_URL}/api/tags`, () => HttpResponse.json(fixture('ollama', 'tags.json'))),
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
    );
    const requests = recordRequests();
    const { models } = await catalog({}).listModels({ provider: 'ollama' });
    expect(models).toHaveLength(3);
    expect(requests.map((request) => `${request.method} ${request.url}`)).toEqual([
      'GET http://localhost:11434/api/tags',
    ]);
    expect(requests[0]!.headers.has('authorization')).toBe(false);
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
    expect(requests.map((request) => request.url)).toEqual([`${BASE_URL}/api/tags`]);
    expect(requests[0]!.headers.get('x-proxy-token')).toBe('abc');
  });

  it('maps the name as id, a description from the details and modified_at as created', async () => {
    server.use(...handlers());
    const { models } = await catalog().listModels({ provider: 'ollama' });
    expect(models[0]).toEqual({
      id: 'deepseek-r1:latest',
      name: 'deepseek-r1:latest',
      category: 'chat',
      provider: 'ollama',
      description: 'qwen2 · 7.6B · Q4_K_M',
      created: 1746889608,
    });
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
    server.use(
      http.get(`${BASE_URL}/api/tags`, () =>
        HttpResponse.json(fixture('ollama', 'tags-with-capabilities.json')),
      ),
    );
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
    });
  });

  it('leaves the description out when the server reports no details', async () => {
    server.use(
      http.get(`${BASE_URL}/api/tags`, () =>
        HttpResponse.json({
          models: [{ name: 'mystery:latest', details: null, modified_at: '0001-01-01T00:00:00Z' }],
        }),
      ),
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
