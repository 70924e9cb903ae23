import type {
  CatalogEvent,
  CatalogSource,
  Environment,
  ModelCache,
  ModelOverrides,
  ProviderAdapter,
} from '../types.js';
import {
  assertProviderId,
  checkBoolean,
  checkFunction,
  checkInteger,
  checkNumber,
  checkOneOf,
  checkOptionNames,
  settingProblem,
} from './check-option.js';
import { isObject, overrideProblem } from './model-fields.js';

/**
 * Options of {@link createModelCatalog}. Every field is optional.
 *
 * @example
 * ```ts
 * const options: ModelCatalogOptions = { ttlMs: 60 * 60 * 1000, timeoutMs: 10_000, revalidate: 'background' };
 * const catalog = createModelCatalog(options);
 * ```
 */
export interface ModelCatalogOptions {
  /** The adapters to use. Default: every built-in provider, each used only when its environment configures it. */
  readonly providers?: readonly ProviderAdapter[] | undefined;
  /** Where lists are kept between calls; `false` for none. Default: a file cache (memory where there is no filesystem). */
  readonly cache?: ModelCache | false | undefined;
  /** How long a cached list stays fresh, in milliseconds. Default 24 hours. */
  readonly ttlMs?: number | undefined;
  /** Environment to read keys and URLs from. Default `process.env` where it exists, else `{}`. */
  readonly env?: Environment | undefined;
  /**
   * Time budget of each provider, in milliseconds: its requests, retries, waits between them,
   * bodies and pages all end within it, else it fails as `timeout`. Default 30 000.
   */
  readonly timeoutMs?: number | undefined;
  /**
   * Retries of a retryable failure (network, 408, 429, 500, 502, 503, 504) per request, within `timeoutMs`,
   * as `maxRetries` in openai-node and the AI SDK. Default 2.
   */
  readonly maxRetries?: number | undefined;
  /**
   * The old name of `maxRetries`; `maxRetries` wins when both are given.
   *
   * @deprecated Use `maxRetries`. `retries` is removed in the next minor version.
   */
  readonly retries?: number | undefined;
  /** Largest response body accepted, in bytes. Default 20 MB. */
  readonly maxResponseBytes?: number | undefined;
  /**
   * Most bytes all the response bodies of one provider's listing may hold together, every page
   * counted as it arrives; past it the listing fails as `invalid_response`. Default 20 MB.
   */
  readonly maxListingBytes?: number | undefined;
  /** The fetch to use. Default `globalThis.fetch`. */
  readonly fetch?: typeof globalThis.fetch | undefined;
  /**
   * When a provider fails and an older cached list exists, serve that list marked
   * `stale` with the error beside it. `false` fails instead. Default true.
   */
  readonly serveStale?: boolean | undefined;
  /**
   * `'blocking'` (default): an expired entry is refetched before answering.
   * `'background'`: it is answered at once, marked stale, and refetched in the background.
   */
  readonly revalidate?: 'blocking' | 'background' | undefined;
  /** After a failure, how long a provider is not called again (refresh ignores this), in ms. Default 30 000. */
  readonly failureBackoffMs?: number | undefined;
  /** After a 429, the least time a provider is not called again, in ms; a longer `Retry-After` wins. Default 120 000. */
  readonly rateLimitBackoffMs?: number | undefined;
  /**
   * The longest a provider is left alone after a failure, in ms, whatever its `Retry-After`
   * says (`1e308`, a date in the year 9999); also the most `retryAfterMs` an error reports.
   * Default 600 000 (10 minutes).
   */
  readonly maxBackoffMs?: number | undefined;
  /** Most models one provider may list before the answer is rejected as `invalid_response`. Default 50 000. */
  readonly maxModels?: number | undefined;
  /** The clock, in milliseconds since the epoch. Default `Date.now`; tests inject their own. */
  readonly now?: (() => number) | undefined;
  /**
   * Receives what happens inside the catalog (cache write failures, ...). Without it,
   * a cache that cannot be written is reported once with `process.emitWarning`.
   */
  readonly onEvent?: ((event: CatalogEvent) => void) | undefined;
  /**
   * Sources of model facts joined into every listing, such as `modelsDev()`: each fills only
   * what the live listing did not report, an earlier source before a later one, and records
   * it in `model.sources`. Default: none.
   */
  readonly catalogs?: readonly CatalogSource[] | undefined;
  /**
   * Your own facts, by provider id then model id: they win over the live listing and the
   * catalogs. Each is checked here: a field a model does not have (or `id`, `provider`,
   * `sources`) or a value its field cannot hold (a negative or infinite number, an unknown
   * category, a blank name) throws a `TypeError` naming the model and the field; an override
   * changed in place later to such a value is not applied.
   */
  readonly overrides?: ModelOverrides | undefined;
  /**
   * `'catalog'`: a provider that fails with no cached list to serve is answered from the
   * catalogs' models for it, marked `status.source: 'catalog'`, `stale`, with the `error`.
   * Default: off, the failure is reported.
   */
  readonly fallback?: 'catalog' | undefined;
}

/** {@link ModelCatalogOptions} with every default applied. */
export interface ResolvedModelCatalogOptions {
  readonly providers: readonly ProviderAdapter[] | undefined;
  readonly cache: ModelCache | false | undefined;
  readonly ttlMs: number;
  readonly env: Environment;
  readonly timeoutMs: number;
  readonly retries: number;
  readonly maxResponseBytes: number;
  readonly maxListingBytes: number;
  readonly fetch: typeof globalThis.fetch | undefined;
  readonly serveStale: boolean;
  readonly revalidate: 'blocking' | 'background';
  readonly failureBackoffMs: number;
  readonly rateLimitBackoffMs: number;
  readonly maxBackoffMs: number;
  readonly maxModels: number;
  readonly now: () => number;
  readonly onEvent: ((event: CatalogEvent) => void) | undefined;
  readonly catalogs: readonly CatalogSource[];
  readonly overrides: ModelOverrides | undefined;
  readonly fallback: boolean;
}

/** The defaults, in one place. */
export const DEFAULTS = {
  ttlMs: 86_400_000, // 24 hours
  timeoutMs: 30_000,
  retries: 2,
  maxResponseBytes: 20_971_520, // 20 MiB
  maxListingBytes: 20_971_520, // 20 MiB, every page of a listing together
  serveStale: true,
  revalidate: 'blocking',
  failureBackoffMs: 30_000,
  rateLimitBackoffMs: 120_000,
  maxBackoffMs: 600_000,
  maxModels: 50_000,
} as const;

/** Timers cannot wait longer than 2^31 - 1 ms. */
const MAX_TIMER_MS = 2_147_483_647;

/** The numeric options: each option's least value, and its most when it has one. */
const NUMBER_RANGES = {
  ttlMs: [0],
  timeoutMs: [1, MAX_TIMER_MS],
  maxResponseBytes: [1],
  maxListingBytes: [1],
  failureBackoffMs: [0],
  rateLimitBackoffMs: [0],
  maxBackoffMs: [0],
  maxModels: [1],
} as const satisfies Record<string, readonly [number, number?]>;

type NumberOption = keyof typeof NUMBER_RANGES;

/** Every option's name: any other is a mistake (`timeout` for `timeoutMs`), and said to be. */
const OPTION_NAMES = [
  'providers',
  'cache',
  'ttlMs',
  'env',
  'timeoutMs',
  'maxRetries',
  'retries',
  'maxResponseBytes',
  'maxListingBytes',
  'fetch',
  'serveStale',
  'revalidate',
  'failureBackoffMs',
  'rateLimitBackoffMs',
  'maxBackoffMs',
  'maxModels',
  'now',
  'onEvent',
  'catalogs',
  'overrides',
  'fallback',
] as const satisfies readonly (keyof ModelCatalogOptions)[];

/** Applies defaults and checks every option, throwing a `TypeError` that names the bad one. */
export function resolveOptions(options: ModelCatalogOptions = {}): ResolvedModelCatalogOptions {
  checkOptionNames('createModelCatalog()', options, OPTION_NAMES);
  const numbers = {} as Record<NumberOption, number>;
  for (const [name, [minimum, maximum]] of Object.entries(NUMBER_RANGES) as [
    NumberOption,
    readonly [number, number?],
  ][]) {
    numbers[name] = checkNumber(name, options[name] ?? DEFAULTS[name], minimum, maximum);
  }
  return {
    providers: checkProviders(options.providers),
    cache: checkCache(options.cache),
    env: checkEnv(options.env) ?? globalThis.process?.env ?? {},
    ...numbers,
    retries: checkInteger(
      options.maxRetries === undefined && options.retries !== undefined ? 'retries' : 'maxRetries',
      options.maxRetries ?? options.retries ?? DEFAULTS.retries,
    ),
    fetch: checkFunction('fetch', options.fetch),
    serveStale: checkBoolean('serveStale', options.serveStale ?? DEFAULTS.serveStale),
    revalidate: checkOneOf(
      'revalidate',
      options.revalidate ?? DEFAULTS.revalidate,
      REVALIDATE_MODES,
    ),
    now: checkFunction('now', options.now) ?? Date.now,
    onEvent: checkFunction('onEvent', options.onEvent),
    ...checkCatalogOptions(options),
  };
}

const REVALIDATE_MODES = ['blocking', 'background'] as const;

function checkEnv(env: Environment | undefined): Environment | undefined {
  if (env !== undefined && (typeof env !== 'object' || env === null)) {
    throw new TypeError('`env` must be an object of environment variables.');
  }
  return env;
}

/** `catalogs`, `overrides` and `fallback`: sources with an id and `join`, objects of objects, `'catalog'`. */
function checkCatalogOptions({ catalogs = [], overrides, fallback }: ModelCatalogOptions) {
  if (!Array.isArray(catalogs) || catalogs.some((source) => typeof source?.join !== 'function')) {
    throw new TypeError('`catalogs` must be an array of catalog sources, such as modelsDev().');
  }
  if (
    overrides !== undefined &&
    !(isObject(overrides) && Object.values(overrides).every(isObject))
  ) {
    throw new TypeError('`overrides` must be an object: { [providerId]: { [modelId]: fields } }.');
  }
  for (const [provider, models] of Object.entries(overrides ?? {})) {
    for (const [id, override] of Object.entries(models)) {
      const problem = isObject(override) ? overrideProblem(override) : 'it must be an object.';
      if (problem) {
        throw new TypeError(
          `\`overrides\` of ${JSON.stringify(id.slice(0, 100))} of "${provider}": ${problem}`,
        );
      }
    }
  }
  if (fallback !== undefined && (fallback !== 'catalog' || !catalogs.length)) {
    throw new TypeError("`fallback` must be 'catalog', with at least one source in `catalogs`.");
  }
  return { catalogs, overrides, fallback: fallback !== undefined };
}

function checkCache(cache: ModelCache | false | undefined): ModelCache | false | undefined {
  if (cache === undefined || cache === false) return cache;
  if (typeof cache?.get !== 'function' || typeof cache.set !== 'function') {
    throw new TypeError('`cache` must be false or an object with `get` and `set` functions.');
  }
  return cache;
}

function checkProviders(
  providers: readonly ProviderAdapter[] | undefined,
): readonly ProviderAdapter[] | undefined {
  if (providers === undefined) return undefined;
  if (!Array.isArray(providers))
    throw new TypeError('`providers` must be an array of provider adapters.');
  const seen = new Set<string>();
  for (const adapter of providers as readonly ProviderAdapter[]) {
    if (typeof adapter?.listModels !== 'function') {
      throw new TypeError(
        '`providers` must hold adapters with an `id` and a `listModels` function.',
      );
    }
    try {
      assertProviderId(adapter.id);
    } catch (error) {
      throw new TypeError(
        `\`providers\` holds an adapter with a bad id: ${(error as Error).message}`,
      );
    }
    if (seen.has(adapter.id)) throw new TypeError(`\`providers\` lists "${adapter.id}" twice.`);
    seen.add(adapter.id);
    checkAdapterFields(adapter);
  }
  return providers;
}

/** The optional adapter fields a hand-written adapter may get wrong, checked by shape. */
function checkAdapterFields(adapter: ProviderAdapter): void {
  const where = `\`providers\` adapter "${adapter.id}"`;
  for (const [field, isValid, expected] of ADAPTER_FIELDS) {
    const value = adapter[field];
    if (value !== undefined && !isValid(value)) {
      throw new TypeError(`${where}: \`${field}\` must be ${expected}.`);
    }
  }
  for (const [name, setting] of Object.entries(adapter.settings ?? {})) {
    // A string would be read letter by letter as variable names (`setting()` takes one).
    if (typeof setting !== 'object' || setting === null || !isStringList(setting.env ?? [])) {
      throw new TypeError(
        `${where}: setting \`${name}\` must be an object whose \`env\` is a list of variable names, as setting() makes.`,
      );
    }
    const problem = settingProblem(setting, setting.value);
    if (problem) throw new TypeError(`${where}: ${problem}`);
  }
  if (adapter.requireOneOf !== undefined) {
    const known = Object.keys(adapter.settings ?? {});
    const valid =
      Array.isArray(adapter.requireOneOf) &&
      adapter.requireOneOf.every(
        (group) =>
          isStringList(group) && group.length > 0 && group.every((name) => known.includes(name)),
      );
    if (!valid) {
      throw new TypeError(
        `${where}: \`requireOneOf\` must list non-empty groups of its own setting names.`,
      );
    }
  }
}

function isStringList(value: unknown): value is readonly string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

/** The adapter fields checked by shape alone: each with its test and what the message says it must be. */
const ADAPTER_FIELDS: readonly (readonly [
  'aliases' | 'detectEnv' | 'cacheKey',
  (value: unknown) => boolean,
  string,
])[] = [
  ['aliases', isStringList, 'an array of ids'],
  ['detectEnv', isStringList, 'an array of variable names'],
  ['cacheKey', (value) => typeof value === 'string', 'a string'],
];
