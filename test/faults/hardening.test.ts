// The hostile review, round two, met over real sockets on 127.0.0.1 (no msw): credentials
// across redirects, redirect loops, listing-wide caps, bounded back-off, siblings that end with
// their listing, a cache inside the time budget, exact scrubbing and errors that help. Each
// test fails without its fix.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  anthropic,
  azure,
  bedrock,
  type CatalogEvent,
  createFileCache,
  createMemoryCache,
  createModelCatalog,
  createModelsHandler,
  ListingAbortedError,
  type ModelCache,
  ModelCatalogError,
  type ModelCatalogOptions,
  openai,
  openaiCompatible,
  openrouter,
  UnknownProviderError,
  vertex,
  xai,
} from '../../src/index.js';
import { lastJsonLine, runScript } from '../helpers/run-script.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { guardAgainstLeaks, json, type Respond, startFaultServer } from './fault-server.js';

guardAgainstLeaks();
const provider = await startFaultServer();
const elsewhere = await startFaultServer(json(200, { data: [{ id: 'stolen' }] }));
const healthy = await startFaultServer(json(200, { data: [{ id: 'healthy-chat-1' }] }));
afterAll(() => Promise.all([provider.stop(), elsewhere.stop(), healthy.stop()]));

const tempDir = useTempDir();
const KEY = 'sk-hardening-PLANTED-4711-x9';
const GOOD = { object: 'list', data: [{ id: 'gpt-4o' }, { id: 'text-embedding-3-small' }] };

/** The rejection of a promise that must reject, as a library error. */
async function rejectionOf(promise: Promise<unknown>): Promise<ModelCatalogError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(ModelCatalogError.isInstance(error), 'a ModelCatalogError').toBe(true);
  return error as ModelCatalogError;
}

function reset(respond: Respond): void {
  provider.respond = respond;
  provider.requests.length = 0;
  elsewhere.requests.length = 0;
}

function catalogOf(options: ModelCatalogOptions = {}) {
  return createModelCatalog({
    providers: [openai({ apiKey: KEY, baseURL: `${provider.url}/v1` })],
    cache: false,
    retries: 2,
    timeoutMs: 2000,
    ...options,
  });
}

/** Every text an error exposes: message, stack, fields and the cause chain. */
function textsOf(error: unknown, depth = 0): string {
  if (depth > 5 || error === undefined || error === null) return '';
  if (!(error instanceof Error)) return String(error);
  return [
    error.message,
    error.stack ?? '',
    JSON.stringify(error),
    textsOf(error.cause, depth + 1),
  ].join('\n');
}

describe('1. no credential crosses an origin', () => {
  const redirectTo =
    (location: string, status = 302): Respond =>
    (_request, response) => {
      response.writeHead(status, { location });
      response.end();
    };

  it.each([301, 302, 303, 307, 308])(
    'refuses a %i to another port, naming both origins without query strings; the other host gets nothing',
    async (status) => {
      reset(redirectTo(`${elsewhere.url}/steal?token=abc123secret`, status));
      const error = await rejectionOf(
        createModelCatalog({
          providers: [
            openai({
              apiKey: KEY,
              baseURL: `${provider.url}/v1`,
              headers: { 'x-team-token': 'team-PLANTED-header-x9' },
            }),
          ],
          cache: false,
          retries: 2,
        }).listModels({ provider: 'openai' }),
      );
      expect(elsewhere.requests).toEqual([]);
      expect(provider.requests).toHaveLength(1); // not retried
      expect(error).toMatchObject({ kind: 'http', status, retryable: false, provider: 'openai' });
      expect(error.message).toContain(`from ${provider.url} to ${elsewhere.url}`);
      expect(error.message).toContain('another origin');
      expect(error.message).not.toContain('token=abc123secret');
      expect(textsOf(error)).not.toContain(KEY);
    },
  );

  it('refuses a redirect to another host for a key sent as x-api-key (Anthropic)', async () => {
    const other = elsewhere.url.replace('127.0.0.1', 'localhost');
    reset(redirectTo(`${other}/v1/models`));
    const error = await rejectionOf(
      createModelCatalog({
        providers: [anthropic({ apiKey: KEY, baseURL: `${provider.url}/v1` })],
        cache: false,
      }).listModels({ provider: 'anthropic' }),
    );
    expect(error.kind).toBe('http');
    expect(error.message).toContain(`to ${other}`);
    expect(elsewhere.requests).toEqual([]);
  });

  it('refuses an https to http downgrade', async () => {
    reset(redirectTo(`${elsewhere.url}/v1/models`));
    // The first hop goes to the real server but is answered as https://secure.example.
    const asHttps: typeof fetch = async (input, init) => {
      const request = new Request(input, init);
      const url = new URL(request.url);
      const response = await fetch(new Request(`${provider.url}${url.pathname}`, request));
      Object.defineProperty(response, 'url', { value: request.url });
      return response;
    };
    const error = await rejectionOf(
      createModelCatalog({
        providers: [openai({ apiKey: KEY, baseURL: 'https://secure.example/v1' })],
        cache: false,
        fetch: asHttps,
      }).listModels({ provider: 'openai' }),
    );
    expect(error.kind).toBe('http');
    expect(error.message).toContain(`from https://secure.example to ${elsewhere.url}`);
    expect(provider.requests).toHaveLength(1);
    expect(elsewhere.requests).toEqual([]);
  });

  it('follows a redirect within the origin, keeping the credential', async () => {
    const seen: (string | undefined)[] = [];
    reset((request, response) => {
      seen.push(request.headers.authorization);
      if (request.url === '/v1/models')
        return redirectTo('/v2/models?page=1', 301)(request, response);
      json(200, GOOD)(request, response);
    });
    const result = await catalogOf().listModels({ provider: 'openai' });
    expect(result.models.map((model) => model.id)).toEqual(['gpt-4o', 'text-embedding-3-small']);
    expect(provider.requests).toEqual(['GET /v1/models', 'GET /v2/models?page=1']);
    expect(seen).toEqual([`Bearer ${KEY}`, `Bearer ${KEY}`]);
  });

  it('follows a redirect a custom fetch made up itself, which has no URL, from the URL asked for', async () => {
    const asked: string[] = [];
    const madeUp = async (input: RequestInfo | URL): Promise<Response> => {
      const url = input instanceof Request ? input.url : String(input);
      asked.push(url);
      // `new Response(...)` has `url: ''`, as a fetch wrapper or a cache in front of fetch gives.
      return url.endsWith('/v1/models')
        ? new Response(null, { status: 302, headers: { location: '/v2/models' } })
        : Response.json(GOOD);
    };
    const result = await catalogOf({ fetch: madeUp }).listModels({ provider: 'openai' });
    expect(result.models.map((model) => model.id)).toEqual(['gpt-4o', 'text-embedding-3-small']);
    expect(asked).toEqual([`${provider.url}/v1/models`, `${provider.url}/v2/models`]);
  });
});

describe('2. a redirect loop fails once', () => {
  it('stops after 20 hops with a non-retryable http error, one chain with retries: 2', async () => {
    reset((request, response) => {
      response.writeHead(302, { location: request.url ?? '/' });
      response.end();
    });
    const error = await rejectionOf(catalogOf({ retries: 2 }).listModels({ provider: 'openai' }));
    expect(error).toMatchObject({ kind: 'http', status: 302, retryable: false });
    expect(error.message).toContain('more than 20 redirects');
    expect(provider.requests).toHaveLength(21);
  });
});

describe('4. caps apply to the whole listing, as it arrives', () => {
  const anthropicPage = (cursor: string, padding: number) => ({
    data: [{ id: `claude-${cursor}`, type: 'model', display_name: 'x'.repeat(padding) }],
    has_more: true,
    last_id: cursor,
  });

  it('fails a paged listing once all its pages pass maxListingBytes, not after 50 pages', async () => {
    reset((request, response) =>
      json(200, anthropicPage(`page-${provider.requests.length}`, 400_000))(request, response),
    );
    const catalog = createModelCatalog({
      providers: [
        anthropic({ apiKey: KEY, baseURL: `${provider.url}/v1` }),
        openaiCompatible({ id: 'healthy', baseURL: `${healthy.url}/v1` }),
      ],
      cache: false,
      retries: 0,
      maxListingBytes: 1_000_000,
    });
    const result = await catalog.listModels();
    expect(result.errors.anthropic).toMatchObject({
      kind: 'invalid_response',
      message: expect.stringMatching(/bytes left of the listing's 1000000 \(maxListingBytes\)/),
    });
    expect(provider.requests).toHaveLength(3);
    expect(result.providers.healthy).toHaveLength(1);
  });

  it('stops a paged listing as soon as its pages pass maxModels, not after reading them all', async () => {
    reset((request, response) => {
      const page = provider.requests.length;
      json(200, {
        data: Array.from({ length: 10 }, (_, index) => ({
          id: `claude-${page}-${index}`,
          type: 'model',
        })),
        has_more: true,
        last_id: `page-${page}`,
      })(request, response);
    });
    const error = await rejectionOf(
      createModelCatalog({
        providers: [anthropic({ apiKey: KEY, baseURL: `${provider.url}/v1` })],
        cache: false,
        maxModels: 25,
      }).listModels({ provider: 'anthropic' }),
    );
    expect(error.kind).toBe('invalid_response');
    expect(error.message).toBe(
      'anthropic: the listing passed 25 models (maxModels) by page 3; stopping.',
    );
    expect(provider.requests).toHaveLength(3);
  });

  it('defaults maxListingBytes to 20 MB over all pages', async () => {
    reset((request, response) =>
      json(200, anthropicPage(`page-${provider.requests.length}`, 3_000_000))(request, response),
    );
    const error = await rejectionOf(
      createModelCatalog({
        providers: [anthropic({ apiKey: KEY, baseURL: `${provider.url}/v1` })],
        cache: false,
        retries: 0,
        timeoutMs: 10_000,
      }).listModels({ provider: 'anthropic' }),
    );
    expect(error.kind).toBe('invalid_response');
    expect(error.message).toContain(`listing's ${20 * 1024 * 1024} (maxListingBytes)`);
    expect(provider.requests).toHaveLength(7); // 7 × 3 MB > 20 MB, far fewer than 50 pages
  });

  it.each([
    [20, 1, /answered with more than 20971520 bytes; giving up\.$/],
    [4, 5, /bytes left of the listing's 20971520 \(maxListingBytes\)/],
  ])(
    'keeps memory within a small multiple of the 20 MB budget while 50 pages of %i MB stream in',
    async (pageMB, pagesRead, reason) => {
      // Each page is a body of `pageMB` MB written in 1 MB chunks as the client reads them; the
      // listing runs in a child process so that its peak memory is its own.
      const MB = 1024 * 1024;
      const chunk = 'x'.repeat(MB);
      reset((_request, response) => {
        const page = provider.requests.length;
        response.writeHead(200, { 'content-type': 'application/json' });
        response.write(
          `{"has_more":true,"last_id":"page-${page}","data":[{"id":"claude-${page}","type":"model","display_name":"`,
        );
        let written = 0;
        const writeMore = (): void => {
          while (written < pageMB && !response.destroyed) {
            written += 1;
            if (!response.write(chunk)) {
              response.once('drain', writeMore);
              return;
            }
          }
          if (!response.destroyed) response.end('"}]}');
        };
        writeMore();
      });
      const run = await runScript(new URL('./list-and-measure.ts', import.meta.url), [
        `${provider.url}/v1`,
      ]);
      expect(run.code, run.output).toBe(0);
      const report = lastJsonLine<{
        outcome: string;
        rssGrowthBytes: number;
      }>(run);
      expect(report.outcome).toMatch(/^invalid_response: anthropic: /);
      expect(report.outcome).toMatch(reason);
      expect(provider.requests).toHaveLength(pagesRead); // far fewer than 50
      // Measured here: about 3.5x the budget (text, chunks and undici's buffers); 50 pages read whole would be 1 GB.
      expect(report.rssGrowthBytes, 'peak memory growth in bytes').toBeLessThan(5 * 20 * MB);
    },
    60_000,
  );

  it('reads a legal single page of 150,000 entries without overflowing the stack', async () => {
    const data = Array.from({ length: 150_000 }, (_, index) => ({
      id: `m-${index}`,
      type: 'model',
    }));
    reset(json(200, { data, has_more: false }));
    const result = await createModelCatalog({
      providers: [anthropic({ apiKey: KEY, baseURL: `${provider.url}/v1` })],
      cache: createFileCache({ dir: tempDir() }),
      maxModels: 200_000,
      timeoutMs: 15_000,
    }).listModels({ provider: 'anthropic' });
    expect(result.models).toHaveLength(150_000);
    expect(result.models.at(-1)?.id).toBe('m-149999');
  }, 30_000);
});

describe('5. back-off is bounded', () => {
  it.each([
    ['1e308', 600_000],
    ['99999999', 600_000],
    ['Fri, 31 Dec 9999 23:59:59 GMT', 600_000],
    ['-5', undefined],
    ['soon, maybe', undefined],
  ])(
    'never suspends a provider longer than maxBackoffMs after Retry-After: %s',
    async (retryAfter, reported) => {
      let now = Date.parse('2026-06-01T00:00:00Z');
      reset(json(429, {}, { 'retry-after': retryAfter }));
      const catalog = catalogOf({
        retries: 0,
        now: () => now,
        rateLimitBackoffMs: 1000,
      });
      const error = await rejectionOf(catalog.listModels({ provider: 'openai' }));
      expect(error.kind).toBe('rate_limit');
      expect(error.retryAfterMs).toBe(reported);
      if (reported !== undefined) expect(Number.isFinite(error.retryAfterMs)).toBe(true);
      now += 599_000;
      await rejectionOf(catalog.listModels({ provider: 'openai' }));
      expect(provider.requests).toHaveLength(reported === undefined ? 2 : 1);
      now += 1001; // past the 10-minute maximum
      await rejectionOf(catalog.listModels({ provider: 'openai' }));
      expect(provider.requests).toHaveLength(reported === undefined ? 3 : 2);
    },
  );

  it('honours a smaller maxBackoffMs, also over rateLimitBackoffMs', async () => {
    let now = Date.parse('2026-06-01T00:00:00Z');
    reset(json(429, {}, { 'retry-after': '3600' }));
    const catalog = catalogOf({ retries: 0, now: () => now, maxBackoffMs: 5000 });
    const error = await rejectionOf(catalog.listModels({ provider: 'openai' }));
    expect(error.retryAfterMs).toBe(5000);
    now += 5001;
    await rejectionOf(catalog.listModels({ provider: 'openai' }));
    expect(provider.requests).toHaveLength(2);
  });
});

describe('6. sibling requests end with the listing', () => {
  /**
   * Answers the request `fails` picks with a 500 once its `siblings` other requests are in
   * flight (so that there is something to abort), and never answers those; `closed` counts the
   * siblings whose socket was closed.
   */
  function failsWhileSiblingsStall(
    fails: (url: string) => boolean,
    siblings: number,
  ): { closed: () => number } {
    let closed = 0;
    let inFlight = 0;
    let allArrived: () => void = () => {};
    const siblingsInFlight = new Promise<void>((resolve) => {
      allArrived = resolve;
    });
    reset((request, response) => {
      if (fails(request.url ?? '')) {
        void siblingsInFlight.then(() => json(500, {})(request, response));
        return;
      }
      request.socket.on('close', () => {
        closed += 1;
      });
      inFlight += 1;
      if (inFlight === siblings) allArrived();
    });
    return { closed: () => closed };
  }

  it.each([
    {
      name: "OpenRouter's other listing",
      adapter: () => openrouter({ apiKey: KEY, baseURL: `${provider.url}/api/v1` }),
      fails: (url: string) => url.startsWith('/api/v1/models'),
      requests: ['GET /api/v1/embeddings/models', 'GET /api/v1/models?output_modalities=all'],
    },
    {
      name: "xAI's two detail listings",
      adapter: () => xai({ apiKey: KEY, baseURL: `${provider.url}/v1` }),
      fails: (url: string) => url === '/v1/models',
      requests: ['GET /v1/image-generation-models', 'GET /v1/language-models', 'GET /v1/models'],
    },
  ])(
    'aborts $name at once when the model list fails, closing their sockets',
    async ({ adapter, fails, requests }) => {
      const siblings = requests.length - 1;
      const stalled = failsWhileSiblingsStall(fails, siblings);
      const listed = adapter();
      const started = performance.now();
      const error = await rejectionOf(
        createModelCatalog({
          providers: [listed],
          cache: false,
          retries: 0,
          timeoutMs: 20_000,
        }).listModels({ provider: listed.id }),
      );
      expect(error).toMatchObject({ kind: 'http', status: 500 });
      expect(performance.now() - started).toBeLessThan(5000);
      expect(provider.requests.sort()).toEqual(requests);
      await expect.poll(stalled.closed, { timeout: 2000 }).toBe(siblings);
    },
  );

  it('lets a process with nothing else to do exit right after listModels settles', async () => {
    const stalled = failsWhileSiblingsStall((url) => url === '/v1/models', 2);
    const run = await runScript(new URL('./list-and-exit.ts', import.meta.url), [
      `${provider.url}/v1`,
    ]);
    expect(run.code, run.output).toBe(0);
    const report = lastJsonLine<{
      outcome: string;
      settledToExitMs: number;
    }>(run);
    expect(report.outcome).toBe('http 500');
    // The time budget is 30 s: a detail request left open would hold the process that long.
    expect(report.settledToExitMs).toBeLessThan(3000);
    expect(stalled.closed()).toBe(2);
  }, 40_000);
});

describe('7. the cache is inside the time budget', () => {
  const never = <T>(): Promise<T> => new Promise<T>(() => {});

  it('counts a cache read that hangs against timeoutMs: a miss reported, never a hang', async () => {
    reset(json(200, GOOD));
    const events: CatalogEvent[] = [];
    const hanging: ModelCache = { get: never, set: async () => {} };
    const started = performance.now();
    const result = await catalogOf({
      cache: hanging,
      timeoutMs: 400,
      onEvent: (event) => events.push(event),
    }).listModels();
    expect(performance.now() - started).toBeLessThan(3000);
    expect(result.errors.openai).toMatchObject({
      kind: 'timeout',
      message:
        'openai: reading the cache took the whole time budget (400 ms); no request was sent.',
    });
    expect(provider.requests).toEqual([]);
    expect(events.filter((event) => event.type === 'cache:read-error')).toEqual([
      {
        type: 'cache:read-error',
        provider: 'openai',
        message: 'the cache did not answer within 400 ms',
      },
    ]);
  });

  it('does not back the provider off for a budget the cache spent: once the cache answers, it lists', async () => {
    reset(json(200, GOOD));
    let hanging = true;
    const cache: ModelCache = {
      get: () => (hanging ? never() : Promise.resolve(undefined)),
      set: async () => {},
    };
    const catalog = catalogOf({ cache, timeoutMs: 300 });
    expect((await catalog.listModels()).errors.openai?.kind).toBe('timeout');
    hanging = false;
    const second = await catalog.listModels({ provider: 'openai' });
    expect(second.status.source).toBe('live');
    expect(second.models.map((model) => model.id)).toEqual(['gpt-4o', 'text-embedding-3-small']);
    expect(provider.requests).toHaveLength(1);
  });

  it('keeps the list when a cache write throws at once (a full localStorage), reporting the write', async () => {
    reset(json(200, GOOD));
    const events: CatalogEvent[] = [];
    const cache: ModelCache = {
      get: async () => undefined,
      set: () => {
        throw new Error('QuotaExceededError');
      },
    };
    const catalog = catalogOf({ cache, onEvent: (event) => events.push(event) });
    const first = await catalog.listModels({ provider: 'openai' });
    expect(first.models).toHaveLength(2);
    expect(events.filter((event) => event.type === 'cache:write-error')).toEqual([
      { type: 'cache:write-error', provider: 'openai', message: 'QuotaExceededError' },
    ]);
  });

  it("ends the wait on a hanging cache read at once when the caller's signal aborts", async () => {
    reset(json(200, GOOD));
    const controller = new AbortController();
    const pending = catalogOf({
      cache: { get: never, set: async () => {} },
      timeoutMs: 60_000,
    }).listModels({ provider: 'openai', signal: controller.signal });
    setTimeout(() => controller.abort(), 30);
    const error = await rejectionOf(pending);
    expect(error).toMatchObject({ kind: 'aborted', name: 'AbortError' });
    expect(provider.requests).toEqual([]);
  });

  it('returns the list when a cache write hangs, reporting the write as failed within the budget', async () => {
    reset(json(200, GOOD));
    const events: CatalogEvent[] = [];
    const started = performance.now();
    const result = await catalogOf({
      cache: { get: async () => undefined, set: never },
      timeoutMs: 500,
      onEvent: (event) => events.push(event),
    }).listModels({ provider: 'openai' });
    expect(performance.now() - started).toBeLessThan(3000);
    expect(result.models).toHaveLength(2);
    expect(events.filter((event) => event.type === 'cache:write-error')).toEqual([
      { type: 'cache:write-error', provider: 'openai', message: 'timed out after 500 ms' },
    ]);
  });

  it('treats a FIFO at the cache path as a miss, reported, and lists live at once', async () => {
    const dir = tempDir();
    execFileSync('mkfifo', [join(dir, 'openai.json')]);
    reset(json(200, GOOD));
    const events: CatalogEvent[] = [];
    const started = performance.now();
    const result = await catalogOf({
      cache: createFileCache({ dir }),
      timeoutMs: 10_000,
      onEvent: (event) => events.push(event),
    }).listModels({ provider: 'openai' });
    expect(performance.now() - started).toBeLessThan(5000);
    expect(result.status.source).toBe('live');
    expect(events.filter((event) => event.type === 'cache:read-error')).toEqual([
      {
        type: 'cache:read-error',
        provider: 'openai',
        message: expect.stringContaining('openai.json is not a regular file'),
      },
    ]);
  });

  it('removes our own temporary files a killed writer left over a minute ago, and nothing else', async () => {
    const dir = tempDir();
    mkdirSync(dir, { recursive: true });
    const old = Date.now() / 1000 - 120;
    for (const name of ['openai.json.4242.deadbeef.tmp', 'groq.json.7.abc.tmp', 'notes.tmp']) {
      writeFileSync(join(dir, name), '{"half":');
      utimesSync(join(dir, name), old, old);
    }
    writeFileSync(join(dir, 'openai.json.99.fresh1.tmp'), '{"being written":'); // a live writer's
    reset(json(200, GOOD));
    await catalogOf({ cache: createFileCache({ dir }) }).listModels({ provider: 'openai' });
    expect(readdirSync(dir).sort()).toEqual([
      'notes.tmp',
      'openai.json',
      'openai.json.99.fresh1.tmp',
    ]);
  });
});

describe('10-12. secrets, exactly', () => {
  /** Answers 401 quoting the request's authorization and custom headers, raw and URL-encoded. */
  const echoHeaders =
    (prefix = ''): Respond =>
    (request, response) => {
      const quoted = Object.entries(request.headers)
        .filter(([name]) => name === 'authorization' || name.startsWith('x-'))
        .map(([name, value]) => `${name}=${String(value)} (${encodeURIComponent(String(value))})`)
        .join(' ');
      response.writeHead(401, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: { message: `${prefix}rejected: ${quoted}` } }));
    };

  it('trims a padded key once: the value sent and the value scrubbed are the same, URL-encoded too', async () => {
    const padded = '  sk-padded/PLANTED+key=x9  ';
    reset(echoHeaders());
    const events: CatalogEvent[] = [];
    const error = await rejectionOf(
      createModelCatalog({
        providers: [openai({ apiKey: padded, baseURL: `${provider.url}/v1` })],
        cache: false,
        onEvent: (event) => events.push(event),
      }).listModels({ provider: 'openai' }),
    );
    expect(error.kind).toBe('auth');
    expect(error.message).toContain('[redacted]');
    const texts = `${textsOf(error)}${JSON.stringify(events)}`;
    expect(texts).not.toContain('sk-padded/PLANTED+key=x9');
    expect(texts).not.toContain(encodeURIComponent('sk-padded/PLANTED+key=x9'));
  });

  it('scrubs a key before cutting the provider message, so half a key never survives', async () => {
    reset((request, response) => {
      // The key straddles the 200th character of the provider's message: 16 of its characters before it.
      const message = `${'x'.repeat(176)} ${request.headers.authorization} trailing`;
      json(401, { error: { message } })(request, response);
    });
    const error = await rejectionOf(catalogOf({ retries: 0 }).listModels({ provider: 'openai' }));
    expect(error.message).not.toContain(KEY.slice(0, 12));
    expect(error.message).toContain('Bearer [redacted]');
  });

  it('scrubs the values of user-supplied headers from messages and events', async () => {
    reset(echoHeaders());
    const events: CatalogEvent[] = [];
    const error = await rejectionOf(
      createModelCatalog({
        providers: [
          openai({
            apiKey: KEY,
            baseURL: `${provider.url}/v1`,
            headers: {
              'x-portkey-api-key': 'pk-PLANTED-header-value-x9',
              authorization: 'Basic dXNlcjpQTEFOVEVELWJhc2ljLXg5',
            },
          }),
        ],
        cache: false,
        onEvent: (event) => events.push(event),
      }).listModels({ provider: 'openai' }),
    );
    expect(error.kind).toBe('auth');
    const texts = `${textsOf(error)}${JSON.stringify(events)}`;
    expect(texts).not.toContain('pk-PLANTED-header-value-x9');
    expect(texts).not.toContain(KEY);
    expect(texts).toContain('x-portkey-api-key=[redacted]');
  });
});

describe('13. errors are bounded', () => {
  it('keeps a message short when the provider sends 200 KB of text and a 200 KB cursor', async () => {
    reset((request, response) => {
      if (provider.requests.length === 1) {
        return json(200, {
          data: [{ id: 'claude-a', type: 'model' }],
          has_more: true,
          last_id: `c${'u'.repeat(200_000)}`,
        })(request, response);
      }
      json(500, { error: { message: 'y'.repeat(200_000) } })(request, response);
    });
    const catalog = createModelCatalog({
      providers: [anthropic({ apiKey: KEY, baseURL: `${provider.url}/v1` })],
      cache: false,
      retries: 0,
    });
    const error = await rejectionOf(catalog.listModels({ provider: 'anthropic' }));
    expect(error.kind).toBe('http');
    expect(error.message.length).toBeLessThan(700);
    expect(error.message).toContain(`GET ${provider.url}/v1/models answered`);
    expect(error.message).not.toContain('uuuuuuuuuu');
    const { errors } = await catalog.listModels({ refresh: true });
    expect(errors.anthropic?.message.length).toBeLessThan(700);
  });
});

describe('15. a base URL without a scheme', () => {
  it('says to add https:// (or http://), and sends nothing', async () => {
    reset(json(200, GOOD));
    const host = provider.url.replace('http://', '');
    const error = await rejectionOf(
      createModelCatalog({
        providers: [openai({ apiKey: KEY, baseURL: `${host}/v1` })],
        cache: false,
      }).listModels({ provider: 'openai' }),
    );
    expect(error.kind).toBe('not_configured');
    expect(error.message).toContain(`${host}/v1/models is not an absolute http(s) URL`);
    expect(error.message).toContain('add https:// (or http:// for a server on this machine');
    expect(provider.requests).toEqual([]);
  });

  it('says which part to check when a URL with its scheme does not parse (a port out of range)', async () => {
    const error = await rejectionOf(
      createModelCatalog({
        providers: [openai({ apiKey: KEY, baseURL: 'http://127.0.0.1:99999/v1' })],
        cache: false,
      }).listModels({ provider: 'openai' }),
    );
    expect(error.kind).toBe('not_configured');
    expect(error.message).toBe(
      'openai: http://127.0.0.1:99999/v1/models is not a valid URL: check the host and port of its base URL option or environment variable.',
    );
    expect(provider.requests).toEqual([]);
  });
});

describe('16. a cache directory that cannot be created', () => {
  it('is reported with its path and what to do, not as a raw EEXIST mkdir text', async () => {
    const parent = tempDir();
    const dir = join(parent, 'cache-is-a-file');
    writeFileSync(dir, 'a file where the cache directory should be');
    reset(json(200, GOOD));
    const events: CatalogEvent[] = [];
    const result = await catalogOf({
      cache: createFileCache({ dir }),
      onEvent: (event) => events.push(event),
    }).listModels({ provider: 'openai' });
    expect(result.status.source).toBe('live');
    const [failure] = events.filter((event) => event.type === 'cache:write-error');
    expect(failure).toMatchObject({
      message: `cannot create the cache directory ${dir} (EEXIST): a file is in the way (the path, or a folder above it, is a file): remove it, or give the cache another \`dir\`, or set MODEL_CATALOG_CACHE_DIR.`,
    });
    expect(failure && 'message' in failure ? failure.message : '').not.toMatch(/^EEXIST/);
  });
});

describe('18. a call cancelled by its signal', () => {
  it("rejects with an error named 'AbortError', of kind aborted", async () => {
    reset(() => {}); // never answers
    const controller = new AbortController();
    const pending = catalogOf({ timeoutMs: 10_000 }).listModels({
      provider: 'openai',
      signal: controller.signal,
    });
    await expect.poll(() => provider.requests.length).toBe(1);
    controller.abort();
    const error = await rejectionOf(pending);
    expect(error.name).toBe('AbortError');
    expect(error.kind).toBe('aborted');
    expect(ListingAbortedError.isInstance(error)).toBe(true);
    const all = catalogOf().listModels({ signal: AbortSignal.abort() });
    await expect(all).rejects.toMatchObject({ name: 'AbortError', kind: 'aborted' });
  });
});

describe('3 and 14. provider options are checked at the factory', () => {
  it.each([
    [
      'azure resourceName',
      () => azure({ apiKey: KEY, resourceName: 'attacker.example?' }),
      '`resourceName`',
    ],
    [
      'bedrock region',
      () => bedrock({ region: 'us-east-1.evil.example/x#', bearerToken: KEY }),
      '`region`',
    ],
    [
      'vertex location',
      () => vertex({ project: 'p', location: 'evil.example/', accessToken: KEY }),
      '`location`',
    ],
  ])('refuses a %s that is no DNS label with a TypeError naming it', (_label, make, option) => {
    expect(make).toThrow(TypeError);
    expect(make).toThrow(option);
    expect(make).toThrow('must be a DNS label');
  });

  it('reports a host name part from the environment as not configured, and sends nothing', async () => {
    const sent: string[] = [];
    const recording: typeof fetch = (input, init) => {
      sent.push(new Request(input, init).url);
      return fetch(`${provider.url}/v1/models`, init);
    };
    const catalog = createModelCatalog({
      providers: [azure()],
      env: { AZURE_OPENAI_API_KEY: KEY, AZURE_RESOURCE_NAME: 'attacker.example?' },
      cache: false,
      fetch: recording,
    });
    const error = await rejectionOf(catalog.listModels({ provider: 'azure' }));
    expect(error.kind).toBe('not_configured');
    expect(error.message).toContain('`resourceName` becomes part of a host name');
    expect(sent).toEqual([]);
  });

  it.each([
    [
      'an apiKey that is a number',
      () => openai({ apiKey: 42 as unknown as string }),
      '`apiKey` must be a string, got number',
    ],
    [
      'an apiKey that is an object',
      () => openai({ apiKey: {} as unknown as string }),
      '`apiKey` must be a string, got object',
    ],
    [
      'a header value that is not a string',
      () => anthropic({ headers: { 'x-id': 7 as unknown as string } }),
      '`headers.x-id` must be a string, got number',
    ],
  ])('refuses %s with a TypeError naming the option, before any request', (_label, make, text) => {
    reset(json(200, GOOD));
    expect(make).toThrow(TypeError);
    expect(make).toThrow(text);
    expect(provider.requests).toEqual([]);
  });

  it('refuses a hand-written adapter whose setting value is no string, at createModelCatalog', () => {
    const adapter = {
      id: 'mine',
      settings: { apiKey: { option: 'apiKey', value: 42 as unknown as string } },
      listModels: async () => [],
    };
    expect(() => createModelCatalog({ providers: [adapter] })).toThrow(
      '`providers` adapter "mine": `apiKey` must be a string, got number.',
    );
  });
});

describe('8. numbers are numbers', () => {
  it('drops and counts prices and limits that are no finite number, never caching Infinity or null', async () => {
    const body = `{"data":[{"id":"vendor/model","context_length":1e400,"top_provider":{"max_completion_tokens":4096},"pricing":{"prompt":"1e303","completion":"0x10","request":"0.5"}}]}`;
    reset((request, response) => {
      if (request.url?.includes('embeddings')) return json(200, { data: [] })(request, response);
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(body);
    });
    const dir = tempDir();
    const options: ModelCatalogOptions = {
      providers: [openrouter({ apiKey: KEY, baseURL: `${provider.url}/api/v1` })],
      cache: createFileCache({ dir }),
      retries: 0,
    };
    const live = await createModelCatalog(options).listModels({ provider: 'openrouter' });
    expect(live.models).toEqual([
      {
        id: 'vendor/model',
        name: 'vendor/model',
        category: 'chat',
        provider: 'openrouter',
        ownedBy: 'vendor',
        maxOutputTokens: 4096,
        pricing: { request: 0.5, free: false },
      },
    ]);
    expect(live.status.droppedValues).toBe(3);
    const file = readFileSync(join(dir, 'openrouter.json'), 'utf8');
    expect(file).not.toContain('null');
    expect(file).not.toContain('Infinity');
    const cached = await createModelCatalog(options).listModels({ provider: 'openrouter' });
    expect(cached.status.source).toBe('cache');
    expect(cached.models).toEqual(live.models);
  });

  it("drops a hand-written adapter's Infinity, NaN and negative numbers, counting them", async () => {
    const adapter = {
      id: 'mine',
      listModels: async () => [
        {
          id: 'a',
          name: 'a',
          category: 'chat' as const,
          provider: 'mine',
          contextLength: Number.POSITIVE_INFINITY,
          created: Number.NaN,
          pricing: { input: -1, output: 3 },
        },
      ],
    };
    const result = await createModelCatalog({ providers: [adapter], cache: false }).listModels({
      provider: 'mine',
    });
    expect(result.models).toEqual([
      { id: 'a', name: 'a', category: 'chat', provider: 'mine', pricing: { output: 3 } },
    ]);
    expect(result.status.droppedValues).toBe(3);
  });

  it('leaves out null prices of an older cache file when reading it', async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'mine.json'),
      JSON.stringify({
        version: 1,
        providerId: 'mine',
        fetchedAt: new Date().toISOString(),
        models: [{ id: 'gpt-4o', pricing: { input: null, output: 10 }, contextLength: null }],
      }),
    );
    let calls = 0;
    const adapter = {
      id: 'mine',
      listModels: async () => {
        calls++;
        return [];
      },
    };
    const result = await createModelCatalog({
      providers: [adapter],
      cache: createFileCache({ dir }),
    }).listModels({ provider: 'mine' });
    expect(result.status.source).toBe('cache');
    expect(result.models).toEqual([
      { id: 'gpt-4o', name: 'gpt-4o', category: 'chat', provider: 'mine', pricing: { output: 10 } },
    ]);
    expect(calls).toBe(0);
  });
});

describe('17. an unknown provider id', () => {
  it('suggests the closest ids, and ids match whatever their case', async () => {
    reset(json(200, GOOD));
    const catalog = createModelCatalog({
      providers: [
        openai({ apiKey: KEY, baseURL: `${provider.url}/v1` }),
        openrouter({ apiKey: KEY, baseURL: `${provider.url}/api/v1` }),
      ],
      cache: false,
    });
    const error = await rejectionOf(catalog.listModels({ provider: 'opnrouter' }));
    expect(UnknownProviderError.isInstance(error)).toBe(true);
    expect(error.message).toBe(
      'Unknown provider "opnrouter". Did you mean "openrouter"? Valid providers: openai, openrouter.',
    );
    expect((error as UnknownProviderError).suggestions).toEqual(['openrouter']);
    const listed = await catalog.listModels({ provider: 'OpenAI' });
    expect(listed.provider).toBe('openai');
    expect(listed.models).toHaveLength(2);
    expect(provider.requests).toEqual(['GET /v1/models']);
  });
});

describe('a kept-alive connection closed while idle', () => {
  it('sends the GET once more on a new connection, even with retries: 0', async () => {
    reset(json(200, GOOD));
    let attempts = 0;
    const staleOnce: typeof fetch = (input, init) => {
      attempts++;
      if (attempts === 1) {
        return Promise.reject(
          new TypeError('fetch failed', {
            cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }),
          }),
        );
      }
      return fetch(input, init);
    };
    const result = await catalogOf({ retries: 0, fetch: staleOnce }).listModels({
      provider: 'openai',
    });
    expect(result.models).toHaveLength(2);
    expect(attempts).toBe(2);
    expect(provider.requests).toEqual(['GET /v1/models']);
  });

  it('does not send it again for any other network failure', async () => {
    reset(json(200, GOOD));
    let attempts = 0;
    const refused: typeof fetch = () => {
      attempts++;
      return Promise.reject(
        new TypeError('fetch failed', {
          cause: Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }),
        }),
      );
    };
    const error = await rejectionOf(
      catalogOf({ retries: 0, fetch: refused }).listModels({ provider: 'openai' }),
    );
    expect(error.kind).toBe('network');
    expect(attempts).toBe(1);
  });
});

describe('the models handler', () => {
  it('5. always sends a Retry-After of whole seconds, never above the back-off maximum', async () => {
    reset(json(429, { error: { message: 'slow down' } }, { 'retry-after': '1e308' }));
    const handler = createModelsHandler(catalogOf({ retries: 0 }));
    const capped = await handler(new Request('http://localhost/api/models?provider=openai'));
    expect(capped.status).toBe(502);
    expect(capped.headers.get('retry-after')).toBe('600');

    const throwing = {
      id: 'mine',
      listModels: async () => {
        throw new ModelCatalogError('mine: slow', {
          kind: 'rate_limit',
          retryAfterMs: Number.POSITIVE_INFINITY,
        });
      },
    };
    const mine = createModelsHandler(
      createModelCatalog({ providers: [throwing], cache: false, maxBackoffMs: 1e12 }),
    );
    const answer = await mine(new Request('http://localhost/api/models?provider=mine'));
    expect(answer.status).toBe(502);
    expect(answer.headers.get('retry-after')).toMatch(/^\d+$/);
    const all = await mine(new Request('http://localhost/api/models'));
    const body = (await all.json()) as { errors: Record<string, Record<string, unknown>> };
    expect(body.errors.mine).toEqual({
      kind: 'rate_limit',
      message: 'mine: the provider failed (rate_limit).',
    });
  });

  it('9. renders models of provider __proto__, constructor or toString in every format, never a 500', async () => {
    reset(
      json(200, {
        data: ['__proto__', 'constructor', 'toString', 'hasOwnProperty'].map((owner) => ({
          id: `model-of-${owner}`,
          owned_by: owner,
        })),
      }),
    );
    // A hand-written adapter taking each model's provider from the upstream (as a shared cache may hold it).
    const shared = {
      id: 'constructor',
      async listModels({ http }: { http: { getJson(url: string): Promise<unknown> } }) {
        const body = (await http.getJson(`${provider.url}/v1/models`)) as {
          data: { id: string; owned_by: string }[];
        };
        return body.data.map((entry) => ({
          id: entry.id,
          name: entry.id,
          category: 'chat' as const,
          provider: entry.owned_by,
        }));
      },
    };
    const failures: unknown[] = [];
    const handler = createModelsHandler(
      createModelCatalog({ providers: [shared], cache: createMemoryCache() }),
      { onError: (error) => failures.push(error) },
    );
    for (const format of ['native', 'openai', 'anthropic', 'gemini', 'openrouter', 'grouped']) {
      for (const query of ['', '&provider=constructor']) {
        const response = await handler(
          new Request(`http://localhost/api/models?format=${format}${query}`),
        );
        expect(response.status, `${format}${query}`).toBe(200);
        const text = await response.text();
        expect(text).toContain('model-of-__proto__');
        expect(text).toContain('model-of-toString');
      }
    }
    const native = await handler(new Request('http://localhost/api/models'));
    const body = (await native.json()) as { providers: Record<string, unknown[]> };
    expect(Object.keys(body.providers).sort()).toEqual(
      ['__proto__', 'constructor', 'hasOwnProperty', 'toString'].sort(),
    );
    expect(failures).toEqual([]);
  });

  it('13. names the provider and the kind in a 502, not the upstream host or URL, unless asked', async () => {
    reset(json(401, { error: { message: `bad key, see ${provider.url}/help` } }));
    const catalog = catalogOf({ retries: 0, failureBackoffMs: 0 });
    const discreet = createModelsHandler(catalog);
    const answer = await discreet(new Request('http://localhost/api/models?provider=openai'));
    expect(answer.status).toBe(502);
    const text = await answer.text();
    expect(JSON.parse(text)).toEqual({
      type: 'error',
      error: {
        code: 502,
        kind: 'auth',
        message: 'openai: the provider failed (auth, status 401).',
        type: 'api_error',
        status: 'UNAVAILABLE',
        provider: 'openai',
        provider_status: 401,
      },
    });
    const host = new URL(provider.url).host;
    expect(text).not.toContain(host);
    const all = await (await discreet(new Request('http://localhost/api/models'))).text();
    expect(all).not.toContain(host);
    expect(all).toContain('the provider failed (auth, status 401)');

    const trusted = createModelsHandler(catalog, { exposeErrorDetails: true });
    const detailed = await (
      await trusted(new Request('http://localhost/api/models?provider=openai'))
    ).text();
    expect(detailed).toContain(`GET ${provider.url}/v1/models answered 401`);
  });
});
