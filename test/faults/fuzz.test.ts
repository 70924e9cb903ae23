// Property-based tests (fast-check) over every part that takes outside input: each built-in
// adapter's response parser, answered over a real socket with generated JSON; the models
// handler's query and header parsing; page tokens; and the cache reader. `npm test` runs a
// bounded number of cases; `npm run fuzz` runs many more (FUZZ_RUNS).
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { completeModel, dropInvalidValues } from '../../src/core/complete-model.js';
import { readCacheEntry } from '../../src/core/read-cache-entry.js';
import {
  createFileCache,
  createMemoryCache,
  createModelCatalog,
  createModelsHandler,
  defaultProviders,
  type Environment,
  MODEL_LIST_FORMATS,
  ModelCatalogError,
  openaiCompatible,
} from '../../src/index.js';
import { guardAgainstLeaks, startFaultServer } from './fault-server.js';

guardAgainstLeaks();
const upstream = await startFaultServer();
afterAll(() => upstream.stop());

/** Cases per property: small in `npm test`, large with `FUZZ_RUNS` (`npm run fuzz`). */
const RUNS = Number(process.env.FUZZ_RUNS ?? 0) || 0;
const runs = (bounded: number): number => (RUNS > 0 ? RUNS : bounded);
const FUZZ_TIMEOUT = RUNS > 0 ? 60 * 60 * 1000 : 60_000;

/** Keys the adapters read, so that generated JSON often has the right shape, or nearly. */
const KEYS = [
  'data',
  'models',
  'object',
  'id',
  'name',
  'model',
  'model_id',
  'key',
  'has_more',
  'last_id',
  'first_id',
  'nextPageToken',
  'next_page_token',
  'modelSummaries',
  'modelId',
  'publisherModels',
  'pricing',
  'prompt',
  'completion',
  'input',
  'output',
  'context_length',
  'context_window',
  'top_provider',
  'max_completion_tokens',
  'max_tokens',
  'created',
  'created_at',
  'owned_by',
  'display_name',
  'inputTokenLimit',
  'outputTokenLimit',
  'supportedGenerationMethods',
  'capabilities',
  'architecture',
  'input_modalities',
  'output_modalities',
  'type',
  'lifecycle_status',
  'inferenceTypesSupported',
  'endpoints',
  'details',
  'error',
  'message',
];

const jsonValue = fc.letrec<{ value: unknown; object: Record<string, unknown> }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.string({ maxLength: 12 }),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    tie('object'),
  ),
  object: fc.dictionary(
    fc.oneof(fc.constantFrom(...KEYS), fc.string({ maxLength: 6 })),
    tie('value'),
    {
      maxKeys: 6,
    },
  ),
})).value;

/** One list entry as the APIs send them: an id under one of the usual names, and anything else. */
const entry = fc
  .tuple(
    fc.constantFrom('id', 'name', 'model', 'modelId', 'model_id', 'key'),
    fc.oneof(
      fc.string({ maxLength: 10 }),
      fc.constantFrom('models/gemini-x', 'publishers/google/models/x'),
    ),
    fc.dictionary(fc.constantFrom(...KEYS), jsonValue, { maxKeys: 8 }),
  )
  .map(([idKey, id, rest]) => ({ ...rest, [idKey]: id }));

/** A list in one of the envelopes the APIs use, with paging fields at random. */
const shapedList = fc
  .tuple(
    fc.constantFrom('data', 'models', 'modelSummaries', 'publisherModels', 'endpoints'),
    fc.array(entry, { maxLength: 5 }),
    fc.dictionary(
      fc.constantFrom('has_more', 'last_id', 'nextPageToken', 'next_page_token', 'object'),
      jsonValue,
      {
        maxKeys: 3,
      },
    ),
  )
  .map(([key, list, paging]) => ({ ...paging, [key]: list }));

/** Values that have broken parsers elsewhere: overflowing, hex and signed numbers, empty things. */
const weird = fc.oneof(
  fc.constantFrom('1e303', '0x10', '-1', 'Infinity', 'NaN', '', ' ', '__proto__', 'constructor'),
  fc.constantFrom(1e308, -1, 0, -0, 2 ** 53 + 1, 0.1, null, true, false, {}, [], [[]], {
    id: null,
  }),
  fc.string({ maxLength: 8 }),
  jsonValue,
);

/** Every leaf of a JSON value, by its path. */
function leafPaths(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value))
    return value.flatMap((item, index) => leafPaths(item, [...path, index]));
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([key, item]) => leafPaths(item, [...path, key]));
  }
  return [path];
}

/** A copy of `value` with the leaf at each path replaced. */
function mutate(
  value: unknown,
  replacements: readonly [readonly (string | number)[], unknown][],
): unknown {
  const copy = structuredClone(value) as Record<string | number, unknown>;
  for (const [path, replacement] of replacements) {
    if (path.length === 0) return replacement;
    let parent = copy;
    for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
    parent[path.at(-1) as string | number] = replacement;
  }
  return copy;
}

/** The provider's own recorded answer with a few of its values replaced by strange ones. */
function mutatedFixture(id: string): fc.Arbitrary<string> | undefined {
  const folder = fileURLToPath(new URL(`../fixtures/${id}/`, import.meta.url));
  const file = existsSync(folder)
    ? readdirSync(folder)
        .filter((name) => name.endsWith('.json'))
        .sort()[0]
    : undefined;
  if (!file) return undefined;
  const fixture: unknown = JSON.parse(readFileSync(join(folder, file), 'utf8'));
  const paths = leafPaths(fixture);
  if (paths.length === 0) return undefined;
  return fc
    .array(fc.tuple(fc.constantFrom(...paths), weird), { minLength: 1, maxLength: 5 })
    .map((replacements) => JSON.stringify(mutate(fixture, replacements)));
}

/** A provider's body: JSON in the APIs' shapes or nearly, any JSON, or raw text. */
const body = fc.oneof(
  { weight: 5, arbitrary: shapedList.map((value) => JSON.stringify(value)) },
  { weight: 1, arbitrary: fc.array(entry, { maxLength: 4 }).map((value) => JSON.stringify(value)) },
  { weight: 3, arbitrary: jsonValue.map((value) => JSON.stringify(value) ?? 'null') },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
);

/** Every built-in provider configured through the environment against the upstream. */
function fuzzEnvironment(): Environment {
  const env: Record<string, string> = {};
  for (const adapter of defaultProviders()) {
    for (const [name, setting] of Object.entries(adapter.settings ?? {})) {
      const variable = setting.env?.[0];
      if (!variable) continue;
      if (setting.secret) env[variable] = `fuzz-${adapter.id}-${name}-secret`;
      else if (/url|endpoint/i.test(name)) env[variable] = `${upstream.url}/${adapter.id}`;
      else if (setting.default === undefined) env[variable] = `demo-${name}`.toLowerCase();
    }
  }
  return env;
}

describe("every built-in adapter's response parser", () => {
  const env = fuzzEnvironment();
  const adapters = defaultProviders();
  const catalog = createModelCatalog({
    providers: adapters,
    env,
    cache: false,
    retries: 0,
    timeoutMs: 5000,
    failureBackoffMs: 0,
    rateLimitBackoffMs: 0,
  });

  it.each(adapters.map((adapter) => [adapter.id]))(
    '%s: any answer ends in models or a typed error, never a crash of the adapter',
    async (id) => {
      const fixture = mutatedFixture(id);
      const answer = fixture
        ? fc.oneof({ weight: 3, arbitrary: fixture }, { weight: 2, arbitrary: body })
        : body;
      const status = fc.constantFrom(200, 200, 200, 200, 200, 200, 404, 500);
      await fc.assert(
        fc.asyncProperty(answer, status, async (text, status) => {
          upstream.respond = (_request, response) => {
            response.writeHead(status, { 'content-type': 'application/json' });
            response.end(text);
          };
          const outcome = await catalog.listModels({ provider: id, refresh: true }).then(
            (result) => ({ result }),
            (error: unknown) => ({ error }),
          );
          if ('result' in outcome) {
            for (const model of outcome.result.models) {
              expect(typeof model.id).toBe('string');
              expect(model.provider).toBeTypeOf('string');
              for (const value of Object.values(model.pricing ?? {})) {
                if (typeof value === 'number') expect(Number.isFinite(value)).toBe(true);
              }
              // The catalog keeps a built-in adapter's models as `buildModel` made them: each
              // must pass the full check of a hand-written adapter's model unchanged, and be frozen.
              const copy = { ...model };
              expect(completeModel(copy, id)).toEqual(copy);
              expect(dropInvalidValues(copy)).toEqual({ model: copy, dropped: 0 });
              expect(Object.isFrozen(model)).toBe(true);
            }
            return;
          }
          expect(ModelCatalogError.isInstance(outcome.error), String(outcome.error)).toBe(true);
          // `adapter` would mean the built-in adapter itself crashed on the answer.
          expect(
            (outcome.error as ModelCatalogError).kind,
            (outcome.error as Error).message,
          ).not.toBe('adapter');
        }),
        { numRuns: runs(25) },
      );
    },
    FUZZ_TIMEOUT,
  );
});

describe("the models handler's query and header parsing", () => {
  const catalog = createModelCatalog({
    providers: [
      openaiCompatible({ id: 'local', baseURL: `${upstream.url}/v1` }),
      {
        id: 'constructor',
        listModels: async () => [
          { id: 'a', name: 'a', category: 'chat' as const, provider: '__proto__' },
          { id: 'b', name: 'b', category: 'embedding' as const, provider: 'constructor' },
        ],
      },
    ],
    cache: createMemoryCache(),
    retries: 0,
  });
  const failures: unknown[] = [];
  const handler = createModelsHandler(catalog, {
    detectFormat: true,
    onError: (error) => failures.push(error),
  });
  const PARAMETERS = [
    'format',
    'provider',
    'refresh',
    'category',
    'input_modalities',
    'output_modalities',
    'supported_parameters',
    'query',
    'page_size',
    'page_token',
    'limit',
    'after_id',
    'before_id',
    'pageSize',
    'pageToken',
  ];
  const parameterValue = fc.oneof(
    fc.string({ maxLength: 20 }),
    fc.constantFrom(
      ...MODEL_LIST_FORMATS,
      'local',
      'constructor',
      '__proto__',
      'toString',
      'true',
      '0',
      '-1',
      '1e309',
      '10',
      'chat,embedding',
    ),
  );
  const query = fc.array(
    fc.tuple(fc.oneof(fc.constantFrom(...PARAMETERS), fc.string({ maxLength: 8 })), parameterValue),
    { maxLength: 6 },
  );
  const headers = fc.dictionary(
    fc.constantFrom(
      'anthropic-version',
      'x-goog-api-key',
      'x-api-key',
      'authorization',
      'if-none-match',
      'accept',
    ),
    fc.string({ maxLength: 20 }).map((text) => text.replace(/[^\x20-\x7e]/g, '')),
    { maxKeys: 3 },
  );

  it('answers any URL and headers with 2xx, 304 or 4xx and a JSON body, never a 5xx', async () => {
    upstream.respond = (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ data: [{ id: 'm-1' }, { id: 'm-2' }] }));
    };
    await fc.assert(
      fc.asyncProperty(
        query,
        headers,
        fc.constantFrom('GET', 'HEAD'),
        async (pairs, head, method) => {
          const search = new URLSearchParams(pairs).toString();
          const response = await handler(
            new Request(`http://localhost/api/models?${search}`, { method, headers: head }),
          );
          expect(response.status, `${method} ?${search}`).toBeLessThan(500);
          const text = await response.text();
          if (method === 'GET' && response.status !== 304) {
            expect(() => JSON.parse(text), text).not.toThrow();
          }
        },
      ),
      { numRuns: runs(300) },
    );
    expect(failures).toEqual([]);
  });

  it('reads any page token as a valid page or a 400', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string({ maxLength: 60 }), fc.base64String({ maxLength: 60 })),
        fc.constantFrom(
          ['native', 'page_token'],
          ['openai', 'page_token'],
          ['gemini', 'pageToken'],
          ['anthropic', 'after_id'],
          ['anthropic', 'before_id'],
        ),
        async (token, [format, name]) => {
          const search = new URLSearchParams({ format, [name]: token, page_size: '1', limit: '1' });
          const response = await handler(new Request(`http://localhost/api/models?${search}`));
          expect([200, 400], `${search}`).toContain(response.status);
          const answer = (await response.json()) as { error?: { kind?: string } };
          if (response.status === 400) expect(answer.error?.kind).toBe('invalid_parameter');
        },
      ),
      { numRuns: runs(200) },
    );
    expect(failures).toEqual([]);
  });
});

describe('the renderers, over models holding anything', () => {
  let current: unknown[] = [];
  const failures: unknown[] = [];
  const handler = createModelsHandler(
    createModelCatalog({
      providers: [{ id: 'anything', listModels: async () => current as never }],
      cache: false,
    }),
    { onError: (error) => failures.push(error) },
  );
  const model = fc
    .tuple(
      fc.oneof(
        fc.string({ maxLength: 8 }),
        fc.constantFrom('__proto__', 'constructor', 'toString'),
      ),
      fc.dictionary(
        fc.constantFrom(
          'name',
          'category',
          'provider',
          'created',
          'contextLength',
          'maxOutputTokens',
          'pricing',
          'inputModalities',
          'outputModalities',
          'supportedParameters',
          'aliases',
          'description',
          'ownedBy',
          'deprecated',
          'capabilities',
        ),
        fc.oneof(
          weird,
          fc.double(),
          fc.integer(),
          fc.dictionary(fc.constantFrom('input', 'output', 'free'), weird),
        ),
        { maxKeys: 6 },
      ),
    )
    .map(([id, fields]) => ({ ...fields, id }));

  it('renders any list in every format, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(model, { maxLength: 6 }),
        fc.constantFrom('native', 'openai', 'anthropic', 'gemini', 'openrouter', 'grouped'),
        async (models, format) => {
          current = models;
          const response = await handler(
            new Request(`http://localhost/api/models?format=${format}`),
          );
          expect(response.status, JSON.stringify(models)).toBeLessThan(500);
          JSON.parse(await response.text());
        },
      ),
      { numRuns: runs(300) },
    );
    expect(failures).toEqual([]);
  });
});

describe('the cache reader', () => {
  const dir = mkdtempSync(join(tmpdir(), 'model-catalog-fuzz-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const cache = createFileCache({ dir });

  const entryLike = jsonValue.chain((models) =>
    fc.record(
      {
        version: fc.oneof(fc.constant(1), jsonValue),
        providerId: fc.oneof(fc.constant('local'), fc.string({ maxLength: 6 })),
        fetchedAt: fc.oneof(
          fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
          fc.string({ maxLength: 30 }),
        ),
        models: fc.oneof(fc.constant(models), fc.array(jsonValue, { maxLength: 4 })),
        fingerprint: jsonValue,
      },
      { requiredKeys: [] },
    ),
  );
  const bytes = fc.oneof(
    entryLike.map((value) => Buffer.from(JSON.stringify(value))),
    fc.uint8Array({ maxLength: 200 }).map((array) => Buffer.from(array)),
  );

  it('turns any bytes in a cache file into an entry or a miss, never a throw', async () => {
    await fc.assert(
      fc.asyncProperty(bytes, async (content) => {
        writeFileSync(join(dir, 'local.json'), content);
        const value = await cache.get('local');
        const entry = readCacheEntry(value, 'local');
        if (entry === undefined) return;
        expect(entry.providerId).toBe('local');
        expect(Array.isArray(entry.models)).toBe(true);
        for (const model of entry.models) {
          expect(typeof model.id).toBe('string');
          expect(typeof model.name).toBe('string');
          for (const value of Object.values(model.pricing ?? {})) {
            if (value !== undefined && typeof value !== 'boolean') {
              expect(Number.isFinite(value)).toBe(true);
            }
          }
        }
      }),
      { numRuns: runs(300) },
    );
  });
});
