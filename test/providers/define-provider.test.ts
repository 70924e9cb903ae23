import { HttpResponse, http } from 'msw';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { BUILDS_MODELS } from '../../src/core/complete-model.js';
import {
  apiKeySetting,
  baseURLSetting,
  bearerHeader,
  bedrock,
  cerebras,
  createFileCache,
  createModelCatalog,
  defaultProviders,
  defineProvider,
  type Model,
  ModelCatalogError,
  openai,
  openaiCompatible,
  type ProviderAdapter,
  type ResolvedSettingsOf,
  setting,
  vertex,
} from '../../src/index.js';
import { recordRequests, server } from '../helpers/msw.js';
import { useTempDir } from '../helpers/temp-dir.js';

const KEY = 'sk-test-define-PLANTED-3q7w1';

/** A provider written with the helpers, as a user would. */
function myServer(options: {
  apiKey?: string;
  baseURL?: string;
  headers?: Record<string, string>;
}) {
  return defineProvider({
    id: 'my-server',
    headers: options.headers,
    settings: {
      apiKey: apiKeySetting({ value: options.apiKey, env: 'MY_SERVER_API_KEY', required: false }),
      baseURL: baseURLSetting({
        value: options.baseURL,
        env: ['MY_SERVER_URL', 'MY_SERVER_BASE_URL'],
        default: 'http://127.0.0.1:9/v1',
      }),
    },
    async listModels({ http: client, settings, headers }) {
      expectTypeOf(settings.baseURL).toEqualTypeOf<string>();
      expectTypeOf(settings.apiKey).toEqualTypeOf<string | undefined>();
      const body = (await client.getJson(`${settings.baseURL}/models`, {
        headers: { ...headers, ...bearerHeader(settings.apiKey) },
      })) as { data: { id: string }[] };
      return body.data.map((entry) => ({
        id: entry.id,
        name: '',
        category: 'chat' as const,
        provider: 'my-server',
      }));
    },
  });
}

describe('setting helpers', () => {
  it('declare an API key as a required secret named `apiKey`, env given as one name or a list', () => {
    expect(apiKeySetting({ value: undefined, env: 'MY_API_KEY' })).toEqual({
      option: 'apiKey',
      value: undefined,
      env: ['MY_API_KEY'],
      required: true,
      secret: true,
    });
    expect(apiKeySetting({ value: 'k', env: ['A', 'B'], required: false })).toEqual({
      option: 'apiKey',
      value: 'k',
      env: ['A', 'B'],
      required: false,
      secret: true,
    });
  });

  it('declare a base URL as required, or with its default (then never missing, not marked required)', () => {
    expect(baseURLSetting({ value: undefined, env: 'MY_BASE_URL' })).toEqual({
      option: 'baseURL',
      value: undefined,
      env: ['MY_BASE_URL'],
      required: true,
    });
    expect(baseURLSetting({ value: undefined, env: 'X', default: 'https://x.example/v1' })).toEqual(
      {
        option: 'baseURL',
        value: undefined,
        env: ['X'],
        default: 'https://x.example/v1',
      },
    );
    expect(baseURLSetting({ value: undefined, env: 'X', required: false }).required).toBe(false);
  });

  it('declare any other setting as optional unless it is required or has a default', () => {
    expect(setting({ option: 'project' })).toEqual({ option: 'project', env: [] });
    expect(setting({ option: 'region', default: 'us-east-1' })).toEqual({
      option: 'region',
      env: [],
      default: 'us-east-1',
    });
    expect(setting({ option: 'project', required: true, secret: false })).toEqual({
      option: 'project',
      env: [],
      required: true,
      secret: false,
    });
  });

  it('build a Bearer header only when there is a token', () => {
    expect(bearerHeader('abc')).toEqual({ authorization: 'Bearer abc' });
    expect(bearerHeader(undefined)).toStrictEqual({});
  });

  it("keep a caller's own lower-case authorization header when there is no key", async () => {
    server.use(
      http.get('https://mine.test/v1/models', () => HttpResponse.json({ data: [{ id: 'm' }] })),
    );
    const requests = recordRequests();
    const headers = { authorization: 'Bearer caller-token-1' };
    await createModelCatalog({
      providers: [
        myServer({ baseURL: 'https://mine.test/v1', headers }),
        openaiCompatible({ id: 'compat', baseURL: 'https://mine.test/v1', headers }),
      ],
      cache: false,
      env: {},
    }).listModels();
    expect(requests.map((request) => request.headers.get('authorization'))).toEqual([
      'Bearer caller-token-1',
      'Bearer caller-token-1',
    ]);
  });
});

describe('resolved setting types', () => {
  it('make a required or defaulted setting a string and any other string | undefined', () => {
    const settings = {
      apiKey: apiKeySetting({ value: undefined, env: 'K' }),
      optionalKey: apiKeySetting({ value: undefined, env: 'K', required: false }),
      baseURL: baseURLSetting({ value: undefined, env: 'U' }),
      defaultedURL: baseURLSetting({ value: undefined, env: 'U', default: 'http://x' }),
      optionalURL: baseURLSetting({ value: undefined, env: 'U', required: false }),
      region: setting({ option: 'region', default: 'us-east-1' }),
      project: setting({ option: 'project', required: true }),
      publisher: setting({ option: 'publisher' }),
      maybe: setting({ option: 'maybe', required: Math.random() > 2 }),
      handWritten: { option: 'handWritten', env: ['H'], default: 'h' },
    } as const;
    expectTypeOf<ResolvedSettingsOf<typeof settings>>().toEqualTypeOf<{
      readonly apiKey: string;
      readonly optionalKey: string | undefined;
      readonly baseURL: string;
      readonly defaultedURL: string;
      readonly optionalURL: string | undefined;
      readonly region: string;
      readonly project: string;
      readonly publisher: string | undefined;
      readonly maybe: string | undefined;
      readonly handWritten: string;
    }>();
    expect(Object.keys(settings)).toHaveLength(10);
  });
});

describe('defineProvider', () => {
  it('returns a plain adapter carrying the declared settings and no cache key without headers', () => {
    const adapter = myServer({});
    expect(Object.getPrototypeOf(adapter)).toBe(Object.prototype);
    expect(adapter.id).toBe('my-server');
    expect(Object.keys(adapter.settings ?? {})).toEqual(['apiKey', 'baseURL']);
    expect(adapter.cacheKey).toBeUndefined();
  });

  it('hands listModels the resolved settings and the declared headers; a blank name becomes the id', async () => {
    server.use(
      http.get('http://gpu.internal:8000/v1/models', () =>
        HttpResponse.json({ data: [{ id: 'qwen3-32b' }, { id: 'bge-m3' }] }),
      ),
    );
    const requests = recordRequests();
    const { models } = await createModelCatalog({
      providers: [myServer({ headers: { 'X-Team': 'research' } })],
      env: { MY_SERVER_BASE_URL: 'http://gpu.internal:8000/v1', MY_SERVER_API_KEY: KEY },
      cache: false,
    }).listModels({ provider: 'my-server' });
    expect(requests.map((request) => request.url)).toEqual(['http://gpu.internal:8000/v1/models']);
    expect(requests[0]!.headers.get('x-team')).toBe('research');
    expect(requests[0]!.headers.get('authorization')).toBe(`Bearer ${KEY}`);
    expect(models).toEqual([
      { id: 'qwen3-32b', name: 'qwen3-32b', category: 'chat', provider: 'my-server' },
      { id: 'bge-m3', name: 'bge-m3', category: 'chat', provider: 'my-server' },
    ]);
  });

  it('derives the cache key from the headers, without regard to header case or order', () => {
    const one = myServer({ headers: { 'X-Team': 'a', Accept: 'json' } }).cacheKey;
    const two = myServer({ headers: { accept: 'json', 'x-team': 'a' } }).cacheKey;
    expect(one).toBe('[["headers",[["accept","json"],["x-team","a"]]]]');
    expect(two).toBe(one);
    expect(myServer({ headers: {} }).cacheKey).toBeUndefined();
  });

  it('keeps the cache keys of the built-in providers as they were written by hand', () => {
    expect(openai({ headers: { 'OpenAI-Project': 'proj_1' } }).cacheKey).toBe(
      '[["headers",[["openai-project","proj_1"]]]]',
    );
    expect(bedrock({ includeProvisionedOnly: true, headers: { 'X-A': '1' } }).cacheKey).toBe(
      '[["includeProvisionedOnly",true],["headers",[["x-a","1"]]]]',
    );
    expect(bedrock({ includeProvisionedOnly: false }).cacheKey).toBeUndefined();
    expect(vertex({ publisher: 'anthropic' }).cacheKey).toBe('[["publisher","anthropic"]]');
    expect(vertex({ publisher: 'google' }).cacheKey).toBeUndefined();
  });

  const tempDir = useTempDir();
  it('makes a change of headers a cache miss', async () => {
    let calls = 0;
    server.use(
      http.get('http://127.0.0.1:9/v1/models', () => {
        calls++;
        return HttpResponse.json({ data: [{ id: `model-${calls}` }] });
      }),
    );
    const cache = createFileCache({ dir: tempDir() });
    const list = (headers: Record<string, string>) =>
      createModelCatalog({ providers: [myServer({ headers })], env: {}, cache }).listModels({
        provider: 'my-server',
      });
    expect((await list({ 'X-Team': 'a' })).models.map((model) => model.id)).toEqual(['model-1']);
    expect((await list({ 'x-team': 'a' })).models.map((model) => model.id)).toEqual(['model-1']);
    expect((await list({ 'X-Team': 'b' })).models.map((model) => model.id)).toEqual(['model-2']);
  });

  it('is not called when a required setting is missing: the catalog names what to set', async () => {
    const adapter = defineProvider({
      id: 'strict',
      settings: { apiKey: apiKeySetting({ value: undefined, env: 'STRICT_API_KEY' }) },
      async listModels({ settings }) {
        expectTypeOf(settings.apiKey).toEqualTypeOf<string>();
        throw new Error('not reached');
      },
    });
    const error = await createModelCatalog({ providers: [adapter], env: {}, cache: false })
      .listModels({ provider: 'strict' })
      .catch((caught: unknown) => caught);
    expect(ModelCatalogError.isInstance(error) && error.kind).toBe('not_configured');
    expect((error as Error).message).toContain('STRICT_API_KEY');
  });
});

describe('built-in adapters and the check of their models', () => {
  const marked = (adapter: ProviderAdapter): boolean =>
    (adapter as { [BUILDS_MODELS]?: unknown })[BUILDS_MODELS] === adapter.listModels;

  it('marks every built-in adapter, a wrapper of one (perplexity) too, and no other', () => {
    const adapters = defaultProviders();
    expect(adapters.length).toBeGreaterThan(20);
    expect(adapters.filter((adapter) => !marked(adapter)).map((adapter) => adapter.id)).toEqual([]);
    expect(marked(openaiCompatible({ id: 'local', baseURL: 'http://127.0.0.1:8000/v1' }))).toBe(
      true,
    );
    // Not enumerable: a copy of a built-in adapter (which may change what it lists) has no mark.
    expect(Object.keys(openai())).not.toContain(String(BUILDS_MODELS));
    expect(marked({ ...openai() })).toBe(false);
    expect(marked(myServer({}))).toBe(false);
  });

  it('still checks the models of an adapter made with defineProvider, frozen or not, counting what it drops', async () => {
    const adapter = defineProvider({
      id: 'frozen',
      settings: {},
      async listModels() {
        return [
          Object.freeze({
            id: 'a',
            name: 'a',
            category: 'chat' as const,
            provider: 'frozen',
            contextLength: -5,
            pricing: Object.freeze({ input: Number.NaN, output: 2 }),
          }),
        ];
      },
    });
    const result = await createModelCatalog({ providers: [adapter], cache: false }).listModels({
      provider: 'frozen',
    });
    expect(result.models).toEqual([
      { id: 'a', name: 'a', category: 'chat', provider: 'frozen', pricing: { output: 2 } },
    ]);
    expect(result.status.droppedValues).toBe(2);
  });
});

describe('the mark of a built-in adapter', () => {
  const CEREBRAS_URL = 'https://api.cerebras.ai/v1/models';

  it('counts the values buildModel left out of a wrapped built-in adapter (cerebras), as a marked one does', async () => {
    server.use(
      http.get(CEREBRAS_URL, () =>
        HttpResponse.json({ data: [{ id: 'llama-4', context_length: '0x10', max_tokens: 'n/a' }] }),
      ),
    );
    const catalog = createModelCatalog({
      providers: [cerebras({ apiKey: KEY })],
      cache: false,
    });
    const result = await catalog.listModels({ provider: 'cerebras' });
    expect(result.models.map((model) => model.id)).toEqual(['llama-4']);
    expect(result.models[0]?.contextLength).toBeUndefined();
    // `0x10` is a number that is none (dropped and counted); `n/a` is no value at all.
    expect(result.status.droppedValues).toBe(1);
  });

  it('no longer holds once listModels is replaced: the models the new one returns are checked', async () => {
    const replaced = openai({ apiKey: KEY });
    replaced.listModels = async () => [
      { id: 'hand-made', contextLength: Number.POSITIVE_INFINITY } as unknown as Model,
    ];
    const inherited = Object.create(openai({ apiKey: KEY }), {
      listModels: { value: async () => [{ id: 'inherited', pricing: { input: -1, output: 2 } }] },
    }) as ProviderAdapter;
    for (const [adapter, expected] of [
      [replaced, { id: 'hand-made', name: 'hand-made', category: 'chat', provider: 'openai' }],
      [
        inherited,
        {
          id: 'inherited',
          name: 'inherited',
          category: 'chat',
          provider: 'openai',
          pricing: { output: 2 },
        },
      ],
    ] as const) {
      const result = await createModelCatalog({ providers: [adapter], cache: false }).listModels({
        provider: 'openai',
      });
      expect(result.models).toEqual([expected]);
      expect(result.status.droppedValues).toBe(1);
    }
  });
});
