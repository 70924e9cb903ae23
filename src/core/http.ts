import ky, { HTTPError, type KyInstance } from 'ky';
import { InvalidResponseError, ModelCatalogError, NotConfiguredError } from '../errors/index.js';
import { cutText, redactSecrets } from '../errors/redact.js';
import type { HttpClient, HttpRequest } from '../types.js';
import { loadOnce } from './load-once.js';
import { readText } from './read-text.js';
import {
  MAX_RETRY_AFTER_MS,
  parseRetryAfter,
  RETRY_STATUS_CODES,
  waitsTooLong,
} from './retry-policy.js';
import type { TimeBudget } from './signals.js';

/** How the catalog configures the client of one provider listing. */
export interface HttpClientOptions {
  /** The catalog's one ky instance, from {@link createTransport}. */
  readonly transport: KyInstance;
  readonly provider: string;
  /** Cancels every request, retry wait and body of the listing; its end is the listing's deadline. */
  readonly budget: TimeBudget;
  readonly maxResponseBytes: number;
  /** Most bytes all the bodies of the listing may hold together. */
  readonly maxListingBytes: number;
  /** The longest `Retry-After` reported on an error; longer ones are cut to it. */
  readonly maxBackoffMs: number;
  /** The settings' secrets; the client adds every credential it sends (header values). */
  readonly secrets: Set<string>;
}

/**
 * The ky instance of one catalog: retries and the fetch to use. It has no timeout of its
 * own: each listing's time budget ends every attempt, wait and body through its signal.
 * Redirects are followed by the client itself, same origin only (see {@link createHttpClient}).
 */
export function createTransport(options: {
  readonly retries: number;
  readonly fetch?: typeof globalThis.fetch | undefined;
}): KyInstance {
  const send = options.fetch ?? globalThis.fetch;
  return ky.create({
    // A kept-alive connection the server closed while it sat idle fails the request sent on it
    // before any answer (undici: UND_ERR_SOCKET); like Go's and urllib3's clients, a GET is
    // sent once more, on a new connection, whatever `retries` says.
    fetch: (input, init) =>
      send(input, init).catch((error: unknown) => {
        const code = (error as { cause?: { code?: unknown } } | null)?.cause?.code;
        if (code !== 'UND_ERR_SOCKET' || init?.signal?.aborted) throw error;
        return send(input, init);
      }),
    timeout: false,
    redirect: 'manual',
    throwHttpErrors: (status) => !REDIRECT_STATUS_CODES.includes(status),
    retry: {
      limit: options.retries,
      methods: ['get'],
      statusCodes: [...RETRY_STATUS_CODES],
      maxRetryAfter: MAX_RETRY_AFTER_MS,
      backoffLimit: 10_000,
      jitter: true,
    },
  });
}

/**
 * Creates the client for one provider listing. It follows a redirect only within the origin
 * it was sent to, so that no key, header or signature reaches another host (fetch itself drops
 * only `Authorization`); a redirect to another origin, or a chain of more than 20, fails as
 * `http` without a retry. All bodies of the listing together stay within `maxListingBytes`.
 */
export function createHttpClient(options: HttpClientOptions): HttpClient {
  const { budget, provider, secrets } = options;
  let listingBytes = 0;
  return {
    async getJson(url, request = {}) {
      const headers = mergeHeaders(request.headers ?? {});
      for (const [name, value] of Object.entries(headers)) addHeaderSecret(secrets, name, value);
      const scrub = (text: string, quoted = false): string =>
        redactSecrets(text, [...secrets, ...(request.secrets ?? [])], quoted);
      let target = describeTarget(url, scrub);
      const problem = urlProblem(url);
      if (problem === 'scheme') {
        // A base URL without its scheme (`localhost:8080/v1`) is a setup mistake, not a network fault.
        throw new NotConfiguredError(
          provider,
          `${provider}: ${target.slice(4)} is not an absolute http(s) URL: add https:// (or http:// for a server on this machine or network) to its base URL option or environment variable.`,
        );
      }
      if (problem === 'malformed') {
        throw new NotConfiguredError(
          provider,
          `${provider}: ${target.slice(4)} is not a valid URL: check the host and port of its base URL option or environment variable.`,
        );
      }
      if (problem === 'credentials') {
        // `fetch` refuses such a URL and quotes it; the message names the option, never the URL.
        throw new NotConfiguredError(
          provider,
          `${provider}: its base URL holds credentials (\`user@\` or \`user:password@\` before the host), which fetch refuses: pass the key in the provider's key option or a header instead.`,
        );
      }
      let next = withQuery(url, request.searchParams);
      try {
        for (let hops = 0; ; hops++) {
          addQuerySecrets(secrets, next);
          const response = await options.transport.get(next, {
            headers,
            signal: budget.signal,
            retry: {
              // A provider asking us to wait longer than the cap, or than the budget has left,
              // fails now (rate_limit, with retryAfterMs) rather than holding the caller. Only
              // a valid Retry-After is a wait: ky would read a garbled one, or `RateLimit-Reset`
              // and the like, as one of up to 10 s (a negative one as none), so those retry with
              // the plain backoff (`true` skips ky's own reading).
              shouldRetry: ({ error }) => {
                if (!(error instanceof HTTPError)) return undefined;
                const asked = parseRetryAfter(error.response.headers.get('retry-after'));
                if (asked === undefined) {
                  return RETRY_STATUS_CODES.includes(error.response.status) || undefined;
                }
                return waitsTooLong(asked, budget.remainingMs()) ? false : undefined;
              },
            },
            hooks: request.signRequest
              ? { beforeRequest: [(kyRequest) => request.signRequest?.(kyRequest)] }
              : {},
          });
          if (REDIRECT_STATUS_CODES.includes(response.status)) {
            response.body?.cancel().catch(() => {});
            next = (await loadRedirects()).followRedirect(response, hops, provider, target, next);
            target = describeTarget(next, scrub);
            continue;
          }
          const left = options.maxListingBytes - listingBytes;
          const cap = Math.min(options.maxResponseBytes, left);
          const answered = (what: string): Error =>
            answeredWith(provider, target, response.status, what);
          const text = await readText(
            response,
            cap,
            () =>
              answered(
                cap < options.maxResponseBytes
                  ? `more than the ${left} bytes left of the listing's ${options.maxListingBytes} (maxListingBytes); giving up`
                  : `more than ${cap} bytes; giving up`,
              ),
            answered,
            budget.signal,
            (bytes) => {
              listingBytes += bytes;
            },
          );
          return parseJson(text, response, answered);
        }
      } catch (error) {
        // Our own errors (too large, undecodable, not JSON, a redirect refused) go as they are;
        // fetch rejects with the abort reason itself. The others are mapped by a module loaded
        // with the first failure, from the budget's state at the failure, not after the load.
        if (ModelCatalogError.isInstance(error) && error !== budget.signal.reason) throw error;
        const state = { timedOut: budget.timedOut(), aborted: budget.signal.aborted };
        const { toRequestError } = await loadRequestErrors();
        throw await toRequestError(error, { ...options, ...state }, target, scrub);
      }
    },
  };
}

/** Header values are credentials as often as not (keys, user `headers`): all but a few well-known ones are scrubbed. */
function addHeaderSecret(secrets: Set<string>, name: string, value: string): void {
  if (PUBLIC_HEADERS.test(name)) return;
  secrets.add(value);
  // fetch sends a value without the whitespace around it (` sk-1 ` goes as `sk-1`): a provider
  // echoes that form.
  const sent = value.replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, '');
  secrets.add(sent);
  // `Bearer <token>`, `Basic <base64>`: the credential alone, as a provider may echo it.
  const credential = /^\w+[\t ]+(\S+)$/.exec(sent)?.[1];
  if (credential) secrets.add(credential);
}

/** Query parameters whose values are credentials (Google's `?key=`, a signed URL's signature). */
const CREDENTIAL_PARAMETERS =
  /^(key|api[_-]?key|access[_-]?token|token|x-amz-signature|x-amz-credential|x-amz-security-token)$/i;

/**
 * The values of a URL's credential parameters (a base URL's `?key=`), as written and decoded: a
 * provider may echo one bare, where no pattern finds it.
 */
function addQuerySecrets(secrets: Set<string>, url: string): void {
  const query = /^[^?#]*\?([^#]*)/s.exec(url)?.[1];
  if (!query) return;
  for (const pair of query.split('&')) {
    const [name = '', value = ''] = pair.split(/=(.*)/s);
    if (!value || !CREDENTIAL_PARAMETERS.test(parameterName(name))) continue;
    secrets.add(value);
    try {
      secrets.add(decodeURIComponent(value.replace(/\+/g, ' ')));
    } catch {
      // a malformed escape: the value as written only
    }
  }
}

const REDIRECT_STATUS_CODES = [301, 302, 303, 307, 308];

/** The rule for redirects, loaded with the first one (see follow-redirect.ts). */
const loadRedirects = loadOnce(() => import('./follow-redirect.js'));

/** The errors of a failed request, loaded with the first failure (see request-error.ts). */
const loadRequestErrors = loadOnce(() => import('./request-error.js'));

const PUBLIC_HEADERS =
  /^(accept(-encoding|-language)?|content-type|user-agent|anthropic-(version|beta)|x-amz-(date|content-sha256))$/;

/** The `invalid_response` error of an answer that is not what the API documents. */
function answeredWith(provider: string, target: string, status: number, what: string): Error {
  return new InvalidResponseError(`${provider}: ${target} answered with ${what}.`, {
    provider,
    status,
  });
}

function parseJson(text: string, response: Response, answered: (what: string) => Error): unknown {
  const { status } = response;
  if (looksLikeHtml(text, response.headers.get('content-type') ?? '')) {
    throw answered(`an HTML page instead of JSON (status ${status})`);
  }
  if (text.trim() === '') throw answered('an empty body');
  try {
    return JSON.parse(text);
  } catch {
    // No `cause`: a SyntaxError quotes the body, which may echo a key back.
    throw answered('malformed or truncated JSON');
  }
}

function looksLikeHtml(text: string, contentType: string): boolean {
  return contentType.includes('text/html') || /^\s*<(!doctype|html|head|body)/i.test(text);
}

/**
 * How a message names a request: method and URL without its query (which may hold keys or huge
 * cursors), scrubbed before it is cut short (a key cut in half is no longer found). A redirect
 * may echo a key in its path, escaped the way the URL parser escapes it: the path is scrubbed as
 * sent and again decoded. A base URL without its scheme keeps no `user:password@` either.
 */
function describeTarget(url: string, scrub: (text: string, quoted: boolean) => string): string {
  const decoded = scrub(url.replace(/[?#].*/s, ''), true).replace(/(?:%[\da-f]{2})+/gi, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run; // a malformed escape: as sent
    }
  });
  // Escaped again, what would break a log line (line breaks, controls, direction marks).
  const shown = scrub(decoded, true).replace(UNPRINTABLE, encodeURIComponent);
  return `GET ${cutText(shown.replace(/^[^/?#\s]*@/, '[redacted]@'), 300)}`;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it finds
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * What makes `url` unusable for a request: no http(s) scheme, no valid URL after one (a port out
 * of range, a bad host), or credentials in it.
 */
function urlProblem(url: string): 'scheme' | 'malformed' | 'credentials' | undefined {
  try {
    const { protocol, username, password } = new URL(url);
    if (protocol !== 'http:' && protocol !== 'https:') return 'scheme';
    return username || password ? 'credentials' : undefined;
  } catch {
    return /^https?:\/\//i.test(url) ? 'malformed' : 'scheme';
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

/**
 * `url` with `params` (those not undefined) added to its query (so ky makes one `Request`
 * instead of two): the URL's own parameters (a base URL's `?team=a`) stay, as they are written,
 * but for those `params` give again.
 */
function withQuery(url: string, params: HttpRequest['searchParams'] = {}): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined) query.append(key, String(value));
  }
  const text = query.toString();
  if (!text) return url;
  const [, path = url, own = '', fragment = ''] = /^([^?#]*)(?:\?([^#]*))?(#.*)?$/s.exec(url) ?? [];
  const kept = own.split('&').filter((pair) => pair !== '' && !query.has(parameterName(pair)));
  return `${path}?${[...kept, text].join('&')}${fragment}`;
}

/** The decoded name of one `name=value` pair of a query. */
function parameterName(pair: string): string {
  const name = pair.split('=', 1)[0]!.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(name);
  } catch {
    return name; // a malformed escape: the name as written
  }
}
