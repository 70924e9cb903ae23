import type { IncomingMessage, ServerResponse } from 'node:http';
import { isResponse } from './is-response.js';

/**
 * A `node:http` request listener, which is also Express middleware: `next`, when Express gives
 * it, receives what the handler threw.
 *
 * @example
 * ```ts
 * const listener: NodeRequestListener = toNodeHandler(createModelsHandler(catalog));
 * createServer(listener).listen(3000);
 * ```
 */
export type NodeRequestListener = (
  request: IncomingMessage,
  response: ServerResponse,
  next?: (error?: unknown) => void,
) => Promise<void>;

/**
 * Runs a Fetch API handler (`(request: Request) => Response | Promise<Response>`, such as
 * `createModelsHandler`'s) on `node:http`, or as Express middleware. The `Request` gets the
 * method, the full URL (Express's `originalUrl` when the handler is mounted under a path), every
 * header and, for methods with one, the body as a stream; its `signal` aborts when the client
 * goes away. The `Response` is streamed back chunk by chunk, so Server-Sent Events reach the
 * client as they are written. When the handler throws, Express's `next(error)` gets the error;
 * on plain `node:http` the client gets an empty 500. `TRACE`, which no `Request` can carry, is
 * answered 501. No Node built-in is loaded.
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * import { createModelCatalog, createModelsHandler } from 'model-catalog';
 * import { toNodeHandler } from 'model-catalog/node';
 *
 * const handler = createModelsHandler(createModelCatalog());
 * createServer(toNodeHandler(handler)).listen(3000);
 * // Express: app.get('/v1/models', toNodeHandler(handler));
 * ```
 */
export function toNodeHandler(
  handler: (request: Request) => Response | Promise<Response>,
): NodeRequestListener {
  if (typeof handler !== 'function') {
    throw new TypeError('toNodeHandler() takes a function: (request: Request) => Response.');
  }
  return async (incoming, outgoing, next) => {
    const aborter = new AbortController();
    // `close` on the response before it finished: the client disconnected.
    outgoing.once('close', () => {
      if (!outgoing.writableFinished) aborter.abort();
    });
    // `Request` refuses these methods: a handler of the Fetch API can serve none of them.
    if (UNREQUESTABLE_METHODS.has((incoming.method ?? '').toUpperCase())) {
      outgoing.writeHead(501, { 'content-length': '0' });
      outgoing.end();
      return;
    }
    let request: Request;
    try {
      request = toRequest(incoming, aborter.signal);
    } catch {
      // A `Host` no URL can hold (`exa mple`): the client's mistake, answered 400 (RFC 9112, 3.2).
      outgoing.writeHead(400, { 'content-length': '0' });
      outgoing.end();
      return;
    }
    let response: Response;
    try {
      response = await handler(request);
      if (!isResponse(response)) {
        throw new TypeError('The handler given to toNodeHandler() must return a Response.');
      }
    } catch (error) {
      if (next) return next(error);
      if (!outgoing.headersSent) outgoing.writeHead(500, { 'content-length': '0' });
      outgoing.end();
      return;
    }
    await writeResponse(response, incoming, outgoing, aborter.signal);
  };
}

const UNREQUESTABLE_METHODS = new Set(['CONNECT', 'TRACE', 'TRACK']);

/** The `Request` of an incoming message. */
function toRequest(incoming: IncomingMessage, signal: AbortSignal): Request {
  const headers = new Headers();
  // rawHeaders keeps repeated headers apart: [name, value, name, value, ...].
  for (let index = 0; index + 1 < incoming.rawHeaders.length; index += 2) {
    const name = incoming.rawHeaders[index]!;
    // HTTP/2 pseudo-headers (`:path`) are no header a Request may hold.
    if (!name.startsWith(':')) headers.append(name, incoming.rawHeaders[index + 1]!);
  }
  const method = incoming.method ?? 'GET';
  const path = (incoming as { originalUrl?: string }).originalUrl ?? incoming.url ?? '/';
  const encrypted = (incoming.socket as { encrypted?: boolean } | undefined)?.encrypted === true;
  const base = new URL(`${encrypted ? 'https' : 'http'}://${incoming.headers.host ?? 'localhost'}`);
  // A path is put after the origin, not resolved against it: resolved, `//v1/models` (a base URL
  // joined to a path) would name the host `v1` and the path `/models`.
  const url = path.startsWith('/') ? new URL(`${base.origin}${path}`) : new URL(path, base);
  const hasBody = method !== 'GET' && method !== 'HEAD';
  return new Request(url, {
    method,
    headers,
    signal,
    ...(hasBody ? { body: bodyOf(incoming), duplex: 'half' } : {}),
  } as RequestInit);
}

/** The message's body as a web stream, read only when the handler reads it. */
function bodyOf(incoming: IncomingMessage): ReadableStream<Uint8Array> {
  const chunks = incoming[Symbol.asyncIterator]();
  return new ReadableStream({
    async pull(controller) {
      const { done, value } = await chunks.next();
      if (done) controller.close();
      else controller.enqueue(value as Uint8Array);
    },
    async cancel() {
      await chunks.return?.();
    },
  });
}

async function writeResponse(
  response: Response,
  incoming: IncomingMessage,
  outgoing: ServerResponse,
  signal: AbortSignal,
): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  // `getSetCookie` keeps cookies apart; a Response of another Fetch implementation may lack it,
  // and then gives them joined, as `forEach` does.
  const splitsCookies = typeof response.headers.getSetCookie === 'function';
  response.headers.forEach((value, name) => {
    if (!splitsCookies || name !== 'set-cookie') headers[name] = value;
  });
  const cookies = splitsCookies ? response.headers.getSetCookie() : [];
  if (cookies.length > 0) headers['set-cookie'] = cookies;
  outgoing.writeHead(response.status, response.statusText || undefined, headers);
  if (!response.body || incoming.method === 'HEAD') {
    await response.body?.cancel();
    outgoing.end();
    return;
  }
  const reader = response.body.getReader();
  // A client that goes away cancels the body: a pending read ends, and so does a stream of
  // events that would otherwise wait for its next one.
  const cancel = (): void => void reader.cancel().catch(() => {});
  if (signal.aborted) cancel();
  else signal.addEventListener('abort', cancel, { once: true });
  try {
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      // Wait for the socket to drain before reading more: a slow client holds the stream back.
      if (!outgoing.write(chunk.value)) await drained(outgoing);
    }
    outgoing.end();
  } catch {
    // The body failed midway: the status is sent, so all that is left is to cut the response.
    outgoing.destroy();
  } finally {
    signal.removeEventListener('abort', cancel);
  }
}

/** Resolves once the response can take more, or has closed; leaves no listener behind. */
function drained(outgoing: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      outgoing.off('drain', done);
      outgoing.off('close', done);
      resolve();
    };
    outgoing.on('drain', done);
    outgoing.on('close', done);
  });
}
