import { ModelCatalogError } from '../errors/index.js';
import { InvalidParameterError } from '../errors/invalid-parameter-error.js';

/**
 * The handler's answer to anything thrown: 400 for a bad parameter or an unknown provider
 * (listing the valid ids), 404 for a provider that is not configured, 502 for a provider that
 * failed (its kind, status and `Retry-After`), and a bare 500 for anything else, which goes to
 * `onError` (a throwing `onError` does not hide the answer).
 *
 * @example
 * ```ts
 * return responseForError(error, (unexpected) => console.error(unexpected));
 * ```
 */
export function responseForError(error: unknown, onError: (error: unknown) => void): Response {
  if (InvalidParameterError.isInstance(error)) {
    return errorResponse(400, 'invalid_parameter', error.message, { parameter: error.parameter });
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
    const retryAfterMs = (error as { retryAfterMs?: number }).retryAfterMs;
    return errorResponse(
      502,
      error.kind,
      error.message,
      { ...provider, ...(error.status ? { provider_status: error.status } : {}) },
      retryAfterMs ? { 'retry-after': String(Math.ceil(retryAfterMs / 1000)) } : {},
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
 * A JSON error answer, `{ error: { code, kind, message, ...details } }`, never cached.
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
  return new Response(JSON.stringify({ error: { code: status, kind, message, ...details } }), {
    status,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      ...headers,
    },
  });
}
