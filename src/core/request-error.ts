import { HTTPError } from 'ky';
import { ProviderRequestError, toCatalogError } from '../errors/index.js';
import { cutText } from '../errors/redact.js';
import type { ErrorKind } from '../types.js';
import { readText } from './read-text.js';
import { parseRetryAfter, RETRY_STATUS_CODES } from './retry-policy.js';
import { type TimeBudget, timeoutError } from './signals.js';

// The errors of a failed request, loaded with the first failure: a listing that succeeds never
// loads this module.

/** The most bytes of an error body read for the provider's message. */
const ERROR_BODY_BYTES = 16 * 1024;

/** What the client of a listing knows that the error of one of its requests needs. */
export interface RequestErrorOptions {
  readonly provider: string;
  readonly budget: TimeBudget;
  /** The longest `Retry-After` reported on an error; longer ones are cut to it. */
  readonly maxBackoffMs: number;
  /** Whether the budget's own time had run out when the request failed. */
  readonly timedOut: boolean;
  /** Whether the budget had aborted (its time, the caller, or the end of the listing) then. */
  readonly aborted: boolean;
}

/**
 * The library's error for what a request of a listing threw (the client passes its own errors
 * on before): an HTTP status as `auth`, `rate_limit` or `http` with the provider's message, a
 * spent budget as `timeout`, a cancellation as `aborted`, anything else as `network`; every
 * text `scrub`bed.
 */
export async function toRequestError(
  error: unknown,
  options: RequestErrorOptions,
  target: string,
  scrub: (text: string, quoted?: boolean) => string,
): Promise<Error> {
  const { provider, budget } = options;
  if (error instanceof HTTPError) return httpStatusError(error, options, target, scrub);
  if (options.timedOut) return timeoutError(provider, budget.timeoutMs, target);
  if (options.aborted) return toCatalogError(error, { provider, signal: budget.signal });
  const detail = error instanceof Error ? scrub(describeNetworkError(error)) : 'unknown error';
  return new ProviderRequestError(`${provider}: ${target} failed: ${detail}.`, {
    kind: 'network',
    provider,
    retryable: true,
  });
}

/** Maps a status to our error, with the provider's own message (scrubbed, then shortened) when it gave one. */
async function httpStatusError(
  error: HTTPError,
  options: RequestErrorOptions,
  target: string,
  scrub: (text: string, quoted?: boolean) => string,
): Promise<Error> {
  const { provider } = options;
  const { status } = error.response;
  const fail = (): Error => new Error();
  const body = await readText(error.response, ERROR_BODY_BYTES, fail, fail).catch(() => '');
  // What the provider said may echo a key, however short: scrubbed as a quote.
  const detail = providerMessage(body, (text) => scrub(text, true));
  const statusText = scrub(error.response.statusText, true);
  const kind: ErrorKind =
    status === 401 || status === 403 ? 'auth' : status === 429 ? 'rate_limit' : 'http';
  const retryAfterMs = parseRetryAfter(error.response.headers.get('retry-after'));
  const message = `${provider}: ${target} answered ${status}${statusText ? ` ${statusText}` : ''}${
    detail ? `: ${detail}` : ''
  }`;
  return new ProviderRequestError(scrub(message), {
    kind,
    provider,
    status,
    retryable: RETRY_STATUS_CODES.includes(status),
    retryAfterMs:
      retryAfterMs === undefined ? undefined : Math.min(retryAfterMs, options.maxBackoffMs),
  });
}

/**
 * Pulls a short human message out of the usual error bodies: `{error:{message}}`, `{error}`,
 * `{message}`, AWS's `{Message}`, `{detail}`. Scrubbed as parsed, before it is cut, so that half a key never
 * survives the cut: in the body a key may be written otherwise (`\/` for `/`, `\u002b` for `+`).
 */
function providerMessage(body: string, scrub: (text: string) => string): string | undefined {
  let message: unknown;
  try {
    const json = JSON.parse(body) as Record<string, unknown> | null;
    const inner = json?.error;
    message =
      (typeof inner === 'object' && inner !== null
        ? (inner as { message?: unknown }).message
        : inner) ??
      json?.message ??
      // AWS services write `Message` (`AccessDeniedException` bodies).
      json?.Message ??
      json?.detail;
  } catch {
    return undefined;
  }
  if (typeof message !== 'string' || message.trim() === '') return undefined;
  return cutText(scrub(message).replace(/\s+/g, ' ').trim(), 200);
}

function describeNetworkError(error: Error): string {
  const cause = error.cause instanceof Error ? error.cause : undefined;
  const code = (cause as { code?: unknown } | undefined)?.code;
  return [error.message, typeof code === 'string' ? code : cause?.message]
    .filter(Boolean)
    .join(': ');
}
