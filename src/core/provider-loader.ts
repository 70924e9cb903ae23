import type { KyInstance } from 'ky';
import {
  describeError,
  errorMessage,
  type ModelCatalogError,
  toCatalogError,
} from '../errors/index.js';
import type {
  CacheEntry,
  CatalogEvent,
  ModelCache,
  ProviderAdapter,
  ProviderResult,
  ProviderStatus,
  ResolvedSettings,
} from '../types.js';
import { fetchProvider } from './fetch-provider.js';
import { settingsFingerprint, usesDefaultEndpoint } from './fingerprint.js';
import type { ResolvedModelCatalogOptions } from './options.js';
import { readCacheEntry } from './read-cache-entry.js';
import { createSharedLifetime, raceSignal, type SharedLifetime } from './signals.js';

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
  readonly lifetime: SharedLifetime;
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
  transport: KyInstance,
): ProviderLoader {
  const reads = new Map<string, Promise<CacheEntry | undefined>>();
  const fetches = new Map<string, SharedFetch>();
  const failures = new Map<string, { readonly until: number; readonly error: ModelCatalogError }>();
  // Memoized so that concurrent callers reach the shared maps in the same turn (digests
  // resolve off-thread); one entry per adapter, so rotating keys do not pile up.
  const fingerprints = new Map<
    string,
    { readonly input: string; readonly value: Promise<string> }
  >();
  const fingerprintOf = (adapter: ProviderAdapter, settings: ResolvedSettings): Promise<string> => {
    const input = JSON.stringify([settings, adapter.cacheKey ?? null]);
    const memo = fingerprints.get(adapter.id);
    if (memo?.input === input) return memo.value;
    const value = settingsFingerprint(
      adapter.id,
      adapter.settings ?? {},
      settings,
      adapter.cacheKey,
    );
    fingerprints.set(adapter.id, { input, value });
    return value;
  };
  const rememberFailure = (key: string, error: ModelCatalogError): void => {
    const now = options.now();
    for (const [other, failure] of failures) if (failure.until <= now) failures.delete(other);
    failures.set(key, { until: backoffUntil(error, options), error });
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
    // A caller that already cancelled neither starts nor joins a fetch.
    if (signal?.aborted) return Promise.reject(toCatalogError(undefined, { provider, signal }));
    let shared = fetches.get(key);
    // A fetch that every earlier caller cancelled is ending; a new caller starts its own.
    if (!shared || shared.lifetime.signal.aborted) {
      const lifetime = createSharedLifetime();
      const promise = run(lifetime.signal).finally(() => {
        if (fetches.get(key)?.promise === promise) fetches.delete(key);
      });
      shared = { promise, lifetime };
      fetches.set(key, shared);
    }
    const leave = shared.lifetime.join(signal);
    if (!signal) return shared.promise.then(copyResult);
    // The caller's signal rejects its call at once; the fetch stops only when no one waits.
    return raceSignal(shared.promise, signal, () => {
      leave();
      return toCatalogError(undefined, { provider, signal });
    }).then(copyResult);
  };

  return async (adapter, settings, request) => {
    const provider = adapter.id;
    const settingSpecs = adapter.settings ?? {};
    const fingerprint = await fingerprintOf(adapter, settings);
    const key = `${provider}\n${fingerprint}`;
    const defaultEndpoint = usesDefaultEndpoint(settingSpecs, settings, adapter.cacheKey);
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
      fetchProvider({
        adapter,
        settings,
        signal,
        fingerprint,
        transport,
        // The entry read above: a second read per fetch would double the cache I/O.
        previousEntry: entry,
        options,
        cache,
        report,
      }).then(
        (result) => {
          failures.delete(key);
          return result;
        },
        (error: unknown) => {
          const failure = toCatalogError(error, { provider });
          if (failure.kind !== 'aborted') rememberFailure(key, failure);
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
      return serveStaleOrThrow(entry, toCatalogError(error, { provider }));
    }
  };

  function serveStaleOrThrow(
    entry: CacheEntry | undefined,
    error: ModelCatalogError,
  ): ProviderResult {
    if (!entry || !options.serveStale || error.kind === 'aborted') throw error;
    return fromEntry(entry, { stale: true, error: describeError(error) });
  }
}

/** A result served from a cache entry. */
export function fromEntry(
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
  const retryAfterMs = error.retryAfterMs ?? 0;
  const wait =
    error.kind === 'rate_limit'
      ? Math.max(retryAfterMs, options.rateLimitBackoffMs)
      : options.failureBackoffMs;
  return options.now() + wait;
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
