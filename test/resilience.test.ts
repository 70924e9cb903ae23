import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  type CacheEntry,
  type CatalogEvent,
  createMemoryCache,
  createModelCatalog,
  type ModelCache,
  type ModelCatalogOptions,
  openai,
} from '../src/index.js';
import { server } from './helpers/msw.js';

const KEY = 'sk-resilience-PLANTED-77aa';
const URL = 'https://api.openai.com/v1/models';
const HOUR = 60 * 60 * 1000;

/** A clock the test moves by hand. */
function clock(start = Date.parse('2026-11-01T00:00:00.000Z')) {
  let time = start;
  return {
    now: () => time,
    advance: (ms: number) => {
      time += ms;
    },
  };
}

/** Serves the ids given, counting requests; `fail` switches to a 500. */
function upstream(initial: string[]) {
  const state = { ids: initial, fail: false, requests: 0 };
  server.use(
    http.get(URL, () => {
      state.requests++;
      if (state.fail) return HttpResponse.json({ error: { message: 'down' } }, { status: 500 });
      return HttpResponse.json({ object: 'list', data: state.ids.map((id) => ({ id })) });
    }),
  );
  return state;
}

function catalogWith(
  cache: ModelCache,
  time: ReturnType<typeof clock>,
  extra: ModelCatalogOptions = {},
) {
  const events: CatalogEvent[] = [];
  const catalog = createModelCatalog({
    providers: [openai()],
    env: { OPENAI_API_KEY: KEY },
    cache,
    retries: 0,
    now: time.now,
    onEvent: (event) => events.push(event),
    ...extra,
  });
  return { catalog, events };
}

const ids = (models: readonly { id: string }[]) => models.map((model) => model.id);

describe('never losing the last good list', () => {
  it('serves an expired entry marked stale, with the error beside it, when the provider fails', async () => {
    const state = upstream(['gpt-4o']);
    const time = clock();
    const { catalog } = catalogWith(createMemoryCache(), time);
    await catalog.listModels({ provider: 'openai' });
    time.advance(25 * HOUR);
    state.fail = true;

    const single = await catalog.listModels({ provider: 'openai' });
    expect(ids(single.models)).toEqual(['gpt-4o']);
    expect(single.status).toMatchObject({
      source: 'cache',
      stale: true,
      error: { kind: 'http', status: 500 },
    });

    const all = await catalog.listModels();
    expect(ids(all.providers.openai!)).toEqual(['gpt-4o']);
    expect(all.errors.openai).toMatchObject({ kind: 'http', status: 500 });
    expect(all.status.openai?.stale).toBe(true);
  });

  it('fails as the seed does when serveStale is false', async () => {
    const state = upstream(['gpt-4o']);
    const time = clock();
    const { catalog } = catalogWith(createMemoryCache(), time, { serveStale: false });
    await catalog.listModels({ provider: 'openai' });
    time.advance(25 * HOUR);
    state.fail = true;
    await expect(catalog.listModels({ provider: 'openai' })).rejects.toMatchObject({
      kind: 'http',
      status: 500,
    });
  });

  it('keeps the old entry when a refresh fails or returns an empty list', async () => {
    const state = upstream(['gpt-4o', 'o3']);
    const time = clock();
    const cache = createMemoryCache();
    const { catalog } = catalogWith(cache, time);
    await catalog.listModels({ provider: 'openai' });
    const before = await cache.get('openai');

    state.fail = true;
    const failed = await catalog.listModels({ provider: 'openai', refresh: true });
    expect(failed.status).toMatchObject({ stale: true, error: { kind: 'http' } });
    expect(await cache.get('openai')).toEqual(before);

    state.fail = false;
    state.ids = [];
    const empty = await catalog.listModels({ provider: 'openai', refresh: true });
    expect(ids(empty.models)).toEqual(['gpt-4o', 'o3']);
    expect(empty.status).toMatchObject({ stale: true, error: { kind: 'invalid_response' } });
    expect(await cache.get('openai')).toEqual(before);
  });
});

describe('reporting changes', () => {
  it('says which ids were added and removed when a fetch replaces an entry', async () => {
    const state = upstream(['gpt-4o', 'o3']);
    const time = clock();
    const { catalog, events } = catalogWith(createMemoryCache(), time);
    const first = await catalog.listModels({ provider: 'openai' });
    expect(first.status.changes).toBeUndefined();
    state.ids = ['gpt-4o', 'gpt-5'];
    const second = await catalog.listModels({ provider: 'openai', refresh: true });
    expect(second.status.changes).toEqual({ added: ['gpt-5'], removed: ['o3'] });
    const success = events.filter((event) => event.type === 'fetch:success');
    expect(success.at(-1)).toMatchObject({
      provider: 'openai',
      modelCount: 2,
      source: 'live',
      changes: { added: ['gpt-5'], removed: ['o3'] },
    });
  });
});

describe('stale-while-revalidate', () => {
  it('answers at once from an expired entry and refreshes in the background', async () => {
    const state = upstream(['gpt-4o']);
    const time = clock();
    const { catalog, events } = catalogWith(createMemoryCache(), time, {
      revalidate: 'background',
    });
    await catalog.listModels({ provider: 'openai' });
    time.advance(25 * HOUR);
    state.ids = ['gpt-4o', 'gpt-5'];

    const served = await catalog.listModels({ provider: 'openai' });
    expect(ids(served.models)).toEqual(['gpt-4o']);
    expect(served.status).toMatchObject({ stale: true, revalidating: true });
    await expect
      .poll(() => events.filter((event) => event.type === 'fetch:success').length)
      .toBe(2);

    const next = await catalog.listModels({ provider: 'openai' });
    expect(ids(next.models)).toEqual(['gpt-4o', 'gpt-5']);
    expect(next.status.source).toBe('cache');
    expect(next.status.stale).toBeUndefined();
    expect(state.requests).toBe(2);
  });
});

describe('one request per provider at a time', () => {
  it('shares one upstream request among 1,000 concurrent cold calls', async () => {
    const state = upstream(['gpt-4o']);
    const { catalog } = catalogWith(createMemoryCache(), clock());
    const calls = Array.from({ length: 1000 }, (_, index) =>
      index % 2 === 0 ? catalog.listModels({ provider: 'openai' }) : catalog.listModels(),
    );
    const results = await Promise.all(calls);
    expect(state.requests).toBe(1);
    expect(results).toHaveLength(1000);
  });

  it('lets a refresh join a fetch already under way', async () => {
    const state = upstream(['gpt-4o']);
    const { catalog } = catalogWith(createMemoryCache(), clock());
    await Promise.all([
      catalog.listModels({ provider: 'openai' }),
      catalog.listModels({ provider: 'openai', refresh: true }),
      catalog.listModels({ provider: 'openai', refresh: true }),
    ]);
    expect(state.requests).toBe(1);
  });
});

describe('backing off from a failing provider', () => {
  it('does not call a provider again until its back-off ends, unless refreshing', async () => {
    const state = upstream(['gpt-4o']);
    state.fail = true;
    const time = clock();
    const { catalog } = catalogWith(createMemoryCache(), time, { failureBackoffMs: 10_000 });
    await expect(catalog.listModels({ provider: 'openai' })).rejects.toMatchObject({
      kind: 'http',
    });
    await expect(catalog.listModels({ provider: 'openai' })).rejects.toMatchObject({
      kind: 'http',
    });
    expect(state.requests).toBe(1);

    await expect(catalog.listModels({ provider: 'openai', refresh: true })).rejects.toMatchObject({
      kind: 'http',
    });
    expect(state.requests).toBe(2);

    state.fail = false;
    time.advance(10_001);
    const { models } = await catalog.listModels({ provider: 'openai' });
    expect(ids(models)).toEqual(['gpt-4o']);
    expect(state.requests).toBe(3);
  });

  it('backs off longer after a 429, at least as long as Retry-After', async () => {
    let requests = 0;
    server.use(
      http.get(URL, () => {
        requests++;
        return HttpResponse.json({}, { status: 429, headers: { 'retry-after': '300' } });
      }),
    );
    const time = clock();
    const { catalog } = catalogWith(createMemoryCache(), time, {
      failureBackoffMs: 1_000,
      rateLimitBackoffMs: 60_000,
    });
    await expect(catalog.listModels({ provider: 'openai' })).rejects.toMatchObject({
      kind: 'rate_limit',
      retryAfterMs: 300_000,
    });
    time.advance(120_000);
    await expect(catalog.listModels({ provider: 'openai' })).rejects.toMatchObject({
      kind: 'rate_limit',
    });
    expect(requests).toBe(1);
    time.advance(200_000);
    await expect(catalog.listModels({ provider: 'openai' })).rejects.toMatchObject({
      kind: 'rate_limit',
    });
    expect(requests).toBe(2);
  });
});

describe('a cache scoped to who is asking', () => {
  it('treats an entry fetched with another key or endpoint as a miss', async () => {
    const state = upstream(['gpt-4o']);
    const cache = createMemoryCache();
    const time = clock();
    await catalogWith(cache, time).catalog.listModels({ provider: 'openai' });
    const entry = (await cache.get('openai')) as CacheEntry;
    expect(entry.fingerprint).toMatch(/^[0-9a-f]{32}$/);
    expect(JSON.stringify(entry)).not.toContain(KEY);

    const otherKey = createModelCatalog({
      providers: [openai()],
      env: { OPENAI_API_KEY: 'sk-another-account-key' },
      cache,
      retries: 0,
      now: time.now,
    });
    const result = await otherKey.listModels({ provider: 'openai' });
    expect(result.status.source).toBe('live');
    expect(state.requests).toBe(2);

    server.use(
      http.get('http://127.0.0.1:9/v1/models', () =>
        HttpResponse.json({ data: [{ id: 'local' }] }),
      ),
    );
    const otherEndpoint = createModelCatalog({
      providers: [openai({ baseURL: 'http://127.0.0.1:9/v1' })],
      env: { OPENAI_API_KEY: 'sk-another-account-key' },
      cache,
      retries: 0,
      now: time.now,
    });
    expect(ids((await otherEndpoint.listModels({ provider: 'openai' })).models)).toEqual(['local']);
  });

  it('honours a seed-format entry without fingerprint only for the default endpoint', async () => {
    const state = upstream(['gpt-4o']);
    const time = clock();
    const cache = createMemoryCache();
    const plain = {
      version: 1,
      providerId: 'openai',
      fetchedAt: new Date(time.now() - HOUR).toISOString(),
      models: [{ id: 'from-seed-file', name: 'From seed file', category: 'chat' }],
    } as unknown as CacheEntry;
    await cache.set('openai', plain);

    const defaults = await catalogWith(cache, time).catalog.listModels({ provider: 'openai' });
    expect(defaults.status.source).toBe('cache');
    expect(defaults.models).toEqual([
      { id: 'from-seed-file', name: 'From seed file', category: 'chat', provider: 'openai' },
    ]);
    expect(state.requests).toBe(0);

    await cache.set('openai', plain);
    server.use(
      http.get('http://127.0.0.1:9/v1/models', () =>
        HttpResponse.json({ data: [{ id: 'local' }] }),
      ),
    );
    const custom = createModelCatalog({
      providers: [openai({ baseURL: 'http://127.0.0.1:9/v1' })],
      env: { OPENAI_API_KEY: KEY },
      cache,
      retries: 0,
      now: time.now,
    });
    expect((await custom.listModels({ provider: 'openai' })).status.source).toBe('live');
  });
});

describe('bounded input and cancellation', () => {
  it('rejects a list longer than maxModels as invalid_response', async () => {
    upstream(Array.from({ length: 11 }, (_, index) => `model-${index}`));
    const { catalog } = catalogWith(createMemoryCache(), clock(), { maxModels: 10 });
    await expect(catalog.listModels({ provider: 'openai' })).rejects.toMatchObject({
      kind: 'invalid_response',
    });
  });

  it('rejects at once with an aborted error when the signal aborts, for one provider and for all', async () => {
    server.use(http.get(URL, () => new Promise<Response>(() => {})));
    const { catalog } = catalogWith(createMemoryCache(), clock(), { timeoutMs: 60_000 });
    const controller = new AbortController();
    const single = catalog.listModels({ provider: 'openai', signal: controller.signal });
    const all = catalog.listModels({ signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await expect(single).rejects.toMatchObject({ kind: 'aborted', name: 'ModelCatalogError' });
    await expect(all).rejects.toMatchObject({ kind: 'aborted' });
  });
});

describe('refreshing some providers only', () => {
  it('refreshes the providers named in `refresh` and serves the others from the cache', async () => {
    const state = upstream(['gpt-4o']);
    let localCalls = 0;
    const local = {
      id: 'local',
      async listModels() {
        localCalls++;
        return [{ id: 'llama', name: 'llama', category: 'chat' as const, provider: 'local' }];
      },
    };
    const catalog = createModelCatalog({
      providers: [openai(), local],
      env: { OPENAI_API_KEY: KEY },
      cache: createMemoryCache(),
      retries: 0,
    });
    await catalog.listModels();
    const result = await catalog.listModels({ refresh: ['openai'] });
    expect(result.status.openai?.source).toBe('live');
    expect(result.status.local?.source).toBe('cache');
    expect(state.requests).toBe(2);
    expect(localCalls).toBe(1);
  });
});
