import { createDefaultCache } from './cache/default-cache.js';
import { readCacheEntry } from './cache/read-entry.js';
import { CACHE_VERSION, type CacheEntry, type ModelCache } from './cache/types.js';
import { classifyModel } from './classify/index.js';
import {
  type ErrorKind,
  ModelCatalogError,
  NotConfiguredError,
  UnknownProviderError,
} from './errors.js';
import type { CatalogEvent } from './events.js';
import { createHttpClient } from './http.js';
import type { Model } from './model.js';
import { MODEL_CATEGORIES } from './model-category.js';
import { type ModelCatalogOptions, type ResolvedModelCatalogOptions, resolveOptions } from './options.js';
import type { ModelSource, ProviderAdapter, ProviderListing } from './provider.js';
import { defaultProviders } from './providers/index.js';
import { redactSecrets } from './redact.js';
import { type ResolvedSettings, resolveSettings, secretValues } from './settings.js';

/** What one `listModels` call asks for. */
export interface ListModelsRequest {
  /** Only this provider (an id or alias such as `gemini`). Omit for every configured provider. */
  readonly provider?: string;
  /** Skip a fresh cache entry and fetch; the entry is replaced only when the fetch succeeds. */
  readonly refresh?: boolean;
  /** Cancels every request under way. */
  readonly signal?: AbortSignal;
}

/** Where one provider's list came from, and when it was fetched. */
export interface ProviderStatus {
  /** `live` (fetched now), `cache` (served from the cache) or `static` (a built-in list). */
  readonly source: ModelSource;
  /** When the list was fetched, ISO 8601. */
  readonly fetchedAt: string;
  /** Entries the provider sent that had no usable id. */
  readonly skipped?: number;
}

/** A provider failure as reported in {@link CatalogResult.errors}: no secrets, no stack. */
export interface ProviderErrorInfo {
  readonly kind: ErrorKind;
  readonly message: string;
  readonly status?: number;
}

/** The answer for every configured provider: one failing never hides the others. */
export interface CatalogResult {
  /** Models of each configured provider that answered, from the cache or live. */
  readonly providers: Record<string, Model[]>;
  /** Each configured provider that failed, with why. */
  readonly errors: Record<string, ProviderErrorInfo>;
  /** For each provider in `providers`: where its list came from and its `fetchedAt`. */
  readonly status: Record<string, ProviderStatus>;
}

/** The answer for one provider. */
export interface ProviderResult {
  readonly provider: string;
  readonly models: Model[];
  readonly status: ProviderStatus;
}

/** One adapter of the catalog and whether it can list now. */
export interface ProviderInfo {
  readonly id: string;
  /** Other ids that name it, such as `gemini` for `google-genai`. */
  readonly aliases: readonly string[];
  readonly configured: boolean;
  /** Why it is not configured: which option or environment variable to set. */
  readonly reason?: string;
}

/** A model catalog: providers, cache and classifier wired together. */
export interface ModelCatalog {
  /** Lists every configured provider's models; never rejects because one provider failed. */
  listModels(request?: ListModelsRequest & { readonly provider?: undefined }): Promise<CatalogResult>;
  /** Lists one provider's models, or rejects with a typed error. */
  listModels(request: ListModelsRequest & { readonly provider: string }): Promise<ProviderResult>;
  /** The catalog's providers, configured or not, without calling any of them. */
  listProviders(): ProviderInfo[];
}

/** Provider ids that are other names for a built-in provider. */
const PROVIDER_ALIASES: Readonly<Record<string, string>> = { gemini: 'google-genai' };

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
  const inFlight = new Map<string, Promise<ProviderResult>>();
  const report = createReporter(resolved.onEvent);

  const configurationOf = (adapter: ProviderAdapter): ResolvedSettings => {
    const detectEnv = explicit ? undefined : adapter.detectEnv;
    if (detectEnv && !detectEnv.some((name) => resolved.env[name]?.trim())) {
      throw new NotConfiguredError(
        adapter.id,
        `Provider "${adapter.id}" is not configured: set the ${detectEnv.join(' or ')} environment variable, or pass ${adapter.id}() in \`providers\`.`,
      );
    }
    return resolveSettings(adapter.id, adapter.settings ?? {}, resolved.env);
  };

  const loadProvider = (
    adapter: ProviderAdapter,
    refresh: boolean,
    signal: AbortSignal | undefined,
  ): Promise<ProviderResult> => {
    const settings = configurationOf(adapter);
    // Concurrent callers share one fetch per provider. A refresh never joins a cache read.
    const key = `${adapter.id}:${refresh ? 'refresh' : 'any'}`;
    const running = inFlight.get(key);
    if (running) return running;
    const promise = loadUncoalesced(adapter, settings, refresh, signal, cache, resolved, report).finally(
      () => inFlight.delete(key),
    );
    inFlight.set(key, promise);
    return promise;
  };

  const findAdapter = (id: string): ProviderAdapter => {
    const wanted = PROVIDER_ALIASES[id] ?? id;
    const adapter = adapters.find((candidate) => candidate.id === wanted);
    if (!adapter) throw new UnknownProviderError(id, adapters.map((candidate) => candidate.id));
    return adapter;
  };

  async function listModels(request: ListModelsRequest = {}): Promise<CatalogResult | ProviderResult> {
    if (typeof request !== 'object' || request === null) {
      throw new TypeError('listModels() takes an object: { provider?, refresh?, signal? }.');
    }
    const refresh = request.refresh === true;
    if (request.provider !== undefined) {
      if (typeof request.provider !== 'string') throw new TypeError('`provider` must be a string.');
      return loadProvider(findAdapter(request.provider), refresh, request.signal);
    }
    const result: CatalogResult = { providers: {}, errors: {}, status: {} };
    const configured = adapters.filter((adapter) => isConfigured(() => configurationOf(adapter)));
    const settled = await Promise.allSettled(
      configured.map((adapter) => loadProvider(adapter, refresh, request.signal)),
    );
    settled.forEach((outcome, index) => {
      const id = configured[index]!.id;
      if (outcome.status === 'fulfilled') {
        result.providers[id] = outcome.value.models;
        result.status[id] = outcome.value.status;
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
        const aliases = Object.keys(PROVIDER_ALIASES).filter((alias) => PROVIDER_ALIASES[alias] === adapter.id);
        try {
          configurationOf(adapter);
          return { id: adapter.id, aliases, configured: true };
        } catch (error) {
          return { id: adapter.id, aliases, configured: false, reason: (error as Error).message };
        }
      }),
  };
}

async function loadUncoalesced(
  adapter: ProviderAdapter,
  settings: ResolvedSettings,
  refresh: boolean,
  signal: AbortSignal | undefined,
  cache: ModelCache | false,
  options: ResolvedModelCatalogOptions,
  report: (event: CatalogEvent) => void,
): Promise<ProviderResult> {
  const provider = adapter.id;
  if (cache && !refresh) {
    const entry = await readCache(cache, provider, report);
    if (entry && isFresh(entry, options)) {
      report({ type: 'cache:hit', provider, fetchedAt: entry.fetchedAt });
      return { provider, models: [...entry.models], status: { source: 'cache', fetchedAt: entry.fetchedAt } };
    }
    report({ type: 'cache:miss', provider });
  }

  const secrets = secretValues(adapter.settings ?? {}, settings);
  const http = createHttpClient({
    provider,
    timeoutMs: options.timeoutMs,
    retries: options.retries,
    maxResponseBytes: options.maxResponseBytes,
    secrets,
    fetch: options.fetch,
    signal,
  });
  let listing: ProviderListing;
  try {
    listing = normalizeListing(await adapter.listModels({ settings, http, signal }), provider);
  } catch (error) {
    throw scrubError(error, provider, secrets);
  }
  const fetchedAt = new Date(options.now()).toISOString();
  const source = listing.source ?? 'live';
  const status: ProviderStatus = {
    source,
    fetchedAt,
    ...(listing.skipped ? { skipped: listing.skipped } : {}),
  };
  if (cache && source === 'live') {
    const entry: CacheEntry = { version: CACHE_VERSION, providerId: provider, fetchedAt, models: listing.models };
    await cache.set(provider, entry).catch((error: unknown) => {
      report({ type: 'cache:write-error', provider, message: redactSecrets(errorMessage(error), secrets) });
    });
  }
  return { provider, models: [...listing.models], status };
}

async function readCache(
  cache: ModelCache,
  provider: string,
  report: (event: CatalogEvent) => void,
): Promise<CacheEntry | undefined> {
  try {
    return readCacheEntry(await cache.get(provider), provider);
  } catch (error) {
    report({ type: 'cache:read-error', provider, message: errorMessage(error) });
    return undefined;
  }
}

function isFresh(entry: CacheEntry, options: ResolvedModelCatalogOptions): boolean {
  const age = options.now() - Date.parse(entry.fetchedAt);
  // A fetchedAt in the future (clock skew, a hand-edited file) is not trusted as fresh.
  return age >= 0 && age < options.ttlMs;
}

/** Accepts an array or a listing from any adapter, and repairs what a hand-written one may leave out. */
function normalizeListing(value: ProviderListing | readonly Model[], provider: string): ProviderListing {
  const listing: ProviderListing = Array.isArray(value) ? { models: value } : (value as ProviderListing);
  if (!listing || !Array.isArray(listing.models)) {
    throw new ModelCatalogError(`${provider}: the adapter returned no model list.`, {
      kind: 'invalid_response',
      provider,
    });
  }
  let skipped = listing.skipped ?? 0;
  const models: Model[] = [];
  for (const model of listing.models) {
    if (typeof model?.id !== 'string' || model.id === '') {
      skipped++;
      continue;
    }
    const category = MODEL_CATEGORIES.includes(model.category) ? model.category : classifyModel(model.id);
    models.push({ ...model, name: model.name || model.id, category, provider: model.provider || provider });
  }
  return { ...listing, models, skipped };
}

function scrubError(error: unknown, provider: string, secrets: readonly string[]): ModelCatalogError {
  if (ModelCatalogError.isInstance(error)) {
    if (secrets.some((secret) => error.message.includes(secret))) {
      error.message = redactSecrets(error.message, secrets);
    }
    return error;
  }
  return new ModelCatalogError(`${provider}: ${redactSecrets(errorMessage(error), secrets)}`, {
    kind: 'invalid_response',
    provider,
    cause: error,
  });
}

function describeError(error: unknown, provider: string): ProviderErrorInfo {
  if (ModelCatalogError.isInstance(error)) {
    return { kind: error.kind, message: error.message, ...(error.status ? { status: error.status } : {}) };
  }
  return { kind: 'invalid_response', message: `${provider}: ${errorMessage(error)}` };
}

function isConfigured(check: () => unknown): boolean {
  try {
    check();
    return true;
  } catch {
    return false;
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Sends events to `onEvent`; without one, reports each kind of cache failure once as a process warning. */
function createReporter(onEvent: ((event: CatalogEvent) => void) | undefined): (event: CatalogEvent) => void {
  const warned = new Set<string>();
  return (event) => {
    if (onEvent) {
      try {
        onEvent(event);
      } catch {
        // A throwing handler must not break listing.
      }
      return;
    }
    if ((event.type === 'cache:write-error' || event.type === 'cache:read-error') && !warned.has(event.type)) {
      warned.add(event.type);
      const message = `model-catalog: ${event.type === 'cache:write-error' ? 'cannot write the cache' : 'cannot read the cache'} (${event.message}); listing continues without it.`;
      const emit = globalThis.process?.emitWarning;
      if (typeof emit === 'function') emit.call(globalThis.process, message, { code: 'MODEL_CATALOG_CACHE' });
      else console.warn(message);
    }
  };
}
