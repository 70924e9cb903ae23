/**
 * The environment variables each provider reads, as its official SDK and the Vercel AI SDK name
 * them, and base URLs in both the SDK's host form and the API-root form.
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  anthropic,
  azure,
  cerebras,
  cohere,
  createFileCache,
  createMemoryCache,
  createModelCatalog,
  elevenlabs,
  googleGenAI,
  groq,
  huggingface,
  mistral,
  ollama,
  openai,
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

describe('base URLs in the host form of the official SDKs, which take the version path as part of each request', () => {
  it.each([
    // The Mistral SDK's serverURL is the host.
    ['mistral', 'https://api.mistral.ai', 'https://api.mistral.ai/v1/models'],
    ['mistral', 'https://proxy.example/mistral/v1/', 'https://proxy.example/mistral/v1/models'],
    // So is the ElevenLabs SDK's baseUrl.
    ['elevenlabs', 'https://api.elevenlabs.io', 'https://api.elevenlabs.io/v1/models'],
    ['elevenlabs', 'https://api.elevenlabs.io/v1', 'https://api.elevenlabs.io/v1/models'],
  ] as const)('%s: base URL %s lists %s', async (id, baseURL, url) => {
    const setup = {
      mistral: { adapter: mistral(), env: { MISTRAL_API_KEY: KEY, MISTRAL_BASE_URL: baseURL } },
      elevenlabs: {
        adapter: elevenlabs(),
        env: { ELEVENLABS_API_KEY: KEY, ELEVENLABS_BASE_URL: baseURL },
      },
    }[id];
    server.use(http.get(/.*/, () => HttpResponse.json(id === 'mistral' ? OPENAI_LIST : [])));
    const requests = recordRequests();
    await createModelCatalog({
      providers: [setup.adapter],
      env: setup.env,
      cache: false,
    }).listModels({ provider: id });
    expect(requests.map((request) => request.url)).toEqual([url]);
  });

  it.each([
    // Cohere's Python SDK reads its host from CO_API_URL; the models list is a v1 endpoint.
    [{ CO_API_URL: 'https://cohere.example' }, 'https://cohere.example/v1/models'],
    [{ COHERE_BASE_URL: 'https://api.cohere.com/v2' }, 'https://api.cohere.com/v1/models'],
    [
      { COHERE_BASE_URL: 'https://proxy.example/cohere/v1/' },
      'https://proxy.example/cohere/v1/models',
    ],
    [
      { COHERE_BASE_URL: 'https://first.example', CO_API_URL: 'https://second.example' },
      'https://first.example/v1/models',
    ],
  ])('cohere: %o lists %s', async (env, url) => {
    const requests = await requestsOf(cohere(), { CO_API_KEY: KEY, ...env }, { models: [] });
    expect(requests.map((request) => request.url.split('?')[0])).toEqual([url]);
  });
});

describe("openai-node's OPENAI_ORG_ID and OPENAI_PROJECT_ID", () => {
  const sentBy = async (adapter: ProviderAdapter, env: Record<string, string>) => {
    const [request] = await requestsOf(adapter, { OPENAI_API_KEY: KEY, ...env }, OPENAI_LIST);
    return {
      organization: request?.headers.get('openai-organization'),
      project: request?.headers.get('openai-project'),
    };
  };

  it('sends them as OpenAI-Organization and OpenAI-Project', async () => {
    expect(
      await sentBy(openai(), { OPENAI_ORG_ID: 'org-env', OPENAI_PROJECT_ID: 'proj_env' }),
    ).toEqual({ organization: 'org-env', project: 'proj_env' });
    expect(await sentBy(openai(), {})).toEqual({ organization: null, project: null });
  });

  it('takes the organization and project options over the variables, and headers over both', async () => {
    const env = { OPENAI_ORG_ID: 'org-env', OPENAI_PROJECT_ID: 'proj_env' };
    expect(
      await sentBy(openai({ organization: 'org-option', project: 'proj_option' }), env),
    ).toEqual({ organization: 'org-option', project: 'proj_option' });
    expect(
      await sentBy(
        openai({ project: 'proj_option', headers: { 'OpenAI-Project': 'proj_header' } }),
        env,
      ),
    ).toEqual({ organization: 'org-env', project: 'proj_header' });
  });

  it("never sends the catalog's organization or project with per-request credentials", async () => {
    server.use(http.get(/.*/, () => HttpResponse.json(OPENAI_LIST)));
    const requests = recordRequests();
    const catalog = createModelCatalog({
      providers: [openai()],
      env: { OPENAI_API_KEY: KEY, OPENAI_ORG_ID: 'org-own', OPENAI_PROJECT_ID: 'proj_own' },
      cache: false,
    });
    await catalog.listModels({
      provider: 'openai',
      credentials: { openai: { apiKey: 'sk-tenant', organization: 'org-tenant' } },
    });
    await catalog.listModels({
      provider: 'openai',
      credentials: {
        openai: { apiKey: 'sk-tenant', headers: { 'OpenAI-Organization': 'org-header' } },
      },
    });
    expect(
      requests.map((request) => [
        request.headers.get('openai-organization'),
        request.headers.get('openai-project'),
      ]),
    ).toEqual([
      ['org-tenant', null],
      ['org-header', null],
    ]);
  });

  it('never serves one organization the cached list of another', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'model-catalog-openai-org-'));
    try {
      let served = 0;
      server.use(
        http.get(/.*/, ({ request }) => {
          served++;
          const organization = request.headers.get('openai-organization') ?? 'none';
          return HttpResponse.json({
            object: 'list',
            data: [{ id: `ft:gpt-4o:${organization}::1` }],
          });
        }),
      );
      const idsFor = async (organization: string) => {
        const catalog = createModelCatalog({
          providers: [openai()],
          env: { OPENAI_API_KEY: KEY, OPENAI_ORG_ID: organization },
          cache: createFileCache({ dir }),
        });
        const { models } = await catalog.listModels({ provider: 'openai' });
        return models.map((model) => model.id);
      };
      expect(await idsFor('org-a')).toEqual(['ft:gpt-4o:org-a::1']);
      expect(await idsFor('org-b')).toEqual(['ft:gpt-4o:org-b::1']);
      expect(await idsFor('org-a')).toEqual(['ft:gpt-4o:org-a::1']);
      // One file per provider for the catalog's own account: org-b's list replaced org-a's, so
      // org-a's is fetched again (a miss), never served from org-b's.
      expect(served).toBe(3);
      expect(await idsFor('org-a')).toEqual(['ft:gpt-4o:org-a::1']);
      expect(served).toBe(3);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
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

describe("Anthropic's ANTHROPIC_AUTH_TOKEN, as the Anthropic SDK reads it", () => {
  const TOKEN = 'anthropic-auth-token-PLANTED-8812';
  const credentialsOf = (request: Request | undefined) => ({
    apiKey: request?.headers.get('x-api-key'),
    authorization: request?.headers.get('authorization'),
  });

  it('sends the token as Authorization: Bearer, and no x-api-key', async () => {
    const [request] = await requestsOf(
      anthropic(),
      { ANTHROPIC_AUTH_TOKEN: TOKEN },
      ANTHROPIC_PAGE,
    );
    expect(credentialsOf(request)).toEqual({ apiKey: null, authorization: `Bearer ${TOKEN}` });
  });

  it('prefers ANTHROPIC_API_KEY when both variables are set', async () => {
    const [request] = await requestsOf(
      anthropic(),
      { ANTHROPIC_API_KEY: KEY, ANTHROPIC_AUTH_TOKEN: TOKEN },
      ANTHROPIC_PAGE,
    );
    expect(credentialsOf(request)).toEqual({ apiKey: KEY, authorization: null });
  });

  it('uses only the credential given in code, whatever the environment holds', async () => {
    const env = { ANTHROPIC_API_KEY: 'env-key', ANTHROPIC_AUTH_TOKEN: 'env-token' };
    const [byToken] = await requestsOf(anthropic({ authToken: TOKEN }), env, ANTHROPIC_PAGE);
    expect(credentialsOf(byToken)).toEqual({ apiKey: null, authorization: `Bearer ${TOKEN}` });
    const [byKey] = await requestsOf(anthropic({ apiKey: KEY }), env, ANTHROPIC_PAGE);
    expect(credentialsOf(byKey)).toEqual({ apiKey: KEY, authorization: null });
  });

  it('throws a TypeError for both apiKey and authToken in code', () => {
    expect(() => anthropic({ apiKey: KEY, authToken: TOKEN })).toThrow(
      new TypeError('anthropic(): pass `apiKey` or `authToken`, not both.'),
    );
  });

  it('configures Anthropic in the default provider set, and names both variables when neither is set', async () => {
    const catalog = (env: Record<string, string>) => createModelCatalog({ env, cache: false });
    const anthropicOf = (env: Record<string, string>) =>
      catalog(env)
        .listProviders()
        .find((provider) => provider.id === 'anthropic');
    expect(anthropicOf({ ANTHROPIC_AUTH_TOKEN: TOKEN })?.configured).toBe(true);
    expect(anthropicOf({})?.configured).toBe(false);
    const error = await createModelCatalog({ providers: [anthropic()], env: {}, cache: false })
      .listModels({ provider: 'anthropic' })
      .catch((caught: unknown) => caught);
    expect((error as Error).message).toBe(
      'Provider "anthropic" is not configured: set the `apiKey` option or the ANTHROPIC_API_KEY environment variable, or the `authToken` option or the ANTHROPIC_AUTH_TOKEN environment variable.',
    );
  });

  it("takes authToken in per-request credentials, and never sends the catalog's own key with it", async () => {
    server.use(http.get(/.*/, () => HttpResponse.json(ANTHROPIC_PAGE)));
    const requests = recordRequests();
    const catalog = createModelCatalog({
      providers: [anthropic()],
      env: { ANTHROPIC_API_KEY: KEY },
      cache: false,
    });
    await catalog.listModels({
      provider: 'anthropic',
      credentials: { anthropic: { authToken: TOKEN } },
    });
    expect(credentialsOf(requests[0])).toEqual({ apiKey: null, authorization: `Bearer ${TOKEN}` });
  });

  it('sends the key when per-request credentials give both, however the catalog was set up', async () => {
    server.use(http.get(/.*/, () => HttpResponse.json(ANTHROPIC_PAGE)));
    for (const own of [{ apiKey: 'catalog-key' }, { authToken: 'catalog-token' }]) {
      const requests = recordRequests();
      await createModelCatalog({ providers: [anthropic(own)], env: {}, cache: false }).listModels({
        provider: 'anthropic',
        credentials: { anthropic: { apiKey: KEY, authToken: TOKEN } },
      });
      expect(credentialsOf(requests[0]), JSON.stringify(own)).toEqual({
        apiKey: KEY,
        authorization: null,
      });
    }
  });

  it('leaves the unused variable out of the cache fingerprint when a credential is given in code', async () => {
    server.use(http.get(/.*/, () => HttpResponse.json(ANTHROPIC_PAGE)));
    const cache = createMemoryCache();
    const fingerprintWith = async (env: Record<string, string>) => {
      await createModelCatalog({ providers: [anthropic({ apiKey: KEY })], env, cache }).listModels({
        provider: 'anthropic',
        refresh: true,
      });
      return (await cache.get('anthropic'))?.fingerprint;
    };
    const without = await fingerprintWith({});
    expect(without).toMatch(/^[0-9a-f]+$/);
    expect(await fingerprintWith({ ANTHROPIC_AUTH_TOKEN: TOKEN })).toBe(without);
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
