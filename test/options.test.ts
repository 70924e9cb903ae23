import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { DEFAULTS, resolveOptions } from '../src/core/options.js';
import {
  anthropic,
  createMemoryCache,
  createModelCatalog,
  type ModelCatalogOptions,
  openai,
  type ProviderAdapter,
} from '../src/index.js';
import { recordRequests, server } from './helpers/msw.js';

const adapter = (id: string): ProviderAdapter => ({ id, listModels: async () => [] });

describe('createModelCatalog options', () => {
  const badOptions: [option: string, value: unknown][] = [
    ['ttlMs', -1],
    ['ttlMs', Number.NaN],
    ['ttlMs', Number.POSITIVE_INFINITY],
    ['ttlMs', '1000'],
    ['timeoutMs', 0],
    ['timeoutMs', -5],
    ['timeoutMs', '30s'],
    // Longer than a timer can wait: ky would fail every request.
    ['timeoutMs', 2_147_483_648],
    ['retries', -1],
    ['retries', 1.5],
    ['retries', '2'],
    ['retries', Number.NaN],
    ['maxRetries', -1],
    ['maxRetries', 1.5],
    ['maxRetries', '2'],
    ['maxResponseBytes', 0],
    ['cache', {}],
    ['cache', { get: async () => undefined }],
    ['cache', 'file'],
    ['cache', true],
    ['cache', null],
    ['providers', {}],
    ['providers', 'openai'],
    ['providers', [{}]],
    ['providers', [{ id: 'x', listModels: 'nope' }]],
    ['providers', [adapter('Not Valid')]],
    ['providers', [adapter('../escape')]],
    ['providers', [adapter('')]],
    ['providers', [adapter('alpha'), adapter('alpha')]],
    ['fetch', 'https://example.com'],
    ['fetch', {}],
    ['env', 'OPENAI_API_KEY=x'],
    ['env', null],
    ['now', 1700000000000],
    ['onEvent', 'console'],
    ['serveStale', 'yes'],
    ['revalidate', 'sometimes'],
    ['failureBackoffMs', -1],
    ['rateLimitBackoffMs', Number.NaN],
    ['maxModels', 0],
  ];

  it.each(badOptions)('rejects `%s` set to %o with a TypeError naming it', (option, value) => {
    const create = () => createModelCatalog({ [option]: value } as ModelCatalogOptions);
    expect(create).toThrow(TypeError);
    expect(create).toThrow(`\`${option}\``);
  });

  it('rejects an option it does not have, suggesting the one meant and listing them all', () => {
    const misspelled: [given: string, meant: string][] = [
      ['timeout', 'timeoutMs'],
      ['ttl', 'ttlMs'],
      ['onevent', 'onEvent'],
    ];
    for (const [given, meant] of misspelled) {
      expect(() => createModelCatalog({ [given]: 5 } as ModelCatalogOptions)).toThrow(
        new TypeError(
          `\`${given}\` is not an option of createModelCatalog(). Did you mean \`${meant}\`? The options are providers, cache, ttlMs, env, timeoutMs, maxRetries, retries, maxResponseBytes, maxListingBytes, fetch, serveStale, revalidate, failureBackoffMs, rateLimitBackoffMs, maxBackoffMs, maxModels, now, onEvent, catalogs, overrides, fallback.`,
        ),
      );
    }
    expect(() =>
      createModelCatalog({ apiKeys: { openai: 'x' } } as unknown as ModelCatalogOptions),
    ).toThrow(/^`apiKeys` is not an option of createModelCatalog\(\)\. The options are /);
  });

  it('names the duplicated provider id', () => {
    expect(() => createModelCatalog({ providers: [openai(), openai()] })).toThrow(
      '`providers` lists "openai" twice.',
    );
  });

  it('rejects options that are not an object', () => {
    expect(() => createModelCatalog('fast' as unknown as ModelCatalogOptions)).toThrow(TypeError);
    expect(() => createModelCatalog(null as unknown as ModelCatalogOptions)).toThrow(TypeError);
  });

  it('applies one set of defaults', () => {
    const env = { OPENAI_API_KEY: 'x' };
    const resolved = resolveOptions({ env });
    expect(resolved).toMatchObject({
      providers: undefined,
      cache: undefined,
      env,
      fetch: undefined,
      onEvent: undefined,
      ...DEFAULTS,
    });
    expect(DEFAULTS).toMatchObject({ ttlMs: 86_400_000, timeoutMs: 30_000, retries: 2 });
    expect(resolved.now).toBe(Date.now);
  });

  it('reads process.env when no env is given', () => {
    expect(resolveOptions({}).env).toBe(process.env);
  });

  it('takes 0 as a real value, not as "use the default"', () => {
    expect(resolveOptions({ ttlMs: 0, retries: 0, failureBackoffMs: 0 })).toMatchObject({
      ttlMs: 0,
      retries: 0,
      failureBackoffMs: 0,
    });
  });

  it('takes every option set to undefined as left out', () => {
    const options = Object.fromEntries(
      Object.keys(resolveOptions({ env: {} })).map((name) => [name, undefined]),
    ) as ModelCatalogOptions;
    const { now, ...resolved } = resolveOptions({ ...options, maxRetries: undefined });
    expect(resolved).toMatchObject({ ...DEFAULTS, env: process.env, cache: undefined });
    expect(now).toBe(Date.now);
  });

  describe('maxRetries, and retries, its deprecated old name', () => {
    /** How many requests one listing makes against a provider that always answers 503. */
    const attempts = async (options: ModelCatalogOptions): Promise<number> => {
      server.use(
        http.get('https://api.openai.com/v1/models', () => new HttpResponse(null, { status: 503 })),
      );
      const requests = recordRequests();
      const catalog = createModelCatalog({
        providers: [openai({ apiKey: 'sk-max-retries-test' })],
        cache: false,
        env: {},
        ...options,
      });
      await catalog.listModels({ provider: 'openai' }).catch(() => undefined);
      return requests.length;
    };

    it('retries a retryable failure maxRetries times', async () => {
      expect(await attempts({ maxRetries: 0 })).toBe(1);
      expect(await attempts({ maxRetries: 1 })).toBe(2);
    });

    it('still takes retries, and prefers maxRetries when both are set', async () => {
      expect(await attempts({ retries: 1 })).toBe(2);
      expect(await attempts({ maxRetries: 0, retries: 1 })).toBe(1);
      expect(resolveOptions({ retries: 0 }).retries).toBe(0);
      expect(resolveOptions({ maxRetries: 3, retries: 0 }).retries).toBe(3);
    });

    it('names the option that was given in its TypeError', () => {
      expect(() => createModelCatalog({ retries: -1 })).toThrow('`retries`');
      expect(() => createModelCatalog({ maxRetries: -1, retries: 1 })).toThrow('`maxRetries`');
    });
  });

  it("reads an env value that is no string as unset (a Worker's bindings), failing no other provider", async () => {
    server.use(
      http.get('https://api.anthropic.com/v1/models', () =>
        HttpResponse.json({ data: [{ id: 'claude-opus-4', type: 'model' }], has_more: false }),
      ),
    );
    const catalog = createModelCatalog({
      providers: [openai(), anthropic()],
      cache: false,
      env: {
        OPENAI_API_KEY: 123,
        ANTHROPIC_API_KEY: 'sk-ant-000000',
        MODELS_KV: { get() {} },
        DEBUG: true,
      } as never,
    });
    const result = await catalog.listModels();
    expect(result.providers.anthropic?.map((model) => model.id)).toEqual(['claude-opus-4']);
    // Unset, as an unconfigured provider is: left out of the listing, and named when asked for.
    expect(Object.keys(result.providers)).toEqual(['anthropic']);
    expect(result.errors).toEqual({});
    const openaiError = await catalog.listModels({ provider: 'openai' }).catch((error) => error);
    expect(openaiError).toMatchObject({ kind: 'not_configured' });
    expect(openaiError.message).toContain('OPENAI_API_KEY');
  });

  it('accepts false for cache, an empty providers list and an empty env', async () => {
    const catalog = createModelCatalog({ cache: false, providers: [], env: {} });
    expect(await catalog.listModels()).toEqual({ providers: {}, errors: {}, status: {} });
  });

  it('with ttlMs: 0 never serves from the cache', async () => {
    server.use(
      http.get('https://api.openai.com/v1/models', () =>
        HttpResponse.json({ data: [{ id: 'gpt-4o' }] }),
      ),
    );
    const requests = recordRequests();
    const catalog = createModelCatalog({
      providers: [openai({ apiKey: 'sk-options-test-key' })],
      cache: createMemoryCache(),
      ttlMs: 0,
    });
    await catalog.listModels({ provider: 'openai' });
    const second = await catalog.listModels({ provider: 'openai' });
    expect(second.status.source).toBe('live');
    expect(requests).toHaveLength(2);
  });

  it('uses the fetch option for every request', async () => {
    const seen: string[] = [];
    const catalog = createModelCatalog({
      providers: [openai({ apiKey: 'sk-options-test-key' })],
      cache: false,
      fetch: async (input) => {
        seen.push(input instanceof Request ? input.url : String(input));
        return Response.json({ data: [{ id: 'gpt-4o' }] });
      },
    });
    const { models } = await catalog.listModels({ provider: 'openai' });
    expect(models.map((model) => model.id)).toEqual(['gpt-4o']);
    expect(seen).toEqual(['https://api.openai.com/v1/models']);
  });
});

describe('hand-written adapters in `providers`', () => {
  const base = {
    id: 'mine',
    async listModels() {
      return [];
    },
  };
  it.each([
    ['aliases', { aliases: 'gemini' }],
    ['detectEnv', { detectEnv: 'MY_KEY' }],
    ['cacheKey', { cacheKey: 42 }],
    ['requireOneOf', { requireOneOf: [['missing']] }],
    ['requireOneOf', { requireOneOf: [[]], settings: { apiKey: { option: 'apiKey' } } }],
    // A string would be read letter by letter as variable names.
    ['apiKey', { settings: { apiKey: { option: 'apiKey', env: 'MY_KEY' } } }],
    ['apiKey', { settings: { apiKey: null } }],
  ])('rejects a malformed `%s` with a TypeError naming it', (field, extra) => {
    expect(() => createModelCatalog({ providers: [{ ...base, ...extra } as never] })).toThrow(
      new RegExp(`\`${field}\``),
    );
  });

  it("says what a setting's `env` must be", () => {
    const adapter = { ...base, settings: { apiKey: { option: 'apiKey', env: 'MY_KEY' } } };
    expect(() => createModelCatalog({ providers: [adapter as never] })).toThrow(
      new TypeError(
        '`providers` adapter "mine": setting `apiKey` must be an object whose `env` is a list of variable names, as setting() makes.',
      ),
    );
  });

  it('accepts well-formed optional fields', () => {
    const adapter = {
      ...base,
      aliases: ['me'],
      detectEnv: ['MY_KEY'],
      cacheKey: 'x',
      settings: { apiKey: { option: 'apiKey', env: ['MY_KEY'] }, token: { option: 'token' } },
      requireOneOf: [['apiKey'], ['token']],
    };
    expect(() => createModelCatalog({ providers: [adapter], cache: false })).not.toThrow();
  });
});
