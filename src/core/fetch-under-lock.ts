import { errorMessage } from '../errors/index.js';
import type { CatalogEvent, ModelCache, ProviderResult } from '../types.js';

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
  readonly fetchLive: (signal: AbortSignal) => Promise<ProviderResult>;
  readonly report: (event: CatalogEvent) => void;
}

/**
 * Fetches with a store that has locks (`ModelCache.lock`): one process of a fleet fetches; the
 * others serve their stale copy, or wait for its entry within the time budget and then fetch
 * themselves. Loaded with the first fetch through such a store: a cache without locks never
 * loads it.
 */
export async function fetchUnderLock(request: LockedFetch): Promise<ProviderResult> {
  const { signal, fetchLive, writtenMeanwhile } = request;
  let release: (() => Promise<void>) | undefined;
  try {
    release = await request.lock(request.key, request.timeoutMs + LOCK_MARGIN_MS);
  } catch (error) {
    request.report({
      type: 'cache:read-error',
      provider: request.provider,
      message: errorMessage(error),
    });
    return fetchLive(signal);
  }
  if (release) {
    try {
      return (await writtenMeanwhile()) ?? (await fetchLive(signal));
    } finally {
      release().catch(() => {}); // the lock expires by itself
    }
  }
  if (request.stale) return request.stale;
  return (await pollUntil(writtenMeanwhile, request.timeoutMs, signal)) ?? fetchLive(signal);
}

/**
 * Calls `check` until it finds something, waiting 50 ms, then twice as long each time up to
 * a second, for at most `budgetMs`; stops early when the signal aborts.
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
    await new Promise((resolve) => setTimeout(resolve, Math.min(wait, left)));
    const found = await check();
    if (found !== undefined) return found;
  }
  return undefined;
}
