/**
 * True for a Fetch API `Response`, also one of another copy of the Fetch classes (the `undici`
 * package, a framework's polyfill), which `instanceof Response` refuses: it has a numeric
 * `status`, `Headers`-like `headers` and a `body`.
 */
export function isResponse(value: unknown): value is Response {
  if (value instanceof Response) return true;
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<Response>;
  return (
    typeof candidate.status === 'number' &&
    typeof candidate.headers?.get === 'function' &&
    typeof candidate.headers.forEach === 'function' &&
    'body' in candidate
  );
}
