/**
 * The environment variables each provider reads, as its official SDK and the Vercel AI SDK name
 * them, and base URLs in both the SDK's host form and the API-root form.
 */
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  anthropic,
  azure,
  cerebras,
  cohere,
  createModelCatalog,
  googleGenAI,
  groq,
  huggingface,
  ollama,
  type ProviderAdapter,
  together,
  vertex,
} from '../../src/index.js';
import { recordRequests, server } from '../helpers/msw.js';

const KEY = 'sk-sdk-environment-PLANTED-5521';

/** Answers every GET with `body`, and lists once through `adapter` with `env`. */
async function requestsOf(
  adapter: ProviderAdapter,
  env: Record<string, string>,
  body: Record<string, unknown>,
): Promise<Request[]> {
  server.use(http.get(/.*/, () => HttpResponse.json(body)));
  const requests = recordRequests();
  const catalog = createModelCatalog({ providers: [adapter], env, cache: false, maxRetries: 0 });
  const result = await catalog.listModels({ provider: adapter.id });
  expect(result.models).toEqual([]);
  return requests;
}

const OPENAI_LIST = { object: 'list', data: [] };
const ANTHROPIC_PAGE = { data: [], has_more: false };

describe('base URLs in the SDK host form and the API-root form', () => {
  it.each([
    // The Anthropic SDK's ANTHROPIC_BASE_URL is the host; the AI SDK's includes /v1.
    ['https://proxy.example/anthropic', 'https://proxy.example/anthropic/v1/models?limit=1000'],
    ['https://proxy.example/anthropic/v1', 'https://proxy.example/anthropic/v1/models?limit=1000'],
    ['https://api.anthropic.com/', 'https://api.anthropic.com/v1/models?limit=1000'],
  ])('anthropic: ANTHROPIC_BASE_URL=%s lists %s', async (baseURL, url) => {
    const requests = await requestsOf(
      anthropic(),
      { ANTHROPIC_API_KEY: KEY, ANTHROPIC_BASE_URL: baseURL },
      ANTHROPIC_PAGE,
    );
    expect(requests.map((request) => request.url)).toEqual([url]);
    expect(requests[0]!.headers.get('x-api-key')).toBe(KEY);
  });

  it.each([
    ['https://api.groq.com', 'https://api.groq.com/openai/v1/models'],
    ['https://api.groq.com/openai/v1', 'https://api.groq.com/openai/v1/models'],
  ])('groq: GROQ_BASE_URL=%s lists %s', async (baseURL, url) => {
    const requests = await requestsOf(
      groq(),
      { GROQ_API_KEY: KEY, GROQ_BASE_URL: baseURL },
      OPENAI_LIST,
    );
    expect(requests.map((request) => request.url)).toEqual([url]);
  });

  it.each([
    ['https://api.cerebras.ai', 'https://api.cerebras.ai/v1/models'],
    ['https://api.cerebras.ai/v1/', 'https://api.cerebras.ai/v1/models'],
  ])('cerebras: CEREBRAS_BASE_URL=%s lists %s', async (baseURL, url) => {
    const requests = await requestsOf(
      cerebras(),
      { CEREBRAS_API_KEY: KEY, CEREBRAS_BASE_URL: baseURL },
      OPENAI_LIST,
    );
    expect(requests.map((request) => request.url)).toEqual([url]);
    expect(requests[0]!.headers.get('authorization')).toBe(`Bearer ${KEY}`);
  });

  it.each([
    [{ GOOGLE_GEMINI_BASE_URL: 'https://gateway.example' }, 'https://gateway.example/v1beta'],
    [
      { GOOGLE_GENERATIVE_AI_BASE_URL: 'https://gateway.example/v1beta' },
      'https://gateway.example/v1beta',
    ],
    [
      {
        GOOGLE_GENERATIVE_AI_BASE_URL: 'https://first.example/v1',
        GOOGLE_GEMINI_BASE_URL: 'https://second.example',
      },
      'https://first.example/v1',
    ],
  ])('google-genai: %o lists under %s', async (env, root) => {
    const requests = await requestsOf(
      googleGenAI(),
      { GEMINI_API_KEY: KEY, ...env },
      { models: [] },
    );
    expect(requests.map((request) => request.url).sort()).toEqual([
      `${root}/models?pageSize=1000`,
      `${root}/tunedModels?pageSize=1000`,
    ]);
  });
});

describe("Ollama's OLLAMA_HOST", () => {
  it.each([
    ['gpu-box', 'http://gpu-box:11434/api/tags'],
    ['gpu-box:8080', 'http://gpu-box:8080/api/tags'],
    [':8080', 'http://127.0.0.1:8080/api/tags'],
    ['0.0.0.0', 'http://0.0.0.0:11434/api/tags'],
    ['[::1]:9000', 'http://[::1]:9000/api/tags'],
    ['https://ollama.example.com/', 'https://ollama.example.com/api/tags'],
    ['http://gpu-box', 'http://gpu-box/api/tags'],
  ])('reads %s as %s', async (host, url) => {
    const requests = await requestsOf(ollama(), { OLLAMA_HOST: host }, { models: [] });
    expect(requests.map((request) => request.url)).toEqual([url]);
  });

  it('takes OLLAMA_BASE_URL over OLLAMA_HOST, and a host given as the baseURL option', async () => {
    const both = await requestsOf(
      ollama(),
      { OLLAMA_BASE_URL: 'http://first:1234', OLLAMA_HOST: 'second' },
      { models: [] },
    );
    expect(both.map((request) => request.url)).toEqual(['http://first:1234/api/tags']);
    const option = await requestsOf(ollama({ baseURL: 'gpu-box:7000' }), {}, { models: [] });
    expect(option.map((request) => request.url)).toEqual(['http://gpu-box:7000/api/tags']);
  });

  it('configures Ollama in the default provider set', () => {
    const configured = (env: Record<string, string>) =>
      createModelCatalog({ env, cache: false })
        .listProviders()
        .find((provider) => provider.id === 'ollama')?.configured;
    expect(configured({})).toBe(false);
    expect(configured({ OLLAMA_HOST: '127.0.0.1:11434' })).toBe(true);
  });
});

describe('keys under the names of the official SDKs and the AI SDK', () => {
  it.each([
    ['together', together(), { TOGETHER_AI_API_KEY: KEY }, OPENAI_LIST],
    ['huggingface', huggingface(), { HUGGINGFACE_API_KEY: KEY }, OPENAI_LIST],
    ['cohere', cohere(), { CO_API_KEY: KEY }, { models: [] }],
  ] as const)('%s reads %o', async (_, adapter, env, body) => {
    const requests = await requestsOf(adapter, env, body);
    expect(requests[0]!.headers.get('authorization')).toBe(`Bearer ${KEY}`);
  });

  it.each([
    ['together', { TOGETHER_API_KEY: 'official', TOGETHER_AI_API_KEY: 'ai-sdk' }],
    ['huggingface', { HF_TOKEN: 'official', HUGGINGFACE_API_KEY: 'ai-sdk' }],
    ['cohere', { COHERE_API_KEY: 'official', CO_API_KEY: 'cohere-sdk' }],
  ] as const)('%s prefers the first name of %o', async (id, env) => {
    const adapter = { together: together(), huggingface: huggingface(), cohere: cohere() }[id];
    const requests = await requestsOf(adapter, env, id === 'cohere' ? { models: [] } : OPENAI_LIST);
    expect(requests[0]!.headers.get('authorization')).toBe('Bearer official');
  });

  it("azure reads the AI SDK's AZURE_API_KEY and AZURE_RESOURCE_NAME, and openai-node's OPENAI_API_VERSION", async () => {
    const requests = await requestsOf(
      azure(),
      { AZURE_API_KEY: KEY, AZURE_RESOURCE_NAME: 'my-resource', OPENAI_API_VERSION: '2025-04-01' },
      { data: [] },
    );
    expect(requests.map((request) => request.url)).toEqual([
      'https://my-resource.openai.azure.com/openai/models?api-version=2025-04-01',
    ]);
    expect(requests[0]!.headers.get('api-key')).toBe(KEY);
  });

  it("vertex reads the Gen AI SDK's GOOGLE_CLOUD_PROJECT and GOOGLE_CLOUD_LOCATION", async () => {
    const requests = await requestsOf(
      vertex(),
      {
        GOOGLE_VERTEX_ACCESS_TOKEN: KEY,
        GOOGLE_CLOUD_PROJECT: 'my-project',
        GOOGLE_CLOUD_LOCATION: 'europe-west4',
      },
      { publisherModels: [] },
    );
    expect(new URL(requests[0]!.url).origin).toBe('https://europe-west4-aiplatform.googleapis.com');
    expect(requests[0]!.headers.get('x-goog-user-project')).toBe('my-project');
  });
});

describe('the alias google', () => {
  it("names Google's Gemini provider, as gemini does", async () => {
    server.use(http.get(/.*/, () => HttpResponse.json({ models: [] })));
    const catalog = createModelCatalog({
      providers: [googleGenAI()],
      env: { GEMINI_API_KEY: KEY },
      cache: false,
    });
    expect((await catalog.listModels({ provider: 'google' })).provider).toBe('google-genai');
    expect(catalog.listProviders()[0]?.aliases).toEqual(['gemini', 'google']);
  });
});
