import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HTTPError, TimeoutError } from 'ky';
import { delay, HttpResponse, http } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  AdapterError,
  type CacheEntry,
  type CatalogEvent,
  createFileCache,
  createMemoryCache,
  createModelCatalog,
  defaultProviders,
  type ErrorKind,
  InvalidParameterError,
  InvalidResponseError,
  listModels,
  type Model,
  type ModelCache,
  ModelCatalogError,
  type ModelCatalogOptions,
  NotConfiguredError,
  openai,
  type ProviderAdapter,
  ProviderRequestError,
  toGeminiModelList,
  UnknownProviderError,
} from '../src/index.js';
import { recordRequests, server } from './helpers/msw.js';
import { useTempDir } from './helpers/temp-dir.js';

const tempDir = useTempDir();
const KEY = 'sk-test-catalog-PLANTED-5c1e0';
const OPENAI_URL = 'https://api.openai.com/v1/models';
const NOW = Date.parse('2026-02-19T10:00:00.000Z');
const NOW_ISO = '2026-02-19T10:00:00.000Z';
const HOUR = 60 * 60 * 1000;
const OPENAI_MODELS: Model[] = [
  {
    id: 'gpt-4o',
    name: 'gpt-4o',
    category: 'chat',
    provider: 'openai',
    created: 1715367049,
    ownedBy: 'system',
  },
  {
    id: 'whisper-1',
    name: 'whisper-1',
    category: 'stt',
    provider: 'openai',
    created: 1677532384,
    ownedBy: 'openai-internal',
  },
];

function openaiBody() {
  return {
    object: 'list',
    data: [
      { id: 'gpt-4o', object: 'model', created: 1715367049, owned_by: 'system' },
      { id: 'whisper-1', object: 'model', created: 1677532384, owned_by: 'openai-internal' },
    ],
  };
}

function serveOpenAI(): void {
  server.use(http.get(OPENAI_URL, () => HttpResponse.json(openaiBody())));
}

/** A hand-written adapter, as a user would write one: `GET <url>` answering `{ models: [{ id, name }] }`. */
function customAdapter(id: string, url: string): ProviderAdapter {
  return {
    id,
    async listModels({ http }) {
      const body = (await http.getJson(url)) as { models: { id: string; name: string }[] };
      return body.models.map((model) => ({ ...model, category: 'chat' as const, provider: id }));
    },
  };
}

function catalogWith(options: ModelCatalogOptions = {}) {
  return createModelCatalog({
    providers: [openai()],
    env: { OPENAI_API_KEY: KEY },
    cache: false,
    retries: 0,
    now: () => NOW,
    ...options,
  });
}

/** Resolves to what a promise rejected with; fails the test when it resolves. */
async function rejectionOf(promise: Promise<unknown>): Promise<ModelCatalogError> {
  const outcome = await promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  if (!('error' in outcome))
    throw new Error(`expected a rejection, got ${JSON.stringify(outcome.value)}`);
  return outcome.error as ModelCatalogError;
}

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe('listing every provider', () => {
  it('returns the providers that answered, from the cache or live, and the error of the one that failed', async () => {
    serveOpenAI();
    server.use(
      http.get('https://alpha.test/models', () =>
        HttpResponse.json({ models: [{ id: 'a-2', name: 'Alpha 2' }] }),
      ),
      http.get('https://beta.test/models', () =>
        HttpResponse.json({ error: { message: 'upstream exploded' } }, { status: 500 }),
      ),
    );
    const cache = createMemoryCache();
    const alphaModels: Model[] = [
      { id: 'a-1', name: 'Alpha 1', category: 'chat', provider: 'alpha' },
    ];
    await cache.set('alpha', {
      version: 1,
      providerId: 'alpha',
      fetchedAt: '2026-02-19T09:00:00.000Z',
      models: alphaModels,
    });
    const requests = recordRequests();

    const result = await catalogWith({
      providers: [
        openai(),
        customAdapter('alpha', 'https://alpha.test/models'),
        customAdapter('beta', 'https://beta.test/models'),
      ],
      cache,
    }).listModels();

    expect(result).toEqual({
      providers: { openai: OPENAI_MODELS, alpha: alphaModels },
      errors: {
        beta: {
          kind: 'http',
          status: 500,
          message:
            'beta: GET https://beta.test/models answered 500 Internal Server Error: upstream exploded',
        },
      },
      status: {
        openai: { source: 'live', fetchedAt: NOW_ISO },
        alpha: { source: 'cache', fetchedAt: '2026-02-19T09:00:00.000Z' },
      },
    });
    expect(requests.map((request) => request.url).sort()).toEqual([
      'https://api.openai.com/v1/models',
      'https://beta.test/models',
    ]);
  });

  it('resolves with every provider in errors when all of them fail', async () => {
    server.use(
      http.get(OPENAI_URL, () =>
        HttpResponse.json({ error: { message: 'bad key' } }, { status: 401 }),
      ),
      http.get('https://alpha.test/models', () => HttpResponse.error()),
    );
    const result = await catalogWith({
      providers: [openai(), customAdapter('alpha', 'https://alpha.test/models')],
    }).listModels();
    expect(result.providers).toEqual({});
    expect(result.status).toEqual({});
    expect(result.errors.openai).toEqual({
      kind: 'auth',
      status: 401,
      message: 'openai: GET https://api.openai.com/v1/models answered 401 Unauthorized: bad key',
    });
    expect(result.errors.alpha).toEqual({
      kind: 'network',
      message: expect.stringMatching(/^alpha: GET https:\/\/alpha\.test\/models failed: /),
    });
  });

  it('leaves a provider that is not configured out of both providers and errors', async () => {
    server.use(
      http.get('https://alpha.test/models', () =>
        HttpResponse.json({ models: [{ id: 'a-1', name: 'A' }] }),
      ),
    );
    const result = await catalogWith({
      env: {},
      providers: [openai(), customAdapter('alpha', 'https://alpha.test/models')],
    }).listModels();
    expect(Object.keys(result.providers)).toEqual(['alpha']);
    expect(result.errors).toEqual({});
  });

  it('uses, by default, only the built-in providers the environment configures', async () => {
    serveOpenAI();
    const requests = recordRequests();
    const result = await createModelCatalog({
      env: { OPENAI_API_KEY: KEY },
      cache: false,
      now: () => NOW,
    }).listModels();
    expect(result).toEqual({
      providers: { openai: OPENAI_MODELS },
      errors: {},
      status: { openai: { source: 'live', fetchedAt: NOW_ISO } },
    });
    expect(requests.map((request) => request.url)).toEqual([OPENAI_URL]);
  });

  it('calls nothing at all, by default, with an empty environment', async () => {
    const requests = recordRequests();
    const result = await createModelCatalog({ env: {}, cache: false }).listModels();
    expect(result).toEqual({ providers: {}, errors: {}, status: {} });
    expect(requests).toEqual([]);
  });
});

describe('listing one provider', () => {
  it('resolves with the provider, its models and where they came from', async () => {
    serveOpenAI();
    expect(await catalogWith().listModels({ provider: 'openai' })).toEqual({
      provider: 'openai',
      models: OPENAI_MODELS,
      status: { source: 'live', fetchedAt: NOW_ISO },
    });
  });

  it('rejects an unknown id with an UnknownProviderError listing the valid ids', async () => {
    const catalog = catalogWith({
      providers: [openai(), customAdapter('alpha', 'https://alpha.test/models')],
    });
    const error = await rejectionOf(catalog.listModels({ provider: 'nope' }));
    expect(error).toBeInstanceOf(UnknownProviderError);
    expect(UnknownProviderError.isInstance(error)).toBe(true);
    expect(error.name).toBe('UnknownProviderError');
    expect(error.kind).toBe('unknown_provider');
    expect(error.provider).toBe('nope');
    expect(error.message).toBe('Unknown provider "nope". Valid providers: openai, alpha.');
    expect((error as UnknownProviderError).validIds).toEqual(['openai', 'alpha']);
  });

  it('rejects a provider without its key with a NotConfiguredError naming the option and the variable, calling nothing', async () => {
    const requests = recordRequests();
    const error = await rejectionOf(catalogWith({ env: {} }).listModels({ provider: 'openai' }));
    expect(error).toBeInstanceOf(NotConfiguredError);
    expect(error.kind).toBe('not_configured');
    expect(error.provider).toBe('openai');
    expect(error.message).toBe(
      'Provider "openai" is not configured: set the `apiKey` option or the OPENAI_API_KEY environment variable.',
    );
    expect(requests).toEqual([]);
  });

  it("rejects with the provider's own failure", async () => {
    server.use(
      http.get(OPENAI_URL, () =>
        HttpResponse.json({ error: { message: 'no access' } }, { status: 403 }),
      ),
    );
    const error = await rejectionOf(catalogWith().listModels({ provider: 'openai' }));
    expect(error).toBeInstanceOf(ProviderRequestError);
    expect({
      kind: error.kind,
      status: error.status,
      provider: error.provider,
      message: error.message,
    }).toEqual({
      kind: 'auth',
      status: 403,
      provider: 'openai',
      message: 'openai: GET https://api.openai.com/v1/models answered 403 Forbidden: no access',
    });
  });

  it('rejects a request that is not an object, or a provider that is not a string, with a TypeError', async () => {
    const catalog = catalogWith();
    await expect(
      (catalog.listModels as (request: unknown) => Promise<unknown>)('openai'),
    ).rejects.toThrow(TypeError);
    await expect(
      (catalog.listModels as (request: unknown) => Promise<unknown>)({ provider: 42 }),
    ).rejects.toThrow('`provider` must be a string.');
  });

  it('rejects a refresh or a signal of the wrong type with a TypeError, before any request', async () => {
    const seen = recordRequests();
    const catalog = catalogWith();
    const list = catalog.listModels as (request: unknown) => Promise<unknown>;
    // A query parameter forwarded as it is: a string, not a list.
    await expect(list({ provider: 'openai', refresh: 'openai' })).rejects.toThrow(
      new TypeError('`refresh` must be true, false or an array of provider ids, got "openai".'),
    );
    await expect(list({ provider: 'openai', signal: {} })).rejects.toThrow(
      new TypeError('`signal` must be an AbortSignal.'),
    );
    await expect(list({ signal: 'abort' })).rejects.toThrow(TypeError);
    expect(seen).toEqual([]);
  });
});

describe('listProviders', () => {
  it('tells which providers are configured, and for the others what to set', () => {
    const gamma: ProviderAdapter = {
      id: 'gamma',
      settings: {
        apiKey: { env: ['GAMMA_API_KEY'], required: true, secret: true, option: 'apiKey' },
      },
      listModels: async () => [],
    };
    expect(catalogWith({ providers: [openai(), gamma] }).listProviders()).toEqual([
      { id: 'openai', aliases: [], configured: true },
      {
        id: 'gamma',
        aliases: [],
        configured: false,
        reason:
          'Provider "gamma" is not configured: set the `apiKey` option or the GAMMA_API_KEY environment variable.',
      },
    ]);
  });

  it('hands out aliases a caller cannot change the resolution of provider ids with', () => {
    const gamma: ProviderAdapter = { id: 'gamma', aliases: ['g'], listModels: async () => [] };
    const catalog = catalogWith({ providers: [openai(), gamma] });
    (catalog.listProviders()[1]!.aliases as string[]).push('openai-too');
    expect(catalog.listProviders()[1]!.aliases).toEqual(['g']);
    expect(gamma.aliases).toEqual(['g']);
  });

  it('reports every built-in provider as not configured in an empty environment, with what to set', () => {
    const providers = createModelCatalog({ env: {}, cache: false }).listProviders();
    expect(providers.map((provider) => provider.id)).toEqual(
      defaultProviders().map((adapter) => adapter.id),
    );
    for (const provider of providers) {
      expect(provider.configured, provider.id).toBe(false);
      expect(provider.reason).toMatch(
        new RegExp(`^Provider "${provider.id}" is not configured: set `),
      );
    }
  });
});

describe('the cache and its TTL', () => {
  it('serves an entry younger than ttlMs from the cache without a request, and fetches once it is ttlMs old', async () => {
    serveOpenAI();
    let now = NOW;
    const catalog = catalogWith({ cache: createMemoryCache(), ttlMs: HOUR, now: () => now });
    const requests = recordRequests();

    expect((await catalog.listModels({ provider: 'openai' })).status).toEqual({
      source: 'live',
      fetchedAt: NOW_ISO,
    });
    now = NOW + HOUR - 1;
    const cached = await catalog.listModels({ provider: 'openai' });
    expect(cached).toEqual({
      provider: 'openai',
      models: OPENAI_MODELS,
      status: { source: 'cache', fetchedAt: NOW_ISO },
    });
    expect(requests).toHaveLength(1);

    now = NOW + HOUR;
    const expired = await catalog.listModels({ provider: 'openai' });
    expect(expired.status.source).toBe('live');
    expect(expired.status.fetchedAt).toBe('2026-02-19T11:00:00.000Z');
    expect(requests).toHaveLength(2);
  });

  it('keeps a cached list fresh for 24 hours by default', async () => {
    serveOpenAI();
    let now = NOW;
    const catalog = catalogWith({ cache: createMemoryCache(), now: () => now });
    const requests = recordRequests();
    await catalog.listModels({ provider: 'openai' });
    now = NOW + 24 * HOUR - 1;
    expect((await catalog.listModels({ provider: 'openai' })).status.source).toBe('cache');
    now = NOW + 24 * HOUR;
    expect((await catalog.listModels({ provider: 'openai' })).status.source).toBe('live');
    expect(requests).toHaveLength(2);
  });

  it('does not trust an entry fetched in the future', async () => {
    serveOpenAI();
    const cache = createMemoryCache();
    await cache.set('openai', {
      version: 1,
      providerId: 'openai',
      fetchedAt: '2026-02-19T11:00:00.000Z',
      models: OPENAI_MODELS,
    });
    const requests = recordRequests();
    const { status } = await catalogWith({ cache }).listModels({ provider: 'openai' });
    expect(status.source).toBe('live');
    expect(requests).toHaveLength(1);
  });

  it('trusts an entry dated up to a minute ahead: another host of the fleet, its clock a little ahead', async () => {
    serveOpenAI();
    const cache = createMemoryCache();
    const entryAt = (iso: string) =>
      cache.set('openai', {
        version: 1,
        providerId: 'openai',
        fetchedAt: iso,
        models: OPENAI_MODELS,
      });
    const requests = recordRequests();
    await entryAt('2026-02-19T10:00:02.000Z');
    expect((await catalogWith({ cache }).listModels({ provider: 'openai' })).status.source).toBe(
      'cache',
    );
    await entryAt('2026-02-19T10:01:00.000Z');
    expect((await catalogWith({ cache }).listModels({ provider: 'openai' })).status.source).toBe(
      'cache',
    );
    expect(requests).toHaveLength(0);
    await entryAt('2026-02-19T10:01:00.001Z');
    expect((await catalogWith({ cache }).listModels({ provider: 'openai' })).status.source).toBe(
      'live',
    );
    expect(requests).toHaveLength(1);
  });

  it('reports a miss, then a hit, through onEvent', async () => {
    serveOpenAI();
    const events: CatalogEvent[] = [];
    const catalog = catalogWith({
      cache: createMemoryCache(),
      onEvent: (event) => events.push(event),
    });
    await catalog.listModels({ provider: 'openai' });
    await catalog.listModels({ provider: 'openai' });
    expect(events.map((event) => event.type)).toEqual([
      'cache:miss',
      'fetch:start',
      'fetch:success',
      'cache:hit',
    ]);
    expect(events[3]).toEqual({ type: 'cache:hit', provider: 'openai', fetchedAt: NOW_ISO });
  });

  it('keeps listing when onEvent throws', async () => {
    serveOpenAI();
    const catalog = catalogWith({
      cache: createMemoryCache(),
      onEvent: () => {
        throw new Error('a broken logger');
      },
    });
    expect((await catalog.listModels({ provider: 'openai' })).models).toEqual(OPENAI_MODELS);
  });

  it('never reads or writes any cache with cache: false', async () => {
    serveOpenAI();
    const dir = tempDir();
    const requests = recordRequests();
    const catalog = catalogWith({
      cache: false,
      env: { OPENAI_API_KEY: KEY, MODEL_CATALOG_CACHE_DIR: dir },
    });
    await catalog.listModels({ provider: 'openai' });
    const second = await catalog.listModels({ provider: 'openai' });
    expect(second.status.source).toBe('live');
    expect(requests).toHaveLength(2);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('refresh: true', () => {
  async function freshFile(): Promise<{ dir: string; file: string; before: string }> {
    serveOpenAI();
    const dir = tempDir();
    await catalogWith({ cache: createFileCache({ dir }) }).listModels({ provider: 'openai' });
    const file = join(dir, 'openai.json');
    return { dir, file, before: readFileSync(file, 'utf8') };
  }

  it('fetches despite a fresh entry and replaces it', async () => {
    const { dir, file } = await freshFile();
    server.use(
      http.get(OPENAI_URL, () =>
        HttpResponse.json({ data: [{ id: 'o4-mini', created: 1, owned_by: 'system' }] }),
      ),
    );
    const requests = recordRequests();
    const later = NOW + 60_000;
    const result = await catalogWith({
      cache: createFileCache({ dir }),
      now: () => later,
    }).listModels({
      provider: 'openai',
      refresh: true,
    });
    expect(requests).toHaveLength(1);
    expect(result.status).toMatchObject({ source: 'live', fetchedAt: '2026-02-19T10:01:00.000Z' });
    expect(result.models.map((model) => model.id)).toEqual(['o4-mini']);
    const written = JSON.parse(readFileSync(file, 'utf8')) as CacheEntry;
    expect(written.fetchedAt).toBe('2026-02-19T10:01:00.000Z');
    expect(written.models).toEqual([
      {
        id: 'o4-mini',
        name: 'o4-mini',
        category: 'chat',
        provider: 'openai',
        created: 1,
        ownedBy: 'system',
      },
    ]);
  });

  it('rejects and leaves the entry byte for byte as it was when the refresh fails and serveStale is false', async () => {
    const { dir, file, before } = await freshFile();
    server.use(
      http.get(OPENAI_URL, () =>
        HttpResponse.json({ error: { message: 'down' } }, { status: 502 }),
      ),
    );
    const catalog = catalogWith({ cache: createFileCache({ dir }), serveStale: false });
    const error = await rejectionOf(catalog.listModels({ provider: 'openai', refresh: true }));
    expect(error.kind).toBe('http');
    expect(error.status).toBe(502);
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  it('serves the old entry marked stale and leaves it byte for byte as it was when the refresh fails', async () => {
    const { dir, file, before } = await freshFile();
    server.use(
      http.get(OPENAI_URL, () =>
        HttpResponse.json({ error: { message: 'down' } }, { status: 502 }),
      ),
    );
    const result = await catalogWith({ cache: createFileCache({ dir }) }).listModels({
      provider: 'openai',
      refresh: true,
    });
    expect(result.models).toEqual(OPENAI_MODELS);
    expect(result.status).toEqual({
      source: 'cache',
      fetchedAt: NOW_ISO,
      stale: true,
      error: {
        kind: 'http',
        status: 502,
        message: 'openai: GET https://api.openai.com/v1/models answered 502 Bad Gateway: down',
      },
    });
    expect(readFileSync(file, 'utf8')).toBe(before);
  });
});

describe('hand-written adapters', () => {
  it('works like a built-in one: listed, cached and served from the cache', async () => {
    server.use(
      http.get('https://alpha.test/models', () =>
        HttpResponse.json({ models: [{ id: 'a-1', name: 'Alpha 1' }] }),
      ),
    );
    const dir = tempDir();
    const requests = recordRequests();
    const catalog = catalogWith({
      providers: [customAdapter('alpha', 'https://alpha.test/models')],
      cache: createFileCache({ dir }),
    });
    const first = await catalog.listModels({ provider: 'alpha' });
    const second = await catalog.listModels({ provider: 'alpha' });
    expect(first.models).toEqual([
      { id: 'a-1', name: 'Alpha 1', category: 'chat', provider: 'alpha' },
    ]);
    expect(second.status).toEqual({ source: 'cache', fetchedAt: NOW_ISO });
    expect(requests).toHaveLength(1);
    expect(readdirSync(dir)).toEqual(['alpha.json']);
  });

  it('gets models without a name, with an unknown category or without a provider repaired, and those without an id skipped', async () => {
    const sloppy = {
      id: 'sloppy',
      listModels: async () => ({
        models: [
          { id: 'text-embedding-x' },
          { id: 'my-model', name: '', category: 'bogus' },
          { id: 'whisper-large-v3', name: 'Whisper', category: 'stt', provider: 'elsewhere' },
          { name: 'no id' },
          { id: '' },
          null,
        ],
      }),
    } as unknown as ProviderAdapter;
    const result = await catalogWith({ providers: [sloppy] }).listModels({ provider: 'sloppy' });
    expect(result.models).toEqual([
      {
        id: 'text-embedding-x',
        name: 'text-embedding-x',
        category: 'embedding',
        provider: 'sloppy',
      },
      { id: 'my-model', name: 'my-model', category: 'chat', provider: 'sloppy' },
      { id: 'whisper-large-v3', name: 'Whisper', category: 'stt', provider: 'elsewhere' },
    ]);
    expect(result.status).toEqual({ source: 'live', fetchedAt: NOW_ISO, skipped: 3 });
  });

  it('freezes what a hand-written adapter reports beside its list, as the rest of the status', async () => {
    const odd = {
      id: 'odd',
      listModels: async () => ({ models: [{ id: 'a' }], incomplete: { pages: [2, 3] } }),
    } as unknown as ProviderAdapter;
    const { status } = await catalogWith({ providers: [odd] }).listModels({ provider: 'odd' });
    const incomplete = status.incomplete as unknown as { pages: number[] };
    expect(incomplete).toEqual({ pages: [2, 3] });
    expect(Object.isFrozen(status)).toBe(true);
    expect(Object.isFrozen(incomplete)).toBe(true);
    expect(Object.isFrozen(incomplete.pages)).toBe(true);
  });

  it('turns an adapter that returns no list into an adapter error, not blaming the provider', async () => {
    const broken = {
      id: 'broken',
      listModels: async () => ({ items: [] }),
    } as unknown as ProviderAdapter;
    const error = await rejectionOf(
      catalogWith({ providers: [broken] }).listModels({ provider: 'broken' }),
    );
    expect(ModelCatalogError.isInstance(error)).toBe(true);
    expect(AdapterError.isInstance(error)).toBe(true);
    expect(InvalidResponseError.isInstance(error)).toBe(false);
    expect(error.kind).toBe('adapter');
    expect(error.message).toBe('broken: the adapter returned no model list.');
  });

  it('wraps a plain error thrown by an adapter into a ModelCatalogError with the original as cause', async () => {
    const original = new RangeError('something odd');
    const throwing: ProviderAdapter = {
      id: 'throwing',
      listModels: async () => {
        throw original;
      },
    };
    const error = await rejectionOf(
      catalogWith({ providers: [throwing] }).listModels({ provider: 'throwing' }),
    );
    expect(ModelCatalogError.isInstance(error)).toBe(true);
    // A crashing adapter is the adapter's fault, not the provider's: kind `adapter`, AdapterError.
    expect({ kind: error.kind, provider: error.provider, message: error.message }).toEqual({
      kind: 'adapter',
      provider: 'throwing',
      message: 'throwing: something odd',
    });
    expect(AdapterError.isInstance(error)).toBe(true);
    expect(error.name).toBe('AdapterError');
    expect(error.cause).toBe(original);
  });
});

describe('concurrent callers', () => {
  it('share one upstream request among 20 concurrent cold calls', async () => {
    server.use(
      http.get(OPENAI_URL, async () => {
        await delay(30);
        return HttpResponse.json(openaiBody());
      }),
    );
    const requests = recordRequests();
    const catalog = catalogWith({ cache: createMemoryCache() });
    const results = await Promise.all(
      Array.from({ length: 20 }, () => catalog.listModels({ provider: 'openai' })),
    );
    expect(requests).toHaveLength(1);
    for (const result of results) expect(result.models).toEqual(OPENAI_MODELS);
  });

  it('share one upstream request without any cache, too', async () => {
    server.use(
      http.get(OPENAI_URL, async () => {
        await delay(30);
        return HttpResponse.json(openaiBody());
      }),
    );
    const requests = recordRequests();
    const catalog = catalogWith({ cache: false });
    await Promise.all([
      catalog.listModels(),
      ...Array.from({ length: 19 }, () => catalog.listModels({ provider: 'openai' })),
    ]);
    expect(requests).toHaveLength(1);
  });

  it('share one cache read, before the account fingerprint is known and after', async () => {
    serveOpenAI();
    const memory = createMemoryCache();
    const keysRead: string[] = [];
    const cache: ModelCache = {
      get: (key) => {
        keysRead.push(key);
        return memory.get(key);
      },
      set: (key, entry) => memory.set(key, entry),
    };
    const requests = recordRequests();
    const catalog = catalogWith({ cache });
    const listTwenty = () =>
      Promise.all(Array.from({ length: 20 }, () => catalog.listModels({ provider: 'openai' })));
    // Cold: every call waits for the fingerprint's digest, then joins the first one's read.
    for (const result of await listTwenty()) expect(result.models).toEqual(OPENAI_MODELS);
    expect(keysRead).toEqual(['openai']);
    expect(requests).toHaveLength(1);
    // Warm: the fingerprint is known at once; the calls still share one read, and hit.
    const warm = await listTwenty();
    for (const result of warm) expect(result.status.source).toBe('cache');
    expect(keysRead).toEqual(['openai', 'openai']);
    expect(requests).toHaveLength(1);
  });

  it('share one frozen models array that no caller can change', async () => {
    serveOpenAI();
    const catalog = catalogWith({ cache: createMemoryCache() });
    const [first, second] = await Promise.all([
      catalog.listModels({ provider: 'openai' }),
      catalog.listModels({ provider: 'openai' }),
    ]);
    expect(second.models).toBe(first.models);
    expect(Object.isFrozen(first.models)).toBe(true);
    const models = first.models as Model[];
    expect(() => {
      models.length = 0;
    }).toThrow(TypeError);
    expect(() => models.sort((a, b) => b.id.localeCompare(a.id))).toThrow(TypeError);
    expect(() => models.push(models[0]!)).toThrow(TypeError);
    // A copy is the caller's own to sort.
    expect([...first.models].sort((a, b) => b.id.localeCompare(a.id)).map((m) => m.id)).toEqual(
      OPENAI_MODELS.map((m) => m.id)
        .sort()
        .reverse(),
    );
    const later = await catalog.listModels({ provider: 'openai' });
    expect(later.models).toBe(first.models);
    expect(later.models).toEqual(OPENAI_MODELS);
  });
});

describe('the default listModels export', () => {
  it('reads keys and the cache directory from process.env', async () => {
    serveOpenAI();
    const dir = tempDir();
    vi.stubEnv('OPENAI_API_KEY', KEY);
    vi.stubEnv('MODEL_CATALOG_CACHE_DIR', dir);
    const result = await listModels({ provider: 'openai' });
    expect(result.models).toEqual(OPENAI_MODELS);
    expect(result.status.source).toBe('live');
    const written = JSON.parse(readFileSync(join(dir, 'openai.json'), 'utf8')) as CacheEntry;
    expect(written).toMatchObject({ version: 1, providerId: 'openai', models: OPENAI_MODELS });
    expect(Date.parse(written.fetchedAt)).toBe(Date.parse(result.status.fetchedAt));
    const all = await listModels();
    expect(all.providers.openai).toEqual(OPENAI_MODELS);
    expect(all.status.openai?.source).toBe('cache');
  });
});

describe('retries', () => {
  it('succeeds after a 503 with retries: 1, in two requests', async () => {
    let count = 0;
    server.use(
      http.get(OPENAI_URL, () => {
        count++;
        return count === 1
          ? HttpResponse.json({ error: 'busy' }, { status: 503 })
          : HttpResponse.json(openaiBody());
      }),
    );
    const requests = recordRequests();
    const result = await catalogWith({ retries: 1 }).listModels({ provider: 'openai' });
    expect(result.models).toEqual(OPENAI_MODELS);
    expect(requests).toHaveLength(2);
  });

  it('fails after one request with retries: 0', async () => {
    server.use(http.get(OPENAI_URL, () => HttpResponse.json({ error: 'busy' }, { status: 503 })));
    const requests = recordRequests();
    const error = await rejectionOf(catalogWith({ retries: 0 }).listModels({ provider: 'openai' }));
    expect({ kind: error.kind, status: error.status, retryable: error.retryable }).toEqual({
      kind: 'http',
      status: 503,
      retryable: true,
    });
    expect(requests).toHaveLength(1);
  });

  it('does not retry a 401', async () => {
    server.use(http.get(OPENAI_URL, () => HttpResponse.json({ error: 'nope' }, { status: 401 })));
    const requests = recordRequests();
    const error = await rejectionOf(catalogWith({ retries: 2 }).listModels({ provider: 'openai' }));
    expect(error.kind).toBe('auth');
    expect(requests).toHaveLength(1);
  });
});

/** A body sent in `count` chunks of `size` bytes, without a Content-Length. */
function chunkedBody(count: number, size: number): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent++ === count) controller.close();
      else controller.enqueue(new TextEncoder().encode(' '.repeat(size)));
    },
  });
}

const ALL_KINDS = [
  'unknown_provider',
  'not_configured',
  'auth',
  'rate_limit',
  'timeout',
  'network',
  'http',
  'invalid_response',
  'aborted',
  'adapter',
  'invalid_parameter',
] as const satisfies readonly ErrorKind[];
// Fails to compile when a kind is added to ErrorKind without a row here.
const everyKindListed: Exclude<ErrorKind, (typeof ALL_KINDS)[number]> extends never ? true : false =
  true;

describe('every error kind', () => {
  const seen = new Set<ErrorKind>();

  /** Checks what every error must be, records its kind, and returns it. */
  function checked(error: ModelCatalogError): ModelCatalogError {
    expect(ModelCatalogError.isInstance(error)).toBe(true);
    expect(error).toBeInstanceOf(ModelCatalogError);
    expect(error).not.toBeInstanceOf(HTTPError);
    expect(error).not.toBeInstanceOf(TimeoutError);
    expect(['HTTPError', 'TimeoutError', 'ForceRetryError', 'Error']).not.toContain(error.name);
    for (let cause = error.cause; cause instanceof Error; cause = cause.cause) {
      expect(cause).not.toBeInstanceOf(HTTPError);
      expect(cause).not.toBeInstanceOf(TimeoutError);
    }
    expect(typeof error.retryable).toBe('boolean');
    seen.add(error.kind);
    return error;
  }

  type Row = [
    label: string,
    kind: ErrorKind,
    respond: () => Response,
    status: number | undefined,
    retryable: boolean,
    errorClass: typeof ModelCatalogError,
  ];
  const rows: Row[] = [
    [
      '401',
      'auth',
      () => HttpResponse.json({ error: { message: 'bad key' } }, { status: 401 }),
      401,
      false,
      ProviderRequestError,
    ],
    [
      '403',
      'auth',
      () => HttpResponse.json({ error: 'forbidden' }, { status: 403 }),
      403,
      false,
      ProviderRequestError,
    ],
    [
      '429',
      'rate_limit',
      () =>
        HttpResponse.json(
          { error: 'slow down' },
          { status: 429, headers: { 'retry-after': '30' } },
        ),
      429,
      true,
      ProviderRequestError,
    ],
    [
      '404',
      'http',
      () => HttpResponse.json({ error: 'no such path' }, { status: 404 }),
      404,
      false,
      ProviderRequestError,
    ],
    [
      '500',
      'http',
      () => HttpResponse.text('boom', { status: 500 }),
      500,
      true,
      ProviderRequestError,
    ],
    [
      'network failure',
      'network',
      () => HttpResponse.error(),
      undefined,
      true,
      ProviderRequestError,
    ],
    [
      'HTML page',
      'invalid_response',
      () => HttpResponse.html('<!doctype html><p>maintenance</p>'),
      200,
      false,
      InvalidResponseError,
    ],
    [
      'empty body',
      'invalid_response',
      () => new HttpResponse('', { status: 200 }),
      200,
      false,
      InvalidResponseError,
    ],
    [
      'truncated JSON',
      'invalid_response',
      () =>
        new HttpResponse('{"data": [{"id": "gp', {
          headers: { 'content-type': 'application/json' },
        }),
      200,
      false,
      InvalidResponseError,
    ],
    [
      'wrong shape',
      'invalid_response',
      () => HttpResponse.json({ data: { 'gpt-4o': {} } }),
      undefined,
      false,
      InvalidResponseError,
    ],
    [
      'body over maxResponseBytes',
      'invalid_response',
      () =>
        HttpResponse.json({
          data: Array.from({ length: 200 }, (_, index) => ({ id: `model-${index}` })),
        }),
      200,
      false,
      InvalidResponseError,
    ],
    [
      'streamed body over maxResponseBytes',
      'invalid_response',
      () =>
        new HttpResponse(chunkedBody(8, 1024), { headers: { 'content-type': 'application/json' } }),
      200,
      false,
      InvalidResponseError,
    ],
  ];
  it.each(rows)(
    'maps a %s answer to %s',
    async (_label, kind, respond, status, retryable, errorClass) => {
      server.use(http.get(OPENAI_URL, respond));
      const error = checked(
        await rejectionOf(
          catalogWith({ maxResponseBytes: 2048 }).listModels({ provider: 'openai' }),
        ),
      );
      expect(error).toBeInstanceOf(errorClass);
      expect({
        kind: error.kind,
        status: error.status,
        retryable: error.retryable,
        provider: error.provider,
      }).toEqual({
        kind,
        status,
        retryable,
        provider: 'openai',
      });
      expect(error.message).toMatch(/^openai: /);
    },
  );

  it('gives a 429 its Retry-After in milliseconds', async () => {
    server.use(
      http.get(OPENAI_URL, () =>
        HttpResponse.json({}, { status: 429, headers: { 'retry-after': '30' } }),
      ),
    );
    const error = await rejectionOf(catalogWith({ retries: 2 }).listModels({ provider: 'openai' }));
    expect((error as ProviderRequestError).retryAfterMs).toBe(30_000);
  });

  it('maps headers that take longer than timeoutMs to timeout', async () => {
    server.use(
      http.get(OPENAI_URL, async () => {
        await delay(1000);
        return HttpResponse.json(openaiBody());
      }),
    );
    const started = Date.now();
    const error = checked(
      await rejectionOf(catalogWith({ timeoutMs: 50 }).listModels({ provider: 'openai' })),
    );
    expect(Date.now() - started).toBeLessThan(900);
    expect({
      kind: error.kind,
      status: error.status,
      retryable: error.retryable,
      message: error.message,
    }).toEqual({
      kind: 'timeout',
      status: undefined,
      retryable: true,
      message: 'openai: GET https://api.openai.com/v1/models timed out after 50 ms.',
    });
  });

  it('maps a body that stalls past timeoutMs to timeout', async () => {
    server.use(
      http.get(OPENAI_URL, () => {
        const stream = new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(new TextEncoder().encode('{"data": ['));
          },
        });
        return new HttpResponse(stream, { headers: { 'content-type': 'application/json' } });
      }),
    );
    const error = checked(
      await rejectionOf(catalogWith({ timeoutMs: 100 }).listModels({ provider: 'openai' })),
    );
    expect(error.kind).toBe('timeout');
  });

  it('maps a signal aborted while waiting to aborted', async () => {
    server.use(
      http.get(OPENAI_URL, async () => {
        await delay(1000);
        return HttpResponse.json(openaiBody());
      }),
    );
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    const error = checked(
      await rejectionOf(
        catalogWith().listModels({ provider: 'openai', signal: controller.signal }),
      ),
    );
    expect({ kind: error.kind, retryable: error.retryable }).toEqual({
      kind: 'aborted',
      retryable: false,
    });
  });

  it('maps a signal aborted before the call to aborted, without a request', async () => {
    const requests = recordRequests();
    const error = checked(
      await rejectionOf(
        catalogWith().listModels({ provider: 'openai', signal: AbortSignal.abort() }),
      ),
    );
    expect(error.kind).toBe('aborted');
    expect(requests).toEqual([]);
  });

  it('maps an unknown provider and a missing key to their kinds', async () => {
    checked(await rejectionOf(catalogWith().listModels({ provider: 'nope' })));
    checked(await rejectionOf(catalogWith({ env: {} }).listModels({ provider: 'openai' })));
    expect(seen.has('unknown_provider') && seen.has('not_configured')).toBe(true);
  });

  it('maps a crashing adapter to adapter and a bad page token to invalid_parameter', async () => {
    const crashing: ProviderAdapter = {
      id: 'crashing',
      listModels: async () => {
        throw new TypeError("Cannot read properties of undefined (reading 'data')");
      },
    };
    const crashed = checked(
      await rejectionOf(
        catalogWith({ providers: [crashing] }).listModels({ provider: 'crashing' }),
      ),
    );
    expect(crashed).toBeInstanceOf(AdapterError);
    expect({ kind: crashed.kind, retryable: crashed.retryable }).toEqual({
      kind: 'adapter',
      retryable: false,
    });
    let thrown: unknown;
    try {
      toGeminiModelList([], { pageToken: 'garbage' });
    } catch (error) {
      thrown = error;
    }
    const parameterError = checked(thrown as ModelCatalogError);
    expect(parameterError).toBeInstanceOf(InvalidParameterError);
    expect(parameterError.kind).toBe('invalid_parameter');
    // The Gemini format's own name for the parameter, the one its clients send.
    expect((parameterError as InvalidParameterError).parameter).toBe('pageToken');
  });

  it('has produced every ErrorKind above', () => {
    expect(everyKindListed).toBe(true);
    expect([...seen].sort()).toEqual([...ALL_KINDS].sort());
  });
});

describe('a cache file on disk', () => {
  it('is read through the catalog only when it is for the same provider', async () => {
    serveOpenAI();
    const dir = tempDir();
    writeFileSync(
      join(dir, 'openai.json'),
      JSON.stringify({
        version: 1,
        providerId: 'groq',
        fetchedAt: NOW_ISO,
        models: [{ id: 'llama', name: 'Llama', category: 'chat' }],
      }),
    );
    const { status } = await catalogWith({ cache: createFileCache({ dir }) }).listModels({
      provider: 'openai',
    });
    expect(status.source).toBe('live');
  });
});

describe('what an adapter or a backend hands over frozen at the top only', () => {
  const topFrozen = (): Model =>
    Object.freeze({
      id: 'm',
      name: 'm',
      category: 'chat' as const,
      provider: 'p',
      pricing: { input: 1, output: 2 },
      aliases: ['m-latest'],
    });

  it('is frozen through, so that no caller changes what the next one gets', async () => {
    const adapter: ProviderAdapter = { id: 'p', listModels: async () => [topFrozen()] };
    const catalog = createModelCatalog({ providers: [adapter], cache: createMemoryCache() });
    const first = await catalog.listModels({ provider: 'p' });
    const pricing = first.models[0]!.pricing as { input: number; output: number };
    const aliases = first.models[0]!.aliases as string[];
    expect({ pricing, aliases }).toEqual({
      pricing: { input: 1, output: 2 },
      aliases: ['m-latest'],
    });
    expect(Object.isFrozen(pricing)).toBe(true);
    expect(Object.isFrozen(aliases)).toBe(true);
    expect(() => {
      pricing.input = 999;
    }).toThrow(TypeError);
    const second = await catalog.listModels({ provider: 'p' });
    expect(second.status.source).toBe('cache');
    expect(second.models[0]?.pricing).toEqual({ input: 1, output: 2 });
  });

  it('from a cache backend of its own, too', async () => {
    const value = Object.freeze({
      version: 1,
      providerId: 'p',
      fetchedAt: new Date().toISOString(),
      models: Object.freeze([topFrozen()]),
    });
    const cache: ModelCache = { get: async () => value, set: async () => {} };
    const adapter: ProviderAdapter = { id: 'p', listModels: async () => [] };
    const catalog = createModelCatalog({ providers: [adapter], cache });
    const first = await catalog.listModels({ provider: 'p' });
    expect(first.status.source).toBe('cache');
    const aliases = first.models[0]!.aliases as string[];
    expect(aliases).toEqual(['m-latest']);
    expect(() => aliases.push('mine')).toThrow(TypeError);
    expect((await catalog.listModels({ provider: 'p' })).models[0]?.aliases).toEqual(['m-latest']);
  });
});
