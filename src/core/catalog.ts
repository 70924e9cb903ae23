import {
  abortError,
  describeError,
  NotConfiguredError,
  UnknownProviderError,
} from '../errors/index.js';
import type {
  CatalogContext,
  CatalogEvent,
  CatalogResult,
  Environment,
  ListModelsRequest,
  ModelCache,
  ModelCatalog,
  ProviderAdapter,
  ProviderResult,
  ResolvedSettings,
} from '../types.js';
import { applyOverrides } from './apply-overrides.js';
import { findProvider } from './find-provider.js';
import { type ModelCatalogOptions, resolveOptions } from './options.js';
import { createProviderLoader } from './provider-loader.js';
import { resolveSettings } from './settings.js';

/**
 * What a preset adds to the engine when the caller leaves an option out: the adapters to
 * use (each then used only when its `detectEnv` variables are set) and the cache.
 */
export interface CatalogDefaults {
  readonly providers?: () => readonly ProviderAdapter[];
  readonly cache?: (env: Environment) => ModelCache | false;
}

/**
 * The engine: a catalog over the adapters and cache it is given. It knows no built-in
 * provider; `model-catalog` and `model-catalog/core` call it with their own defaults.
 */
export function createCatalog(
  options: ModelCatalogOptions,
  defaults: CatalogDefaults = {},
): ModelCatalog {
  const resolved = resolveOptions(options);
  const explicit = resolved.providers !== undefined;
  const adapters = resolved.providers ?? defaults.providers?.() ?? [];
  const cache = resolved.cache ?? defaults.cache?.(resolved.env) ?? false;
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
  // Catalog sources load their data through the same loader, cached under their own id.
  const loadCatalog: CatalogContext['load'] = (adapter, signal) =>
    load(adapter, configurationOf(adapter), { refresh: false, signal });
  const loadProvider = (
    adapter: ProviderAdapter,
    refresh: boolean,
    signal: AbortSignal | undefined,
  ): Promise<ProviderResult> => {
    const listing = load(adapter, configurationOf(adapter), { refresh, signal });
    const context: CatalogContext = {
      provider: adapter.id,
      fallback: resolved.fallback,
      signal,
      load: loadCatalog,
      now: resolved.now,
      ttlMs: resolved.ttlMs,
    };
    // Precedence: each source fills what is still missing, then the user's overrides win.
    return resolved.catalogs
      .reduce((joined, source) => source.join(joined, context), listing)
      .then((result) => applyOverrides(result, resolved.overrides?.[adapter.id]));
  };

  const findAdapter = (id: string): ProviderAdapter => {
    const adapter = findProvider(adapters, id);
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
