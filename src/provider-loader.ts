import { readCacheEntry } from './cache/read-entry.js';
import { CACHE_VERSION, type CacheEntry, type ModelCache } from './cache/types.js';
import type { ProviderErrorInfo, ProviderResult, ProviderStatus } from './catalog.js';
import { classifyModel } from './classify/index.js';
import { ModelCatalogError, ProviderRequestError } from './errors.js';
import type { CatalogEvent } from './events.js';
import { settingsFingerprint, usesDefaultEndpoint } from './fingerprint.js';
import { createHttpClient } from './http.js';
import type { Model } from './model.js';
import { MODEL_CATEGORIES } from './model-category.js';
import type { ResolvedModelCatalogOptions } from './options.js';
import type { ProviderAdapter, ProviderListing } from './provider.js';
import { redactSecrets } from './redact.js';
import { type ResolvedSettings, secretValues } from './settings.js';

/** What one caller asks of one provider. */
export interface LoadRequest {
  readonly refresh: boolean;
  readonly signal: AbortSignal | undefined;
}

/** Loads one provider's list: from the cache when fresh, else live, with the safety nets around it. */
export type ProviderLoader = (
  adapter: ProviderAdapter,
  settings: ResolvedSettings,
  request: LoadRequest,
) => Promise<ProviderResult>;

/** A fetch shared by every caller of the same provider and account. */
interface SharedFetch {
  readonly promise: Promise<ProviderResult>;
  readonly controller: AbortController;
  /** Callers that can still cancel; when the last one cancels, the fetch is aborted. */
  cancellable: number;
  /** Set when a caller that cannot cancel (no signal, or a background refresh) waits on it. */
  pinned: boolean;
}

/**
 * Creates the loader of a catalog. It shares one cache read and one fetch per
 * provider and account among concurrent callers, serves the last good list when
 * a fetch fails (`serveStale`), refreshes in the background when asked
 * (`revalidate: 'background'`), and backs off from a provider that just failed.
 */
export function createProviderLoader(
  options: ResolvedModelCatalogOptions,
  cache: ModelCache | false,
  report: (event: CatalogEvent) => void,
): ProviderLoader {
  const reads = new Map<string, Promise<CacheEntry | undefined>>();
  const fetches = new Map<string, SharedFetch>();
  const failures = new Map<string, { readonly until: number; readonly error: ModelCatalogError }>();
  // Memoized so that concurrent callers reach the shared maps in the same turn (digests resolve off-thread).
  const fingerprints = new Map<string, Promise<string>>();
  const fingerprintOf = (adapter: ProviderAdapter, settings: ResolvedSettings): Promise<string> => {
    const id = `${adapter.id}\n${JSON.stringify(settings)}`;
    let fingerprint = fingerprints.get(id);
    if (!fingerprint) {
      fingerprint = settingsFingerprint(adapter.id, adapter.settings ?? {}, settings);
      fingerprints.set(id, fingerprint);
    }
    return fingerprint;
  };

  /** The cached entry, if it belongs to this account and endpoint. One read per key at a time. */
  const readUsable = (key: string, provider: string, accepts: (entry: CacheEntry) => boolean) => {
    if (!cache) return Promise.resolve(undefined);
    let read = reads.get(key);
    if (!read) {
      read = readCache(cache, provider, report).finally(() => reads.delete(key));
      reads.set(key, read);
    }
    return read.then((entry) => (entry && accepts(entry) ? entry : undefined));
  };

  const fetchShared = (
    key: string,
    provider: string,
    run: (signal: AbortSignal) => Promise<ProviderResult>,
    signal: AbortSignal | undefined,
  ): Promise<ProviderResult> => {
    // A caller that already cancelled neither starts nor joins a fetch: `untilAborted` would
    // reject before handling the shared promise, leaving its failure unhandled.
    if (signal?.aborted) return Promise.reject(abortError(provider, signal.reason));
    let shared = fetches.get(key);
    // A fetch that every earlier caller cancelled is ending; a new caller starts its own.
    if (!shared || shared.controller.signal.aborted) {
      const controller = new AbortController();
      const promise = run(controller.signal).finally(() => {
        if (fetches.get(key)?.promise === promise) fetches.delete(key);
      });
      shared = { promise, controller, cancellable: 0, pinned: false };
      fetches.set(key, shared);
    }
    const current = shared;
    if (!signal) {
      current.pinned = true;
      return current.promise.then(copyResult);
    }
    current.cancellable++;
    return untilAborted(current.promise, signal, provider, () => {
      current.cancellable--;
      if (!current.pinned && current.cancellable === 0) current.controller.abort(signal.reason);
    }).then(copyResult);
  };

  return async (adapter, settings, request) => {
    const provider = adapter.id;
    const settingSpecs = adapter.settings ?? {};
    const fingerprint = await fingerprintOf(adapter, settings);
    const key = `${provider}\n${fingerprint}`;
    const defaultEndpoint = usesDefaultEndpoint(settingSpecs, settings);
    // An entry from another account or endpoint is a miss; a plain seed-format entry counts only for the default endpoint.
    const accepts = (entry: CacheEntry): boolean =>
      entry.fingerprint === undefined ? defaultEndpoint : entry.fingerprint === fingerprint;

    const entry = await readUsable(key, provider, accepts);
    if (!request.refresh && entry && isFresh(entry, options)) {
      report({ type: 'cache:hit', provider, fetchedAt: entry.fetchedAt });
      return fromEntry(entry, {});
    }
    if (!request.refresh && cache) report({ type: 'cache:miss', provider });

    const fetchLive = (signal: AbortSignal): Promise<ProviderResult> =>
      fetchProvider(adapter, settings, signal, fingerprint, () =>
        readUsable(key, provider, accepts),
      ).then(
        (result) => {
          failures.delete(key);
          return result;
        },
        (error: unknown) => {
          const failure = toCatalogError(error, provider);
          if (failure.kind !== 'aborted')
            failures.set(key, { until: backoffUntil(failure, options), error: failure });
          report({
            type: 'fetch:error',
            provider,
            kind: failure.kind,
            message: failure.message,
            ...(failure.status ? { status: failure.status } : {}),
          });
          throw failure;
        },
      );

    const failure = failures.get(key);
    const backoff =
      !request.refresh && failure && options.now() < failure.until ? failure : undefined;
    if (!request.refresh && entry && !backoff && options.revalidate === 'background') {
      fetchShared(key, provider, fetchLive, undefined).catch(() => {}); // reported through fetch:error
      return fromEntry(entry, { stale: true, revalidating: true });
    }
    if (backoff) return serveStaleOrThrow(entry, backoff.error);
    try {
      return await fetchShared(key, provider, fetchLive, request.signal);
    } catch (error) {
      return serveStaleOrThrow(entry, toCatalogError(error, provider));
    }
  };

  function serveStaleOrThrow(
    entry: CacheEntry | undefined,
    error: ModelCatalogError,
  ): ProviderResult {
    if (!entry || !options.serveStale || error.kind === 'aborted') throw error;
    return fromEntry(entry, { stale: true, error: describeError(error) });
  }

  async function fetchProvider(
    adapter: ProviderAdapter,
    settings: ResolvedSettings,
    signal: AbortSignal,
    fingerprint: string,
    previousEntry: () => Promise<CacheEntry | undefined>,
  ): Promise<ProviderResult> {
    const provider = adapter.id;
    const secrets = secretValues(adapter.settings ?? {}, settings);
    const budget = startTimeBudget(provider, options.timeoutMs, signal);
    const http = createHttpClient({
      provider,
      timeoutMs: options.timeoutMs,
      retries: options.retries,
      maxResponseBytes: options.maxResponseBytes,
      secrets,
      fetch: options.fetch,
      signal: budget.signal,
      deadline: budget.deadline,
    });
    report({ type: 'fetch:start', provider });
    const started = performance.now();
    let listing: ProviderListing;
    try {
      const listed = adapter.listModels({ settings, http, signal: budget.signal });
      listing = normalizeListing(await settleWithin(listed, budget.signal), provider);
    } catch (error) {
      throw scrubError(error, provider, secrets, signal);
    } finally {
      budget.end();
    }
    if (listing.models.length > options.maxModels) {
      throw new ModelCatalogError(
        `${provider}: the provider listed ${listing.models.length} models, more than the cap of ${options.maxModels}.`,
        { kind: 'invalid_response', provider },
      );
    }
    const source = listing.source ?? 'live';
    const previous = cache && source === 'live' ? await previousEntry() : undefined;
    if (listing.models.length === 0 && previous && previous.models.length > 0) {
      // An empty answer after a non-empty one is far likelier a provider fault than a real change.
      const error = new ModelCatalogError(
        `${provider}: the provider returned an empty list; keeping the last good list.`,
        { kind: 'invalid_response', provider },
      );
      report({ type: 'fetch:error', provider, kind: error.kind, message: error.message });
      return fromEntry(previous, { stale: true, error: describeError(error) });
    }
    const fetchedAt = new Date(options.now()).toISOString();
    const changes = previous ? diffIds(previous.models, listing.models) : undefined;
    if (cache && source === 'live') {
      const entry: CacheEntry = {
        version: CACHE_VERSION,
        providerId: provider,
        fetchedAt,
        models: listing.models,
        fingerprint,
      };
      await cache.set(provider, entry).catch((error: unknown) => {
        report({
          type: 'cache:write-error',
          provider,
          message: redactSecrets(errorMessage(error), secrets),
        });
      });
    }
    report({
      type: 'fetch:success',
      provider,
      latencyMs: Math.round(performance.now() - started),
      modelCount: listing.models.length,
      source,
      ...(changes ? { changes } : {}),
    });
    const status: ProviderStatus = {
      source,
      fetchedAt,
      ...(listing.skipped ? { skipped: listing.skipped } : {}),
      ...(changes ? { changes } : {}),
    };
    return { provider, models: [...listing.models], status };
  }
}

/**
 * A model-list diff: ids present now and not before, and the reverse.
 *
 * @example
 * ```ts
 * const { status } = await catalog.listModels({ provider: 'openai', refresh: true });
 * console.log(status.changes?.added, status.changes?.removed);
 * ```
 */
export interface ModelChanges {
  readonly added: readonly string[];
  readonly removed: readonly string[];
}

function diffIds(before: readonly Model[], after: readonly Model[]): ModelChanges {
  const old = new Set(before.map((model) => model.id));
  const now = new Set(after.map((model) => model.id));
  return {
    added: [...now].filter((id) => !old.has(id)),
    removed: [...old].filter((id) => !now.has(id)),
  };
}

function fromEntry(
  entry: CacheEntry,
  extra: Partial<Pick<ProviderStatus, 'stale' | 'revalidating' | 'error'>>,
): ProviderResult {
  return {
    provider: entry.providerId,
    models: [...entry.models],
    status: { source: 'cache', fetchedAt: entry.fetchedAt, ...extra },
  };
}

function copyResult(result: ProviderResult): ProviderResult {
  return { ...result, models: [...result.models] };
}

function backoffUntil(error: ModelCatalogError, options: ResolvedModelCatalogOptions): number {
  const retryAfterMs = (error as { retryAfterMs?: number }).retryAfterMs ?? 0;
  const wait =
    error.kind === 'rate_limit'
      ? Math.max(retryAfterMs, options.rateLimitBackoffMs)
      : options.failureBackoffMs;
  return options.now() + wait;
}

/** How long an aborted adapter may take to settle with its own error before the catalog stops waiting. */
const ABORT_GRACE_MS = 100;

/**
 * The time budget of one provider listing: a signal that aborts when the caller's does, or
 * with a `timeout` error once `timeoutMs` has passed, so that every attempt, retry wait,
 * body and page of the listing ends within `timeoutMs`.
 */
function startTimeBudget(provider: string, timeoutMs: number, signal: AbortSignal) {
  const controller = new AbortController();
  const onAbort = (): void => controller.abort(signal.reason);
  signal.addEventListener('abort', onAbort, { once: true });
  if (signal.aborted) onAbort();
  const timer = setTimeout(() => {
    const error = new ProviderRequestError(`${provider}: timed out after ${timeoutMs} ms.`, {
      kind: 'timeout',
      provider,
      retryable: true,
    });
    controller.abort(error);
  }, timeoutMs);
  return {
    signal: controller.signal,
    deadline: performance.now() + timeoutMs,
    end: (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
    },
  };
}

/**
 * Settles as the adapter's promise does, but rejects with the signal's reason soon after it
 * aborts, so that an adapter ignoring its signal cannot hold the caller. The adapter's own
 * error (naming the request) wins when it settles within {@link ABORT_GRACE_MS}.
 */
function settleWithin<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const abort = (): void => {
      timer = setTimeout(() => reject(signal.reason), ABORT_GRACE_MS);
    };
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', abort);
    };
    if (signal.aborted) abort();
    else signal.addEventListener('abort', abort, { once: true });
    Promise.resolve(promise).then(
      (value) => {
        done();
        resolve(value);
      },
      (error: unknown) => {
        done();
        reject(error);
      },
    );
  });
}

/** Rejects as soon as the caller's signal aborts, without waiting for shared work to stop. */
function untilAborted<T>(
  promise: Promise<T>,
  signal: AbortSignal,
  provider: string,
  onAbort: () => void,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const abort = (): void => {
      onAbort();
      reject(abortError(provider, signal.reason));
    };
    if (signal.aborted) return abort();
    signal.addEventListener('abort', abort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', abort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', abort);
        reject(error);
      },
    );
  });
}

/** The error a cancelled call rejects with. */
export function abortError(provider: string | undefined, reason: unknown): ModelCatalogError {
  return new ModelCatalogError(`${provider ? `${provider}: ` : ''}listing was aborted.`, {
    kind: 'aborted',
    provider,
    cause: reason,
  });
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
function normalizeListing(
  value: ProviderListing | readonly Model[],
  provider: string,
): ProviderListing {
  const listing: ProviderListing = Array.isArray(value)
    ? { models: value }
    : (value as ProviderListing);
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
    const category = MODEL_CATEGORIES.includes(model.category)
      ? model.category
      : classifyModel(model.id);
    models.push({
      ...model,
      name: model.name || model.id,
      category,
      provider: model.provider || provider,
    });
  }
  return { ...listing, models, skipped };
}

function scrubError(
  error: unknown,
  provider: string,
  secrets: readonly string[],
  signal: AbortSignal,
): ModelCatalogError {
  if (signal.aborted && !(ModelCatalogError.isInstance(error) && error.kind === 'aborted')) {
    return abortError(provider, signal.reason);
  }
  if (ModelCatalogError.isInstance(error)) {
    if (secrets.some((secret) => error.message.includes(secret))) {
      error.message = redactSecrets(error.message, secrets);
      if (error.stack) error.stack = redactSecrets(error.stack, secrets);
    }
    return error;
  }
  const message = errorMessage(error);
  return new ModelCatalogError(`${provider}: ${redactSecrets(message, secrets)}`, {
    kind: 'invalid_response',
    provider,
    // An original that quotes a secret would carry it along as `cause`; drop it then.
    cause: secrets.some((secret) => message.includes(secret)) ? undefined : error,
  });
}

function toCatalogError(error: unknown, provider: string): ModelCatalogError {
  return ModelCatalogError.isInstance(error)
    ? error
    : new ModelCatalogError(`${provider}: ${errorMessage(error)}`, {
        kind: 'invalid_response',
        provider,
        cause: error,
      });
}

/** The plain, secret-free form of an error used in results. */
export function describeError(error: unknown, provider?: string): ProviderErrorInfo {
  if (ModelCatalogError.isInstance(error)) {
    return {
      kind: error.kind,
      message: error.message,
      ...(error.status ? { status: error.status } : {}),
    };
  }
  return {
    kind: 'invalid_response',
    message: `${provider ? `${provider}: ` : ''}${errorMessage(error)}`,
  };
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
