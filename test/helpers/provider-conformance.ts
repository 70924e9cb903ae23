import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { HttpResponse, http, type RequestHandler } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  createFileCache,
  createModelCatalog,
  MODEL_CATEGORIES,
  ModelCatalogError,
  type ProviderAdapter,
} from '../../src/index.js';
import { recordRequests, server } from './msw.js';
import { useTempDir } from './temp-dir.js';

/** How one provider plugs into the shared conformance suite. */
export interface ProviderConformance {
  /** The adapter id, e.g. `openai`. */
  readonly id: string;
  /** Builds the adapter; called with no options for the environment tests. */
  readonly create: (options?: Record<string, unknown>) => ProviderAdapter;
  /** An environment that configures the provider, holding `secret` as its key where it has one. */
  readonly env: Readonly<Record<string, string>>;
  /** Options that configure the provider in code with no environment (same endpoint as `env`). */
  readonly options: Readonly<Record<string, unknown>>;
  /** The planted credential; must never show up in a URL, an error or a cache file. Omit for keyless providers. */
  readonly secret?: string;
  /** Handlers answering every request of a successful listing with the provider's fixtures. */
  readonly handlers: () => RequestHandler[];
  /** The URL whose failure fails the listing (msw path match; query is ignored). */
  readonly listUrl: string;
  /** How many models the fixtures produce. */
  readonly modelCount: number;
  /** Asserts provider-specific auth on each request (headers, no Bearer where another scheme is used). */
  readonly checkRequest?: (request: Request) => void;
  /** Set when the provider lists without any environment (a keyless default endpoint). */
  readonly configuredWithoutEnv?: boolean;
}

/**
 * The shared provider suite: every adapter must list from env and from options,
 * keep its key out of URLs, errors and cache files, and map each failure to the right kind.
 */
export function describeProviderConformance(provider: ProviderConformance): void {
  const tempDir = useTempDir();
  const catalogFor = (adapter: ProviderAdapter, env: Record<string, string> = {}) =>
    createModelCatalog({ providers: [adapter], env, cache: false, retries: 0, timeoutMs: 5_000 });

  describe(`${provider.id} conforms to the provider contract`, () => {
    it('lists every fixture model from environment variables alone, each well-formed and unique', async () => {
      server.use(...provider.handlers());
      const requests = recordRequests();
      const { models, status } = await catalogFor(provider.create(), {
        ...provider.env,
      }).listModels({
        provider: provider.id,
      });
      expect(models).toHaveLength(provider.modelCount);
      expect(new Set(models.map((model) => model.id)).size).toBe(models.length);
      for (const model of models) {
        expect(model.provider).toBe(provider.id);
        expect(model.id).not.toBe('');
        expect(model.name).not.toBe('');
        expect(MODEL_CATEGORIES).toContain(model.category);
        for (const value of Object.values(model)) expect(value).not.toBeNull();
      }
      expect(status.source).toBe('live');
      expect(requests.length).toBeGreaterThan(0);
      for (const request of requests) provider.checkRequest?.(request);
    });

    it('lists the same models from factory options with an empty environment', async () => {
      server.use(...provider.handlers());
      const { models } = await catalogFor(provider.create(provider.options)).listModels({
        provider: provider.id,
      });
      expect(models).toHaveLength(provider.modelCount);
    });

    if (!provider.configuredWithoutEnv) {
      it('is not configured without its environment, and says what to set', async () => {
        const catalog = createModelCatalog({
          env: {},
          cache: false,
          providers: [provider.create()],
        });
        const error = await catalog
          .listModels({ provider: provider.id })
          .catch((caught: unknown) => caught);
        expect(ModelCatalogError.isInstance(error) && error.kind).toBe('not_configured');
        const firstVariable = Object.keys(provider.env)[0]!;
        expect((error as Error).message).toContain(firstVariable);
      });
    }

    if (provider.secret) {
      const secret = provider.secret;
      it('never puts the key in a request URL or the cache file', async () => {
        server.use(...provider.handlers());
        const requests = recordRequests();
        const dir = tempDir();
        const catalog = createModelCatalog({
          providers: [provider.create()],
          env: { ...provider.env },
          cache: createFileCache({ dir }),
          retries: 0,
        });
        await catalog.listModels({ provider: provider.id });
        expect(requests.length).toBeGreaterThan(0);
        for (const request of requests) expect(request.url).not.toContain(secret);
        const files = readdirSync(dir);
        expect(files).toEqual([`${provider.id}.json`]);
        expect(readFileSync(join(dir, files[0]!), 'utf8')).not.toContain(secret);
      });
    }

    const failures: [string, () => Response, string, number | undefined][] = [
      [
        '401',
        () =>
          HttpResponse.json(
            { error: { message: `Invalid key ${provider.secret ?? ''}` } },
            { status: 401 },
          ),
        'auth',
        401,
      ],
      ['403', () => HttpResponse.json({ error: 'forbidden' }, { status: 403 }), 'auth', 403],
      [
        '429 with Retry-After',
        () =>
          HttpResponse.json(
            { error: { message: 'slow down' } },
            { status: 429, headers: { 'retry-after': '7' } },
          ),
        'rate_limit',
        429,
      ],
      ['500', () => HttpResponse.text('upstream exploded', { status: 500 }), 'http', 500],
      [
        'HTML error page',
        () =>
          HttpResponse.html('<!doctype html><html><body>Bad gateway</body></html>', {
            status: 200,
          }),
        'invalid_response',
        undefined,
      ],
      [
        'wrong JSON shape',
        () => HttpResponse.json({ unexpected: [{ nothing: true }] }),
        'invalid_response',
        undefined,
      ],
      [
        'truncated JSON',
        () =>
          new HttpResponse('{"data": [{"id": "gpt', {
            headers: { 'content-type': 'application/json' },
          }),
        'invalid_response',
        undefined,
      ],
    ];
    it.each(failures)(
      'maps a %s answer to its error kind, without the key in the message',
      async (_label, respond, kind, status) => {
        server.use(...provider.handlers());
        server.use(http.get(provider.listUrl, respond));
        const error = await catalogFor(provider.create(), { ...provider.env })
          .listModels({ provider: provider.id })
          .catch((caught: unknown) => caught);
        expect(ModelCatalogError.isInstance(error)).toBe(true);
        const catalogError = error as ModelCatalogError;
        expect(catalogError.kind).toBe(kind);
        expect(catalogError.provider).toBe(provider.id);
        if (status !== undefined) expect(catalogError.status).toBe(status);
        if (kind === 'rate_limit')
          expect((catalogError as { retryAfterMs?: number }).retryAfterMs).toBe(7000);
        if (provider.secret) {
          expect(catalogError.message).not.toContain(provider.secret);
          // inspect() shows what JSON.stringify skips: message, stack and the cause chain.
          expect(inspect(catalogError, { depth: 6 })).not.toContain(provider.secret);
        }
      },
    );

    it('reports a failure in the all-providers result without rejecting', async () => {
      server.use(...provider.handlers());
      server.use(http.get(provider.listUrl, () => HttpResponse.json({}, { status: 503 })));
      const result = await catalogFor(provider.create(), { ...provider.env }).listModels();
      expect(result.providers[provider.id]).toBeUndefined();
      expect(result.errors[provider.id]).toMatchObject({ kind: 'http', status: 503 });
    });
  });
}
