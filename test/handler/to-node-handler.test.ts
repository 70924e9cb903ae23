import { createServer, request as httpRequest, type Server } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import express from 'express';
import { http, passthrough } from 'msw';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { toNodeHandler } from '../../src/entries/node.js';
import { createModelsHandler } from '../../src/index.js';
import { server as msw } from '../helpers/msw.js';
import { catalogOf, standIn } from './stand-in-catalog.js';

// Real servers on 127.0.0.1: let the requests through msw.
beforeEach(() => msw.use(http.all(/^http:\/\/127\.0\.0\.1:\d+\//, () => passthrough())));

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** Listens on a free port of 127.0.0.1 and resolves with the server's origin. */
async function listen(server: Server): Promise<string> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A `node:http` server running `handler` through `toNodeHandler`. */
function serve(handler: (request: Request) => Response | Promise<Response>): Promise<string> {
  return listen(createServer(toNodeHandler(handler)));
}

/** What a handler saw of its request, as JSON. */
async function describeRequest(request: Request): Promise<Response> {
  return Response.json({
    method: request.method,
    url: request.url,
    accept: request.headers.get('accept'),
    custom: request.headers.get('x-custom'),
    body: request.body ? await request.text() : null,
  });
}

describe('toNodeHandler on node:http', () => {
  it('answers 400, without calling the handler, to a Host header no URL can hold', async () => {
    let called = false;
    const origin = await serve(async () => {
      called = true;
      return new Response('ok');
    });
    const { port } = new URL(origin);
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () => {
        socket.write('GET /v1/models HTTP/1.1\r\nHost: exa mple\r\nConnection: close\r\n\r\n');
      });
      let received = '';
      socket.on('data', (chunk) => {
        received += chunk;
      });
      socket.on('end', () => resolve(received));
      socket.on('error', reject);
    });
    expect(raw.split('\r\n')[0]).toBe('HTTP/1.1 400 Bad Request');
    expect(called).toBe(false);
  });

  it('hands the handler the method, the full URL, every header and the body', async () => {
    const origin = await serve(describeRequest);
    const get = await fetch(`${origin}/v1/models?provider=openai&limit=2`, {
      headers: { accept: 'application/json', 'x-custom': 'one' },
    });
    expect(get.status).toBe(200);
    expect(await get.json()).toEqual({
      method: 'GET',
      url: `${origin}/v1/models?provider=openai&limit=2`,
      accept: 'application/json',
      custom: 'one',
      body: null,
    });

    const post = await fetch(`${origin}/echo`, { method: 'POST', body: 'a body of text' });
    expect(await post.json()).toMatchObject({ method: 'POST', body: 'a body of text' });
  });

  it('keeps repeated request headers apart and sends repeated set-cookie headers', async () => {
    const origin = await serve((request) => {
      const response = Response.json({ custom: request.headers.get('x-custom') });
      response.headers.append('set-cookie', 'a=1');
      response.headers.append('set-cookie', 'b=2');
      return response;
    });
    const answer = await new Promise<{ body: string; cookies: string[] | undefined }>(
      (resolve, reject) => {
        const outgoing = httpRequest(
          `${origin}/`,
          // An array is sent as two `x-custom` lines on the wire, as a proxy may send them.
          { headers: { 'x-custom': ['one', 'two'] } },
          (incoming) => {
            let body = '';
            incoming.on('data', (chunk: Buffer) => (body += chunk));
            incoming.on('end', () => resolve({ body, cookies: incoming.headers['set-cookie'] }));
          },
        );
        outgoing.on('error', reject);
        outgoing.end();
      },
    );
    expect(JSON.parse(answer.body)).toEqual({ custom: 'one, two' });
    expect(answer.cookies).toEqual(['a=1', 'b=2']);
  });

  it('sends the status, status text and headers, and no body for HEAD', async () => {
    const origin = await serve(
      () =>
        new Response('created', {
          status: 201,
          statusText: 'Made',
          headers: { 'x-answer': '42' },
        }),
    );
    const response = await fetch(`${origin}/`);
    expect([response.status, response.statusText, response.headers.get('x-answer')]).toEqual([
      201,
      'Made',
      '42',
    ]);
    expect(await response.text()).toBe('created');
    const head = await fetch(`${origin}/`, { method: 'HEAD' });
    expect(head.status).toBe(201);
    expect(await head.text()).toBe('');
  });

  it('streams the body as it is written, so a client reads the first event before the last', async () => {
    let finish: () => void = () => {};
    const finished = new Promise<void>((resolve) => (finish = resolve));
    const origin = await serve(() => {
      const encoder = new TextEncoder();
      const body = new ReadableStream<Uint8Array>({
        async start(controller) {
          controller.enqueue(encoder.encode('data: first\n\n'));
          await finished;
          controller.enqueue(encoder.encode('data: last\n\n'));
          controller.close();
        },
      });
      return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
    });
    const response = await fetch(`${origin}/events`);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    expect(decoder.decode((await reader.read()).value)).toBe('data: first\n\n');
    finish();
    let rest = '';
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      rest += decoder.decode(chunk.value);
    }
    expect(rest).toBe('data: last\n\n');
  });

  it('aborts the request signal when the client goes away', async () => {
    let aborted: (reason: unknown) => void = () => {};
    const abortedWith = new Promise((resolve) => (aborted = resolve));
    const origin = await serve(
      (request) =>
        new Promise<Response>(() => {
          request.signal.addEventListener('abort', () => aborted(request.signal.aborted));
        }),
    );
    const controller = new AbortController();
    const call = fetch(`${origin}/slow`, { signal: controller.signal }).catch(
      (error: unknown) => error,
    );
    // Give the request time to reach the handler, then hang up.
    await new Promise((resolve) => setTimeout(resolve, 100));
    controller.abort();
    expect(await call).toBeInstanceOf(Error);
    expect(await abortedWith).toBe(true);
  });

  it('cancels a body that is still streaming when the client goes away', async () => {
    let cancelled: (reason: unknown) => void = () => {};
    const cancelledWith = new Promise((resolve) => (cancelled = resolve));
    const origin = await serve(
      () =>
        new Response(
          new ReadableStream<Uint8Array>({
            start(controller) {
              controller.enqueue(new TextEncoder().encode('data: one\n\n'));
              // Then nothing more: a stream of events waiting for its next one.
            },
            cancel: (reason) => cancelled(reason ?? 'cancelled'),
          }),
          { headers: { 'content-type': 'text/event-stream' } },
        ),
    );
    const controller = new AbortController();
    const response = await fetch(`${origin}/events`, { signal: controller.signal });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('data: one\n\n');
    controller.abort();
    await expect(cancelledWith).resolves.toBeDefined();
  });

  it('answers an empty 500 when the handler throws or returns no Response', async () => {
    const throwing = await serve(() => {
      throw new Error('secret detail sk-should-not-leak');
    });
    const thrown = await fetch(`${throwing}/`);
    expect(thrown.status).toBe(500);
    expect(await thrown.text()).toBe('');

    const wrong = await serve(() => ({ status: 200 }) as unknown as Response);
    const notResponse = await fetch(`${wrong}/`);
    expect(notResponse.status).toBe(500);
  });

  it('rejects a handler that is not a function', () => {
    expect(() => toNodeHandler('nope' as unknown as () => Response)).toThrow(
      new TypeError('toNodeHandler() takes a function: (request: Request) => Response.'),
    );
  });

  it('serves the models handler in OpenAI format', async () => {
    const handler = createModelsHandler(catalogOf([standIn('acme', ['alpha', 'beta'])]), {
      format: 'openai',
    });
    const origin = await serve(handler);
    const response = await fetch(`${origin}/v1/models`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { object: string; data: { id: string }[] };
    expect(body.object).toBe('list');
    expect(body.data.map((model) => model.id)).toEqual(['acme/alpha', 'acme/beta']);
  });
});

describe('toNodeHandler in Express', () => {
  it('runs as middleware under a mounted path, with the full URL', async () => {
    const app = express();
    const router = express.Router();
    router.get('/models', toNodeHandler(describeRequest));
    app.use('/v1', router);
    const origin = await listen(createServer(app));
    const response = await fetch(`${origin}/v1/models?limit=1`, { headers: { 'x-custom': 'x' } });
    expect(await response.json()).toEqual({
      method: 'GET',
      url: `${origin}/v1/models?limit=1`,
      accept: '*/*',
      custom: 'x',
      body: null,
    });
  });

  it("passes what the handler throws to Express's next(error)", async () => {
    const app = express();
    app.get(
      '/boom',
      toNodeHandler(() => {
        throw new Error('boom');
      }),
    );
    app.use(
      (error: Error, _request: express.Request, response: express.Response, _next: unknown) => {
        response.status(502).json({ caught: error.message });
      },
    );
    const origin = await listen(createServer(app));
    const response = await fetch(`${origin}/boom`);
    expect(response.status).toBe(502);
    expect(await response.json()).toEqual({ caught: 'boom' });
  });
});
