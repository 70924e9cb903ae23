import { createDefaultCache } from './cache/default-cache.js';
import {
  abortError,
  describeError,
  NotConfiguredError,
  type ProviderErrorInfo,
  UnknownProviderError,
} from './errors.js';
import type { CatalogEvent } from './events.js';
import type { ModelChanges } from './fetch-provider.js';
import type { Model } from './model.js';
import { type ModelCatalogOptions, resolveOptions } from './options.js';
import type { ModelSource, ProviderAdapter } from './provider.js';
import { createProviderLoader } from './provider-loader.js';
import { defaultProviders } from './providers/index.js';
import { type Environment, type ResolvedSettings, resolveSettings } from './settings.js';

export type { ProviderErrorInfo } from './errors.js';
export type { ModelChanges } from './fetch-provider.js';

/**
 * What one `listModels` call asks for.
 *
 * @example
 * ```ts
 * const request: ListModelsRequest = { refresh: ['openai', 'anthropic'], signal: AbortSignal.timeout(10_000) };
 * const { providers } = await catalog.listModels(request);
 * ```
 */
export interface ListModelsRequest {
  /** Only this provider (an id or alias such as `gemini`). Omit for every configured provider. */
  readonly provider?: string;
  /**
   * Skip a fresh cache entry and fetch; the entry is replaced only when the fetch succeeds.
   * `true` refreshes every provider asked for; a list of ids refreshes only those.
   */
  readonly refresh?: boolean | readonly string[];
  /** Cancels every request under way. */
  readonly signal?: AbortSignal;
}

/**
 * Where one provider's list came from, and when it was fetched.
 *
 * @example
 * ```ts
 * const { status } = await catalog.listModels({ provider: 'openai' });
 * if (status.stale) console.warn(`served the list of ${status.fetchedAt}:`, status.error?.message);
 * ```
 */
export interface ProviderStatus {
  /** `live` (fetched now), `cache` (served from the cache) or `static` (a built-in list). */
  readonly source: ModelSource;
  /** When the list was fetched, ISO 8601. */
  readonly fetchedAt: string;
  /** Entries the provider sent without a usable id, or repeating an id already listed. */
  readonly skipped?: number;
  /**
   * Set when this is not a fresh answer: the fetch failed or was skipped during a
   * back-off (`error` says why), the provider returned an empty list, or the list
   * is being refreshed in the background (`revalidating`).
   */
  readonly stale?: boolean;
  /** Set with `stale` when a background refresh is under way. */
  readonly revalidating?: boolean;
  /** Why a stale list was served. */
  readonly error?: ProviderErrorInfo;
  /** When a live fetch replaced a cached list: the ids added and removed. */
  readonly changes?: ModelChanges;
}

/**
 * The answer for every configured provider: one failing never hides the others.
 *
 * @example
 * ```ts
 * const { providers, errors, status }: CatalogResult = await catalog.listModels();
 * ```
 */
export interface CatalogResult {
  /** Models of each configured provider that answered, from the cache or live. */
  readonly providers: Record<string, Model[]>;
  /**
   * Each configured provider that failed, with why. A provider served from a stale
   * cache entry appears both here and in `providers`.
   */
  readonly errors: Record<string, ProviderErrorInfo>;
  /** For each provider in `providers`: where its list came from and its `fetchedAt`. */
  readonly status: Record<string, ProviderStatus>;
}

/**
 * The answer for one provider.
 *
 * @example
 * ```ts
 * const { provider, models, status }: ProviderResult = await catalog.listModels({ provider: 'openai' });
 * ```
 */
export interface ProviderResult {
  readonly provider: string;
  readonly models: Model[];
  readonly status: ProviderStatus;
}

/**
 * One adapter of the catalog and whether it can list now.
 *
 * @example
 * ```ts
 * for (const info of catalog.listProviders()) {
 *   if (!info.configured) console.log(info.id, info.reason);
 * }
 * ```
 */
export interface ProviderInfo {
  readonly id: string;
  /** Other ids that name it, such as `gemini` for `google-genai`. */
  readonly aliases: readonly string[];
  readonly configured: boolean;
  /** Why it is not configured: which option or environment variable to set. */
  readonly reason?: string;
}

/**
 * A model catalog: providers, cache and classifier wired together.
 *
 * @example
 * ```ts
 * const catalog: ModelCatalog = createModelCatalog({ cache: createMemoryCache() });
 * ```
 */
export interface ModelCatalog {
  /** Lists every configured provider's models; never rejects because one provider failed. */
  listModels(
    request?: ListModelsRequest & { readonly provider?: undefined },
  ): Promise<CatalogResult>;
  /** Lists one provider's models, or rejects with a typed error. */
  listModels(request: ListModelsRequest & { readonly provider: string }): Promise<ProviderResult>;
  /** The catalog's providers, configured or not, without calling any of them. */
  listProviders(): ProviderInfo[];
}

/**
 * Creates a catalog. With no options it uses every built-in provider that the
 * environment configures, a file cache and a 24-hour TTL.
 *
 * @example
 * ```ts
 * const catalog = createModelCatalog({ providers: [openai(), ollama()], cache: createMemoryCache() });
 * const { providers, errors } = await catalog.listModels();
 * const { models } = await catalog.listModels({ provider: 'openai', refresh: true });
 * ```
 */
export function createModelCatalog(options: ModelCatalogOptions = {}): ModelCatalog {
  const resolved = resolveOptions(options);
  const explicit = resolved.providers !== undefined;
  const adapters = resolved.providers ?? defaultProviders();
  const cache = resolved.cache === undefined ? createDefaultCache(resolved.env) : resolved.cache;
  const report = createReporter(resolved.onEvent);

  const configurationOf = (adapter: ProviderAdapter): ResolvedSettings => {
    const detectEnv = explicit ? undefined : adapter.detectEnv;
    if (detectEnv && !detectEnv.some((name) => resolved.env[name]?.trim())) {
      throw new NotConfiguredError(
        adapter.id,
        `Provider "${adapter.id}" is not configured: set the ${detectEnv.join(' or ')} environment variable, or pass the ${adapter.id} adapter in \`providers\`.`,
      );
    }
    return resolveSettings(adapter.id, adapter.settings ?? {}, resolved.env, adapter.requireOneOf);
  };

  const load = createProviderLoader(resolved, cache, report);
  const loadProvider = (
    adapter: ProviderAdapter,
    refresh: boolean,
    signal: AbortSignal | undefined,
  ): Promise<ProviderResult> => load(adapter, configurationOf(adapter), { refresh, signal });

  /** The adapter an id or alias names; an exact id wins over another adapter's alias. */
  const adapterNamed = (id: string): ProviderAdapter | undefined =>
    adapters.find((candidate) => candidate.id === id) ??
    adapters.find((candidate) => candidate.aliases?.includes(id));

  const findAdapter = (id: string): ProviderAdapter => {
    const adapter = adapterNamed(id);
    if (!adapter)
      throw new UnknownProviderError(
        id,
        adapters.map((candidate) => candidate.id),
      );
    return adapter;
  };

  async function listModels(
    request: ListModelsRequest = {},
  ): Promise<CatalogResult | ProviderResult> {
    if (typeof request !== 'object' || request === null) {
      throw new TypeError('listModels() takes an object: { provider?, refresh?, signal? }.');
    }
    // A misspelled id in `refresh` is an error, as it is in `provider`.
    const refreshIds = Array.isArray(request.refresh)
      ? request.refresh.map((wanted) => findAdapter(wanted).id)
      : [];
    const refreshes = (id: string): boolean => request.refresh === true || refreshIds.includes(id);
    if (request.provider !== undefined) {
      if (typeof request.provider !== 'string') throw new TypeError('`provider` must be a string.');
      const adapter = findAdapter(request.provider);
      return loadProvider(adapter, refreshes(adapter.id), request.signal);
    }
    const signal = request.signal;
    if (signal?.aborted) throw abortError(undefined, signal.reason);
    const result: CatalogResult = { providers: {}, errors: {}, status: {} };
    // Unconfigured providers are left out (`listProviders()` says what each one needs), but
    // one the user began to configure, say AWS_ACCESS_KEY_ID without its secret, is reported.
    const configured: ProviderAdapter[] = [];
    for (const adapter of adapters) {
      try {
        configurationOf(adapter);
        configured.push(adapter);
      } catch (error) {
        if (partlyConfigured(adapter, resolved.env)) {
          result.errors[adapter.id] = describeError(error, adapter.id);
        }
      }
    }
    const settled = await Promise.allSettled(
      configured.map((adapter) => loadProvider(adapter, refreshes(adapter.id), signal)),
    );
    // Cancelling rejects the whole call, not just the providers still under way.
    if (signal?.aborted) throw abortError(undefined, signal.reason);
    settled.forEach((outcome, index) => {
      const id = configured[index]!.id;
      if (outcome.status === 'fulfilled') {
        result.providers[id] = outcome.value.models;
        result.status[id] = outcome.value.status;
        if (outcome.value.status.error) result.errors[id] = outcome.value.status.error;
      } else {
        result.errors[id] = describeError(outcome.reason, id);
      }
    });
    return result;
  }

  return {
    listModels: listModels as ModelCatalog['listModels'],
    listProviders: () =>
      adapters.map((adapter) => {
        const aliases = adapter.aliases ?? [];
        try {
          configurationOf(adapter);
          return { id: adapter.id, aliases, configured: true };
        } catch (error) {
          return { id: adapter.id, aliases, configured: false, reason: (error as Error).message };
        }
      }),
  };
}

/**
 * True when some of an adapter's own configuration is present: one of its `detectEnv`
 * variables, or a setting without a default given as an option or in the environment.
 * (Settings with defaults, such as a region, are too common to count.)
 */
function partlyConfigured(adapter: ProviderAdapter, env: Environment): boolean {
  const isSet = (name: string): boolean => Boolean(env[name]?.trim());
  if (adapter.detectEnv?.some(isSet)) return true;
  return Object.values(adapter.settings ?? {}).some(
    (setting) =>
      setting.default === undefined && (Boolean(setting.value) || (setting.env ?? []).some(isSet)),
  );
}

/** Sends events to `onEvent`; without one, reports the first cache failure once as a process warning. */
function createReporter(
  onEvent: ((event: CatalogEvent) => void) | undefined,
): (event: CatalogEvent) => void {
  let warned = false;
  return (event) => {
    if (onEvent) {
      try {
        const returned: unknown = onEvent(event);
        // Nor may an async handler that rejects leave an unhandled rejection.
        if (returned instanceof Promise) returned.catch(() => {});
      } catch {
        // A throwing handler must not break listing.
      }
      return;
    }
    if ((event.type === 'cache:write-error' || event.type === 'cache:read-error') && !warned) {
      warned = true;
      const message = `model-catalog: ${event.type === 'cache:write-error' ? 'cannot write the cache' : 'cannot read the cache'} (${event.message}); listing continues without it.`;
      const emit = globalThis.process?.emitWarning;
      if (typeof emit === 'function')
        emit.call(globalThis.process, message, { code: 'MODEL_CATALOG_CACHE' });
      else console.warn(message);
    }
  };
}
