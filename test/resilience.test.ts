import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  type CacheEntry,
  type CatalogEvent,
  createMemoryCache,
  createModelCatalog,
  InvalidResponseError,
  ListingAbortedError,
  type ModelCache,
  ModelCatalogError,
  type ModelCatalogOptions,
  openai,
  openaiCompatible,
  ProviderRequestError,
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
    expect(second.status.changes).toEqual({ added: ['gpt-5'], removed: ['o3'], changed: [] });
    const success = events.filter((event) => event.type === 'fetch:success');
    expect(success.at(-1)).toMatchObject({
      provider: 'openai',
      modelCount: 2,
      source: 'live',
      changes: { added: ['gpt-5'], removed: ['o3'], changed: [] },
    });
  });

  it('computes the changes on first read, once, frozen, and shows them as a plain field', async () => {
    const state = upstream(['gpt-4o', 'o3']);
    const { catalog, events } = catalogWith(createMemoryCache(), clock());
    await catalog.listModels({ provider: 'openai' });
    state.ids = ['gpt-4o', 'gpt-5'];
    const { status } = await catalog.listModels({ provider: 'openai', refresh: true });
    // A getter until read: the listing itself made no diff.
    const field = Object.getOwnPropertyDescriptor(status, 'changes');
    expect(typeof field?.get).toBe('function');
    expect(field?.enumerable).toBe(true);
    const success = events.filter((event) => event.type === 'fetch:success').at(-1);
    const changes = status.changes;
    // One diff for the status and the event, frozen like the rest of the status.
    expect(success && 'changes' in success ? success.changes : undefined).toBe(changes);
    expect(status.changes).toBe(changes);
    expect(Object.isFrozen(status)).toBe(true);
    expect(Object.isFrozen(changes)).toBe(true);
    expect(Object.isFrozen(changes?.added)).toBe(true);
    expect(JSON.parse(JSON.stringify(status)).changes).toEqual({
      added: ['gpt-5'],
      removed: ['o3'],
      changed: [],
    });
    expect({ ...status }.changes).toBe(changes);
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

describe('an error per caller', () => {
  it('gives each caller its own error, during a back-off and from one shared fetch', async () => {
    server.use(
      http.get(URL, () => HttpResponse.json({ error: { message: 'down' } }, { status: 500 })),
    );
    const catalog = createModelCatalog({
      providers: [openai({ apiKey: KEY })],
      cache: createMemoryCache(),
      retries: 0,
    });
    const failure = () =>
      catalog.listModels({ provider: 'openai' }).then(
        () => new Error('listed'),
        (error: Error) => error,
      );
    const [first, together] = await Promise.all([failure(), failure()]);
    const original = first.message;
    // What a caller does to its error: a prefix, an error tracker's mark.
    first.message = `request 1: ${first.message}`;
    Object.assign(first, { __sentry_captured__: true });
    const later = await failure();
    for (const error of [together, later]) {
      expect(error).not.toBe(first);
      expect(error.message).toBe(original);
      expect(error).not.toHaveProperty('__sentry_captured__');
      // Still the same error in every other way.
      expect(error).toBeInstanceOf(ProviderRequestError);
      expect(ModelCatalogError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ kind: 'http', status: 500, provider: 'openai' });
      expect(error.stack).toContain(original);
    }
    expect(together).not.toBe(later);
  });

  it("keeps an error's issues the same for every caller: they are frozen", async () => {
    const catalog = createModelCatalog({
      providers: [
        {
          id: 'strict',
          listModels: async () => {
            throw new InvalidResponseError('strict: bad answer', {
              provider: 'strict',
              issues: ['data: expected array'],
            });
          },
        },
      ],
      cache: createMemoryCache(),
    });
    const failure = () =>
      catalog.listModels({ provider: 'strict' }).then(
        () => new Error('listed'),
        (error: InvalidResponseError) => error,
      );
    const first = (await failure()) as InvalidResponseError;
    expect(() => (first.issues as string[]).push('FORGED')).toThrow(TypeError);
    expect(((await failure()) as InvalidResponseError).issues).toEqual(['data: expected array']);
    const unknown = await catalog.listModels({ provider: 'strik' }).catch((error) => error);
    expect(Object.isFrozen(unknown.validIds) && Object.isFrozen(unknown.suggestions)).toBe(true);
  });
});

describe('backing off after a 503 with Retry-After', () => {
  it('waits as long as the provider asked, longer than failureBackoffMs', async () => {
    let requests = 0;
    server.use(
      http.get(URL, () => {
        requests++;
        return HttpResponse.json({}, { status: 503, headers: { 'retry-after': '120' } });
      }),
    );
    const time = clock();
    const { catalog } = catalogWith(createMemoryCache(), time, { failureBackoffMs: 1_000 });
    await expect(catalog.listModels({ provider: 'openai' })).rejects.toMatchObject({
      kind: 'http',
      status: 503,
      retryAfterMs: 120_000,
    });
    time.advance(60_000);
    await expect(catalog.listModels({ provider: 'openai' })).rejects.toMatchObject({ status: 503 });
    expect(requests).toBe(1);
    time.advance(60_001);
    await expect(catalog.listModels({ provider: 'openai' })).rejects.toMatchObject({ status: 503 });
    expect(requests).toBe(2);
  });
});

describe('backing off after a 429 without Retry-After', () => {
  it('waits rateLimitBackoffMs, longer than failureBackoffMs', async () => {
    let requests = 0;
    server.use(
      http.get(URL, () => {
        requests++;
        return HttpResponse.json({}, { status: 429 });
      }),
    );
    const time = clock();
    const { catalog } = catalogWith(createMemoryCache(), time, {
      failureBackoffMs: 1_000,
      rateLimitBackoffMs: 60_000,
    });
    await expect(catalog.listModels({ provider: 'openai' })).rejects.toMatchObject({
      kind: 'rate_limit',
    });
    time.advance(59_000);
    await expect(catalog.listModels({ provider: 'openai' })).rejects.toMatchObject({
      kind: 'rate_limit',
    });
    expect(requests).toBe(1);
    time.advance(1_001);
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
    // `name` is 'AbortError', as for every cancelled call of the web platform.
    await expect(single).rejects.toMatchObject({ kind: 'aborted', name: 'AbortError' });
    await expect(all).rejects.toMatchObject({ kind: 'aborted', name: 'AbortError' });
    await expect(single).rejects.toBeInstanceOf(ListingAbortedError);
    await expect(all).rejects.toBeInstanceOf(ListingAbortedError);
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

describe('one request per provider at a time, across providers', () => {
  it('sends exactly one upstream request per provider for 1,000 concurrent cold calls of every kind', async () => {
    let secondRequests = 0;
    const state = upstream(['gpt-4o']);
    server.use(
      http.get('https://second.example/v1/models', async () => {
        secondRequests++;
        await new Promise((resolve) => setTimeout(resolve, 20));
        return HttpResponse.json({ data: [{ id: 'second-chat' }] });
      }),
    );
    const catalog = createModelCatalog({
      providers: [
        openai(),
        openaiCompatible({ id: 'second', baseURL: 'https://second.example/v1' }),
      ],
      env: { OPENAI_API_KEY: KEY },
      cache: createMemoryCache(),
      retries: 0,
    });
    const calls = Array.from({ length: 1000 }, (_, index) => {
      if (index % 3 === 0) return catalog.listModels({ provider: 'openai' });
      if (index % 3 === 1) return catalog.listModels({ provider: 'second' });
      return catalog.listModels();
    });
    const results = await Promise.all(calls);
    expect(state.requests).toBe(1);
    expect(secondRequests).toBe(1);
    expect(results).toHaveLength(1000);
    const all = results[2] as Awaited<ReturnType<typeof catalog.listModels>>;
    expect(all).toMatchObject({
      providers: { openai: [{ id: 'gpt-4o' }], second: [{ id: 'second-chat' }] },
      errors: {},
    });
  });
});

describe('refresh during a back-off', () => {
  it('ignores the back-off but still shares one request among concurrent refreshes', async () => {
    const state = upstream(['gpt-4o']);
    state.fail = true;
    const time = clock();
    const { catalog } = catalogWith(createMemoryCache(), time, { failureBackoffMs: 60_000 });
    await expect(catalog.listModels({ provider: 'openai' })).rejects.toMatchObject({
      kind: 'http',
    });
    expect(state.requests).toBe(1);
    state.fail = false;
    const refreshed = await Promise.all(
      Array.from({ length: 5 }, () => catalog.listModels({ provider: 'openai', refresh: true })),
    );
    expect(state.requests).toBe(2);
    for (const result of refreshed) expect(ids(result.models)).toEqual(['gpt-4o']);
  });
});

describe('background revalidation that fails', () => {
  it('never becomes an unhandled rejection, is reported, keeps the entry and respects the back-off', async () => {
    const rejections: unknown[] = [];
    const onRejection = (reason: unknown): void => {
      rejections.push(reason);
    };
    process.on('unhandledRejection', onRejection);
    try {
      const state = upstream(['gpt-4o']);
      const time = clock();
      const cache = createMemoryCache();
      const { catalog, events } = catalogWith(cache, time, {
        revalidate: 'background',
        failureBackoffMs: 60_000,
      });
      await catalog.listModels({ provider: 'openai' });
      const before = await cache.get('openai');
      time.advance(25 * HOUR);
      state.fail = true;

      const served = await catalog.listModels({ provider: 'openai' });
      expect(ids(served.models)).toEqual(['gpt-4o']);
      expect(served.status).toMatchObject({ stale: true, revalidating: true });
      await expect
        .poll(() => events.filter((event) => event.type === 'fetch:error'))
        .toEqual([
          {
            type: 'fetch:error',
            provider: 'openai',
            kind: 'http',
            status: 500,
            message: expect.stringMatching(/answered 500/),
          },
        ]);
      expect(state.requests).toBe(2);

      // During the back-off the expired entry is served with the error, without a new request.
      const again = await catalog.listModels({ provider: 'openai' });
      expect(ids(again.models)).toEqual(['gpt-4o']);
      expect(again.status).toMatchObject({ stale: true, error: { kind: 'http', status: 500 } });
      expect(again.status.revalidating).toBeUndefined();
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(state.requests).toBe(2);
      expect(await cache.get('openai')).toEqual(before);
      expect(rejections).toEqual([]);
    } finally {
      process.off('unhandledRejection', onRejection);
    }
  });
});

describe('cancelling a shared fetch', () => {
  it('cancels only the caller that aborts while another still waits', async () => {
    let requests = 0;
    server.use(
      http.get(URL, async () => {
        requests++;
        await new Promise((resolve) => setTimeout(resolve, 100));
        return HttpResponse.json({ data: [{ id: 'gpt-4o' }] });
      }),
    );
    const { catalog } = catalogWith(createMemoryCache(), clock());
    const controller = new AbortController();
    const cancelled = catalog.listModels({ provider: 'openai', signal: controller.signal });
    const other = new AbortController();
    const waiting = catalog.listModels({ provider: 'openai', signal: other.signal });
    const pinned = catalog.listModels({ provider: 'openai' });
    await expect.poll(() => requests).toBe(1);
    controller.abort();
    await expect(cancelled).rejects.toMatchObject({ kind: 'aborted' });
    expect(ids((await waiting).models)).toEqual(['gpt-4o']);
    expect(ids((await pinned).models)).toEqual(['gpt-4o']);
    expect(requests).toBe(1);
  });

  it('starts a new fetch for a caller that arrives after every earlier caller cancelled', async () => {
    let requests = 0;
    server.use(
      http.get(URL, async () => {
        requests++;
        await new Promise((resolve) => setTimeout(resolve, 50));
        return HttpResponse.json({ data: [{ id: 'gpt-4o' }] });
      }),
    );
    const { catalog } = catalogWith(createMemoryCache(), clock());
    const controller = new AbortController();
    const cancelled = catalog.listModels({ provider: 'openai', signal: controller.signal });
    await expect.poll(() => requests).toBe(1);
    controller.abort();
    const later = catalog.listModels({ provider: 'openai' });
    await expect(cancelled).rejects.toMatchObject({ kind: 'aborted' });
    const result = await later;
    expect(ids(result.models)).toEqual(['gpt-4o']);
    expect(result.status.source).toBe('live');
    expect(requests).toBe(2);
  });
});

describe('the time budget of a provider', () => {
  it('stops a hand-written adapter that ignores its signal after timeoutMs, as timeout, and lists the others', async () => {
    upstream(['gpt-4o']);
    const stuck = { id: 'stuck', listModels: () => new Promise<never>(() => {}) };
    const catalog = createModelCatalog({
      providers: [openai(), stuck],
      env: { OPENAI_API_KEY: KEY },
      cache: createMemoryCache(),
      retries: 0,
      timeoutMs: 200,
    });
    const started = performance.now();
    const result = await catalog.listModels();
    expect(performance.now() - started).toBeLessThan(1500);
    expect(result.errors.stuck).toEqual({
      kind: 'timeout',
      message: 'stuck: timed out after 200 ms.',
    });
    expect(ids(result.providers.openai ?? [])).toEqual(['gpt-4o']);
  });

  it('gives the adapter a signal that aborts when the budget is spent', async () => {
    let seen: AbortSignal | undefined;
    const slow = {
      id: 'slow',
      listModels: ({ signal }: { signal?: AbortSignal | undefined }) => {
        seen = signal;
        return new Promise<never>((_resolve, reject) => {
          signal?.addEventListener('abort', () => reject(signal.reason));
        });
      },
    };
    const catalog = createModelCatalog({ providers: [slow], cache: false, timeoutMs: 100 });
    await expect(catalog.listModels({ provider: 'slow' })).rejects.toMatchObject({
      kind: 'timeout',
      provider: 'slow',
      retryable: true,
    });
    expect(seen?.aborted).toBe(true);
  });
});

describe('events', () => {
  it('reports each step with the payload the issue lists', async () => {
    const state = upstream(['gpt-4o', 'o3']);
    const time = clock();
    const { catalog, events } = catalogWith(createMemoryCache(), time, { failureBackoffMs: 0 });
    await catalog.listModels({ provider: 'openai' });
    await catalog.listModels({ provider: 'openai' });
    time.advance(25 * HOUR);
    state.fail = true;
    await catalog.listModels({ provider: 'openai' });
    expect(events).toEqual([
      { type: 'cache:miss', provider: 'openai' },
      { type: 'fetch:start', provider: 'openai' },
      {
        type: 'fetch:success',
        provider: 'openai',
        latencyMs: expect.any(Number),
        modelCount: 2,
        source: 'live',
      },
      { type: 'cache:hit', provider: 'openai', fetchedAt: '2026-11-01T00:00:00.000Z' },
      { type: 'cache:miss', provider: 'openai' },
      { type: 'fetch:start', provider: 'openai' },
      {
        type: 'fetch:error',
        provider: 'openai',
        kind: 'http',
        status: 500,
        message:
          'openai: GET https://api.openai.com/v1/models answered 500 Internal Server Error: down',
      },
    ]);
    const success = events[2] as { latencyMs: number };
    expect(Number.isInteger(success.latencyMs) && success.latencyMs >= 0).toBe(true);
  });

  it('keeps listing when an async onEvent handler rejects', async () => {
    upstream(['gpt-4o']);
    const rejections: unknown[] = [];
    const onRejection = (reason: unknown): void => {
      rejections.push(reason);
    };
    process.on('unhandledRejection', onRejection);
    try {
      const catalog = createModelCatalog({
        providers: [openai()],
        env: { OPENAI_API_KEY: KEY },
        cache: createMemoryCache(),
        onEvent: async () => {
          throw new Error('a broken async logger');
        },
      });
      expect(ids((await catalog.listModels({ provider: 'openai' })).models)).toEqual(['gpt-4o']);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(rejections).toEqual([]);
    } finally {
      process.off('unhandledRejection', onRejection);
    }
  });
});

describe('review fixes in the core', () => {
  it('fails instead of serving the old list when a refresh returns an empty list and serveStale is false', async () => {
    const state = upstream(['gpt-4o']);
    const cache = createMemoryCache();
    const { catalog } = catalogWith(cache, clock(), { serveStale: false });
    await catalog.listModels({ provider: 'openai' });
    const before = await cache.get('openai');
    state.ids = [];
    await expect(catalog.listModels({ provider: 'openai', refresh: true })).rejects.toMatchObject({
      kind: 'invalid_response',
      name: 'InvalidResponseError',
    });
    expect(await cache.get('openai')).toEqual(before);
  });

  it('keeps the first of a repeated id and counts the others as skipped', async () => {
    upstream(['gpt-4o', 'o3', 'gpt-4o']);
    const { catalog } = catalogWith(createMemoryCache(), clock());
    const { models, status } = await catalog.listModels({ provider: 'openai' });
    expect(ids(models)).toEqual(['gpt-4o', 'o3']);
    expect(status.skipped).toBe(1);
  });

  it('treats an entry fetched with other extra headers as a miss', async () => {
    const state = upstream(['gpt-4o']);
    const cache = createMemoryCache();
    const time = clock();
    const withProject = (project: string) =>
      createModelCatalog({
        providers: [openai({ headers: { 'OpenAI-Project': project } })],
        env: { OPENAI_API_KEY: KEY },
        cache,
        retries: 0,
        now: time.now,
      });
    await withProject('proj_a').listModels({ provider: 'openai' });
    expect((await withProject('proj_a').listModels({ provider: 'openai' })).status.source).toBe(
      'cache',
    );
    expect((await withProject('proj_b').listModels({ provider: 'openai' })).status.source).toBe(
      'live',
    );
    expect(state.requests).toBe(2);
  });

  it('lets a header given in any case be replaced by the adapter, never doubled', async () => {
    upstream(['gpt-4o']);
    const requests: Request[] = [];
    server.events.on('request:start', ({ request }) => {
      requests.push(request);
    });
    const catalog = createModelCatalog({
      providers: [openai({ headers: { Authorization: 'Bearer user-header' } })],
      env: { OPENAI_API_KEY: KEY },
      cache: false,
      retries: 0,
    });
    await catalog.listModels({ provider: 'openai' });
    expect(requests[0]?.headers.get('authorization')).toBe(`Bearer ${KEY}`);
  });

  it('prefers an adapter whose id is asked for over another adapter with that alias', async () => {
    const named = (id: string, aliases?: string[]) => ({
      id,
      ...(aliases ? { aliases } : {}),
      async listModels() {
        return [{ id: `${id}-model`, name: id, category: 'chat' as const, provider: id }];
      },
    });
    const catalog = createModelCatalog({
      providers: [named('google-genai', ['gemini']), named('gemini')],
      cache: false,
    });
    expect((await catalog.listModels({ provider: 'gemini' })).provider).toBe('gemini');
    const aliased = createModelCatalog({
      providers: [named('google-genai', ['gemini'])],
      cache: false,
    });
    expect((await aliased.listModels({ provider: 'gemini' })).provider).toBe('google-genai');
  });
});

describe('cache keys from factory options', () => {
  it('gives equal keys for equal headers whatever their case or order, and none for empty headers', async () => {
    const state = upstream(['gpt-4o']);
    const cache = createMemoryCache();
    const time = clock();
    const withHeaders = (headers: Record<string, string>) =>
      createModelCatalog({
        providers: [openai({ headers })],
        env: { OPENAI_API_KEY: KEY },
        cache,
        retries: 0,
        now: time.now,
      });
    await withHeaders({ 'OpenAI-Project': 'p', 'OpenAI-Organization': 'o' }).listModels({
      provider: 'openai',
    });
    const again = await withHeaders({
      'openai-organization': 'o',
      'openai-project': 'p',
    }).listModels({ provider: 'openai' });
    expect(again.status.source).toBe('cache');
    expect(state.requests).toBe(1);

    await cache.set('openai', {
      version: 1,
      providerId: 'openai',
      fetchedAt: new Date(time.now()).toISOString(),
      models: [
        { id: 'from-seed-file', name: 'from-seed-file', category: 'chat', provider: 'openai' },
      ],
    });
    const plain = await withHeaders({}).listModels({ provider: 'openai' });
    expect(plain.models.map((model) => model.id)).toEqual(['from-seed-file']);
  });
});

describe('what a user half-configured or mistyped', () => {
  it('reports a provider the environment half configures, and stays silent about the others', async () => {
    const catalog = createModelCatalog({
      env: { AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE', AWS_REGION: 'eu-west-1' },
      cache: false,
    });
    const result = await catalog.listModels();
    expect(result.providers).toEqual({});
    expect(Object.keys(result.errors)).toEqual(['bedrock']);
    expect(result.errors.bedrock).toMatchObject({ kind: 'not_configured' });
    expect(result.errors.bedrock?.message).toContain('AWS_SECRET_ACCESS_KEY');
    expect(
      await createModelCatalog({ env: { AWS_REGION: 'eu-west-1' }, cache: false }).listModels(),
    ).toEqual({
      providers: {},
      errors: {},
      status: {},
    });
  });

  it('rejects a misspelled id in `refresh` as it does in `provider`', async () => {
    upstream(['gpt-4o']);
    const { catalog } = catalogWith(createMemoryCache(), clock());
    await expect(catalog.listModels({ refresh: ['opnai'] })).rejects.toMatchObject({
      kind: 'unknown_provider',
      name: 'UnknownProviderError',
    });
  });

  it('calls a base URL without its scheme a configuration mistake, not a network fault, and sends nothing', async () => {
    const requests: Request[] = [];
    server.events.on('request:start', ({ request }) => {
      requests.push(request);
    });
    const catalog = createModelCatalog({
      providers: [openai({ baseURL: 'localhost:8080/v1' })],
      env: { OPENAI_API_KEY: KEY },
      cache: false,
    });
    const error = await catalog
      .listModels({ provider: 'openai' })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: 'not_configured', retryable: false });
    expect((error as Error).message).toContain('not an absolute http(s) URL');
    // It says what to do.
    expect((error as Error).message).toContain('add https:// (or http://');
    expect(requests).toEqual([]);
  });

  it('carries a 429 wait into the all-providers errors', async () => {
    server.use(
      http.get(URL, () => HttpResponse.json({}, { status: 429, headers: { 'retry-after': '30' } })),
    );
    const { catalog } = catalogWith(createMemoryCache(), clock());
    const { errors } = await catalog.listModels();
    expect(errors.openai).toMatchObject({ kind: 'rate_limit', status: 429, retryAfterMs: 30_000 });
  });
});
