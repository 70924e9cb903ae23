import { createHook } from 'node:async_hooks';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { afterAll, beforeAll, expect } from 'vitest';

/** How the server answers one request; it may also stall, or destroy the socket. */
export type Respond = (request: IncomingMessage, response: ServerResponse) => void;

/** A real HTTP server on 127.0.0.1 whose answer each test swaps. */
export interface FaultServer {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** The answer to every request from now on. */
  respond: Respond;
  /** Every request received so far, as `METHOD path?query`. */
  readonly requests: string[];
  /** Stops listening and destroys every open socket: the server is down. */
  stop(): Promise<void>;
  /** Listens again on the same port: the server is back. */
  restart(): Promise<void>;
}

/** Starts a server on a free port of 127.0.0.1. */
export async function startFaultServer(
  respond: Respond = json(200, { data: [] }),
): Promise<FaultServer> {
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  let port = 0;
  const fault: FaultServer = {
    url: '',
    respond,
    requests: [],
    async stop() {
      if (!server) return;
      const stopping = server;
      server = undefined;
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((done) => stopping.close(() => done()));
    },
    async restart() {
      await listen();
    },
  };
  const listen = async (): Promise<void> => {
    const created = createServer((request, response) => {
      fault.requests.push(`${request.method} ${request.url}`);
      fault.respond(request, response);
    });
    created.on('connection', (socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>((done) => created.listen(port, '127.0.0.1', done));
    port = (created.address() as { port: number }).port;
    server = created;
  };
  await listen();
  (fault as { url: string }).url = `http://127.0.0.1:${port}`;
  return fault;
}

/** Answers a status with a JSON body and optional headers. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): Respond {
  return (_request, response) => {
    response.writeHead(status, { 'content-type': 'application/json', ...headers });
    response.end(JSON.stringify(body));
  };
}

/** Answers a status with a raw body, as it is. */
export function raw(
  status: number,
  body: string | Buffer,
  headers: Record<string, string>,
): Respond {
  return (_request, response) => {
    response.writeHead(status, headers);
    response.end(body);
  };
}

/**
 * Fails the file when it leaves an unhandled rejection, or a timer or socket open that
 * it created. Timers and sockets are tracked with async_hooks from the first test on;
 * those created by vitest itself (hook and test time limits) are left out by their stack.
 * Call at the top level of a test file, before registering the `afterAll` that closes its
 * servers (vitest runs `afterAll` hooks in reverse order, so that one runs first).
 */
export function guardAgainstLeaks(): void {
  const rejections: unknown[] = [];
  const onRejection = (reason: unknown): void => {
    rejections.push(reason);
  };
  const open = new Map<number, { type: string; resource: object; stack: string }>();
  const hook = createHook({
    init(asyncId, type, _triggerId, resource) {
      if (type !== 'Timeout' && type !== 'TCPWRAP') return;
      const limit = Error.stackTraceLimit;
      Error.stackTraceLimit = 30;
      const holder: { stack?: string } = {};
      Error.captureStackTrace(holder);
      Error.stackTraceLimit = limit;
      // The first frame outside Node's internals says who asked for the timer or socket.
      const caller =
        (holder.stack ?? '')
          .split('\n')
          .slice(1)
          .find((frame) => !/node:|fault-server\.ts/.test(frame)) ?? '';
      if (/[\\/](vitest|@vitest|tinypool)[\\/]/.test(caller)) return;
      open.set(asyncId, { type, resource, stack: caller });
    },
    destroy(asyncId) {
      open.delete(asyncId);
    },
  });
  beforeAll(() => {
    // msw's interceptor renames the global fetch `fetchProxy`; this suite needs the real one.
    expect(globalThis.fetch.name, 'the real fetch, not an msw interceptor').toBe('fetch');
    process.on('unhandledRejection', onRejection);
    hook.enable();
  });
  afterAll(async () => {
    // A socket closed by the server ends on the client a few ticks later.
    let left: string[] = [];
    for (let attempt = 0; attempt < 40; attempt++) {
      left = [...open.values()].filter(isActive).map(({ type, stack }) => `${type}${stack}`);
      if (left.length === 0) break;
      await new Promise((wait) => setTimeout(wait, 25));
    }
    hook.disable();
    process.off('unhandledRejection', onRejection);
    expect(rejections, 'unhandled rejections').toEqual([]);
    expect(left, 'timers or sockets left open').toEqual([]);
  });
}

/** A timer still counts when it keeps the process alive; a socket while its handle is open. */
function isActive({ type, resource }: { type: string; resource: object }): boolean {
  if (type === 'Timeout') {
    const timer = resource as { hasRef?: () => boolean; _destroyed?: boolean };
    return timer.hasRef?.() === true && timer._destroyed !== true;
  }
  return true;
}
