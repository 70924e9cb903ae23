// Every built-in provider, configured through the environment with a distinctive planted value
// in each secret setting, calls a real echo server on 127.0.0.1 that answers with every header
// and the full URL of the request in its error body, as careless providers do. Nothing the
// library produces (results, errors and their causes, events, warnings, cache files) may
// contain a planted value.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import * as factories from '../../src/entries/providers.js';
import {
  type CatalogEvent,
  createModelCatalog,
  defaultProviders,
  type Environment,
  ModelCatalogError,
  type ModelCatalogOptions,
  type ProviderAdapter,
} from '../../src/index.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { guardAgainstLeaks, type Respond, startFaultServer } from './fault-server.js';

guardAgainstLeaks();
const echo = await startFaultServer();
afterAll(() => echo.stop());
afterEach(() => {
  vi.restoreAllMocks();
});

const tempDir = useTempDir();
const PLANTED = /PLANTED-[\w.-]+-x9/;

/** The request's credentials first (so they fall within the quoted part of an error), then its URL, then every header. */
function echoOf(request: Parameters<Respond>[0]): string {
  const headers = Object.entries(request.headers).map(
    ([name, value]) => `${name}: ${String(value)}`,
  );
  const planted = headers.filter((header) => PLANTED.test(header));
  return `bad key ${planted.join(' ')} ${echo.url}${request.url} ${headers.join(' ')}`;
}

const rounds: [label: string, respond: Respond][] = [
  [
    '401 echoing the request',
    (request, response) => {
      response.writeHead(401, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: { message: echoOf(request) } }));
    },
  ],
  [
    '500 echoing the request',
    (request, response) => {
      response.writeHead(500, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: { message: echoOf(request) } }));
    },
  ],
  [
    '200 HTML page echoing the request',
    (request, response) => {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end(`<!doctype html><html><body>${echoOf(request)}</body></html>`);
    },
  ],
  [
    '400 echoing the request in a ?key= URL',
    (request, response) => {
      response.writeHead(400, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({
          detail: `see ${echo.url}/help?key=${encodeURIComponent(echoOf(request))}`,
        }),
      );
    },
  ],
  [
    "200 list in most providers' shapes, so that cache files are written",
    (request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({
          object: 'list',
          data: [{ id: 'echo-model', model_id: 'echo-model', name: 'echo-model' }],
          models: [
            {
              name: 'models/echo-model',
              id: 'echo-model',
              model: 'echo-model',
              key: 'echo-model',
              model_id: 'echo-model',
            },
          ],
          modelSummaries: [{ modelId: 'echo-model', inferenceTypesSupported: ['ON_DEMAND'] }],
          publisherModels: [{ name: 'publishers/google/models/echo-model' }],
          has_more: false,
          echo: echoOf(request),
        }),
      );
    },
  ],
];

/** Plausible values for settings that are neither secrets nor URLs, when they have no default. */
const PLAIN_VALUES: Record<string, string> = {
  region: 'us-east-1',
  project: 'demo-project',
  location: 'us-central1',
  resourceName: 'demo-resource',
};

/**
 * An environment configuring every built-in provider: each secret setting gets
 * `PLANTED-<id>-<setting>-x9`; each URL or endpoint setting the echo server (or, with
 * `urlFromSettings`, none, so that Azure, Bedrock and Vertex build theirs from the
 * resource name, region and location); other settings without a default a plausible value.
 */
function plantedEnvironment(urlFromSettings = false): {
  env: Record<string, string>;
  secrets: string[];
} {
  const env: Record<string, string> = {};
  const secrets: string[] = [];
  for (const adapter of defaultProviders()) {
    for (const [name, setting] of Object.entries(adapter.settings ?? {})) {
      const variable = setting.env?.[0];
      if (!variable) continue;
      if (setting.secret) {
        if (urlFromSettings && name === 'bearerToken') continue; // Bedrock then signs with SigV4
        env[variable] = `PLANTED-${adapter.id}-${name}-x9`;
        secrets.push(env[variable]);
      } else if (/url|endpoint/i.test(name)) {
        if (!urlFromSettings) env[variable] = `${echo.url}/${adapter.id}`;
      } else if (setting.default === undefined) {
        env[variable] = PLAIN_VALUES[name] ?? `demo-${name}`;
      }
    }
  }
  return { env, secrets };
}

/** A fetch that sends any request for a public host to the echo server instead, keeping its path, query and headers. */
const toEcho: typeof globalThis.fetch = (input, init) => {
  const request = new Request(input, init);
  const url = new URL(request.url);
  if (url.hostname === '127.0.0.1') return globalThis.fetch(request);
  return globalThis.fetch(
    new Request(`${echo.url}/${url.hostname}${url.pathname}${url.search}`, request),
  );
};

/** Every text an error exposes: message, stack, fields, JSON and the whole cause chain. */
function textsOfError(error: unknown, depth = 0): string[] {
  if (depth > 5 || error === undefined || error === null) return [];
  if (!(error instanceof Error)) return [String(error), JSON.stringify(error) ?? ''];
  return [
    error.message,
    String(error),
    error.stack ?? '',
    JSON.stringify(error),
    JSON.stringify(Object.fromEntries(Object.entries(error))),
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

/** Lists every provider, all at once and one by one, and gathers everything the library produced. */
async function everythingProduced(options: ModelCatalogOptions, ids: readonly string[]) {
  const events: CatalogEvent[] = [];
  const all = await createModelCatalog({
    ...options,
    onEvent: (event) => events.push(event),
  }).listModels();
  const single = createModelCatalog({
    ...options,
    onEvent: (event) => events.push(event),
    serveStale: false,
  });
  const errors: unknown[] = [];
  for (const id of ids) {
    await single
      .listModels({ provider: id, refresh: true })
      .catch((error: unknown) => errors.push(error));
  }
  for (const error of errors) expect(ModelCatalogError.isInstance(error)).toBe(true);
  return {
    all,
    texts: [
      JSON.stringify(all),
      JSON.stringify(events),
      ...errors.flatMap((error) => textsOfError(error)),
    ],
  };
}

function expectNoSecret(texts: readonly string[], secrets: readonly string[]): void {
  for (const text of texts) {
    for (const secret of secrets) {
      if (text.includes(secret)) throw new Error(`${secret} leaked into: ${text.slice(0, 400)}`);
    }
  }
}

const ALL_IDS = defaultProviders().map((adapter) => adapter.id);

describe('a planted key of any built-in provider never shows up', () => {
  it.each(rounds)(
    'after a %s, in any result, error, cause, event, warning or cache file',
    async (label, respond) => {
      echo.respond = respond;
      echo.requests.length = 0;
      const { env, secrets } = plantedEnvironment();
      const dir = tempDir();
      const emitWarning = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
      const options: ModelCatalogOptions = {
        env: { ...env, MODEL_CATALOG_CACHE_DIR: join(dir, 'cache') },
        retries: 0,
        timeoutMs: 2000,
        failureBackoffMs: 0,
        fetch: toEcho,
      };
      expect(
        createModelCatalog(options)
          .listProviders()
          .filter((provider) => !provider.configured),
      ).toEqual([]);

      const { all, texts } = await everythingProduced(options, ALL_IDS);

      // Every adapter reached the echo server, carrying its planted values.
      const reached = new Set(echo.requests.map((request) => request.split(/[ /]/)[2]));
      expect([...reached].sort()).toEqual([...ALL_IDS].sort());
      if (label.startsWith('401')) {
        for (const id of ALL_IDS) {
          // The quoted provider message really held the key, now scrubbed (providers with an optional key included).
          expect(all.errors[id]?.message, id).toContain('[redacted]');
        }
      }
      if (label.startsWith('200 list'))
        expect(filesIn(join(dir, 'cache')).length).toBeGreaterThan(15);

      // A cache that cannot be written, without onEvent, becomes a process warning.
      writeFileSync(join(dir, 'a-file'), '');
      await createModelCatalog({
        ...options,
        env: { ...options.env, MODEL_CATALOG_CACHE_DIR: join(dir, 'a-file', 'cache') },
      }).listModels();
      const warnings = emitWarning.mock.calls.map((call) => JSON.stringify(call.map(String)));
      if (label.startsWith('200 list')) expect(warnings.length).toBeGreaterThan(0);

      expectNoSecret([...texts, ...warnings, ...filesIn(dir)], secrets);
    },
  );

  it.each(rounds.slice(0, 2))(
    'after a %s, also for Azure, Bedrock (signed with SigV4) and Vertex building their URL from a resource name, region and location',
    async (_label, respond) => {
      echo.respond = respond;
      echo.requests.length = 0;
      const { env, secrets } = plantedEnvironment(true);
      const ids = ['azure', 'bedrock', 'vertex'];
      const providers = defaultProviders().filter((adapter) => ids.includes(adapter.id));
      const { all, texts } = await everythingProduced(
        {
          providers,
          env: env as Environment,
          cache: false,
          retries: 0,
          timeoutMs: 2000,
          fetch: toEcho,
        },
        ids,
      );
      expect(echo.requests.map((request) => request.split('/')[1]).sort()).toEqual([
        ...['bedrock.us-east-1.amazonaws.com', 'bedrock.us-east-1.amazonaws.com'],
        ...['demo-resource.openai.azure.com', 'demo-resource.openai.azure.com'],
        ...['us-central1-aiplatform.googleapis.com', 'us-central1-aiplatform.googleapis.com'],
      ]);
      for (const id of ids) expect(all.errors[id]?.message, id).toContain('[redacted]');
      expectNoSecret(texts, secrets);
    },
  );

  it('keeps a key sent as a ?key= query value out of the URL the error names, even when it is not marked secret', async () => {
    echo.respond = rounds[0]![1];
    const adapter: ProviderAdapter = {
      id: 'query-key',
      settings: { apiKey: { value: 'PLANTED-query-key-apiKey-x9', option: 'apiKey' } },
      async listModels({ http, settings }) {
        await http.getJson(`${echo.url}/query-key/models?api_key=${settings.apiKey}`, {
          searchParams: { key: settings.apiKey, page: 1 },
        });
        return [];
      },
    };
    const error = await createModelCatalog({ providers: [adapter], cache: false, retries: 0 })
      .listModels({ provider: 'query-key' })
      .catch((caught: unknown) => caught);
    expect((error as ModelCatalogError).kind).toBe('auth');
    // A message names a URL without its query: no key, however it is named, and no page cursor.
    // (What the provider's own text quotes after `answered` is scrubbed, as below.)
    expect(
      (error as Error).message.startsWith(
        `query-key: GET ${echo.url}/query-key/models answered 401`,
      ),
    ).toBe(true);
    const [target, quoted] = (error as Error).message.split(' answered ');
    expect(target).not.toContain('api_key=');
    // The URL's own `api_key` is sent beside the searchParams; the provider's echo of it is scrubbed.
    expect(quoted).toContain('?api_key=[redacted]&key=[redacted]&page=1');
    expectNoSecret(textsOfError(error), ['PLANTED-query-key-apiKey-x9']);
  });
});

/** Calls a factory with the options it declares: a factory refuses a name it does not take. */
function withOptionsItTakes(
  factory: (options: Record<string, unknown>) => ProviderAdapter,
  options: Record<string, unknown>,
): ProviderAdapter {
  const given = { ...options };
  for (;;) {
    try {
      return factory(given);
    } catch (error) {
      const refused = /^`(\w+)` is not an option of/.exec((error as Error).message)?.[1];
      if (!(error instanceof TypeError) || !refused || !(refused in given)) throw error;
      delete given[refused];
    }
  }
}

describe('a planted header value or padded key given to any factory never shows up', () => {
  it.each(rounds.slice(0, 4))('after a %s', async (_label, respond) => {
    echo.respond = respond;
    echo.requests.length = 0;
    const { env } = plantedEnvironment();
    const planted: string[] = [];
    const providers: ProviderAdapter[] = [];
    const helpers = [
      'apiKeySetting',
      'baseURLSetting',
      'bearerHeader',
      'defineProvider',
      'setting',
      'defaultProviders',
      'openaiCompatible',
    ];
    for (const [name, factory] of Object.entries(factories)) {
      if (typeof factory !== 'function' || helpers.includes(name)) continue;
      const id = name.toLowerCase();
      const key = `PLANTED-${id}-padded-key-x9`;
      const header = `PLANTED-${id}-header-value-x9`;
      planted.push(key, header);
      // Every credential option a factory may take, padded; a token in a custom header.
      const padded = `  ${key}\n`;
      const adapter = withOptionsItTakes(
        factory as (options: Record<string, unknown>) => ProviderAdapter,
        {
          apiKey: padded,
          accessToken: padded,
          bearerToken: padded,
          headers: { 'x-planted-token': header },
        },
      );
      providers.push(adapter);
    }
    expect(providers.length).toBeGreaterThanOrEqual(25);
    const ids = providers.map((adapter) => adapter.id);
    const { all, texts } = await everythingProduced(
      {
        providers,
        env: env as Environment,
        cache: false,
        retries: 0,
        timeoutMs: 2000,
        failureBackoffMs: 0,
        fetch: toEcho,
      },
      ids,
    );
    // The planted values really were sent (and echoed), then scrubbed.
    const sent = echo.requests.length;
    expect(sent).toBeGreaterThanOrEqual(ids.length);
    expect(Object.keys(all.errors).length).toBeGreaterThan(0);
    expectNoSecret(texts, planted);
  });
});
