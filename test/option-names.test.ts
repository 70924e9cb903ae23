import { createStorage } from 'unstorage';
import memoryDriver from 'unstorage/drivers/memory';
import { describe, expect, it } from 'vitest';
import {
  anthropic,
  azure,
  bedrock,
  cerebras,
  cohere,
  createFileCache,
  createMemoryCache,
  createModelCatalog,
  createStorageCache,
  deepinfra,
  deepseek,
  elevenlabs,
  fireworks,
  googleGenAI,
  groq,
  huggingface,
  lmstudio,
  mistral,
  modelsDev,
  nvidia,
  ollama,
  openai,
  openaiCompatible,
  openrouter,
  type ProviderAdapter,
  parasail,
  perplexity,
  sgl,
  together,
  vercelAiGateway,
  vertex,
  xai,
} from '../src/index.js';

// Every public function taking an options object refuses a name it does not know: a misspelled
// `baseUrl` silently ignored would send the key to the default host.
type Factory = (options?: never) => ProviderAdapter;
const factories: [name: string, factory: Factory, options: string][] = [
  ['anthropic', anthropic, 'apiKey, authToken, baseURL, headers'],
  ['azure', azure, 'apiKey, endpoint, resourceName, apiVersion, headers'],
  [
    'bedrock',
    bedrock,
    'accessKeyId, secretAccessKey, sessionToken, region, bearerToken, baseURL, headers, includeProvisionedOnly, inferenceProfiles',
  ],
  ['cerebras', cerebras, 'apiKey, baseURL, headers'],
  ['cohere', cohere, 'apiKey, baseURL, headers'],
  ['deepinfra', deepinfra, 'apiKey, baseURL, headers'],
  ['deepseek', deepseek, 'apiKey, baseURL, headers'],
  ['elevenlabs', elevenlabs, 'apiKey, baseURL, headers'],
  ['fireworks', fireworks, 'apiKey, baseURL, headers'],
  ['googleGenAI', googleGenAI, 'apiKey, baseURL, headers, tunedModels'],
  ['groq', groq, 'apiKey, baseURL, headers'],
  ['huggingface', huggingface, 'apiKey, baseURL, headers'],
  ['lmstudio', lmstudio, 'baseURL, apiKey, headers'],
  ['mistral', mistral, 'apiKey, baseURL, headers'],
  ['nvidia', nvidia, 'apiKey, baseURL, headers'],
  ['ollama', ollama, 'baseURL, apiKey, headers, details'],
  ['openai', openai, 'apiKey, baseURL, organization, project, headers'],
  [
    'openaiCompatible',
    openaiCompatible as unknown as Factory,
    'id, baseURL, apiKey, apiKeyEnv, baseURLEnv, headers, name',
  ],
  ['openrouter', openrouter, 'apiKey, baseURL, headers'],
  ['parasail', parasail, 'apiKey, baseURL, headers'],
  ['perplexity', perplexity, 'apiKey, baseURL, headers'],
  ['sgl', sgl, 'baseURL, apiKey, headers'],
  ['together', together, 'apiKey, baseURL, headers'],
  ['vercelAiGateway', vercelAiGateway, 'apiKey, baseURL, headers'],
  ['vertex', vertex, 'project, location, accessToken, getAccessToken, publisher, baseURL, headers'],
  ['xai', xai, 'apiKey, baseURL, headers'],
];

describe('option names', () => {
  it.each(factories)(
    '%s() refuses a misspelled option, naming the one meant',
    (name, factory, options) => {
      // Azure takes an endpoint or a resource name, not a base URL.
      const [given, meant] = options.includes('baseURL')
        ? ['baseUrl', 'baseURL']
        : ['apikey', 'apiKey'];
      expect(() => factory({ [given]: 'http://127.0.0.1:1/v1' } as never)).toThrow(
        new TypeError(
          `\`${given}\` is not an option of ${name}(). Did you mean \`${meant}\`? The options are ${options}.`,
        ),
      );
    },
  );

  it.each(factories)(
    '%s() refuses options that are no object without quoting them',
    (name, factory) => {
      for (const [given, type] of [
        ['sk-PLANTED-key', 'string'],
        [null, 'null'],
        [['sk-PLANTED-key'], 'an array'],
      ] as const) {
        expect(() => factory(given as never)).toThrow(
          new TypeError(`${name}() options must be an object, got ${type}.`),
        );
      }
    },
  );

  it('every built-in factory is in the table above', async () => {
    const providers = await import('../src/providers/index.js');
    const listed = factories.map(([name]) => name);
    const helpers = [
      'apiKeySetting',
      'baseURLSetting',
      'bearerHeader',
      'defaultProviders',
      'defineProvider',
      'setting',
    ];
    expect(
      Object.keys(providers)
        .filter((name) => !helpers.includes(name))
        .sort(),
    ).toEqual([...listed].sort());
  });

  it('the factories still take every option they declare', () => {
    expect(
      openai({
        apiKey: 'sk-x',
        baseURL: 'http://127.0.0.1:1/v1',
        organization: 'o',
        project: 'p',
        headers: {},
      }).id,
    ).toBe('openai');
    expect(
      openaiCompatible({ id: 'local', baseURL: 'http://127.0.0.1:1/v1', name: 'Local' }).id,
    ).toBe('local');
  });

  it('createModelCatalog() says what it got instead of an options object', () => {
    expect(() => createModelCatalog('sk-PLANTED' as never)).toThrow(
      new TypeError('createModelCatalog() options must be an object, got string.'),
    );
  });

  it('listModels() refuses a request field it does not have (`providers` lists them all)', async () => {
    const catalog = createModelCatalog({ providers: [], cache: false });
    await expect(catalog.listModels({ providers: ['openai'] } as never)).rejects.toThrow(
      new TypeError(
        '`providers` is not an option of listModels(). Did you mean `provider`? The options are provider, refresh, signal, credentials.',
      ),
    );
    await expect(catalog.listModels('openai' as never)).rejects.toThrow(
      new TypeError('listModels() options must be an object, got string.'),
    );
  });

  it('watch() refuses an option it does not have', () => {
    const catalog = createModelCatalog({ providers: [], cache: false });
    expect(() => catalog.watch({ interval: 1000 } as never)).toThrow(
      /^`interval` is not an option of watch\(\)\. Did you mean `intervalMs`\?/,
    );
    expect(() => catalog.watch(5000 as never)).toThrow(
      new TypeError('watch() options must be an object, got number.'),
    );
  });

  it('the cache factories refuse options they do not have', () => {
    expect(() => createMemoryCache({ maxentries: 5 } as never)).toThrow(
      new TypeError(
        '`maxentries` is not an option of createMemoryCache(). Did you mean `maxEntries`? The options are maxEntries.',
      ),
    );
    expect(() => createFileCache({ dir: 123 as never })).toThrow(
      new TypeError('`dir` must be a directory path, got number.'),
    );
    expect(createFileCache({ dir: '' })).toHaveProperty('get');
    expect(() => createFileCache({ directory: '/tmp/x' } as never)).toThrow(
      new TypeError(
        '`directory` is not an option of createFileCache(). Did you mean `dir`? The options are dir, env.',
      ),
    );
    const storage = createStorage({ driver: memoryDriver() });
    expect(() => createStorageCache(storage, { prefx: 'mc' } as never)).toThrow(
      new TypeError(
        '`prefx` is not an option of createStorageCache(). Did you mean `prefix`? The options are prefix, expireAfterMs, maxEntriesInMemory.',
      ),
    );
  });

  it('modelsDev() refuses an option it does not have, and options that are no object', () => {
    expect(() => modelsDev({ baseUrl: 'https://mirror.example' } as never)).toThrow(
      new TypeError(
        '`baseUrl` is not an option of modelsDev(). Did you mean `baseURL`? The options are baseURL, headers, providerIds.',
      ),
    );
    expect(() => modelsDev('https://mirror.example' as never)).toThrow(
      new TypeError('modelsDev() options must be an object, got string.'),
    );
    expect(modelsDev({ baseURL: 'https://mirror.example' }).id).toBe('models.dev');
  });

  it('createMemoryCache() takes a whole maxEntries of at least 1, or Infinity', () => {
    for (const bad of [0, 1.5, -1, Number.NaN, '10']) {
      expect(() => createMemoryCache({ maxEntries: bad as number })).toThrow(
        new TypeError(
          `\`maxEntries\` must be a whole number of at least 1, or Infinity, got ${typeof bad === 'string' ? `"${bad}"` : String(bad)}.`,
        ),
      );
    }
    expect(createMemoryCache({ maxEntries: Number.POSITIVE_INFINITY })).toHaveProperty('get');
    expect(createMemoryCache({ maxEntries: 1 })).toHaveProperty('get');
  });
});

describe('filterModels()', () => {
  it('refuses a filter field it does not have, naming the one meant', async () => {
    const { filterModels } = await import('../src/index.js');
    const models = [
      { id: 'a', name: 'a', category: 'chat', provider: 'p' },
      { id: 'b', name: 'b', category: 'embedding', provider: 'p' },
    ] as const;
    expect(() => filterModels(models, { categories: 'chat' } as never)).toThrow(
      /^`categories` is not an option of filterModels\(\)\. Did you mean `category`\?/,
    );
    expect(filterModels(models, { category: 'chat' }).map((model) => model.id)).toEqual(['a']);
  });
});
