import { errorMessage, redactSecrets } from '../errors/index.js';
import type { CatalogEvent, ModelCache, ProviderResult } from '../types.js';
import { raceTimeout } from './signals.js';
import { sleep } from './sleep.js';

/** A fleet lock outlives the time budget of the fetch it guards by this much, at most. */
const LOCK_MARGIN_MS = 5000;

/** What a fetch under a fleet lock needs from the loader. */
export interface LockedFetch {
  /** The store's `lock`, bound to it. */
  readonly lock: NonNullable<ModelCache['lock']>;
  /** The provider and account, the key of the lock (as of the loader's in-process maps). */
  readonly key: string;
  readonly provider: string;
  /** The provider's time budget: the lock lasts a little longer, a wait for another process no longer. */
  readonly timeoutMs: number;
  /** The shared fetch's lifetime: a wait for another process ends when it aborts. */
  readonly signal: AbortSignal;
  /** What to serve while another process fetches (the stale copy), when serving stale is allowed. */
  readonly stale: ProviderResult | undefined;
  /** The fresh entry another process wrote since the loader read the cache, as a result. */
  readonly writtenMeanwhile: () => Promise<ProviderResult | undefined>;
  /** Fetches; `lockedMs` of the time budget went under the lock (beyond the loader's cache read). */
  readonly fetchLive: (signal: AbortSignal, lockedMs?: number) => Promise<ProviderResult>;
  readonly report: (event: CatalogEvent) => void;
}

/**
 * Fetches with a store that has locks (`ModelCache.lock`): one process of a fleet fetches; the
 * others serve their stale copy, or wait for its entry within the time budget and then fetch
 * themselves. Loaded with the first fetch through such a store: a cache without locks never
 * loads it.
 */
export async function fetchUnderLock(request: LockedFetch): Promise<ProviderResult> {
  const { signal, fetchLive, writtenMeanwhile, timeoutMs } = request;
  const taking = new Promise<Awaited<ReturnType<LockedFetch['lock']>>>((resolve) =>
    resolve(request.lock(request.key, timeoutMs + LOCK_MARGIN_MS)),
  );
  let release: (() => Promise<void>) | undefined;
  try {
    // Bounded as a cache read is: a store that accepts and never answers must not hold the listing.
    release = await raceTimeout(
      taking,
      timeoutMs,
      () => new Error(`the cache's lock did not answer within ${timeoutMs} ms`),
    );
  } catch (error) {
    // A lock granted after the wait gave up is given back, so the other processes need not wait it out.
    taking.then(giveBack, () => {});
    request.report({
      type: 'cache:read-error',
      provider: request.provider,
      message: redactSecrets(errorMessage(error)),
    });
    return fetchLive(signal);
  }
  if (release) {
    const grantedAt = performance.now();
    try {
      // The second read counts against the fetch's time budget, so the holder is done before its
      // lock (`timeoutMs` plus a margin) expires and another process takes it.
      return (await writtenMeanwhile()) ?? (await fetchLive(signal, performance.now() - grantedAt));
    } finally {
      giveBack(release);
    }
  }
  if (request.stale) return request.stale;
  return (await pollUntil(writtenMeanwhile, timeoutMs, signal)) ?? fetchLive(signal);
}

/** Releases a lock; a release that fails is left to expire by itself. */
function giveBack(release: (() => Promise<void>) | undefined): void {
  if (release)
    Promise.resolve()
      .then(release)
      .catch(() => {});
}

/**
 * Calls `check` until it finds something, waiting 50 ms, then twice as long each time up to
 * a second, for at most `budgetMs`; stops as soon as the signal aborts, even mid-wait.
 */
async function pollUntil<T>(
  check: () => Promise<T | undefined>,
  budgetMs: number,
  signal: AbortSignal,
): Promise<T | undefined> {
  const deadline = performance.now() + budgetMs;
  for (let wait = 50; !signal.aborted; wait = Math.min(wait * 2, 1000)) {
    const left = deadline - performance.now();
    if (left <= 0) return undefined;
    await sleep(Math.min(wait, left), signal);
    if (signal.aborted) return undefined;
    const found = await check();
    if (found !== undefined) return found;
  }
  return undefined;
}
