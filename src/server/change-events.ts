import type { CatalogChange, ModelCatalog } from '../types.js';

/** A comment line every so often keeps proxies from closing a quiet stream. */
const KEEP_ALIVE_MS = 25_000;

/**
 * Events a client may leave unread before the stream is closed: one that stays connected and
 * never reads would otherwise keep every event in memory. An `EventSource` reconnects.
 */
const MAX_UNREAD = 1000;

/**
 * The change feed of a catalog as Server-Sent Events: one `change` event per
 * {@link CatalogChange}, its JSON as data, until the client goes away. Only the catalog's own
 * lists are reported (never those fetched with a request's credentials). A client that leaves
 * more than a thousand events unread is closed on.
 */
export function changeEventsResponse(catalog: ModelCatalog, request: Request): Response {
  const headers = {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    // nginx buffers responses by default, which would hold events back.
    'x-accel-buffering': 'no',
  };
  if (request.method === 'HEAD') return new Response(null, { headers });
  const encoder = new TextEncoder();
  let close = (): void => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      let open = true;
      const send = (text: string): void => {
        if (!open) return;
        if ((controller.desiredSize ?? 0) < -MAX_UNREAD) {
          close();
          return;
        }
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          close(); // the stream was closed under us
        }
      };
      const unsubscribe = catalog.onChange((change) =>
        send(`event: change\ndata: ${JSON.stringify(change)}\n\n`),
      );
      const keepAlive = setInterval(() => send(': keep-alive\n\n'), KEEP_ALIVE_MS);
      (keepAlive as { unref?: () => void }).unref?.();
      close = () => {
        if (!open) return;
        open = false;
        unsubscribe();
        clearInterval(keepAlive);
        request.signal?.removeEventListener('abort', close);
        try {
          controller.close();
        } catch {
          // already closed or cancelled
        }
      };
      request.signal?.addEventListener('abort', close, { once: true });
      if (request.signal?.aborted) close();
      send(': model-catalog changes\n\n');
    },
    cancel() {
      close();
    },
  });
  return new Response(stream, { headers });
}
