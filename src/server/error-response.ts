import { ModelCatalogError } from '../errors/index.js';
import { InvalidParameterError } from '../errors/invalid-parameter-error.js';
import type { ErrorKind, ProviderErrorInfo } from '../types.js';

/**
 * The handler's answer to anything thrown: 400 for a bad parameter or an unknown provider
 * (listing the valid ids), 404 for a provider that is not configured, 502 for a provider that
 * failed (its kind, status and `Retry-After`, a whole number of seconds), and a bare 500 for
 * anything else, which goes to `onError` (a throwing `onError` does not hide the answer). A
 * 502 names the provider and the kind, not the upstream host, URL or text, unless
 * `exposeDetails`.
 *
 * @example
 * ```ts
 * return responseForError(error, (unexpected) => console.error(unexpected));
 * ```
 */
export function responseForError(
  error: unknown,
  onError: (error: unknown) => void,
  exposeDetails = false,
): Response {
  if (InvalidParameterError.isInstance(error)) {
    // `param`: the name OpenAI's errors give the parameter.
    return errorResponse(400, 'invalid_parameter', error.message, {
      parameter: error.parameter,
      param: error.parameter,
    });
  }
  if (ModelCatalogError.isInstance(error)) {
    const provider = error.provider === undefined ? {} : { provider: error.provider };
    if (error.kind === 'unknown_provider') {
      const validIds = (error as { validIds?: readonly string[] }).validIds ?? [];
      return errorResponse(400, error.kind, error.message, {
        ...provider,
        valid_providers: [...validIds],
      });
    }
    if (error.kind === 'not_configured')
      return errorResponse(404, error.kind, error.message, provider);
    const seconds = retryAfterSeconds(error.retryAfterMs);
    return errorResponse(
      502,
      error.kind,
      exposeDetails ? error.message : discreetMessage(error, error.provider),
      { ...provider, ...(error.status ? { provider_status: error.status } : {}) },
      seconds === undefined ? {} : { 'retry-after': String(seconds) },
    );
  }
  try {
    onError(error);
  } catch {
    // A throwing error reporter must not hide the answer.
  }
  return errorResponse(500, 'internal', 'Internal error while listing models.');
}

/**
 * What a failed provider did, said without its hosts, URLs or quoted text: the provider, the
 * kind and the status (`openai: the provider failed (auth, status 401).`).
 *
 * @example
 * ```ts
 * discreetMessage({ kind: 'timeout' }, 'groq'); // 'groq: the provider failed (timeout).'
 * ```
 */
export function discreetMessage(
  error: { readonly kind: ErrorKind; readonly status?: number | undefined },
  provider: string | undefined,
): string {
  const status = error.status ? `, status ${error.status}` : '';
  return `${provider ? `${provider}: ` : ''}the provider failed (${error.kind}${status}).`;
}

/** The `errors` of an answer, each message made discreet (see {@link discreetMessage}). */
export function discreetErrors(
  errors: Readonly<Record<string, ProviderErrorInfo>>,
): Record<string, ProviderErrorInfo> {
  return Object.fromEntries(
    Object.entries(errors).map(([provider, info]) => [
      provider,
      { ...info, message: discreetMessage(info, provider) },
    ]),
  );
}

/** A `Retry-After` in whole seconds, at least 1, or undefined for no, or no usable, wait. */
function retryAfterSeconds(retryAfterMs: number | undefined): number | undefined {
  // An adapter's own error may carry anything: Infinity, NaN, a negative number.
  if (retryAfterMs === undefined || !(retryAfterMs > 0)) return undefined;
  return Math.max(1, Math.ceil(Math.min(retryAfterMs, MAX_RETRY_AFTER_SECONDS * 1000) / 1000));
}

/** A day: longer waits are said as a day (the catalog's own back-off maximum is far shorter). */
const MAX_RETRY_AFTER_SECONDS = 86_400;

/**
 * By HTTP status: the error `type` Anthropic's clients (and OpenAI's) read, and the `status`
 * Google's read, so that every SDK pointed at the handler shows the message, not raw JSON.
 */
const CLIENT_ERROR_NAMES: Readonly<Record<number, readonly [type: string, status: string]>> = {
  400: ['invalid_request_error', 'INVALID_ARGUMENT'],
  401: ['authentication_error', 'UNAUTHENTICATED'],
  403: ['permission_error', 'PERMISSION_DENIED'],
  404: ['not_found_error', 'NOT_FOUND'],
  405: ['invalid_request_error', 'UNIMPLEMENTED'],
  429: ['rate_limit_error', 'RESOURCE_EXHAUSTED'],
  502: ['api_error', 'UNAVAILABLE'],
};

/**
 * A JSON error answer, never cached, in one shape every wire format's clients read:
 * `{ type: 'error', error: { code, kind, message, type, status, ...details } }`: `code` (the HTTP
 * status) and `status` (`INVALID_ARGUMENT`, ...) as Gemini's API writes them, `type`
 * (`invalid_request_error`, ...) as Anthropic's and OpenAI's do, and this library's own `kind`.
 *
 * @example
 * ```ts
 * return errorResponse(405, 'method_not_allowed', 'Use GET.', {}, { allow: 'GET, HEAD' });
 * ```
 */
export function errorResponse(
  status: number,
  kind: string,
  message: string,
  details: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Response {
  const [type, statusName] = CLIENT_ERROR_NAMES[status] ?? ['api_error', 'INTERNAL'];
  const error = { code: status, kind, message, type, status: statusName, ...details };
  return new Response(JSON.stringify({ type: 'error', error }), {
    status,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      ...headers,
    },
  });
}
