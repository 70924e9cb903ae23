import type { CatalogChange, ProviderResult } from '../types.js';
import { unrefTimeout } from './unref-timeout.js';

/** What a watch needs of its catalog. */
export interface WatchTarget {
  /** The canonical ids of the providers named (aliases resolved, unknown ids rejected), else of every configured one. */
  readonly providerIds: (wanted: readonly string[] | undefined) => readonly string[];
  /** Lists one provider of the catalog's own account, fetching unless its entry is younger than `freshForMs`. */
  readonly refresh: (
    provider: string,
    freshForMs: number,
    signal: AbortSignal,
  ) => Promise<ProviderResult>;
  /** Adds an `onChange` listener; returns the function that removes it. */
  readonly subscribe: (listener: (change: CatalogChange) => void) => () => void;
}

/** A checked watch, its first refresh times drawn: what `startWatch` hands the scheduler. */
export interface WatchSchedule {
  /** `Date.now()` at the call: the first delays count from it. */
  readonly startedAt: number;
  readonly intervalMs: number;
  readonly jitter: number;
  /** Removes the watch's `onChange` listener, added at the call. */
  readonly unsubscribe: (() => void) | undefined;
  readonly signal: AbortSignal | undefined;
  readonly firstDelays: readonly { readonly provider: string; readonly delayMs: number }[];
}

/** After failures, waits grow to at most this many intervals. */
const MAX_BACKOFF_FACTOR = 8;
const MAX_TIMER_MS = 2_147_483_647;

/**
 * Starts refreshing providers on a schedule: each on its own timer, the first refresh within
 * `jitter × intervalMs` of the start, then every `intervalMs` give or take the jitter. After a
 * failure (the list served stale, or no list) the wait doubles, up to eight intervals, and
 * honours a longer `Retry-After`; a success brings it back to one interval. A list fetched less
 * than half an interval ago counts as refreshed, so that instances sharing a store (whose locks
 * let one of them fetch while the others wait) refresh each list about once per interval between
 * them. Timers are unref'd: a watch never keeps a process alive (a refresh under way does, until
 * it ends; with `jitter: 0` the first one starts at once). Returns the function that stops it.
 */
export function runWatch(watch: WatchSchedule, target: WatchTarget): () => void {
  const { intervalMs, jitter, unsubscribe, signal } = watch;
  const controller = new AbortController();
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  let stopped = false;

  const stop = (): void => {
    if (stopped) return;
    stopped = true;
    for (const timer of timers.values()) clearTimeout(timer);
    timers.clear();
    controller.abort();
    unsubscribe?.();
    signal?.removeEventListener('abort', stop);
  };

  const schedule = (provider: string, delayMs: number, failures: number): void => {
    if (stopped) return;
    timers.set(
      provider,
      unrefTimeout(() => void tick(provider, failures), Math.min(delayMs, MAX_TIMER_MS)),
    );
  };

  const tick = async (provider: string, failures: number): Promise<void> => {
    let failed: boolean;
    let retryAfterMs: number | undefined;
    try {
      const result = await target.refresh(provider, intervalMs / 2, controller.signal);
      failed = result.status.error !== undefined;
      retryAfterMs = result.status.error?.retryAfterMs;
    } catch (error) {
      // Reported through the catalog's `onEvent` (`fetch:error`); the watch only backs off.
      failed = true;
      retryAfterMs = (error as { retryAfterMs?: number }).retryAfterMs;
    }
    const next = failed ? failures + 1 : 0;
    const wait = spread(intervalMs * Math.min(2 ** next, MAX_BACKOFF_FACTOR), jitter);
    // An adapter's own error may carry anything: a wait that is not a number >= 0 (NaN would
    // make the timer fire at once, again and again) does not count.
    const asked = retryAfterMs !== undefined && retryAfterMs >= 0 ? retryAfterMs : 0;
    schedule(provider, Math.max(wait, asked), next);
  };

  if (signal?.aborted) {
    stop();
    return stop;
  }
  signal?.addEventListener('abort', stop, { once: true });
  // The scheduler may have loaded after the call: the time since counts against the first wait.
  const elapsedMs = Date.now() - watch.startedAt;
  for (const { provider, delayMs: drawnMs } of watch.firstDelays) {
    // A first refresh due now starts now: an unref'd timer alone may never fire in a process
    // with nothing else to do. Its request keeps the process alive until it ends, not longer.
    const delayMs = Math.max(0, drawnMs - elapsedMs);
    if (delayMs === 0) void tick(provider, 0);
    else schedule(provider, delayMs, 0);
  }
  return stop;
}

/** A wait of `milliseconds`, varied at random by up to `jitter` of it either way. */
function spread(milliseconds: number, jitter: number): number {
  return milliseconds * (1 + jitter * (2 * Math.random() - 1));
}
