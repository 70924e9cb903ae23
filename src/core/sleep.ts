/**
 * Waits `ms`, or less when `signal` aborts meanwhile: an abort ends a wait at once (a fleet
 * lock's waiter polling for another process's entry). Resolves either way; the caller reads
 * `signal.aborted`.
 */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
