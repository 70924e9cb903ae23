import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { createModelCatalog, lmstudio, ModelCatalogError } from '../../src/index.js';
import { fixture } from '../helpers/fixtures.js';
import { recordRequests, server } from '../helpers/msw.js';
import { describeProviderConformance } from '../helpers/provider-conformance.js';

const KEY = 'lmstudio-token-PLANTED-8h3j6';
const ROOT = 'http://192.168.1.20:1234';
const NATIVE_URL = `${ROOT}/api/v1/models`;
const LEGACY_URL = `${ROOT}/api/v0/models`;
const OPENAI_URL = `${ROOT}/v1/models`;
const handlers = () => [
  http.get(NATIVE_URL, () => HttpResponse.json(fixture('lmstudio', 'api-v1-models.json'))),
];
/** What LM Studio sends for a path it does not serve: status 200 and an error body. */
const unexpectedEndpoint = (path: string) => () =>
  HttpResponse.json({ error: `Unexpected endpoint or method. (GET ${path})` });

describeProviderConformance({
  id: 'lmstudio',
  create: (options) => lmstudio(options),
  env: { LMSTUDIO_BASE_URL: ROOT, LMSTUDIO_API_KEY: KEY },
  options: { baseURL: ROOT, apiKey: KEY },
  secret: KEY,
  handlers,
  listUrl: NATIVE_URL,
  modelCount: 4,
  configuredWithoutEnv: true,
  checkRequest: (request) => expect(request.headers.get('authorization')).toBe(`Bearer ${KEY}`),
});

describe('lmstudio', () => {
  const catalog = (env: Record<string, string> = { LMSTUDIO_BASE_URL: ROOT }) =>
    createModelCatalog({ providers: [lmstudio()], env, cache: false, retries: 0 });

  it('asks the native /api/v1/models first, with no Authorization header when no key is set', async () => {
    server.use(...handlers());
    const requests = recordRequests();
    await catalog().listModels({ provider: 'lmstudio' });
    expect(requests.map((request) => `${request.method} ${request.url}`)).toEqual([
      `GET ${NATIVE_URL}`,
    ]);
    expect(requests[0]!.headers.get('authorization')).toBeNull();
  });

  it('maps key, display name, publisher, description, max context and vision from the native listing', async () => {
    server.use(...handlers());
    const { models } = await catalog().listModels({ provider: 'lmstudio' });
    expect(models[0]).toEqual({
      id: 'google/gemma-3-4b',
      name: 'Gemma 3 4B',
      category: 'chat',
      provider: 'lmstudio',
      ownedBy: 'google',
      contextLength: 131072,
      inputModalities: ['text', 'image'],
      family: 'gemma3',
      parameterSize: '4B',
      quantization: '4bit',
      // No reasoning capability reported: absent, not false.
      capabilities: { tools: false, vision: true },
    });
    expect(models.find((model) => model.id === 'openai/gpt-oss-20b')).toEqual({
      id: 'openai/gpt-oss-20b',
      name: 'gpt-oss 20B',
      category: 'chat',
      provider: 'lmstudio',
      description: "OpenAI's open-weight reasoning model",
      ownedBy: 'openai',
      contextLength: 131072,
      family: 'gpt-oss',
      parameterSize: '20B',
      quantization: 'MXFP4',
      capabilities: { tools: true, vision: false, reasoning: true },
      reasoning: {
        efforts: ['low', 'medium', 'high'],
        defaultEffort: 'medium',
        canDisable: false,
      },
    });
  });

  it('maps a thinking model that can only be switched on or off, and no capability of an embedding model', async () => {
    server.use(...handlers());
    const { models } = await catalog().listModels({ provider: 'lmstudio' });
    expect(models.find((model) => model.id === 'qwen/qwen3-8b')).toMatchObject({
      capabilities: { tools: true, vision: false, reasoning: true },
      reasoning: { canDisable: true },
      quantization: 'Q4_K_M',
    });
    expect(models.find((model) => model.id === 'qwen/qwen3-8b')?.reasoning).toEqual({
      canDisable: true,
    });
    const embedding = models.find((model) => model.id === 'text-embedding-nomic-embed-text-v1.5');
    expect(embedding?.capabilities).toBeUndefined();
    expect(embedding?.reasoning).toBeUndefined();
  });

  it('classifies every native model from its type', async () => {
    server.use(...handlers());
    const { models } = await catalog().listModels({ provider: 'lmstudio' });
    expect(Object.fromEntries(models.map((model) => [model.id, model.category]))).toEqual({
      'google/gemma-3-4b': 'chat',
      'qwen/qwen3-8b': 'chat',
      'openai/gpt-oss-20b': 'chat',
      'text-embedding-nomic-embed-text-v1.5': 'embedding',
    });
  });

  it('falls back to /api/v0/models when the native listing answers 404', async () => {
    server.use(
      http.get(NATIVE_URL, () => HttpResponse.json({ error: 'not found' }, { status: 404 })),
      http.get(LEGACY_URL, () => HttpResponse.json(fixture('lmstudio', 'api-v0-models.json'))),
    );
    const requests = recordRequests();
    const { models } = await catalog().listModels({ provider: 'lmstudio' });
    expect(requests.map((request) => request.url)).toEqual([NATIVE_URL, LEGACY_URL]);
    expect(models[0]).toEqual({
      id: 'qwen2-vl-7b-instruct',
      name: 'qwen2-vl-7b-instruct',
      category: 'chat',
      provider: 'lmstudio',
      ownedBy: 'mlx-community',
      contextLength: 32768,
      inputModalities: ['text', 'image'],
      family: 'qwen2_vl',
      quantization: '4bit',
    });
    expect(Object.fromEntries(models.map((model) => [model.id, model.category]))).toEqual({
      'qwen2-vl-7b-instruct': 'chat',
      'meta-llama-3.1-8b-instruct': 'chat',
      'text-embedding-nomic-embed-text-v1.5': 'embedding',
    });
  });

  it("falls back on LM Studio's 200 'Unexpected endpoint' answer and on 405, down to /v1/models", async () => {
    server.use(
      http.get(NATIVE_URL, unexpectedEndpoint('/api/v1/models')),
      http.get(LEGACY_URL, () => new HttpResponse(null, { status: 405 })),
      http.get(OPENAI_URL, () => HttpResponse.json(fixture('lmstudio', 'openai-models.json'))),
    );
    const requests = recordRequests();
    const { models } = await catalog().listModels({ provider: 'lmstudio' });
    expect(requests.map((request) => request.url)).toEqual([NATIVE_URL, LEGACY_URL, OPENAI_URL]);
    expect(models).toEqual([
      {
        id: 'qwen2-vl-7b-instruct',
        name: 'qwen2-vl-7b-instruct',
        category: 'chat',
        provider: 'lmstudio',
      },
      {
        id: 'meta-llama-3.1-8b-instruct',
        name: 'meta-llama-3.1-8b-instruct',
        category: 'chat',
        provider: 'lmstudio',
      },
      {
        id: 'text-embedding-nomic-embed-text-v1.5',
        name: 'text-embedding-nomic-embed-text-v1.5',
        category: 'embedding',
        provider: 'lmstudio',
      },
    ]);
  });

  it.each([
    ['401', 401, 'auth'],
    ['500', 500, 'http'],
  ])('does not fall back when the native listing answers %s', async (_label, status, kind) => {
    server.use(
      http.get(NATIVE_URL, () => HttpResponse.json({ error: 'no' }, { status })),
      http.get(LEGACY_URL, () => HttpResponse.json(fixture('lmstudio', 'api-v0-models.json'))),
    );
    const requests = recordRequests();
    const error = await catalog()
      .listModels({ provider: 'lmstudio' })
      .catch((caught: unknown) => caught);
    expect(ModelCatalogError.isInstance(error) && error.kind).toBe(kind);
    expect(requests.map((request) => request.url)).toEqual([NATIVE_URL]);
  });

  it('reports invalid_response when even /v1/models is missing', async () => {
    server.use(
      http.get(NATIVE_URL, unexpectedEndpoint('/api/v1/models')),
      http.get(LEGACY_URL, unexpectedEndpoint('/api/v0/models')),
      http.get(OPENAI_URL, unexpectedEndpoint('/v1/models')),
    );
    const error = await catalog()
      .listModels({ provider: 'lmstudio' })
      .catch((caught: unknown) => caught);
    expect(ModelCatalogError.isInstance(error) && error.kind).toBe('invalid_response');
  });

  it('lists from http://localhost:1234 by default and accepts a base URL ending in /v1', async () => {
    server.use(
      http.get('http://localhost:1234/api/v1/models', () =>
        HttpResponse.json({ models: [{ key: 'qwen/qwen3-8b', type: 'llm' }] }),
      ),
    );
    const byDefault = await createModelCatalog({
      providers: [lmstudio()],
      env: {},
      cache: false,
    }).listModels({
      provider: 'lmstudio',
    });
    expect(byDefault.models.map((model) => model.id)).toEqual(['qwen/qwen3-8b']);
    const requests = recordRequests();
    await catalog({ LMSTUDIO_BASE_URL: 'http://localhost:1234/v1/' }).listModels({
      provider: 'lmstudio',
    });
    expect(requests.map((request) => request.url)).toEqual(['http://localhost:1234/api/v1/models']);
  });

  it('joins the default provider set only when LMSTUDIO_BASE_URL is set', () => {
    const configured = (env: Record<string, string>) =>
      createModelCatalog({ env, cache: false })
        .listProviders()
        .find((provider) => provider.id === 'lmstudio')?.configured;
    expect(configured({})).toBe(false);
    expect(configured({ LMSTUDIO_API_KEY: KEY })).toBe(false);
    expect(configured({ LMSTUDIO_BASE_URL: ROOT })).toBe(true);
  });

  it('skips entries without a key and calls an unknown type other', async () => {
    server.use(
      http.get(NATIVE_URL, () =>
        HttpResponse.json({
          models: [{ key: 'some/new-thing', type: 'diffusion' }, { type: 'llm' }],
        }),
      ),
    );
    const { models, status } = await catalog().listModels({ provider: 'lmstudio' });
    expect(models.map((model) => [model.id, model.category])).toEqual([
      ['some/new-thing', 'other'],
    ]);
    expect(status.skipped).toBe(1);
  });
});
