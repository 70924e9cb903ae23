/**
 * Reads a body as text, stopping with `tooLarge()` past `maxBytes` instead of buffering it
 * all; `count` learns the bytes read.
 */
export async function readText(
  response: Response,
  maxBytes: number,
  tooLarge: () => Error,
  answered: (what: string) => Error,
  signal?: AbortSignal,
  count?: (bytes: number) => void,
): Promise<string> {
  const declared = Number(response.headers.get('content-length'));
  if (declared > maxBytes) {
    // Cancelling releases the socket now instead of leaving an unread body holding it. Not
    // awaited: a response that was cloned (msw, tracing wrappers) settles only when every copy is.
    response.body?.cancel().catch(() => {});
    throw tooLarge();
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  // A body that ignores the request's signal (a mocked or wrapped fetch) would stall forever.
  const cancel = (): void => void reader.cancel(signal?.reason).catch(() => {});
  signal?.addEventListener('abort', cancel, { once: true });
  // The bytes are kept and decoded once at the end: a streaming `TextDecoder` call per chunk
  // costs more than the JSON parse of the text (Node 20).
  const chunks: Uint8Array[] = [];
  let received = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read().catch((error: unknown) => {
        throw isDecodeError(error)
          ? answered(
              `a body that cannot be decoded (content-encoding ${response.headers.get('content-encoding')})`,
            )
          : error;
      });
      if (signal?.aborted) throw signal.reason;
      if (done) break;
      received += value.byteLength;
      count?.(value.byteLength);
      if (received > maxBytes) {
        reader.cancel().catch(() => {}); // not awaited, as above
        throw tooLarge();
      }
      chunks.push(value);
    }
  } finally {
    signal?.removeEventListener('abort', cancel);
  }
  // One array of all the bytes (no copy for a body that came in one chunk).
  let bytes = chunks[0];
  if (chunks.length > 1) {
    bytes = new Uint8Array(received);
    received = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, received);
      received += chunk.byteLength;
    }
  }
  return new TextDecoder().decode(bytes);
}

/** fetch reports a corrupt compressed body as a TypeError caused by a zlib or brotli error. */
function isDecodeError(error: unknown): boolean {
  const code = (error as { cause?: { code?: unknown } } | undefined)?.cause?.code;
  return typeof code === 'string' && (code.startsWith('Z_') || code.startsWith('ERR__ERROR'));
}
