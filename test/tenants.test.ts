import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HttpResponse, http } from 'msw';
import { createStorage } from 'unstorage';
import memoryDriver from 'unstorage/drivers/memory';
import { describe, expect, it } from 'vitest';
import {
  anthropic,
  azure,
  type CatalogChange,
  createFileCache,
  createMemoryCache,
  createModelCatalog,
  createStorageCache,
  type ModelCache,
  NotConfiguredError,
  openai,
  openaiCompatible,
  type ProviderResult,
  UnknownProviderError,
} from '../src/index.js';
import { recordRequests, server } from './helpers/msw.js';
import { useTempDir } from './helpers/temp-dir.js';

const OWN = 'sk-own-PLANTED-0001';
const ALICE = 'sk-alice-PLANTED-0002';
const BOB = 'sk-bob-PLANTED-0003';
const OPENAI = 'https://api.openai.com/v1/models';
/** Each key sees the shared models and one fine-tune of its own. */
const LISTS: Record<string, string[]> = {
  [OWN]: ['gpt-4o', 'ft:own'],
  [ALICE]: ['gpt-4o', 'ft:alice'],
  [BOB]: ['gpt-4o', 'ft:bob'],
};

const tempDir = useTempDir();

/** OpenAI's list endpoint answering each key with its own list, counting requests per key. */
function upstream(url = OPENAI) {
  const requests: Record<string, number> = {};
  const rejected = new Set<string>();
  server.use(
    http.get(url, ({ request }) => {
      const key = request.headers.get('authorization')?.replace(/^Bearer /, '') ?? '';
      requests[key] = (requests[key] ?? 0) + 1;
      if (rejected.has(key) || !LISTS[key]) {
        return HttpResponse.json({ error: { message: 'Incorrect API key' } }, { status: 401 });
      }
      return HttpResponse.json({ object: 'list', data: LISTS[key].map((id) => ({ id })) });
    }),
  );
  return { requests, rejected };
}

const ids = (result: ProviderResult): string[] => result.models.map((model) => model.id);

function catalogOn(cache: ModelCache, apiKey: string | undefined = OWN) {
  return createModelCatalog({
    providers: [openai()],
    env: apiKey ? { OPENAI_API_KEY: apiKey } : {},
    cache,
    retries: 0,
  });
}

describe('tenants on one store', () => {
  it('gives two catalogs with different keys on one shared store their own entries: no eviction, no reading across', async () => {
    const { requests } = upstream();
    const cache = createStorageCache(createStorage({ driver: memoryDriver() }));
    const alice = catalogOn(cache, ALICE);
    const bob = catalogOn(cache, BOB);
    for (let round = 0; round < 3; round++) {
      expect(ids(await alice.listModels({ provider: 'openai' }))).toEqual(['gpt-4o', 'ft:alice']);
      expect(ids(await bob.listModels({ provider: 'openai' }))).toEqual(['gpt-4o', 'ft:bob']);
    }
    expect(requests).toEqual({ [ALICE]: 1, [BOB]: 1 });
  });

  it.each([
    [
      'a shared unstorage store',
      () => createStorageCache(createStorage({ driver: memoryDriver() })),
    ],
    ['a memory cache', () => createMemoryCache()],
    ['a file cache', () => createFileCache({ dir: tempDir() })],
  ] as const)(
    'gives each per-request key its own entry on %s, beside the catalog’s own',
    async (_name, create) => {
      const { requests } = upstream();
      const catalog = catalogOn(create());
      for (let round = 0; round < 3; round++) {
        const own = await catalog.listModels({ provider: 'openai' });
        const first = await catalog.listModels({
          provider: 'openai',
          credentials: { openai: { apiKey: ALICE } },
        });
        const second = await catalog.listModels({
          provider: 'openai',
          credentials: { openai: { apiKey: BOB } },
        });
        expect(ids(own)).toEqual(['gpt-4o', 'ft:own']);
        expect(ids(first)).toEqual(['gpt-4o', 'ft:alice']);
        expect(ids(second)).toEqual(['gpt-4o', 'ft:bob']);
        if (round > 0) {
          for (const result of [own, first, second]) expect(result.status.source).toBe('cache');
        }
      }
      expect(requests).toEqual({ [OWN]: 1, [ALICE]: 1, [BOB]: 1 });
    },
  );

  it('keeps writing <provider>.json in the plain versioned format for the catalog’s own key, and other accounts beside it, never a key', async () => {
    upstream();
    const dir = tempDir();
    const catalog = catalogOn(createFileCache({ dir }));
    await catalog.listModels({ provider: 'openai' });
    await catalog.listModels({ provider: 'openai', credentials: { openai: { apiKey: ALICE } } });
    const files = readdirSync(dir).sort();
    expect(files).toHaveLength(2);
    expect(files[0]).toBe('openai.json');
    expect(files[1]).toMatch(/^openai@[0-9a-f]{32}\.json$/);
    const own = JSON.parse(readFileSync(join(dir, 'openai.json'), 'utf8'));
    expect(own).toMatchObject({ version: 1, providerId: 'openai' });
    expect(own.models.map((model: { id: string }) => model.id)).toEqual(['gpt-4o', 'ft:own']);
    const tenant = JSON.parse(readFileSync(join(dir, files[1]!), 'utf8'));
    expect(tenant.models.map((model: { id: string }) => model.id)).toEqual(['gpt-4o', 'ft:alice']);
    expect(files[1]).toBe(`openai@${tenant.fingerprint}.json`);
    for (const file of files) {
      const text = readFileSync(join(dir, file), 'utf8');
      for (const key of [OWN, ALICE]) expect(text).not.toContain(key);
    }
  });

  it('never serves the catalog’s plain entry to a per-request key, even on the default endpoint', async () => {
    const { requests } = upstream();
    const cache = createMemoryCache();
    await cache.set('openai', {
      version: 1,
      providerId: 'openai',
      fetchedAt: new Date().toISOString(),
      models: [{ id: 'from-another-tool', name: 'x', category: 'chat', provider: 'openai' }],
    });
    const catalog = catalogOn(cache);
    expect(ids(await catalog.listModels({ provider: 'openai' }))).toEqual(['from-another-tool']);
    const tenant = await catalog.listModels({
      provider: 'openai',
      credentials: { openai: { apiKey: ALICE } },
    });
    expect(ids(tenant)).toEqual(['gpt-4o', 'ft:alice']);
    expect(requests).toEqual({ [ALICE]: 1 });
  });
});

describe('per-request credentials', () => {
  it('lists a provider the catalog has no key for, when the call brings one (bring your own key)', async () => {
    const { requests } = upstream();
    const catalog = createModelCatalog({
      providers: [openai(), anthropic()],
      env: {},
      cache: createMemoryCache(),
      retries: 0,
    });
    expect(await catalog.listModels()).toEqual({ providers: {}, errors: {}, status: {} });
    const result = await catalog.listModels({ credentials: { openai: { apiKey: ALICE } } });
    expect(Object.keys(result.providers)).toEqual(['openai']);
    expect(result.providers.openai?.map((model) => model.id)).toEqual(['gpt-4o', 'ft:alice']);
    expect(result.errors).toEqual({});
    expect(requests).toEqual({ [ALICE]: 1 });
  });

  it('never sends the catalog’s own key with settings a call chose, such as another endpoint', async () => {
    const seen = recordRequests();
    upstream('https://tenant.example.com/v1/models');
    const catalog = catalogOn(createMemoryCache());
    const without = catalog.listModels({
      provider: 'openai',
      credentials: { openai: { baseURL: 'https://tenant.example.com/v1' } },
    });
    await expect(without).rejects.toThrow(NotConfiguredError);
    await expect(without).rejects.toThrow(/`apiKey` option/);
    expect(seen).toHaveLength(0);
    const withKey = await catalog.listModels({
      provider: 'openai',
      credentials: { openai: { baseURL: 'https://tenant.example.com/v1', apiKey: BOB } },
    });
    expect(ids(withKey)).toEqual(['gpt-4o', 'ft:bob']);
    expect(seen.map((request) => [request.url, request.headers.get('authorization')])).toEqual([
      ['https://tenant.example.com/v1/models', `Bearer ${BOB}`],
    ]);
  });

  it('keeps the catalog’s own non-secret settings, such as its base URL, for a call that brings only a key', async () => {
    const seen = recordRequests();
    upstream('https://gateway.example.com/v1/models');
    const catalog = createModelCatalog({
      providers: [openai({ baseURL: 'https://gateway.example.com/v1' })],
      env: { OPENAI_API_KEY: OWN },
      cache: false,
    });
    await catalog.listModels({ provider: 'openai', credentials: { openai: { apiKey: ALICE } } });
    expect(seen.map((request) => request.url)).toEqual(['https://gateway.example.com/v1/models']);
  });

  it('sends the headers the adapter was configured with to its own endpoint, never to one a call chose', async () => {
    const seen = recordRequests();
    upstream('https://gateway.example.com/v1/models');
    upstream('https://tenant.example.com/v1/models');
    const catalog = createModelCatalog({
      providers: [
        openai({
          baseURL: 'https://gateway.example.com/v1',
          headers: { 'x-gateway-key': 'gw-PLANTED-catalog-secret' },
        }),
      ],
      env: { OPENAI_API_KEY: OWN },
      cache: false,
    });
    // A key alone: the catalog's endpoint, with the headers configured for it.
    await catalog.listModels({ provider: 'openai', credentials: { openai: { apiKey: ALICE } } });
    // An endpoint of the call's choosing: none of them.
    await catalog.listModels({
      provider: 'openai',
      credentials: { openai: { apiKey: BOB, baseURL: 'https://tenant.example.com/v1' } },
    });
    expect(seen.map((request) => [request.url, request.headers.get('x-gateway-key')])).toEqual([
      ['https://gateway.example.com/v1/models', 'gw-PLANTED-catalog-secret'],
      ['https://tenant.example.com/v1/models', null],
    ]);
  });

  it('counts as choosing the endpoint only a host or root setting that differs from the catalog’s', async () => {
    const seen: { url: string; gateway: string | null }[] = [];
    const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = new Request(input, init);
      const gateway = request.headers.get('x-gateway-auth');
      seen.push({ url: request.url.replace(/\?.*/, ''), gateway });
      return gateway === 'gw-PLANTED-catalog-secret'
        ? Response.json({ object: 'list', data: [{ id: 'm' }] })
        : Response.json({ error: { message: 'no' } }, { status: 401 });
    }) as typeof globalThis.fetch;
    const headers = { 'x-gateway-auth': 'gw-PLANTED-catalog-secret' };
    const catalog = createModelCatalog({
      providers: [
        openaiCompatible({ id: 'gw', baseURL: 'https://gw.example.test/v1', headers }),
        azure({ apiKey: 'catalog-azure-key', endpoint: 'https://gw.example.test/azure', headers }),
      ],
      env: {},
      cache: false,
      retries: 0,
      fetch,
    });
    // The catalog's own base URL, a blank one, an API version: the catalog's endpoint, its headers.
    for (const credentials of [
      { gw: { baseURL: 'https://gw.example.test/v1' } },
      { gw: { baseURL: ' ', apiKey: 'user-key' } },
      { azure: { apiKey: 'user-key', apiVersion: '2025-01-01' } },
    ]) {
      const [provider] = Object.keys(credentials) as ['gw' | 'azure'];
      const result = await catalog.listModels({ provider, credentials });
      expect(result.models.map((model) => model.id)).toEqual(['m']);
    }
    expect(seen.map((request) => request.gateway)).toEqual(
      Array(3).fill(headers['x-gateway-auth']),
    );
    // A tenant's call never holds back the catalog's own account.
    expect((await catalog.listModels({ provider: 'gw' })).models.map((model) => model.id)).toEqual([
      'm',
    ]);
  });

  it('fails closed: a setting of its own that a call moves (a server, a region) takes the headers off', async () => {
    const { defineProvider, setting } = await import('../src/index.js');
    const seen: { url: string; secret: string | null }[] = [];
    const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = new Request(input, init);
      seen.push({ url: request.url, secret: request.headers.get('x-secret') });
      return Response.json({ data: [{ id: 'm' }] });
    }) as typeof globalThis.fetch;
    const mine = defineProvider({
      id: 'mine',
      headers: { 'x-secret': 'CATALOG-PLANTED-token' },
      settings: {
        server: setting({ option: 'server', value: 'https://mine.example.test', required: true }),
        region: setting({ option: 'region', default: 'us-east-1' }),
      },
      async listModels({ http, settings, headers }) {
        const body = (await http.getJson(`${settings.server}/${settings.region}/models`, {
          headers,
        })) as { data: { id: string }[] };
        return body.data.map((entry) => ({
          id: entry.id,
          name: entry.id,
          category: 'chat' as const,
          provider: 'mine',
        }));
      },
    });
    const catalog = createModelCatalog({
      providers: [mine],
      env: {},
      cache: false,
      retries: 0,
      fetch,
    });
    await catalog.listModels({ provider: 'mine' });
    await catalog.listModels({
      provider: 'mine',
      credentials: { mine: { server: 'https://attacker.example.test' } },
    });
    await catalog.listModels({ provider: 'mine', credentials: { mine: { region: 'eu-west-1' } } });
    await catalog.listModels({ provider: 'mine', credentials: { mine: { region: 'us-east-1' } } });
    expect(seen).toEqual([
      { url: 'https://mine.example.test/us-east-1/models', secret: 'CATALOG-PLANTED-token' },
      { url: 'https://attacker.example.test/us-east-1/models', secret: null },
      { url: 'https://mine.example.test/eu-west-1/models', secret: null },
      // The catalog's own value: its endpoint, its headers.
      { url: 'https://mine.example.test/us-east-1/models', secret: 'CATALOG-PLANTED-token' },
    ]);
  });

  it('sends per-request headers, keeps their lists apart and their values out of errors and files', async () => {
    const seen = recordRequests();
    const { rejected } = upstream();
    const dir = tempDir();
    const catalog = catalogOn(createFileCache({ dir }));
    const organization = 'org-PLANTED-header-value';
    const credentials = {
      openai: { apiKey: ALICE, headers: { 'OpenAI-Organization': organization } },
    };
    await catalog.listModels({ provider: 'openai', credentials });
    await catalog.listModels({ provider: 'openai', credentials: { openai: { apiKey: ALICE } } });
    expect(seen.map((request) => request.headers.get('openai-organization'))).toEqual([
      organization,
      null,
    ]);
    const files = readdirSync(dir);
    expect(files).toHaveLength(2);
    for (const file of files) {
      expect(readFileSync(join(dir, file), 'utf8')).not.toContain(organization);
    }
    rejected.add(ALICE);
    server.use(
      http.get(OPENAI, () =>
        HttpResponse.json(
          { error: { message: `bad organization ${organization}` } },
          { status: 400 },
        ),
      ),
    );
    const failed = await catalog.listModels({ credentials, refresh: true });
    expect(failed.errors.openai?.message).toContain('[redacted]');
    expect(JSON.stringify(failed)).not.toContain(organization);
  });

  it('backs off per account: a rejected key does not hold back another', async () => {
    const { requests, rejected } = upstream();
    rejected.add(ALICE);
    const catalog = catalogOn(createMemoryCache());
    const alice = { openai: { apiKey: ALICE } };
    await expect(catalog.listModels({ provider: 'openai', credentials: alice })).rejects.toThrow(
      /401|API key|auth/i,
    );
    await expect(catalog.listModels({ provider: 'openai', credentials: alice })).rejects.toThrow();
    expect(requests[ALICE]).toBe(1);
    const bob = await catalog.listModels({
      provider: 'openai',
      credentials: { openai: { apiKey: BOB } },
    });
    expect(ids(bob)).toEqual(['gpt-4o', 'ft:bob']);
    expect(ids(await catalog.listModels({ provider: 'openai' }))).toEqual(['gpt-4o', 'ft:own']);
  });

  it('shares one fetch among concurrent calls of one account only', async () => {
    const { requests } = upstream();
    const catalog = catalogOn(createMemoryCache());
    const calls = Array.from({ length: 30 }, (_, index) =>
      catalog.listModels({
        provider: 'openai',
        ...(index % 3 === 0
          ? {}
          : { credentials: { openai: { apiKey: index % 3 === 1 ? ALICE : BOB } } }),
      }),
    );
    const results = await Promise.all(calls);
    results.forEach((result, index) => {
      expect(result.models.at(-1)?.id).toBe(['ft:own', 'ft:alice', 'ft:bob'][index % 3]);
    });
    expect(requests).toEqual({ [OWN]: 1, [ALICE]: 1, [BOB]: 1 });
  });

  it('takes a setting by its name or its option, and an alias as the provider', async () => {
    const { requests } = upstream();
    const catalog = createModelCatalog({
      providers: [{ ...openai(), aliases: ['oai'] }],
      env: {},
      cache: false,
    });
    const result = await catalog.listModels({
      provider: 'openai',
      credentials: { oai: { apiKey: ALICE } },
    });
    expect(ids(result)).toEqual(['gpt-4o', 'ft:alice']);
    expect(requests).toEqual({ [ALICE]: 1 });
  });

  it.each([
    [{ openai: 'sk-PLANTED-not-an-object' }, /`credentials.openai` must be an object/],
    [{ openai: { apiKey: 42 } }, /`credentials.openai.apiKey` must be a string/],
    [
      { openai: { headers: { 'x-team': 7 } } },
      /`credentials.openai.headers` must be an object of strings/,
    ],
    [['sk-PLANTED-in-an-array'], /`credentials` must be an object/],
    [
      { openai: { apiKye: 'sk-PLANTED-misspelled' } },
      /`credentials.openai.apiKye` is not a setting of openai; it takes apiKey, baseURL, organization, project, headers\./,
    ],
  ])(
    'rejects the credentials %j with a TypeError naming the path, never the value',
    async (credentials, message) => {
      const catalog = catalogOn(createMemoryCache());
      const call = catalog.listModels({ provider: 'openai', credentials: credentials as never });
      await expect(call).rejects.toThrow(TypeError);
      await expect(call).rejects.toThrow(message);
      await call.catch((error: Error) => expect(error.message).not.toContain('PLANTED'));
    },
  );

  it('rejects credentials for a provider the catalog does not have', async () => {
    const catalog = catalogOn(createMemoryCache());
    await expect(
      catalog.listModels({ credentials: { mistral: { apiKey: ALICE } } }),
    ).rejects.toThrow(UnknownProviderError);
  });

  it('reports changes of the catalog’s own lists to onChange, and never another account’s', async () => {
    upstream();
    const catalog = catalogOn(createMemoryCache());
    const changes: CatalogChange[] = [];
    catalog.onChange((change) => changes.push(change));
    await catalog.listModels({ provider: 'openai' });
    await catalog.listModels({ provider: 'openai', credentials: { openai: { apiKey: ALICE } } });
    LISTS[ALICE] = ['gpt-4o', 'ft:alice', 'ft:alice-2'];
    LISTS[OWN] = ['gpt-4o', 'ft:own', 'ft:own-2'];
    try {
      const tenant = await catalog.listModels({
        provider: 'openai',
        refresh: true,
        credentials: { openai: { apiKey: ALICE } },
      });
      expect(tenant.status.changes).toEqual({ added: ['ft:alice-2'], removed: [], changed: [] });
      expect(changes).toEqual([]);
      await catalog.listModels({ provider: 'openai', refresh: true });
      expect(changes).toEqual([
        {
          provider: 'openai',
          fetchedAt: expect.any(String),
          changes: { added: ['ft:own-2'], removed: [], changed: [] },
        },
      ]);
    } finally {
      LISTS[ALICE] = ['gpt-4o', 'ft:alice'];
      LISTS[OWN] = ['gpt-4o', 'ft:own'];
    }
  });
});
