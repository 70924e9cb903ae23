import type { KyInstance } from 'ky';
import {
  describeError,
  errorMessage,
  type ModelCatalogError,
  redactSecrets,
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
import { settingsFingerprint, usesDefaultEndpoint } from './fingerprint.js';
import { loadOnce } from './load-once.js';
import type { ResolvedModelCatalogOptions } from './options.js';
import { CLOCK_SKEW_MS, fetchTimeOf, peekOf, readCacheEntry } from './read-cache-entry.js';
import { createSharedLifetime, raceSignal, raceTimeout, type SharedLifetime } from './signals.js';

/** What one caller asks of one provider. */
export interface LoadRequest {
  readonly refresh: boolean;
  readonly signal: AbortSignal | undefined;
  /** False for per-request credentials: their entry is always keyed by account. Default true. */
  readonly own?: boolean;
  /** Per-request headers: sent with each request, and part of the account's fingerprint. */
  readonly headers?: Readonly<Record<string, string>> | undefined;
  /** True when the call's credentials chose the endpoint (see `CALLER_ENDPOINT`). */
  readonly callerEndpoint?: boolean;
  /** For a watch: an entry younger than this is served, an older one refetched before answering. */
  readonly freshForMs?: number;
}

/** Loads one provider's list: from the cache when fresh, else live, with the safety nets around it. */
export type ProviderLoader = (
  adapter: ProviderAdapter,
  settings: ResolvedSettings,
  request: LoadRequest,
) => Promise<ProviderResult>;

/** How many account fingerprints the loader remembers. */
const MAX_FINGERPRINTS = 1000;

/** An adapter's last account fingerprint: the settings it is of, and the digest. */
interface FingerprintMemo {
  readonly settings: ResolvedSettings;
  readonly cacheKey: string | undefined;
  readonly value: Promise<string>;
  /** The digest, once `value` has resolved. */
  resolved?: string;
}

/** A fetch shared by every caller of the same provider and account. */
interface SharedFetch {
  readonly promise: Promise<ProviderResult>;
  readonly lifetime: SharedLifetime;
}

/**
 * The fetch path (the HTTP client, ky, and the listing of a provider), loaded with a catalog's
 * first fetch: a program served from the cache never loads it, and the import costs nothing
 * next to a request once it has loaded.
 */
const loadFetching = loadOnce(() => import('./fetch-provider.js'));

/** The fetch under a fleet lock, loaded with the first fetch through a store that has locks. */
const loadLocking = loadOnce(() => import('./fetch-under-lock.js'));

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
  // The ky instance of the catalog, made with its first fetch (see `loadFetching`).
  let transport: KyInstance | undefined;
  const reads = new Map<string, Promise<CacheEntry | undefined>>();
  const fetches = new Map<string, SharedFetch>();
  const failures = new Map<string, { readonly until: number; readonly error: ModelCatalogError }>();
  // Memoized so that concurrent callers reach the shared maps in the same turn (digests
  // resolve off-thread); one entry per adapter, so rotating keys do not pile up.
  // Bounded, so that many accounts and rotating keys do not pile up.
  const fingerprints = new Map<string, Promise<string>>();
  // The last fingerprint of each adapter, checked field by field: a cache hit of the same
  // account (the common case) then costs no JSON of its settings, and, once the digest has
  // resolved, no wait for it either.
  const lastFingerprints = new WeakMap<ProviderAdapter, FingerprintMemo>();
  /** The account's fingerprint: the text itself when it is known already, else its promise. */
  const fingerprintOf = (
    adapter: ProviderAdapter,
    settings: ResolvedSettings,
    cacheKey: string | undefined,
  ): string | Promise<string> => {
    const last = lastFingerprints.get(adapter);
    if (last && last.cacheKey === cacheKey && sameSettings(last.settings, settings))
      return last.resolved ?? last.value;
    const value = fingerprintByInput(adapter, settings, cacheKey);
    const memo: FingerprintMemo = { settings, cacheKey, value };
    lastFingerprints.set(adapter, memo);
    // Known from when it resolves; a digest that fails stays a rejected `value`, as before.
    value.then(
      (text) => {
        memo.resolved = text;
      },
      () => {},
    );
    return value;
  };
  const fingerprintByInput = (
    adapter: ProviderAdapter,
    settings: ResolvedSettings,
    cacheKey: string | undefined,
  ): Promise<string> => {
    const input = JSON.stringify([adapter.id, settings, cacheKey ?? null]);
    let value = fingerprints.get(input);
    if (!value) {
      value = settingsFingerprint(adapter.id, adapter.settings ?? {}, settings, cacheKey);
      if (fingerprints.size >= MAX_FINGERPRINTS)
        fingerprints.delete(fingerprints.keys().next().value!);
      fingerprints.set(input, value);
    }
    return value;
  };
  const rememberFailure = (key: string, error: ModelCatalogError): void => {
    const now = options.now();
    for (const [other, failure] of failures) if (failure.until <= now) failures.delete(other);
    failures.set(key, { until: backoffUntil(error, options), error });
  };

  /**
   * The cached entry, if it belongs to this account and endpoint. One read per key at a time;
   * a read taking longer than `timeoutMs` is a miss, and the caller's signal ends its wait.
   */
  const readUsable = async (
    cacheKey: string,
    provider: string,
    accepts: (entry: CacheEntry) => boolean,
    signal: AbortSignal | undefined,
  ): Promise<CacheEntry | undefined> => {
    if (!cache) return undefined;
    let read = reads.get(cacheKey);
    if (!read) {
      const started = readCache(cache, cacheKey, provider, report, options.timeoutMs);
      reads.set(cacheKey, started);
      // Forgotten as it settles, before its readers go on (`readCache` never rejects).
      void started.then(() => reads.delete(cacheKey));
      read = started;
    }
    const entry = await (signal
      ? raceSignal(read, signal, () => toCatalogError(undefined, { provider, signal }))
      : read);
    return usable(entry, accepts);
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
      const promise = run(lifetime.signal)
        .then(frozenStatus)
        .finally(() => {
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
    const started = performance.now();
    const provider = adapter.id;
    const own = request.own ?? true;
    const settingSpecs = adapter.settings ?? {};
    // Per-request headers change what is listed and may carry tokens: hashed in, like cacheKey.
    const cacheKeyInput = request.headers
      ? JSON.stringify([adapter.cacheKey ?? null, request.headers])
      : adapter.cacheKey;
    const known = fingerprintOf(adapter, settings, cacheKeyInput);
    const fingerprint = typeof known === 'string' ? known : await known;
    // One key per provider and account: the in-process maps and the locks always use it; the
    // cache too, except for the catalog's own account in a cache without `accountKeys`.
    const key = `${provider}@${fingerprint}`;
    const cacheKey = own && !(cache && cache.accountKeys) ? provider : key;
    const defaultEndpoint = usesDefaultEndpoint(settingSpecs, settings, cacheKeyInput);
    // An entry from another account or endpoint is a miss; a plain-format entry (no fingerprint) counts
    // only for the catalog's own account on the default endpoint.
    const accepts = (entry: CacheEntry): boolean =>
      entry.fingerprint === undefined ? own && defaultEndpoint : entry.fingerprint === fingerprint;
    const freshForMs = request.freshForMs ?? options.ttlMs;
    const isFresh = (entry: CacheEntry): boolean => {
      const age = options.now() - fetchTimeOf(entry);
      // A fetchedAt a little ahead is another host's clock (a fleet's clocks differ by
      // milliseconds to seconds): fresh, or each host behind would fetch again. Further ahead
      // (a clock far off, a hand-edited file) it is not trusted.
      return age >= -CLOCK_SKEW_MS && age < freshForMs;
    };

    // An in-memory cache is read at once; a caller that has cancelled takes the way that says so.
    const peek = cache ? peekOf(cache) : undefined;
    const entry =
      peek && !request.signal?.aborted
        ? usable(readCacheEntry(peek(cacheKey), provider), accepts)
        : await readUsable(cacheKey, provider, accepts, request.signal);
    // Reading the cache counts against the provider's time budget (a lock wait does not; a read
    // under a lock does, see fetch-under-lock.ts).
    const readMs = performance.now() - started;
    if (!request.refresh && entry && isFresh(entry)) {
      report({ type: 'cache:hit', provider, fetchedAt: entry.fetchedAt });
      return fromEntry(entry, {});
    }
    if (!request.refresh && cache) report({ type: 'cache:miss', provider });

    const fetchLive = (signal: AbortSignal, lockedMs = 0): Promise<ProviderResult> =>
      loadFetching()
        .then(({ fetchProvider, createTransport }) => {
          transport ??= createTransport(options);
          return fetchProvider({
            adapter,
            settings,
            headers: request.headers,
            callerEndpoint: request.callerEndpoint,
            signal,
            fingerprint,
            transport,
            spentMs: readMs + lockedMs,
            cacheKey,
            // The entry read above: a second read per fetch would double the cache I/O.
            previousEntry: entry,
            options,
            cache,
            report,
          });
        })
        .then(
          (result) => {
            failures.delete(key);
            return result;
          },
          (error: unknown) => {
            const failure = toCatalogError(error, { provider });
            // A budget the cache spent whole (no request was sent) is no failure of the provider.
            const requested = readMs + lockedMs < options.timeoutMs;
            if (failure.kind !== 'aborted' && requested) rememberFailure(key, failure);
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

    // With a store that has locks, one process of a fleet fetches (see fetch-under-lock.ts).
    const acceptsStale = !request.refresh && options.serveStale;
    const fetchOnce = (signal: AbortSignal): Promise<ProviderResult> => {
      if (!cache || typeof cache.lock !== 'function') return fetchLive(signal);
      const lock = cache.lock.bind(cache);
      /** An entry another process wrote since ours was read: its fetch stands for ours. */
      const writtenMeanwhile = async (): Promise<ProviderResult | undefined> => {
        const written = await readCache(cache, cacheKey, provider, report, options.timeoutMs);
        return written &&
          accepts(written) &&
          written.fetchedAt !== entry?.fetchedAt &&
          isFresh(written)
          ? fromEntry(written, {})
          : undefined;
      };
      return loadLocking().then(({ fetchUnderLock }) =>
        fetchUnderLock({
          lock,
          key,
          provider,
          timeoutMs: options.timeoutMs,
          signal,
          stale:
            entry && acceptsStale
              ? fromEntry(entry, { stale: true, revalidating: true })
              : undefined,
          writtenMeanwhile,
          fetchLive,
          report,
        }),
      );
    };

    // A fetch that may end in the stale copy (another process holds the lock) is shared only by
    // callers that accept one: a refresh gets a list fetched after its call.
    const sharedKey = cache !== false && cache.lock && entry && acceptsStale ? `${key} stale` : key;
    const failure = failures.get(key);
    const backoff =
      !request.refresh && failure && options.now() < failure.until ? failure : undefined;
    const background =
      options.revalidate === 'background' && request.freshForMs === undefined && !request.refresh;
    if (background && entry && !backoff) {
      fetchShared(sharedKey, provider, fetchOnce, undefined).catch(() => {}); // reported through fetch:error
      return fromEntry(entry, { stale: true, revalidating: true });
    }
    if (backoff) return serveStaleOrThrow(entry, backoff.error);
    try {
      return await fetchShared(sharedKey, provider, fetchOnce, request.signal);
    } catch (error) {
      return serveStaleOrThrow(entry, toCatalogError(error, { provider }));
    }
  };

  function serveStaleOrThrow(
    entry: CacheEntry | undefined,
    error: ModelCatalogError,
  ): ProviderResult {
    // Each caller its own copy (a caller's abort is its own already): one error is kept for a
    // back-off and shared by the callers of one fetch, and what a caller adds to its error
    // (a message prefix, an error tracker's "captured" mark) must not reach the next caller.
    if (error.kind === 'aborted') throw error;
    if (!entry || !options.serveStale) {
      throw Object.create(Object.getPrototypeOf(error), Object.getOwnPropertyDescriptors(error));
    }
    return fromEntry(entry, { stale: true, error: describeError(error) });
  }
}

/**
 * A result served from a cache entry, holding the entry's own frozen list (see
 * `readCacheEntry`): a hit copies nothing, and every caller gets that list.
 */
export function fromEntry(
  entry: CacheEntry,
  extra: Partial<Pick<ProviderStatus, 'stale' | 'revalidating' | 'error'>>,
): ProviderResult {
  return {
    provider: entry.providerId,
    models: entry.models,
    status: { source: 'cache', fetchedAt: entry.fetchedAt, ...extra },
  };
}

/** The entry, when it belongs to the account and endpoint asked for (`accepts`). */
function usable(
  entry: CacheEntry | undefined,
  accepts: (entry: CacheEntry) => boolean,
): CacheEntry | undefined {
  return entry && accepts(entry) ? entry : undefined;
}

/**
 * A shared fetch's result, with its status frozen: every caller holds it (a fetched status is
 * frozen already; a stale copy served while another process fetches is not).
 */
function frozenStatus(result: ProviderResult): ProviderResult {
  Object.freeze(result.status);
  return result;
}

/** Each caller of a shared fetch gets its own result object; the list and status are frozen. */
function copyResult(result: ProviderResult): ProviderResult {
  return { ...result };
}

function backoffUntil(error: ModelCatalogError, options: ResolvedModelCatalogOptions): number {
  // An adapter's own error may carry anything: NaN does not count.
  const asked = error.retryAfterMs ?? 0;
  const retryAfterMs = Number.isNaN(asked) ? 0 : asked;
  // A provider that says when to come back (`Retry-After` on a 429 or a 503) is not asked sooner.
  const wait = Math.max(
    retryAfterMs,
    error.kind === 'rate_limit' ? options.rateLimitBackoffMs : options.failureBackoffMs,
  );
  // However long a provider asks (`Retry-After: 1e308`), never longer than `maxBackoffMs`.
  return options.now() + Math.min(wait, options.maxBackoffMs);
}

/** True when two resolutions of an adapter's settings hold the same values. */
function sameSettings(first: ResolvedSettings, second: ResolvedSettings): boolean {
  if (first === second) return true;
  const names = Object.keys(first);
  if (names.length !== Object.keys(second).length) return false;
  return names.every((name) => first[name] === second[name]);
}

/** Settles after every promise that has settled already: `Promise.race` with it says which. */
const NOT_YET_MARK: unique symbol = Symbol('not yet');
const NOT_YET: Promise<typeof NOT_YET_MARK> = Promise.resolve(NOT_YET_MARK);

async function readCache(
  cache: ModelCache,
  cacheKey: string,
  provider: string,
  report: (event: CatalogEvent) => void,
  timeoutMs: number,
): Promise<CacheEntry | undefined> {
  try {
    const answer = Promise.resolve(cache.get(cacheKey));
    // A backend that has answered already (any in-process one; the memory cache is read at once,
    // before this) is not raced against a timer: a timer per hit would cost more than the hit.
    let value = await Promise.race([answer, NOT_YET]);
    if (value === NOT_YET_MARK) {
      value = await raceTimeout(
        answer,
        timeoutMs,
        () => new Error(`the cache did not answer within ${timeoutMs} ms`),
      );
    }
    return readCacheEntry(value, provider);
  } catch (error) {
    // A store's error may quote its own credentials (a Redis URL's password, a token).
    report({ type: 'cache:read-error', provider, message: redactSecrets(errorMessage(error)) });
    return undefined;
  }
}
