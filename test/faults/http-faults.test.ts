// Faults of a real HTTP server on 127.0.0.1, met by the real fetch: this file runs in the
// `faults` vitest project, without msw (see vitest.config.ts), so sockets, timeouts and
// partial bodies are real. Each fault is checked for its error kind, for the other provider
// still listed, for the last good cache file untouched and served stale, and, per file,
// for no unhandled rejection and no timer or socket left open.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it, vi } from 'vitest';
import {
  anthropic,
  type CatalogEvent,
  createFileCache,
  createModelCatalog,
  type Model,
  ModelCatalogError,
  type ModelCatalogOptions,
  openai,
  openaiCompatible,
  type ProviderRequestError,
} from '../../src/index.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { guardAgainstLeaks, json, type Respond, raw, startFaultServer } from './fault-server.js';

guardAgainstLeaks();
const faulty = await startFaultServer();
const healthy = await startFaultServer(json(200, { data: [{ id: 'healthy-chat-1' }] }));
afterAll(() => Promise.all([faulty.stop(), healthy.stop()]));

const tempDir = useTempDir();
const KEY = 'sk-faults-PLANTED-0000';
const START = Date.parse('2026-03-01T00:00:00.000Z');
const DAY = 24 * 60 * 60 * 1000;
const GOOD = {
  object: 'list',
  data: [
    { id: 'gpt-4o', object: 'model', created: 1715367049, owned_by: 'system' },
    { id: 'text-embedding-3-small', object: 'model', created: 1705948997, owned_by: 'system' },
  ],
};
const JSON_TYPE = { 'content-type': 'application/json' };

/**
 * A catalog of the faulty `openai` provider and a healthy one, whose file cache holds a
 * good list of both, written by a first successful call. `expire()` moves the clock past the TTL.
 */
async function primedCatalog(options: ModelCatalogOptions = {}) {
  const dir = tempDir();
  let now = START;
  const events: CatalogEvent[] = [];
  const catalogOptions: ModelCatalogOptions = {
    providers: [
      openai({ apiKey: KEY, baseURL: `${faulty.url}/v1` }),
      openaiCompatible({ id: 'healthy', baseURL: `${healthy.url}/v1` }),
    ],
    cache: createFileCache({ dir }),
    now: () => now,
    timeoutMs: 750,
    retries: 0,
    failureBackoffMs: 0,
    onEvent: (event) => events.push(event),
    ...options,
  };
  faulty.respond = json(200, GOOD);
  const first = await createModelCatalog(catalogOptions).listModels();
  expect(first.errors).toEqual({});
  faulty.requests.length = 0;
  return {
    catalog: createModelCatalog(catalogOptions),
    /** The same catalog, failing instead of serving a stale list. */
    strict: createModelCatalog({ ...catalogOptions, serveStale: false }),
    goodModels: first.providers.openai as Model[],
    cachedBytes: readFileSync(join(dir, 'openai.json')),
    cacheFile: () => readFileSync(join(dir, 'openai.json')),
    events,
    expire: () => {
      now += DAY + 1;
    },
    advance: (ms: number) => {
      now += ms;
    },
  };
}

/** The rejection of a promise that must reject. */
async function rejectionOf(promise: Promise<unknown>): Promise<ProviderRequestError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(ModelCatalogError.isInstance(error), 'a ModelCatalogError').toBe(true);
  return error as ProviderRequestError;
}

interface Fault {
  readonly name: string;
  readonly respond: Respond;
  readonly kind: string;
  readonly status?: number;
  readonly retryAfterMs?: number;
  readonly message?: RegExp;
  readonly options?: ModelCatalogOptions;
}

const faults: Fault[] = [
  { name: 'never answers', respond: () => {}, kind: 'timeout', message: /timed out after 750 ms/ },
  {
    name: 'answers headers, then stalls the body',
    respond: (_request, response) => {
      response.writeHead(200, JSON_TYPE);
      response.write('{"object":"list","data":[');
    },
    kind: 'timeout',
  },
  {
    name: 'closes the connection mid-body',
    respond: (_request, response) => {
      response.writeHead(200, { ...JSON_TYPE, 'content-length': '1000' });
      response.write('{"object":"list","data":[{"id":"gpt', () => response.socket?.destroy());
    },
    kind: 'network',
    message: /failed: terminated/,
  },
  {
    name: 'sends truncated JSON',
    respond: raw(200, '{"object":"list","data":[{"id":"gpt-4o"},{"id":"gp', JSON_TYPE),
    kind: 'invalid_response',
    status: 200,
    message: /malformed or truncated JSON/,
  },
  {
    name: 'sends an HTML page',
    respond: raw(200, '<!DOCTYPE html><html><body>Bad gateway</body></html>', {
      'content-type': 'text/html',
    }),
    kind: 'invalid_response',
    status: 200,
    message: /HTML page instead of JSON/,
  },
  {
    name: 'sends an empty body',
    respond: raw(200, '', JSON_TYPE),
    kind: 'invalid_response',
    status: 200,
    message: /empty body/,
  },
  {
    name: 'sends a list whose data is no array',
    respond: json(200, { object: 'list', data: null }),
    kind: 'invalid_response',
    // Named from the answer's top, where the list should be.
    message: /does not have the documented shape \(data: expected Array\)/,
  },
  {
    name: 'sends a list with an entry of the wrong shape',
    respond: json(200, { object: 'list', data: [{ id: 'gpt-4o' }, { id: 5 }] }),
    kind: 'invalid_response',
    message: /\(data\.1\.id: expected string\)/,
  },
  {
    name: 'sends a string for a body',
    respond: json(200, 'models'),
    kind: 'invalid_response',
    message: /\(the body: expected Array\)/,
  },
  {
    name: 'sends a 200 with an error JSON',
    respond: json(200, {
      error: { message: 'The model service is overloaded', type: 'server_error' },
    }),
    kind: 'invalid_response',
  },
  {
    name: 'sends corrupt gzip',
    respond: raw(200, Buffer.from('this is not gzip, only garbage bytes'), {
      ...JSON_TYPE,
      'content-encoding': 'gzip',
    }),
    kind: 'invalid_response',
    status: 200,
    message: /cannot be decoded \(content-encoding gzip\)/,
  },
  {
    name: 'sends gzip cut short',
    respond: raw(200, gzipSync(JSON.stringify(GOOD)).subarray(0, 30), {
      ...JSON_TYPE,
      'content-encoding': 'gzip',
    }),
    kind: 'invalid_response',
    status: 200,
  },
  {
    name: 'answers 401',
    respond: json(401, { error: { message: 'Invalid API key' } }),
    kind: 'auth',
    status: 401,
    message: /answered 401 Unauthorized: Invalid API key/,
  },
  { name: 'answers 403', respond: json(403, { error: 'Forbidden' }), kind: 'auth', status: 403 },
  { name: 'answers 404', respond: json(404, { detail: 'Not found' }), kind: 'http', status: 404 },
  {
    name: 'answers 429 without Retry-After',
    respond: json(429, {}),
    kind: 'rate_limit',
    status: 429,
  },
  {
    name: 'answers 429 with Retry-After: 30',
    respond: json(429, {}, { 'retry-after': '30' }),
    kind: 'rate_limit',
    status: 429,
    retryAfterMs: 30_000,
  },
  { name: 'answers 500', respond: json(500, {}), kind: 'http', status: 500 },
  {
    name: 'answers 500, then stalls the error body',
    respond: (_request, response) => {
      response.writeHead(500, JSON_TYPE);
      response.write('{"error":{"message":"stalled');
    },
    kind: 'http',
    status: 500,
  },
  {
    name: 'answers 502',
    respond: raw(502, 'Bad Gateway', { 'content-type': 'text/plain' }),
    kind: 'http',
    status: 502,
  },
  {
    name: 'answers 503',
    respond: json(503, { message: 'down for maintenance' }),
    kind: 'http',
    status: 503,
  },
  {
    name: 'lists more models than maxModels',
    respond: json(200, { data: [...GOOD.data, { id: 'gpt-5' }] }),
    options: { maxModels: 2 },
    kind: 'invalid_response',
    message: /listed 3 models, more than the cap of 2/,
  },
];

describe('a provider that fails', () => {
  it.each(faults)(
    '$name: $kind, the other provider listed, the last good list kept and served stale',
    async (fault) => {
      const context = await primedCatalog(fault.options);
      faulty.respond = fault.respond;
      context.expire();

      const result = await context.catalog.listModels();
      expect(faulty.requests).toHaveLength(1);
      expect(result.errors.openai).toMatchObject({
        kind: fault.kind,
        ...(fault.status ? { status: fault.status } : {}),
      });
      expect(result.providers.openai).toEqual(context.goodModels);
      expect(result.status.openai).toMatchObject({ source: 'cache', stale: true });
      expect(result.providers.healthy?.map((model) => model.id)).toEqual(['healthy-chat-1']);
      expect(result.status.healthy?.source).toBe('live');
      expect(result.errors.healthy).toBeUndefined();
      expect(context.cacheFile().equals(context.cachedBytes), 'cache file unchanged').toBe(true);

      const error = await rejectionOf(context.strict.listModels({ provider: 'openai' }));
      expect(error.kind).toBe(fault.kind);
      expect(error.provider).toBe('openai');
      if (fault.status) expect(error.status).toBe(fault.status);
      if (fault.retryAfterMs) expect(error.retryAfterMs).toBe(fault.retryAfterMs);
      if (fault.message) expect(error.message).toMatch(fault.message);
      expect(error.message).not.toContain(KEY);
      expect(context.cacheFile().equals(context.cachedBytes), 'cache file unchanged').toBe(true);
    },
  );
});

describe('bounded input', () => {
  it('stops reading a 50 MB body at the 20 MB default cap, closing the socket before the server is done', async () => {
    const context = await primedCatalog({ timeoutMs: 10_000 });
    const sent = { bytes: 0, finished: false, closedEarly: false };
    faulty.respond = (_request, response) => {
      response.writeHead(200, JSON_TYPE); // no content-length: the cap must be found while reading
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const total = 50 * 1024 * 1024;
      response.on('close', () => {
        sent.closedEarly = !sent.finished;
      });
      const write = (): void => {
        while (sent.bytes < total && !response.destroyed) {
          sent.bytes += chunk.length;
          if (!response.write(chunk)) return void response.once('drain', write);
        }
        if (!response.destroyed) {
          sent.finished = true;
          response.end();
        }
      };
      response.write('{"data":[');
      write();
    };

    const started = performance.now();
    const result = await context.catalog.listModels({ refresh: true });
    expect(performance.now() - started).toBeLessThan(5000);
    expect(result.errors.openai).toMatchObject({
      kind: 'invalid_response',
      message: expect.stringMatching(/more than 20971520 bytes/),
    });
    expect(result.providers.openai).toEqual(context.goodModels);
    expect(result.status.openai).toMatchObject({ source: 'cache', stale: true });
    expect(result.providers.healthy?.map((model) => model.id)).toEqual(['healthy-chat-1']);
    await expect.poll(() => sent.closedEarly).toBe(true);
    expect(sent.finished).toBe(false);
    expect(sent.bytes).toBeLessThan(50 * 1024 * 1024);
    expect(context.cacheFile().equals(context.cachedBytes)).toBe(true);
  });

  it('rejects a content-length above maxResponseBytes before reading the body', async () => {
    const context = await primedCatalog({ maxResponseBytes: 1024 });
    let closed = false;
    faulty.respond = (_request, response) => {
      response.writeHead(200, { ...JSON_TYPE, 'content-length': String(10 * 1024 * 1024) });
      response.write('{"data":[');
      response.on('close', () => {
        closed = true;
      });
    };
    context.expire();
    const result = await context.catalog.listModels();
    expect(result.errors.openai?.kind).toBe('invalid_response');
    expect(result.errors.openai?.message).toMatch(/more than 1024 bytes/);
    expect(result.providers.openai).toEqual(context.goodModels);
    expect(result.providers.healthy).toHaveLength(1);
    await expect.poll(() => closed).toBe(true);
  });

  it('stops a next-page cursor that repeats, and a listing of more than 50 pages', async () => {
    const dir = tempDir();
    const catalog = createModelCatalog({
      providers: [
        anthropic({ apiKey: KEY, baseURL: `${faulty.url}/v1` }),
        openaiCompatible({ id: 'healthy', baseURL: `${healthy.url}/v1` }),
      ],
      cache: createFileCache({ dir }),
      retries: 0,
      timeoutMs: 1000,
      failureBackoffMs: 0,
    });
    const page = (cursor: string) => ({
      data: [
        {
          id: `claude-${cursor}`,
          type: 'model',
          display_name: cursor,
          created_at: '2025-01-01T00:00:00Z',
        },
      ],
      has_more: true,
      last_id: cursor,
    });
    faulty.respond = json(200, { ...page('only'), has_more: false });
    const good = await catalog.listModels();
    expect(good.providers.anthropic?.map((model) => model.id)).toEqual(['claude-only']);
    const cachedBytes = readFileSync(join(dir, 'anthropic.json'));

    faulty.requests.length = 0;
    faulty.respond = (_request, response) => json(200, page('same-cursor'))(_request, response);
    const repeated = await catalog.listModels({ refresh: true });
    expect(repeated.providers.anthropic?.map((model) => model.id)).toEqual(['claude-only']);
    expect(repeated.status.anthropic).toMatchObject({ source: 'cache', stale: true });
    expect(repeated.errors.anthropic).toMatchObject({
      kind: 'invalid_response',
      message: expect.stringMatching(/repeated a page cursor/),
    });
    expect(repeated.providers.healthy).toHaveLength(1);
    expect(faulty.requests).toHaveLength(2);

    faulty.requests.length = 0;
    faulty.respond = (request, response) =>
      json(200, page(`after-${faulty.requests.length}`))(request, response);
    const endless = await catalog.listModels({ refresh: true });
    expect(endless.errors.anthropic).toMatchObject({
      kind: 'invalid_response',
      message: expect.stringMatching(/more than 50 pages/),
    });
    expect(endless.providers.healthy).toHaveLength(1);
    expect(faulty.requests).toHaveLength(50);
    expect(readFileSync(join(dir, 'anthropic.json')).equals(cachedBytes)).toBe(true);
  });
});

describe('retries and Retry-After', () => {
  it.each([
    [401, 2, 1],
    [404, 2, 1],
    [500, 1, 2],
    [502, 1, 2],
  ])(
    'sends a %i answer with retries: %i in exactly %i request(s)',
    async (status, retries, requests) => {
      const context = await primedCatalog({ retries });
      faulty.respond = json(status, {});
      const error = await rejectionOf(
        context.strict.listModels({ provider: 'openai', refresh: true }),
      );
      expect(error.status).toBe(status);
      expect(faulty.requests).toHaveLength(requests);
    },
  );

  it('waits for a Retry-After given as an HTTP date about a second ahead, then succeeds on the second request', async () => {
    const context = await primedCatalog({ retries: 1, timeoutMs: 3000 });
    faulty.respond = (request, response) => {
      if (faulty.requests.length > 1) return json(200, GOOD)(request, response);
      // HTTP dates have whole seconds: two seconds ahead is a wait of one to two seconds.
      json(
        503,
        {},
        { 'retry-after': new Date(Date.now() + 2000).toUTCString() },
      )(request, response);
    };
    const started = performance.now();
    const result = await context.strict.listModels({ provider: 'openai', refresh: true });
    const waited = performance.now() - started;
    expect(result.status.source).toBe('live');
    expect(result.models).toEqual(context.goodModels);
    expect(faulty.requests).toHaveLength(2);
    expect(waited).toBeGreaterThanOrEqual(900);
    expect(waited).toBeLessThan(2900);
  });

  it('waits for a Retry-After of 1 second on a 429, then succeeds on the second request', async () => {
    const context = await primedCatalog({ retries: 1, timeoutMs: 5000 });
    faulty.respond = (request, response) =>
      faulty.requests.length > 1
        ? json(200, GOOD)(request, response)
        : json(429, {}, { 'retry-after': '1' })(request, response);
    const started = performance.now();
    const result = await context.strict.listModels({ provider: 'openai', refresh: true });
    const waited = performance.now() - started;
    expect(result.status.source).toBe('live');
    expect(faulty.requests).toHaveLength(2);
    expect(waited).toBeGreaterThanOrEqual(950);
    expect(waited).toBeLessThan(4000);
  });

  it('spreads the backoff with full jitter: a random fraction of 0.3 s, then of 0.6 s', async () => {
    const context = await primedCatalog({ retries: 2, timeoutMs: 5000 });
    const arrivals: number[] = [];
    faulty.respond = (request, response) => {
      arrivals.push(performance.now());
      json(503, {})(request, response);
    };
    const random = vi.spyOn(Math, 'random').mockReturnValue(0.01);
    try {
      const error = await rejectionOf(
        context.strict.listModels({ provider: 'openai', refresh: true }),
      );
      expect(error).toMatchObject({ kind: 'http', status: 503 });
      expect(random).toHaveBeenCalled();
    } finally {
      random.mockRestore();
    }
    expect(arrivals).toHaveLength(3);
    // Without jitter the waits would be 300 ms and 600 ms; with a random factor of 0.01, 3 and 6 ms.
    expect(arrivals[2]! - arrivals[0]!).toBeLessThan(600);
  });

  it('cancels a retry wait at once when the signal aborts, without a second request', async () => {
    const context = await primedCatalog({ retries: 1, timeoutMs: 10_000 });
    faulty.respond = json(503, {}, { 'retry-after': '5' });
    const controller = new AbortController();
    const started = performance.now();
    const pending = context.catalog.listModels({
      provider: 'openai',
      refresh: true,
      signal: controller.signal,
    });
    await expect.poll(() => faulty.requests.length).toBe(1);
    controller.abort();
    const error = await rejectionOf(pending);
    expect(error.kind).toBe('aborted');
    expect(performance.now() - started).toBeLessThan(3000);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(faulty.requests).toHaveLength(1);
    expect(context.cacheFile().equals(context.cachedBytes)).toBe(true);
  });

  it.each([
    [
      'a 503 with an HTTP date an hour ahead',
      503,
      () => new Date(Date.now() + 3_600_000).toUTCString(),
      'http',
    ],
    ['a 429 with Retry-After: 3600', 429, () => '3600', 'rate_limit'],
  ])(
    'fails at once, without retrying, on %s, beyond the 10 s cap',
    async (_label, status, retryAfter, kind) => {
      // An hour is within a maxBackoffMs of two: retryAfterMs reports it whole.
      const context = await primedCatalog({ retries: 2, maxBackoffMs: 2 * 3_600_000 });
      faulty.respond = (request, response) =>
        json(status, {}, { 'retry-after': retryAfter() })(request, response);
      const started = performance.now();
      const error = await rejectionOf(
        context.strict.listModels({ provider: 'openai', refresh: true }),
      );
      expect(performance.now() - started).toBeLessThan(1000);
      expect(error.kind).toBe(kind);
      expect(error.status).toBe(status);
      expect(error.retryAfterMs).toBeGreaterThan(3_500_000);
      expect(faulty.requests).toHaveLength(1);
    },
  );
});

describe('a provider that goes down and comes back', () => {
  it('fails with a network error, is left alone for failureBackoffMs, then answers live again', async () => {
    const context = await primedCatalog({ failureBackoffMs: 5000 });
    await faulty.stop();
    try {
      context.expire();
      const down = await context.catalog.listModels();
      expect(down.errors.openai).toMatchObject({
        kind: 'network',
        message: expect.stringMatching(/ECONNREFUSED/),
      });
      expect(down.providers.openai).toEqual(context.goodModels);
      expect(down.providers.healthy).toHaveLength(1);
    } finally {
      await faulty.restart();
    }
    faulty.respond = json(200, {
      data: [
        ...GOOD.data,
        { id: 'gpt-5', object: 'model', created: 1754500000, owned_by: 'system' },
      ],
    });

    context.advance(4000);
    const backingOff = await context.catalog.listModels();
    expect(faulty.requests).toHaveLength(0);
    expect(backingOff.status.openai).toMatchObject({
      source: 'cache',
      stale: true,
      error: { kind: 'network' },
    });
    expect(context.cacheFile().equals(context.cachedBytes)).toBe(true);

    context.advance(1001);
    const back = await context.catalog.listModels();
    expect(faulty.requests).toHaveLength(1);
    expect(back.errors).toEqual({});
    expect(back.status.openai).toMatchObject({
      source: 'live',
      changes: { added: ['gpt-5'], removed: [] },
    });
    expect(back.providers.openai?.map((model) => model.id)).toEqual([
      'gpt-4o',
      'text-embedding-3-small',
      'gpt-5',
    ]);
    expect(context.cacheFile().equals(context.cachedBytes)).toBe(false);
  });
});

describe('cancelling', () => {
  it('rejects at once with an aborted error and closes the socket of the request under way', async () => {
    const context = await primedCatalog({ timeoutMs: 10_000 });
    let closed = false;
    faulty.respond = (request) => {
      request.socket.on('close', () => {
        closed = true;
      });
    };
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const started = performance.now();
    const error = await rejectionOf(
      context.catalog.listModels({ refresh: true, signal: controller.signal }),
    );
    expect(error.kind).toBe('aborted');
    expect(performance.now() - started).toBeLessThan(1000);
    await expect.poll(() => closed).toBe(true);
    expect(context.cacheFile().equals(context.cachedBytes)).toBe(true);
    expect(context.events.filter((event) => event.type === 'fetch:error')).toEqual([
      { type: 'fetch:error', provider: 'openai', kind: 'aborted', message: expect.any(String) },
    ]);
  });
});

describe('the time budget of a provider', () => {
  it('ends retries and their waits within timeoutMs, as timeout, and lists the other provider', async () => {
    const context = await primedCatalog({ retries: 10, timeoutMs: 800 });
    faulty.respond = json(503, {});
    context.expire();
    const started = performance.now();
    const result = await context.catalog.listModels();
    expect(performance.now() - started).toBeLessThan(2500);
    expect(result.errors.openai).toMatchObject({
      kind: 'timeout',
      message: expect.stringMatching(/timed out after 800 ms/),
    });
    expect(faulty.requests.length).toBeGreaterThanOrEqual(1);
    expect(faulty.requests.length).toBeLessThan(11);
    expect(result.providers.openai).toEqual(context.goodModels);
    expect(result.providers.healthy?.map((model) => model.id)).toEqual(['healthy-chat-1']);
    expect(context.cacheFile().equals(context.cachedBytes)).toBe(true);
  });

  it.each([
    ['RateLimit-Reset: 60, no Retry-After', { 'ratelimit-reset': '60' }],
    ['X-RateLimit-Reset: a time, no Retry-After', { 'x-ratelimit-reset': '1893456000' }],
    ['a garbled Retry-After', { 'retry-after': 'soon' }],
  ])(
    'retries a 429 with %s with the plain backoff and fails as rate_limit, not as timeout',
    async (_label, headers) => {
      // Read as a wait of 10 s, the first retry would outlast the 3 s budget: a timeout.
      const context = await primedCatalog({ retries: 2, timeoutMs: 3000 });
      faulty.respond = json(429, {}, headers);
      const started = performance.now();
      const error = await rejectionOf(
        context.strict.listModels({ provider: 'openai', refresh: true }),
      );
      expect(performance.now() - started).toBeLessThan(2900);
      expect(error).toMatchObject({ kind: 'rate_limit', status: 429 });
      expect(faulty.requests).toHaveLength(3);
    },
  );

  it('fails at once, as rate_limit, on a Retry-After longer than what is left of the budget', async () => {
    const context = await primedCatalog({ retries: 2, timeoutMs: 1000 });
    faulty.respond = json(429, {}, { 'retry-after': '3' });
    const started = performance.now();
    const error = await rejectionOf(
      context.strict.listModels({ provider: 'openai', refresh: true }),
    );
    expect(performance.now() - started).toBeLessThan(900);
    expect(error).toMatchObject({ kind: 'rate_limit', status: 429, retryAfterMs: 3000 });
    expect(faulty.requests).toHaveLength(1);
  });

  it('ends a listing whose pages each answer slowly within timeoutMs', async () => {
    const catalog = createModelCatalog({
      providers: [
        anthropic({ apiKey: KEY, baseURL: `${faulty.url}/v1` }),
        openaiCompatible({ id: 'healthy', baseURL: `${healthy.url}/v1` }),
      ],
      cache: false,
      retries: 0,
      timeoutMs: 1000,
    });
    faulty.requests.length = 0;
    const timers = new Set<ReturnType<typeof setTimeout>>();
    faulty.respond = (request, response) => {
      const cursor = `slow-${faulty.requests.length}`;
      const timer = setTimeout(() => {
        timers.delete(timer);
        json(200, {
          data: [{ id: `claude-${cursor}`, type: 'model', display_name: cursor }],
          has_more: true,
          last_id: cursor,
        })(request, response);
      }, 300);
      timers.add(timer);
    };
    const started = performance.now();
    const result = await catalog.listModels();
    expect(performance.now() - started).toBeLessThan(2500);
    expect(result.errors.anthropic).toMatchObject({ kind: 'timeout' });
    expect(faulty.requests.length).toBeLessThanOrEqual(4);
    expect(result.providers.healthy).toHaveLength(1);
    for (const timer of timers) clearTimeout(timer);
  });
});

describe('a fetch shared by several callers', () => {
  it('is cancelled, closing its socket, only when the last caller waiting on it cancels', async () => {
    const context = await primedCatalog({ timeoutMs: 10_000 });
    let closed = false;
    faulty.respond = (request) => {
      request.socket.on('close', () => {
        closed = true;
      });
    };
    const first = new AbortController();
    const second = new AbortController();
    const one = context.catalog.listModels({
      provider: 'openai',
      refresh: true,
      signal: first.signal,
    });
    const two = context.catalog.listModels({
      provider: 'openai',
      refresh: true,
      signal: second.signal,
    });
    await expect.poll(() => faulty.requests.length).toBe(1);
    first.abort();
    expect((await rejectionOf(one)).kind).toBe('aborted');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(closed).toBe(false);
    second.abort();
    expect((await rejectionOf(two)).kind).toBe('aborted');
    await expect.poll(() => closed).toBe(true);
    expect(faulty.requests).toHaveLength(1);
    expect(context.cacheFile().equals(context.cachedBytes)).toBe(true);
  });
});
