import ky, { HTTPError, type KyInstance } from 'ky';
import {
  InvalidResponseError,
  ModelCatalogError,
  NotConfiguredError,
  ProviderRequestError,
  toCatalogError,
} from '../errors/index.js';
import { redactSecrets } from '../errors/redact.js';
import type { ErrorKind, HttpClient, HttpRequest } from '../types.js';
import type { TimeBudget } from './signals.js';

/** How the catalog configures the client of one provider listing. */
export interface HttpClientOptions {
  /** The catalog's one ky instance, from {@link createTransport}. */
  readonly transport: KyInstance;
  readonly provider: string;
  /** Cancels every request, retry wait and body of the listing; its end is the listing's deadline. */
  readonly budget: TimeBudget;
  readonly maxResponseBytes: number;
  readonly secrets: readonly string[];
}

const RETRY_STATUS_CODES = [408, 429, 500, 502, 503, 504];
/** The longest `Retry-After` we wait for before retrying; longer fails at once. */
const MAX_RETRY_AFTER_MS = 10_000;
const ERROR_BODY_BYTES = 16 * 1024;

/**
 * The ky instance of one catalog: retries and the fetch to use. It has no timeout of its
 * own: each listing's time budget ends every attempt, wait and body through its signal.
 */
export function createTransport(options: {
  readonly retries: number;
  readonly fetch?: typeof globalThis.fetch | undefined;
}): KyInstance {
  return ky.create({
    ...(options.fetch ? { fetch: options.fetch } : {}),
    timeout: false,
    retry: {
      limit: options.retries,
      methods: ['get'],
      statusCodes: RETRY_STATUS_CODES,
      maxRetryAfter: MAX_RETRY_AFTER_MS,
      backoffLimit: 10_000,
      jitter: true,
    },
  });
}

/** Creates the client for one provider listing. */
export function createHttpClient(options: HttpClientOptions): HttpClient {
  const { budget, provider } = options;
  return {
    async getJson(url, request = {}) {
      const scrub = (text: string): string =>
        redactSecrets(text, [...options.secrets, ...(request.secrets ?? [])]);
      const target = describeTarget(url, request.searchParams);
      if (!isHttpUrl(url)) {
        // A base URL without its scheme (`localhost:8080/v1`) is a setup mistake, not a network fault.
        throw new NotConfiguredError(
          provider,
          `${provider}: ${redactSecrets(url)} is not an absolute http(s) URL; check its base URL option or environment variable.`,
        );
      }
      try {
        const response = await options.transport.get(url, {
          headers: mergeHeaders(request.headers ?? {}),
          searchParams: withoutUndefined(request.searchParams ?? {}),
          signal: budget.signal,
          retry: {
            // A provider asking us to wait longer than the cap, or than the budget has left,
            // fails now (rate_limit, with retryAfterMs) rather than holding the caller.
            shouldRetry: ({ error }) =>
              error instanceof HTTPError &&
              waitsTooLong(
                parseRetryAfter(error.response.headers.get('retry-after')) ?? 0,
                budget.remainingMs(),
              )
                ? false
                : undefined,
          },
          hooks: request.signRequest
            ? { beforeRequest: [(kyRequest) => request.signRequest?.(kyRequest)] }
            : {},
        });
        const text = await readText(
          response,
          options.maxResponseBytes,
          provider,
          target,
          budget.signal,
        );
        return parseJson(text, response, provider, target);
      } catch (error) {
        throw await toRequestError(error, options, target, scrub);
      }
    },
  };
}

/** Reads a body as text, stopping with `invalid_response` past `maxBytes` instead of buffering it all. */
async function readText(
  response: Response,
  maxBytes: number,
  provider: string,
  target: string,
  signal?: AbortSignal,
): Promise<string> {
  const declared = Number(response.headers.get('content-length'));
  if (declared > maxBytes) {
    // Cancelling releases the socket now instead of leaving an unread body holding it. Not
    // awaited: a response that was cloned (msw, tracing wrappers) settles only when every copy is.
    response.body?.cancel().catch(() => {});
    throw tooLarge(provider, target, maxBytes, response.status);
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  // A body that ignores the request's signal (a mocked or wrapped fetch) would stall forever.
  const cancel = (): void => void reader.cancel(signal?.reason).catch(() => {});
  signal?.addEventListener('abort', cancel, { once: true });
  const decoder = new TextDecoder();
  let received = 0;
  let text = '';
  try {
    for (;;) {
      const { done, value } = await reader.read().catch((error: unknown) => {
        throw isDecodeError(error) ? undecodable(provider, target, response) : error;
      });
      if (signal?.aborted) throw signal.reason;
      if (done) break;
      received += value.byteLength;
      if (received > maxBytes) {
        reader.cancel().catch(() => {}); // not awaited, as above
        throw tooLarge(provider, target, maxBytes, response.status);
      }
      text += decoder.decode(value, { stream: true });
    }
  } finally {
    signal?.removeEventListener('abort', cancel);
  }
  return text + decoder.decode();
}

function tooLarge(provider: string, target: string, maxBytes: number, status: number): Error {
  return answeredWith(provider, target, status, `more than ${maxBytes} bytes; giving up`);
}

/** The `invalid_response` error of an answer that is not what the API documents. */
function answeredWith(provider: string, target: string, status: number, what: string): Error {
  return new InvalidResponseError(`${provider}: ${target} answered with ${what}.`, {
    provider,
    status,
  });
}

/** fetch reports a corrupt compressed body as a TypeError caused by a zlib or brotli error. */
function isDecodeError(error: unknown): boolean {
  const code = (error as { cause?: { code?: unknown } } | undefined)?.cause?.code;
  return typeof code === 'string' && (code.startsWith('Z_') || code.startsWith('ERR__ERROR'));
}

function undecodable(provider: string, target: string, response: Response): Error {
  const encoding = response.headers.get('content-encoding') ?? 'unknown';
  return answeredWith(
    provider,
    target,
    response.status,
    `a body that cannot be decoded (content-encoding ${encoding})`,
  );
}

function parseJson(text: string, response: Response, provider: string, target: string): unknown {
  const { status } = response;
  if (looksLikeHtml(text, response.headers.get('content-type') ?? '')) {
    throw answeredWith(provider, target, status, `an HTML page instead of JSON (status ${status})`);
  }
  if (text.trim() === '') throw answeredWith(provider, target, status, 'an empty body');
  try {
    return JSON.parse(text);
  } catch {
    // No `cause`: a SyntaxError quotes the body, which may echo a key back.
    throw answeredWith(provider, target, status, 'malformed or truncated JSON');
  }
}

function looksLikeHtml(text: string, contentType: string): boolean {
  return contentType.includes('text/html') || /^\s*<(!doctype|html|head|body)/i.test(text);
}

async function toRequestError(
  error: unknown,
  options: HttpClientOptions,
  target: string,
  scrub: (text: string) => string,
): Promise<Error> {
  const { provider, budget } = options;
  // Our own (too large, undecodable, not JSON); fetch rejects with the abort reason itself.
  if (ModelCatalogError.isInstance(error) && error !== budget.signal.reason) return error;
  if (error instanceof HTTPError) return httpStatusError(error, provider, target, scrub);
  if (budget.timedOut()) return timeoutError(provider, budget.timeoutMs, target);
  if (budget.signal.aborted) return toCatalogError(error, { provider, signal: budget.signal });
  const detail = error instanceof Error ? scrub(describeNetworkError(error)) : 'unknown error';
  return new ProviderRequestError(`${provider}: ${target} failed: ${detail}.`, {
    kind: 'network',
    provider,
    retryable: true,
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

/** A `Retry-After` longer than the cap, or than what is left of the time budget, fails now instead of waiting. */
function waitsTooLong(retryAfterMs: number, remainingMs: number): boolean {
  return retryAfterMs > MAX_RETRY_AFTER_MS || retryAfterMs >= remainingMs;
}

/** Maps a status to our error, with the provider's own message (scrubbed, shortened) when it gave one. */
async function httpStatusError(
  error: HTTPError,
  provider: string,
  target: string,
  scrub: (text: string) => string,
): Promise<Error> {
  const { status, statusText } = error.response;
  const body = await readText(error.response, ERROR_BODY_BYTES, provider, target).catch(() => '');
  const detail = providerMessage(body);
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
    retryAfterMs,
  });
}

/** Pulls a short human message out of the usual error bodies: `{error:{message}}`, `{error}`, `{message}`, `{detail}`. */
function providerMessage(body: string): string | undefined {
  let message: unknown;
  try {
    const json = JSON.parse(body) as Record<string, unknown> | null;
    const inner = json?.error;
    message =
      (typeof inner === 'object' && inner !== null
        ? (inner as { message?: unknown }).message
        : inner) ??
      json?.message ??
      json?.detail;
  } catch {
    return undefined;
  }
  if (typeof message !== 'string' || message.trim() === '') return undefined;
  const flat = message.replace(/\s+/g, ' ').trim();
  return flat.length > 200 ? `${flat.slice(0, 200)}…` : flat;
}

/** `Retry-After` is seconds or an HTTP date; returns milliseconds, or undefined. */
export function parseRetryAfter(
  value: string | null,
  now: number = Date.now(),
): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function describeNetworkError(error: Error): string {
  const cause = error.cause instanceof Error ? error.cause : undefined;
  const code = (cause as { code?: unknown } | undefined)?.code;
  return [error.message, typeof code === 'string' ? code : cause?.message]
    .filter(Boolean)
    .join(': ');
}

function describeTarget(url: string, searchParams: HttpRequest['searchParams']): string {
  const query = new URLSearchParams(withoutUndefined(searchParams ?? {})).toString();
  return redactSecrets(`GET ${url}${query ? `${url.includes('?') ? '&' : '?'}${query}` : ''}`);
}

function isHttpUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

/** Lower-cases header names so that `{ ...userHeaders, authorization }` replaces `Authorization`. */
function mergeHeaders(
  headers: Readonly<Record<string, string | undefined>>,
): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) result[name.toLowerCase()] = value;
  }
  return result;
}

function withoutUndefined<T>(
  record: Readonly<Record<string, T | undefined>>,
): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(record)) {
    if (value !== undefined) result[key] = String(value);
  }
  return result;
}
