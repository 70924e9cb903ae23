import { ProviderRequestError } from '../errors/index.js';
import { unrefTimeout } from './unref-timeout.js';

/**
 * The cancellation model, in one place. A listing runs under one signal that composes, with
 * `AbortSignal.any` and `AbortSignal.timeout`:
 * - the shared fetch's lifetime ({@link createSharedLifetime}): aborted when the last caller
 *   that can cancel has cancelled, never while a caller without a signal still waits;
 * - the provider's time budget ({@link startTimeBudget}): `timeoutMs` for every request,
 *   retry wait, body and page of the listing.
 * Each caller waits on the shared work with {@link raceSignal}, so its own signal rejects its
 * call at once without stopping the work for the others. A cache read, which takes no signal, is
 * bounded by a plain timer ({@link raceTimeout}); a fleet lock's waiter polls with `sleep`
 * (`sleep.ts`, loaded with the lock's code only), which an abort ends at once. Nothing else in
 * the library races work against a signal: ky and `readText` only hand the listing's signal on
 * to `fetch` and the body's reader.
 */

/** The time budget of one provider listing. */
export interface TimeBudget {
  /** Aborts when the shared fetch is cancelled, when `timeoutMs` have passed, or at {@link TimeBudget.end}. */
  readonly signal: AbortSignal;
  readonly timeoutMs: number;
  /** Milliseconds left, 0 when spent. */
  remainingMs(): number;
  /** True when the budget's own time ran out (not a cancellation). */
  timedOut(): boolean;
  /** Ends the listing: any request of it still under way (a sibling of one that failed) is aborted. */
  end(): void;
}

/**
 * Why a listing's requests still under way at its end are aborted (a sibling of one that
 * failed): an `AbortError`, as `abort()` gives, made once and frozen, since every listing shares it.
 */
const LISTING_ENDED = Object.freeze(new DOMException('the listing ended', 'AbortError'));

/** A budget of `timeoutMs`, of which `spentMs` are gone (reading the cache), under `signal`. */
export function startTimeBudget(signal: AbortSignal, timeoutMs: number, spentMs = 0): TimeBudget {
  const timer = AbortSignal.timeout(Math.max(0, Math.ceil(timeoutMs - spentMs)));
  const ended = new AbortController();
  const budget = anySignal([signal, timer, ended.signal]);
  const deadline = performance.now() + timeoutMs - spentMs;
  return {
    signal: budget,
    timeoutMs,
    // Nothing once aborted: the timer may fire a fraction of a millisecond before the deadline.
    remainingMs: () => (budget.aborted ? 0 : Math.max(0, deadline - performance.now())),
    // `any` keeps the reason of the first signal to abort: the timer's, or the caller's.
    timedOut: () => budget.aborted && budget.reason === timer.reason,
    // One reason for every listing: a `DOMException` made per listing costs its stack trace.
    end: () => ended.abort(LISTING_ENDED),
  };
}

/**
 * `AbortSignal.any(signals)`, also where the runtime lacks it (Next.js's edge runtime): aborts
 * with the reason of the first signal to abort.
 */
function anySignal(signals: AbortSignal[]): AbortSignal {
  if (AbortSignal.any) return AbortSignal.any(signals);
  const controller = new AbortController();
  for (const source of signals) {
    if (source.aborted) controller.abort(source.reason);
    else source.addEventListener('abort', () => controller.abort(source.reason), { once: true });
  }
  return controller.signal;
}

/** The lifetime of work shared by several callers. */
export interface SharedLifetime {
  /** Aborts once every caller that joined with a signal has cancelled, and none joined without one. */
  readonly signal: AbortSignal;
  /**
   * Adds a caller. Without a signal (or for background work) the work is pinned: it runs to
   * its end. Returns what the caller calls, once, when its own signal aborts.
   */
  join(signal: AbortSignal | undefined): () => void;
}

/** Creates the lifetime of one shared fetch. */
export function createSharedLifetime(): SharedLifetime {
  const controller = new AbortController();
  let cancellable = 0;
  let pinned = false;
  return {
    signal: controller.signal,
    join(signal) {
      if (!signal) {
        pinned = true;
        return () => {};
      }
      cancellable++;
      return () => {
        cancellable--;
        if (!pinned && cancellable === 0) controller.abort(signal.reason);
      };
    },
  };
}

/**
 * Settles as `work` does, or rejects with `rejection(reason)` once `signal` has aborted and
 * `graceMs` more have passed (time for work that honours the signal to settle with its own,
 * more precise error). `rejection` runs when the signal aborts. Listener and timer are gone
 * once it settles.
 */
export function raceSignal<T>(
  work: Promise<T>,
  signal: AbortSignal,
  rejection: (reason: unknown) => unknown,
  graceMs = 0,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const abort = (): void => {
      const error = rejection(signal.reason);
      if (graceMs === 0) reject(error);
      else timer = setTimeout(() => reject(error), graceMs);
    };
    const settle = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', abort);
    };
    if (signal.aborted) abort();
    else signal.addEventListener('abort', abort, { once: true });
    work.then(
      (value) => {
        settle();
        resolve(value);
      },
      (error: unknown) => {
        settle();
        reject(error);
      },
    );
  });
}

/**
 * Settles as `work` does, or rejects with `rejection()` once `timeoutMs` have passed: for work
 * that takes no signal (a cache's `get`). A plain timer, cleared as the work settles and unref'd
 * where the runtime can (it never keeps a process alive): an `AbortSignal.timeout` per call stays
 * pending until it fires, and cost about a tenth of a file-cache hit.
 */
export function raceTimeout<T>(
  work: Promise<T>,
  timeoutMs: number,
  rejection: () => unknown,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = unrefTimeout(() => reject(rejection()), timeoutMs);
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/** The error of a spent time budget, naming the request under way when there was one. */
export function timeoutError(provider: string, timeoutMs: number, target?: string): Error {
  return new ProviderRequestError(
    `${provider}: ${target ? `${target} ` : ''}timed out after ${timeoutMs} ms.`,
    {
      kind: 'timeout',
      provider,
      retryable: true,
    },
  );
}
