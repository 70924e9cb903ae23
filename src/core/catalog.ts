import {
  describeError,
  NotConfiguredError,
  toCatalogError,
  UnknownProviderError,
} from '../errors/index.js';
import type {
  CatalogContext,
  CatalogEvent,
  CatalogResult,
  Environment,
  ListModelsRequest,
  Model,
  ModelCache,
  ModelCatalog,
  ProviderAdapter,
  ProviderCredentials,
  ProviderResult,
  ResolvedSettings,
} from '../types.js';
import { createChangeFeed } from './change-feed.js';
import { checkOptionNames } from './check-option.js';
import { findProvider } from './find-provider.js';
import { freezeThrough } from './freeze-deep.js';
import { loadOnce } from './load-once.js';
import { type ModelCatalogOptions, resolveOptions } from './options.js';
import { createProviderLoader, type LoadRequest } from './provider-loader.js';
import { envValue, resolveSettings } from './settings.js';
import { startWatch } from './watch.js';

// Loaded when first used: per-request credentials, and the user's overrides.
const loadCredentialHandling = loadOnce(() => import('./credentials.js'));
const loadOverrides = loadOnce(() => import('./apply-overrides.js'));
/** The credentials of a call without any. */
const NO_CREDENTIALS: ReadonlyMap<string, ProviderCredentials> = new Map();

/**
 * What a preset adds to the engine when the caller leaves an option out: the adapters to
 * use (each then used only when its `detectEnv` variables are set) and the cache.
 */
export interface CatalogDefaults {
  readonly providers?: () => readonly ProviderAdapter[];
  readonly cache?: (env: Environment, report: (event: CatalogEvent) => void) => ModelCache | false;
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
  const report = createReporter(resolved.onEvent);
  const cache = resolved.cache ?? defaults.cache?.(resolved.env, report) ?? false;
  // Set once a call has passed `credentials`: the module that reads them.
  let credentialHandling: typeof import('./credentials.js') | undefined;

  const configurationOf = (
    adapter: ProviderAdapter,
    credentials?: ProviderCredentials,
  ): ResolvedSettings => {
    // Credentials come only from a call that has loaded their module first.
    if (credentials && credentialHandling)
      return credentialHandling.resolveCredentialSettings(adapter, credentials, resolved.env);
    const detectEnv = explicit ? undefined : adapter.detectEnv;
    if (detectEnv && !detectEnv.some((name) => envValue(resolved.env, name))) {
      throw new NotConfiguredError(
        adapter.id,
        `Provider "${adapter.id}" is not configured: set the ${detectEnv.join(' or ')} environment variable, or pass the ${adapter.id} adapter in \`providers\`.`,
      );
    }
    return resolveSettings(adapter.id, adapter.settings ?? {}, resolved.env, adapter.requireOneOf);
  };

  // One ky instance per catalog, shared by every listing, made by the loader with its first fetch.
  const load = createProviderLoader(resolved, cache, report);
  const feed = createChangeFeed(resolved.now);
  const frozenThrough = new WeakSet<readonly Model[]>();
  // Catalog sources load their data through the same loader, cached under their own id.
  const loadCatalog: CatalogContext['load'] = (adapter, signal) =>
    load(adapter, configurationOf(adapter), { refresh: false, signal });
  /**
   * One provider's result, holding its frozen list itself: every caller served from the same
   * cache entry gets the same array (a copy per caller would cost most of a hit).
   */
  const loadProvider = async (
    adapter: ProviderAdapter,
    request: Omit<LoadRequest, 'own' | 'headers'>,
    credentials?: ProviderCredentials,
  ): Promise<ProviderResult> => {
    const settings = configurationOf(adapter, credentials);
    // The request as it is for the catalog's own account (a copy per call costs on every hit).
    const listing = load(
      adapter,
      settings,
      credentials
        ? {
            ...request,
            own: false,
            headers: credentials.headers,
            callerEndpoint:
              credentialHandling?.choosesEndpoint(adapter, settings, resolved.env) ?? false,
          }
        : request,
    );
    // Precedence: each source fills what is still missing, then the user's overrides win.
    const overrides = resolved.overrides?.[adapter.id];
    let result: ProviderResult;
    if (resolved.catalogs.length === 0) result = await listing;
    else {
      const context: CatalogContext = {
        provider: adapter.id,
        fallback: resolved.fallback,
        signal: request.signal,
        load: loadCatalog,
        now: resolved.now,
        ttlMs: resolved.ttlMs,
      };
      result = await resolved.catalogs.reduce(
        (joined, source) => source.join(joined, context),
        listing,
      );
    }
    if (overrides) result = (await loadOverrides()).applyOverrides(result, overrides);
    // A list from catalogs or overrides is frozen like the loader's own, through and through
    // (a catalog source of the caller's may hand one frozen only at the top), once per list; the
    // models the loader gave are frozen through already.
    if ((resolved.catalogs.length > 0 || overrides) && !frozenThrough.has(result.models)) {
      // A listing that failed (a catalog answered in its place) gave none.
      const listed = await listing.catch(() => undefined);
      const loaded = new Set(listed?.models);
      for (const model of result.models) if (!loaded.has(model)) freezeThrough(model);
      frozenThrough.add(Object.freeze(result.models));
    }
    // Only the catalog's own lists reach `onChange`: another account's are its own business.
    if (!credentials) {
      // A promise only when listeners are told after the diff loads: the caller waits for it.
      const observed = feed.observe(result);
      if (observed) await observed;
    }
    return result;
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
    checkOptionNames('listModels()', request, ['provider', 'refresh', 'signal', 'credentials']);
    const { refresh, signal: callerSignal } = request;
    if (refresh !== undefined && typeof refresh !== 'boolean' && !Array.isArray(refresh)) {
      throw new TypeError(
        `\`refresh\` must be true, false or an array of provider ids, got ${JSON.stringify(refresh)?.slice(0, 100)}.`,
      );
    }
    // Checked by shape: an AbortSignal of another realm or a polyfill is welcome.
    if (callerSignal !== undefined && typeof callerSignal?.addEventListener !== 'function') {
      throw new TypeError('`signal` must be an AbortSignal.');
    }
    let credentials = NO_CREDENTIALS;
    if (request.credentials !== undefined) {
      credentialHandling ??= await loadCredentialHandling();
      credentials = credentialHandling.readCredentials(
        request.credentials,
        (id) => findAdapter(id).id,
      );
    }
    // A misspelled id in `refresh` is an error, as it is in `provider`.
    const refreshIds = Array.isArray(request.refresh)
      ? request.refresh.map((wanted) => findAdapter(wanted).id)
      : [];
    const refreshes = (id: string): boolean => request.refresh === true || refreshIds.includes(id);
    if (request.provider !== undefined) {
      if (typeof request.provider !== 'string') throw new TypeError('`provider` must be a string.');
      const adapter = findAdapter(request.provider);
      return loadProvider(
        adapter,
        { refresh: refreshes(adapter.id), signal: request.signal },
        credentials.get(adapter.id),
      );
    }
    const signal = request.signal;
    if (signal?.aborted) throw toCatalogError(undefined, { signal });
    const result: CatalogResult = { providers: {}, errors: {}, status: {} };
    // Unconfigured providers are left out (`listProviders()` says what each one needs), but
    // one the user began to configure, say AWS_ACCESS_KEY_ID without its secret, is reported.
    const configured: ProviderAdapter[] = [];
    for (const adapter of adapters) {
      const given = credentials.get(adapter.id);
      try {
        configurationOf(adapter, given);
        configured.push(adapter);
      } catch (error) {
        // Credentials naming no setting are the caller's mistake, as their other faults are: the
        // call rejects (a per-provider `adapter` error would blame the adapter).
        if (given && error instanceof TypeError) throw error;
        if (given || partlyConfigured(adapter, resolved.env)) {
          result.errors[adapter.id] = describeError(error, adapter.id);
        }
      }
    }
    const settled = await Promise.allSettled(
      configured.map((adapter) =>
        loadProvider(
          adapter,
          { refresh: refreshes(adapter.id), signal },
          credentials.get(adapter.id),
        ),
      ),
    );
    // Cancelling rejects the whole call, not just the providers still under way.
    if (signal?.aborted) throw toCatalogError(undefined, { signal });
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

  const listProviders: ModelCatalog['listProviders'] = () =>
    adapters.map((adapter) => {
      // A copy: the adapter's own list is the table ids are resolved by.
      const aliases = [...(adapter.aliases ?? [])];
      try {
        configurationOf(adapter);
        return { id: adapter.id, aliases, configured: true };
      } catch (error) {
        return { id: adapter.id, aliases, configured: false, reason: (error as Error).message };
      }
    });

  const catalog: ModelCatalog = {
    listModels: listModels as ModelCatalog['listModels'],
    listProviders,
    onChange(listener) {
      if (typeof listener !== 'function') throw new TypeError('onChange() takes a function.');
      return feed.subscribe(listener);
    },
    watch: (options) =>
      startWatch(options, {
        providerIds: (wanted) =>
          wanted
            ? [...new Set(wanted.map((id) => findAdapter(id).id))]
            : listProviders()
                .filter((info) => info.configured)
                .map((info) => info.id),
        refresh: (id, freshForMs, signal) =>
          loadProvider(findAdapter(id), { refresh: false, signal, freshForMs }),
        subscribe: feed.subscribe,
      }),
  };
  return catalog;
}

/**
 * True when some of an adapter's own configuration is present: one of its `detectEnv`
 * variables, or a setting without a default given as an option or in the environment.
 * (Settings with defaults, such as a region, are too common to count.)
 */
function partlyConfigured(adapter: ProviderAdapter, env: Environment): boolean {
  const isSet = (name: string): boolean => envValue(env, name) !== undefined;
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
    if (warned) return;
    // False where there is no process to warn: none at all (browsers, workers), or one whose Node
    // functions throw when called (Next.js's edge runtime).
    const emit = (message: string): boolean => {
      try {
        globalThis.process.emitWarning(message, { code: 'MODEL_CATALOG_CACHE' });
        return true;
      } catch {
        return false;
      }
    };
    if (event.type === 'cache:write-error' || event.type === 'cache:read-error') {
      warned = true;
      const message = `model-catalog: ${event.type === 'cache:write-error' ? 'cannot write the cache' : 'cannot read the cache'} (${event.message}); listing continues without it.`;
      if (!emit(message)) console.warn(message);
    } else if (event.type === 'cache:fallback' && event.reason.startsWith('the cache directory')) {
      // A cache directory that does not work is a setup mistake worth one line; a runtime
      // without files (a browser, a worker, Deno without permissions) is not.
      warned = emit(
        `model-catalog: the file cache does not work here (${event.reason}); lists are kept in memory.`,
      );
    }
  };
}
