/**
 * The 20-line adapter that runs any Fetch API handler (`(request) => Promise<Response>`) on
 * `node:http` or Express. Copy it, or use `getRequestListener` from `@hono/node-server`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

export function toNodeListener(handler: (request: Request) => Promise<Response>) {
  return async (incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> => {
    try {
      const headers = new Headers();
      for (const [name, value] of Object.entries(incoming.headers)) {
        if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
      }
      const url = new URL(incoming.url ?? '/', `http://${incoming.headers.host ?? '127.0.0.1'}`);
      // A models endpoint reads no body, so only the method, URL and headers are passed on.
      const response = await handler(
        new Request(url, { method: incoming.method ?? 'GET', headers }),
      );
      outgoing.writeHead(response.status, Object.fromEntries(response.headers));
      outgoing.end(Buffer.from(await response.arrayBuffer()));
    } catch (error) {
      console.error(error);
      if (!outgoing.headersSent) outgoing.writeHead(500);
      outgoing.end();
    }
  };
}
