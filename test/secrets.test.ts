import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { delay, HttpResponse, http } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  type CatalogEvent,
  createFileCache,
  createMemoryCache,
  createModelCatalog,
  defaultProviders,
  ModelCatalogError,
  type ModelCatalogOptions,
  openai,
  type ProviderAdapter,
} from '../src/index.js';
import { server } from './helpers/msw.js';
import { useTempDir } from './helpers/temp-dir.js';

const tempDir = useTempDir();
const OPENAI_KEY = 'sk-proj-PLANTED-openai-Zq81xY7w';

afterEach(() => {
  vi.restoreAllMocks();
});

/**
 * An environment configuring every built-in provider, with a distinct planted value in
 * each secret setting, and the secrets planted.
 */
function plantedEnvironment(): { env: Record<string, string>; secrets: string[] } {
  const env: Record<string, string> = {};
  const secrets: string[] = [];
  const valueFor = (id: string, variable: string): string =>
    /URL|ENDPOINT/.test(variable) ? `https://${id}.secrets.test/v1` : `plain-${id}-value`;
  for (const adapter of defaultProviders()) {
    for (const [name, setting] of Object.entries(adapter.settings ?? {})) {
      const variable = setting.env?.[0];
      if (!variable) continue;
      if (setting.secret) {
        const secret = `PLANTED-${adapter.id}-${name}-Zq81xY7w`;
        env[variable] = secret;
        secrets.push(secret);
      } else if (setting.required && setting.default === undefined) {
        env[variable] = valueFor(adapter.id, variable);
      }
    }
    const detect = adapter.detectEnv ?? [];
    if (detect.length > 0 && !detect.some((variable) => env[variable])) {
      env[detect[0]!] = valueFor(adapter.id, detect[0]!);
    }
  }
  return { env, secrets };
}

/** Every text an error exposes: message, stack, fields and the whole cause chain. */
function textsOfError(error: unknown, depth = 0): string[] {
  if (depth > 5 || error === undefined || error === null) return [];
  if (!(error instanceof Error)) return [String(error)];
  const fields = Object.fromEntries(Object.entries(error));
  return [
    error.message,
    String(error),
    error.stack ?? '',
    JSON.stringify(error),
    JSON.stringify(fields),
    ...textsOfError(error.cause, depth + 1),
  ];
}

function filesIn(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).flatMap((name) => {
    try {
      return [readFileSync(join(dir, name), 'utf8')];
    } catch {
      return []; // a directory
    }
  });
}

function expectNoSecret(texts: readonly string[], secrets: readonly string[]): void {
  for (const text of texts) {
    for (const secret of secrets) {
      if (text.includes(secret))
        throw new Error(`secret ${secret} leaked into: ${text.slice(0, 500)}`);
    }
  }
}

/** Everything a request carries that could be a credential: its URL and every header value. */
function credentialsOf(request: Request): string {
  return [
    request.url,
    ...[...request.headers.entries()].map(([name, value]) => `${name}: ${value}`),
  ].join(' ');
}

/** Failure answers that echo back every credential of the request, as careless servers do. */
const failures: [label: string, respond: (request: Request) => Response | Promise<Response>][] = [
  [
    '401 echoing the key in error.message',
    (request) =>
      HttpResponse.json(
        { error: { message: `Invalid key: ${credentialsOf(request)}` } },
        { status: 401 },
      ),
  ],
  [
    '403 echoing the key in error',
    (request) =>
      HttpResponse.json({ error: `Forbidden for ${credentialsOf(request)}` }, { status: 403 }),
  ],
  [
    '429 echoing the key in message',
    (request) =>
      HttpResponse.json(
        { message: `Too many requests from ${credentialsOf(request)}` },
        { status: 429, headers: { 'retry-after': '1' } },
      ),
  ],
  [
    '400 echoing the key in a ?key= URL in detail',
    (request) =>
      HttpResponse.json(
        { detail: `See https://example.test/help?key=${credentialsOf(request)}&x=1` },
        { status: 400 },
      ),
  ],
  [
    '500 echoing the key as plain text',
    (request) => HttpResponse.text(`crash ${credentialsOf(request)}`, { status: 500 }),
  ],
  [
    '200 HTML page echoing the key',
    (request) => HttpResponse.html(`<!doctype html><p>${credentialsOf(request)}</p>`),
  ],
  [
    '200 non-JSON text echoing the key',
    (request) =>
      HttpResponse.text(`not json ${credentialsOf(request)}`, {
        headers: { 'content-type': 'application/json' },
      }),
  ],
  [
    '200 truncated JSON echoing the key',
    (request) =>
      new HttpResponse(`{"data": [{"id": "${credentialsOf(request)}`, {
        headers: { 'content-type': 'application/json' },
      }),
  ],
  [
    '200 JSON of the wrong shape holding the key',
    (request) => {
      const echo = credentialsOf(request);
      return HttpResponse.json({
        data: echo,
        models: echo,
        object: echo,
        error: echo,
        [echo]: echo,
      });
    },
  ],
  ['network failure', () => HttpResponse.error()],
  [
    'timeout',
    async () => {
      await delay(1000);
      return HttpResponse.json({});
    },
  ],
];

describe('a planted key never shows up', () => {
  it('configures every built-in provider from the planted environment', () => {
    const { env } = plantedEnvironment();
    const providers = createModelCatalog({ env, cache: false }).listProviders();
    expect(providers.filter((provider) => !provider.configured)).toEqual([]);
    expect(providers.length).toBe(defaultProviders().length);
  });

  it.each(failures)(
    'in any error, result, event or cache file of any built-in provider after a %s',
    async (_label, respond) => {
      server.use(http.all('*', ({ request }) => respond(request)));
      const { env, secrets } = plantedEnvironment();
      const dir = tempDir();
      const events: CatalogEvent[] = [];
      const options: ModelCatalogOptions = {
        env,
        cache: createFileCache({ dir }),
        retries: 0,
        timeoutMs: 150,
        onEvent: (event) => events.push(event),
      };

      const all = await createModelCatalog(options).listModels();
      expect(Object.keys(all.errors).sort()).toEqual(
        defaultProviders()
          .map((adapter) => adapter.id)
          .sort(),
      );

      const single = createModelCatalog(options);
      const errors = await Promise.all(
        defaultProviders().map((adapter) =>
          single.listModels({ provider: adapter.id }).then(
            () => undefined,
            (error: unknown) => error,
          ),
        ),
      );
      for (const error of errors) expect(ModelCatalogError.isInstance(error)).toBe(true);

      expectNoSecret(
        [
          JSON.stringify(all),
          JSON.stringify(events),
          ...errors.flatMap((error) => textsOfError(error)),
          ...filesIn(dir),
        ],
        secrets,
      );
    },
  );

  it('in the cache file of a successful listing, nor in a stale result after a failed refresh', async () => {
    server.use(
      http.get('https://api.openai.com/v1/models', () =>
        HttpResponse.json({ data: [{ id: 'gpt-4o' }] }),
      ),
    );
    const dir = tempDir();
    const catalog = createModelCatalog({
      providers: [openai({ apiKey: OPENAI_KEY })],
      cache: createFileCache({ dir }),
      retries: 0,
    });
    await catalog.listModels({ provider: 'openai' });
    server.use(
      http.get('https://api.openai.com/v1/models', ({ request }) =>
        HttpResponse.json(
          { error: { message: `bad key ${credentialsOf(request)}` } },
          { status: 401 },
        ),
      ),
    );
    const stale = await catalog.listModels({ provider: 'openai', refresh: true });
    expect(stale.status.error?.kind).toBe('auth');
    expect(stale.status.error?.message).toContain('[redacted]');
    expectNoSecret([JSON.stringify(stale), ...filesIn(dir)], [OPENAI_KEY]);
    expect(filesIn(dir)).toHaveLength(1);
  });

  it('in an aborted call', async () => {
    server.use(
      http.get('https://api.openai.com/v1/models', async () => {
        await delay(1000);
        return HttpResponse.json({ data: [] });
      }),
    );
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    const error = await createModelCatalog({
      providers: [openai({ apiKey: OPENAI_KEY })],
      cache: false,
    })
      .listModels({ provider: 'openai', signal: controller.signal })
      .catch((caught: unknown) => caught);
    expect((error as ModelCatalogError).kind).toBe('aborted');
    expectNoSecret(textsOfError(error), [OPENAI_KEY]);
  });

  it('in the warning of a cache that cannot be written', async () => {
    server.use(
      http.get('https://api.openai.com/v1/models', () =>
        HttpResponse.json({ data: [{ id: 'gpt-4o' }] }),
      ),
    );
    const emitWarning = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
    const dir = join(tempDir(), 'missing');
    const cache = createMemoryCache();
    const failing = {
      get: cache.get,
      set: async () => Promise.reject(new Error(`disk full while writing for ${OPENAI_KEY}`)),
    };
    await createModelCatalog({
      providers: [openai({ apiKey: OPENAI_KEY })],
      cache: failing,
    }).listModels({ provider: 'openai' });
    expect(emitWarning).toHaveBeenCalledTimes(1);
    expectNoSecret([String(emitWarning.mock.calls[0]?.[0])], [OPENAI_KEY]);
    expect(String(emitWarning.mock.calls[0]?.[0])).toContain(
      'disk full while writing for [redacted]',
    );
    expect(dir).toContain('missing');
  });

  const secretAdapter = (fail: (key: string) => never): ProviderAdapter => ({
    id: 'custom',
    settings: {
      apiKey: {
        value: 'custom-PLANTED-secret-4242',
        secret: true,
        required: true,
        option: 'apiKey',
      },
    },
    async listModels({ settings }) {
      fail(settings.apiKey!);
    },
  });

  it("in a hand-written adapter's ModelCatalogError that quotes the key, message and stack alike", async () => {
    const adapter = secretAdapter((key) => {
      throw new ModelCatalogError(`rejected key ${key}`, { kind: 'auth', provider: 'custom' });
    });
    const error = await createModelCatalog({ providers: [adapter], cache: false })
      .listModels({ provider: 'custom' })
      .catch((caught: unknown) => caught);
    expect((error as Error).message).toBe('rejected key [redacted]');
    expectNoSecret(textsOfError(error), ['custom-PLANTED-secret-4242']);
  });

  it("in a hand-written adapter's plain error that quotes the key, nor in its cause", async () => {
    const adapter = secretAdapter((key) => {
      throw new TypeError(`cannot use ${key}`);
    });
    const error = await createModelCatalog({ providers: [adapter], cache: false })
      .listModels({ provider: 'custom' })
      .catch((caught: unknown) => caught);
    // A plain error from an adapter is the adapter's fault: kind `adapter`.
    expect((error as ModelCatalogError).kind).toBe('adapter');
    expect((error as Error).message).toBe('custom: cannot use [redacted]');
    expectNoSecret(textsOfError(error), ['custom-PLANTED-secret-4242']);
  });

  it("in a hand-written adapter's error whose cause, or cause's cause, quotes the key", async () => {
    const { inspect } = await import('node:util');
    const SECRET = 'custom-PLANTED-secret-4242';
    const throwers: [string, (key: string) => never][] = [
      [
        'plain error',
        (key) => {
          throw new Error('listing failed', {
            cause: new Error('socket', { cause: new Error(`rejected ${key}`) }),
          });
        },
      ],
      [
        'ModelCatalogError',
        (key) => {
          throw new ModelCatalogError('the server said no', {
            kind: 'auth',
            cause: new Error(`rejected ${key}`),
          });
        },
      ],
      [
        'thrown object',
        (key) => {
          throw { message: 'listing failed', detail: `rejected ${key}` };
        },
      ],
    ];
    for (const [label, thrower] of throwers) {
      const error = await createModelCatalog({ providers: [secretAdapter(thrower)], cache: false })
        .listModels({ provider: 'custom' })
        .catch((caught: unknown) => caught);
      expect((error as Error).message, label).toMatch(
        /^(custom: listing failed|the server said no)$/,
      );
      expectNoSecret([...textsOfError(error), inspect(error, { depth: 10 })], [SECRET]);
    }
  });

  it('in a base URL that holds a token as its userinfo: the listing fails as not configured, without a request', async () => {
    const { openaiCompatible } = await import('../src/index.js');
    const requests: string[] = [];
    server.events.on('request:start', ({ request }) => requests.push(request.url));
    const events: CatalogEvent[] = [];
    for (const baseURL of [
      'https://sk-live-SECRET123456@srv.test/v1',
      'https://user:sk-live-SECRET123456@srv.test/v1',
    ]) {
      const error = await createModelCatalog({
        providers: [openaiCompatible({ id: 'srv', baseURL })],
        cache: false,
        onEvent: (event) => events.push(event),
      })
        .listModels({ provider: 'srv' })
        .catch((caught: unknown) => caught);
      expect(error).toMatchObject({ kind: 'not_configured', retryable: false });
      expect((error as Error).message).toContain('base URL holds credentials');
      expectNoSecret([...textsOfError(error), JSON.stringify(events)], ['SECRET123456']);
    }
    server.events.removeAllListeners();
    expect(requests).toEqual([]);
  });
});
