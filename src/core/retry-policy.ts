/**
 * When a request of a listing is sent again: the statuses worth a retry, and what a
 * `Retry-After` asks for. The client's ky instance retries by it, and an error says by it
 * whether a later call may succeed.
 */

/** The statuses a GET is retried on (and an error is `retryable` for). */
export const RETRY_STATUS_CODES: readonly number[] = [408, 429, 500, 502, 503, 504];

/** The longest `Retry-After` we wait for before retrying; longer fails at once. */
export const MAX_RETRY_AFTER_MS = 10_000;

/** A `Retry-After` longer than the cap, or than what is left of the time budget, fails now instead of waiting. */
export function waitsTooLong(retryAfterMs: number, remainingMs: number): boolean {
  return retryAfterMs > MAX_RETRY_AFTER_MS || retryAfterMs >= remainingMs;
}

/**
 * `Retry-After` is seconds or an HTTP date; returns milliseconds (a date past is 0, and a
 * huge value may be `Infinity`: callers cap it), or undefined for a negative number or garbage.
 */
export function parseRetryAfter(
  value: string | null,
  now: number = Date.now(),
): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  const ms = Number.isNaN(seconds) ? Date.parse(value) - now : seconds * 1000;
  if (Number.isNaN(ms) || seconds < 0) return undefined;
  return Math.max(0, ms);
}
