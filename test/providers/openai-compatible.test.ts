import { HttpResponse, http, type JsonBodyType } from 'msw';
import { describe, expect, it } from 'vitest';
import { createModelCatalog, ModelCatalogError, openaiCompatible } from '../../src/index.js';
import { recordRequests, server } from '../helpers/msw.js';
import { describeProviderConformance } from '../helpers/provider-conformance.js';

const KEY = 'sk-test-compatible-PLANTED-2q8y5';
const BASE_URL = 'http://127.0.0.1:8000/v1';
const URL = `${BASE_URL}/models`;
const VLLM_LIST = {
  object: 'list',
  data: [
    {
      id: 'Qwen/Qwen2.5-7B-Instruct',
      object: 'model',
      created: 1735689600,
      owned_by: 'vllm',
      root: 'Qwen/Qwen2.5-7B-Instruct',
      parent: null,
      max_model_len: 32768,
    },
    {
      id: 'BAAI/bge-m3',
      object: 'model',
      created: 1735689600,
      owned_by: 'vllm',
      max_model_len: 8192,
    },
  ],
};
const handlers = () => [http.get(URL, () => HttpResponse.json(VLLM_LIST))];
const fromEnv = { id: 'my-vllm', apiKeyEnv: 'MY_VLLM_API_KEY', baseURLEnv: 'MY_VLLM_BASE_URL' };

describeProviderConformance({
  id: 'my-vllm',
  create: (options) => openaiCompatible({ ...fromEnv, ...options }),
  env: { MY_VLLM_BASE_URL: BASE_URL, MY_VLLM_API_KEY: KEY },
  options: { baseURL: BASE_URL, apiKey: KEY },
  secret: KEY,
  handlers,
  listUrl: URL,
  modelCount: 2,
  checkRequest: (request) => expect(request.headers.get('authorization')).toBe(`Bearer ${KEY}`),
});

describe('openaiCompatible', () => {
  const list = async (
    body: JsonBodyType,
    options: Partial<Parameters<typeof openaiCompatible>[0]> = {},
  ) => {
    server.use(http.get(URL, () => HttpResponse.json(body)));
    const requests = recordRequests();
    const catalog = createModelCatalog({
      providers: [openaiCompatible({ id: 'local', baseURL: BASE_URL, ...options })],
      env: {},
      cache: false,
      retries: 0,
    });
    const result = await catalog.listModels({ provider: 'local' });
    return { ...result, requests };
  };

  it("reads a LoRA adapter's parent, as vLLM and SGLang list it, as its base model", async () => {
    const { models } = await list({
      object: 'list',
      data: [
        ...VLLM_LIST.data,
        {
          id: 'sql-lora',
          object: 'model',
          created: 1735689600,
          owned_by: 'vllm',
          root: '/adapters/sql-lora',
          parent: 'Qwen/Qwen2.5-7B-Instruct',
          max_model_len: 32768,
        },
      ],
    });
    const byId = new Map(models.map((model) => [model.id, model]));
    expect(byId.get('sql-lora')).toMatchObject({
      baseModel: 'Qwen/Qwen2.5-7B-Instruct',
      fineTuned: true,
      contextLength: 32768,
    });
    // A base model's `parent` is null: neither field is set.
    expect(byId.get('Qwen/Qwen2.5-7B-Instruct')).not.toHaveProperty('baseModel');
    expect(byId.get('Qwen/Qwen2.5-7B-Instruct')).not.toHaveProperty('fineTuned');
  });

  it('lists a vLLM server with one GET and no Authorization header when no key is set', async () => {
    const { models, requests } = await list(VLLM_LIST);
    expect(requests.map((request) => `${request.method} ${request.url}`)).toEqual([`GET ${URL}`]);
    expect(requests[0]!.headers.get('authorization')).toBeNull();
    expect(models).toEqual([
      {
        id: 'Qwen/Qwen2.5-7B-Instruct',
        name: 'Qwen/Qwen2.5-7B-Instruct',
        category: 'chat',
        provider: 'local',
        created: 1735689600,
        ownedBy: 'vllm',
        contextLength: 32768,
      },
      {
        id: 'BAAI/bge-m3',
        name: 'BAAI/bge-m3',
        category: 'embedding',
        provider: 'local',
        created: 1735689600,
        ownedBy: 'vllm',
        contextLength: 8192,
      },
    ]);
  });

  it('sends the key as a bearer key and passes extra headers', async () => {
    const { requests } = await list(VLLM_LIST, { apiKey: KEY, headers: { 'x-team': 'search' } });
    expect(requests[0]!.headers.get('authorization')).toBe(`Bearer ${KEY}`);
    expect(requests[0]!.headers.get('x-team')).toBe('search');
  });

  it('accepts a bare array', async () => {
    const { models } = await list([{ id: 'llama-3.1-8b' }, { id: 'whisper-large-v3' }]);
    expect(models.map((model) => [model.id, model.category])).toEqual([
      ['llama-3.1-8b', 'chat'],
      ['whisper-large-v3', 'stt'],
    ]);
  });

  it('accepts a models key, with the id under name or model_id', async () => {
    const { models } = await list({
      models: [{ name: 'mistral-7b' }, { model_id: 'eleven_multilingual_v2' }],
    });
    expect(models).toEqual([
      { id: 'mistral-7b', name: 'mistral-7b', category: 'chat', provider: 'local' },
      {
        id: 'eleven_multilingual_v2',
        name: 'eleven_multilingual_v2',
        category: 'tts',
        provider: 'local',
      },
    ]);
  });

  it('takes name as a display name when an id is there too', async () => {
    const { models } = await list({ data: [{ id: 'gpt-4o-proxy', name: 'GPT-4o (via proxy)' }] });
    expect(models[0]).toEqual({
      id: 'gpt-4o-proxy',
      name: 'GPT-4o (via proxy)',
      category: 'chat',
      provider: 'local',
    });
  });

  it('maps the usual context and output limit fields, skipping zeros', async () => {
    const { models } = await list({
      data: [
        { id: 'a', context_length: 8192, max_completion_tokens: 4096 },
        { id: 'b', context_window: 131072, max_tokens: 0, max_output_tokens: 8192 },
        { id: 'c', max_context_length: 32768, context_length: 0 },
        { id: 'd', created: 0, max_model_len: '4096' },
      ],
    });
    expect(
      models.map(({ id, contextLength, maxOutputTokens, created }) => ({
        id,
        contextLength,
        maxOutputTokens,
        created,
      })),
    ).toEqual([
      { id: 'a', contextLength: 8192, maxOutputTokens: 4096, created: undefined },
      { id: 'b', contextLength: 131072, maxOutputTokens: 8192, created: undefined },
      { id: 'c', contextLength: 32768, maxOutputTokens: undefined, created: undefined },
      { id: 'd', contextLength: 4096, maxOutputTokens: undefined, created: undefined },
    ]);
  });

  it('skips and counts entries without an id', async () => {
    const { models, status } = await list({
      data: [{ id: 'kept' }, { object: 'model' }, { id: '', name: '' }],
    });
    expect(models.map((model) => model.id)).toEqual(['kept']);
    expect(status.skipped).toBe(2);
  });

  it('reads the base URL and key from the environment variables it was given', async () => {
    server.use(...handlers());
    const requests = recordRequests();
    const { models } = await createModelCatalog({
      providers: [openaiCompatible(fromEnv)],
      env: { MY_VLLM_BASE_URL: 'http://127.0.0.1:8000/v1/', MY_VLLM_API_KEY: KEY },
      cache: false,
    }).listModels({ provider: 'my-vllm' });
    expect(models).toHaveLength(2);
    expect(requests[0]!.url).toBe(URL);
    expect(requests[0]!.headers.get('authorization')).toBe(`Bearer ${KEY}`);
  });

  it('is not configured without a base URL, naming the option and the variable', async () => {
    const catalog = createModelCatalog({
      providers: [openaiCompatible(fromEnv)],
      env: {},
      cache: false,
    });
    const error = await catalog
      .listModels({ provider: 'my-vllm' })
      .catch((caught: unknown) => caught);
    expect(ModelCatalogError.isInstance(error) && error.kind).toBe('not_configured');
    expect((error as Error).message).toBe(
      'Provider "my-vllm" is not configured: set the `baseURL` option or the MY_VLLM_BASE_URL environment variable.',
    );
    const bare = createModelCatalog({
      providers: [openaiCompatible({ id: 'bare' })],
      env: {},
      cache: false,
    });
    expect(bare.listProviders()[0]).toMatchObject({
      configured: false,
      reason: expect.stringContaining('`baseURL`'),
    });
  });

  it('throws a TypeError when called without an id', () => {
    expect(() => openaiCompatible(undefined as never)).toThrow(TypeError);
  });
});
