/**
 * The client formats a models endpoint can answer in from request headers alone.
 *
 * @example
 * ```ts
 * const format: DetectedModelListFormat = detectModelListFormat({ headers: request.headers });
 * ```
 */
export type DetectedModelListFormat = 'openai' | 'anthropic' | 'gemini';

/**
 * Request parts as a `Request` or a framework gives them: `Headers`/`URLSearchParams` or plain records.
 *
 * @example
 * ```ts
 * const input: FormatDetectionInput = { headers: { 'x-goog-api-key': 'AIza...' } };
 * detectModelListFormat(input); // 'gemini'
 * ```
 */
export interface FormatDetectionInput {
  /** The request's headers (`anthropic-version`, `x-api-key`, `x-goog-api-key`, ...). */
  readonly headers?: Headers | Readonly<Record<string, string | readonly string[] | undefined>>;
  /** The request's query parameters (a `key` one means Gemini). */
  readonly query?:
    | URLSearchParams
    | Readonly<Record<string, string | readonly string[] | undefined>>;
}

/** The headers whose presence picks the format; list them in `Vary`. */
export const FORMAT_DETECTION_HEADERS: readonly string[] = [
  'x-api-key',
  'anthropic-version',
  'x-goog-api-key',
];

/**
 * Picks the wire format a client expects from how it authenticates:
 * `anthropic` when both `x-api-key` and `anthropic-version` are present, `gemini` when
 * `x-goog-api-key` or a `key` query parameter is present, `openai` otherwise. Presence is what
 * counts, even with an empty value.
 *
 * One extension: `anthropic-version` with any other credential also gives `anthropic`, because
 * current `@anthropic-ai/sdk` releases send `Authorization: Bearer` instead of `x-api-key`, and
 * only Anthropic clients send `anthropic-version`.
 *
 * @example
 * ```ts
 * const url = new URL(request.url);
 * detectModelListFormat({ headers: request.headers, query: url.searchParams }); // 'anthropic'
 * ```
 */
export function detectModelListFormat(input: FormatDetectionInput = {}): DetectedModelListFormat {
  if (hasHeader(input.headers, 'anthropic-version')) return 'anthropic';
  if (hasHeader(input.headers, 'x-goog-api-key') || hasQuery(input.query, 'key')) return 'gemini';
  return 'openai';
}

function hasHeader(headers: FormatDetectionInput['headers'], name: string): boolean {
  if (headers === undefined) return false;
  if (typeof (headers as Headers).has === 'function') return (headers as Headers).has(name);
  return Object.entries(headers).some(
    ([key, value]) => key.toLowerCase() === name && value !== undefined,
  );
}

function hasQuery(query: FormatDetectionInput['query'], name: string): boolean {
  if (query === undefined) return false;
  if (query instanceof URLSearchParams) return query.has(name);
  return (query as Record<string, unknown>)[name] !== undefined;
}
