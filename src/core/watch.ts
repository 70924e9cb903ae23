import type { WatchOptions } from '../types.js';
import { checkFunction, checkNumber, checkOptionNames } from './check-option.js';
import { loadOnce } from './load-once.js';
import { unrefTimeout } from './unref-timeout.js';
import type { WatchSchedule, WatchTarget } from './watch-schedule.js';

const MAX_TIMER_MS = 2_147_483_647;

/** The scheduler, loaded with the first watch: programs that never watch never load it. */
const loadScheduler = loadOnce(() => import('./watch-schedule.js'));

/**
 * Starts refreshing providers on a schedule (see `runWatch` in `watch-schedule.ts`). The options
 * are checked here, at the call, so a bad one throws a `TypeError` at once; the first refresh
 * times are drawn here too, counted from the call, while the scheduler loads. Returns the
 * function that stops the watch, which works before the scheduler has loaded as well.
 */
export function startWatch(options: WatchOptions, target: WatchTarget): () => void {
  checkOptionNames('watch()', options, ['intervalMs', 'jitter', 'providers', 'signal', 'onChange']);
  const intervalMs = checkNumber('intervalMs', options.intervalMs, 1, MAX_TIMER_MS);
  const jitter = checkNumber('jitter', options.jitter ?? 0.1, 0, 0.5);
  const onChange = checkFunction('onChange', options.onChange);
  const { signal } = options;
  if (signal !== undefined && typeof signal?.addEventListener !== 'function') {
    throw new TypeError('`signal` must be an AbortSignal.');
  }
  if (options.providers !== undefined && !Array.isArray(options.providers)) {
    throw new TypeError('`providers` must be an array of provider ids.');
  }
  const providers = target.providerIds(options.providers);
  if (signal?.aborted) return () => {};
  // Listening starts at the call: no change is missed while the scheduler loads.
  const unsubscribe = onChange ? target.subscribe(onChange) : undefined;
  const schedule: WatchSchedule = {
    startedAt: Date.now(),
    intervalMs,
    jitter,
    unsubscribe,
    signal,
    // A first refresh within `jitter × intervalMs` of the start, for each provider.
    firstDelays: providers.map((provider) => ({
      provider,
      delayMs: Math.random() * jitter * intervalMs,
    })),
  };
  let stopWatch: (() => void) | undefined;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  // A scheduler that could not load (a chunk a browser failed to fetch) is tried again an
  // interval later, on an unref'd timer, rather than left as an unhandled rejection.
  const load = (): void => {
    loadScheduler().then(
      ({ runWatch }) => {
        if (!stopped) stopWatch = runWatch(schedule, target);
      },
      () => {
        if (!stopped) retry = unrefTimeout(load, intervalMs);
      },
    );
  };
  load();
  return () => {
    if (!stopWatch && !stopped) unsubscribe?.();
    stopped = true;
    clearTimeout(retry);
    stopWatch?.();
  };
}
