import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { type AddressInfo, BlockList, isIP } from 'node:net';
import { createModelCatalog, createModelsHandler, type ModelsHandler } from '../index.js';
import { EXIT, UsageError } from './arguments.js';
import { BROWSE_PAGE_SECURITY_POLICY, browsePage } from './browse-page.js';
import { createProgress } from './progress.js';
import { reportFailures } from './report-failures.js';
import { printable, type Terminal } from './terminal.js';

type Values = Readonly<Record<string, string | boolean | undefined>>;

const DEFAULT_PORT = 4747;
const DEFAULT_HOST = '127.0.0.1';
const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

/**
 * `model-catalog serve`: lists the providers once (progress on stderr), then serves until
 * SIGINT or SIGTERM:
 *
 * - `GET /`: the browse page, self-contained (no CDN, works offline);
 * - `GET /v1/models`: OpenAI format, or the format the request's headers or `format=` ask for;
 * - `GET /api/models`: the native format;
 * - `GET /v1/models/<id>` and `GET /api/models/<id>`: one model, in the format of its list.
 *
 * Binds to 127.0.0.1 unless `--host` says otherwise, and says so. Prints the page's URL on stdout.
 */
export async function serveCommand(values: Values, terminal: Terminal): Promise<number> {
  const port = readPort(values.port);
  const host =
    typeof values.host === 'string' && values.host.trim() ? values.host.trim() : DEFAULT_HOST;
  const colors = terminal.errColors;
  const progress = createProgress(terminal, { quiet: values.quiet === true });
  const catalog = createModelCatalog({ onEvent: progress.onEvent });
  const onError = (error: unknown): void =>
    terminal.err(
      `${colors.red('error')} ${printable(error instanceof Error ? error.message : String(error))}\n`,
    );
  const routes: Record<string, ModelsHandler> = {
    '/v1/models': createModelsHandler(catalog, { detectFormat: true, onError }),
    '/api/models': createModelsHandler(catalog, { onError }),
  };

  const page = browsePage();
  const server = createServer();
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    terminal.err(
      `${colors.red('error')} cannot listen on ${host}:${port}${code === 'EADDRINUSE' ? ': the port is in use; pick another with --port' : code ? ` (${code})` : ''}.\n`,
    );
    return EXIT.failed;
  }

  const address = server.address() as AddressInfo;
  // Bound to this machine only (the address it resolved to says so: `localhost`, 127.0.0.2, ...),
  // it answers only requests addressed to it: a page of another site whose name was made to point
  // at 127.0.0.1 (DNS rebinding) would otherwise read the models. No request is read before this.
  const loopback = isLoopbackAddress(address.address);
  server.on('request', (incoming: IncomingMessage, outgoing: ServerResponse) => {
    const allowed = !loopback || isThisMachine(incoming.headers.host, host);
    answer(incoming, outgoing, routes, page, allowed).catch((error: unknown) => {
      onError(error);
      if (!outgoing.headersSent) outgoing.writeHead(500, { 'content-type': 'text/plain' });
      outgoing.end('Internal error');
    });
  });
  // Listed once the port is bound (a port in use is said at once, not after every provider
  // answered): a request meanwhile joins this listing, and the first page load after it is
  // served from memory.
  const first = await catalog.listModels();
  progress.stop();
  reportFailures(terminal, first.errors, first.status);

  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const browseHost =
    address.address === '0.0.0.0' || address.address === '::' ? '127.0.0.1' : shownHost;
  const url = `http://${browseHost}:${address.port}/`;
  const models = Object.values(first.providers).reduce((sum, list) => sum + list.length, 0);
  const providers = Object.keys(first.providers).length;
  terminal.err(
    `Serving ${models} models from ${providers} provider${providers === 1 ? '' : 's'}: open ${colors.cyan(url)}\n` +
      `  ${url}v1/models   OpenAI format (Anthropic or Gemini by request headers, or ?format=)\n` +
      `  ${url}api/models  native format\n` +
      `  (one model at v1/models/<id> and api/models/<id>)\n`,
  );
  const bound = loopback
    ? colors.dim(
        `Bound to ${host}: only this machine can reach it (--host 0.0.0.0 would share it with your network). Ctrl+C stops.`,
      )
    : colors.yellow(
        `Bound to ${shownHost}: anyone who can reach this machine on port ${address.port} can list the models your keys reach (never the keys). Ctrl+C stops.`,
      );
  terminal.err(`${bound}\n`);
  terminal.out(`${url}\n`);

  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      server.close(() => resolve());
      server.closeAllConnections();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  // A listing a request started (the page's Refresh) would hold the process until its provider
  // answers or its time budget ends: nothing is left to serve, so the process ends now.
  setTimeout(() => process.exit(EXIT.ok), 100).unref();
  return EXIT.ok;
}

/** Routes one request: the page, one of the two model endpoints, or 404. */
async function answer(
  incoming: IncomingMessage,
  outgoing: ServerResponse,
  routes: Readonly<Record<string, ModelsHandler>>,
  page: string,
  allowed: boolean,
): Promise<void> {
  const url = new URL(incoming.url ?? '/', 'http://localhost');
  const method = incoming.method ?? 'GET';
  if (!allowed) {
    outgoing.writeHead(403, { 'content-type': 'application/json; charset=utf-8' });
    outgoing.end(
      JSON.stringify({
        error: {
          code: 403,
          kind: 'forbidden',
          message:
            'This server answers requests addressed to localhost or 127.0.0.1 only; start it with --host to share it.',
        },
      }),
    );
    return;
  }
  if (url.pathname === '/' || url.pathname === '/index.html') {
    if (method !== 'GET' && method !== 'HEAD') {
      outgoing.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    outgoing.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': BROWSE_PAGE_SECURITY_POLICY,
      'cache-control': 'no-cache',
      'x-content-type-options': 'nosniff',
    });
    outgoing.end(method === 'HEAD' ? undefined : page);
    return;
  }
  // A list path, or one model below it (`/v1/models/<id>`).
  const route = Object.keys(routes).find(
    (path) => url.pathname === path || url.pathname.startsWith(`${path}/`),
  );
  const handler = route === undefined ? undefined : routes[route];
  if (!handler) {
    outgoing.writeHead(404, { 'content-type': 'application/json; charset=utf-8' });
    outgoing.end(
      JSON.stringify({
        error: { code: 404, kind: 'not_found', message: 'Try /, /v1/models or /api/models.' },
      }),
    );
    return;
  }
  // `Request` refuses these methods (it would throw): they are no method of the API either.
  if (FORBIDDEN_METHODS.has(method.toUpperCase())) {
    outgoing.writeHead(405, { allow: 'GET, HEAD' }).end();
    return;
  }
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (typeof value === 'string') headers.set(name, value);
    else if (Array.isArray(value)) for (const each of value) headers.append(name, each);
  }
  const response = await handler(new Request(url, { method, headers }));
  outgoing.writeHead(response.status, Object.fromEntries(response.headers));
  outgoing.end(Buffer.from(await response.arrayBuffer()));
}

const FORBIDDEN_METHODS = new Set(['CONNECT', 'TRACE', 'TRACK']);

/** True for an address of this machine alone: 127.0.0.0/8 or ::1, however it is written. */
export function isLoopbackAddress(address: string): boolean {
  const version = isIP(address);
  return version !== 0 && LOOPBACK.check(address, version === 6 ? 'ipv6' : 'ipv4');
}

/**
 * True for a `Host` header naming this machine: `localhost` (or a name under `.localhost`), a
 * loopback address, or the `--host` it was started with, with or without a port. A request
 * without one (HTTP/1.0) comes from no browser, and passes.
 */
export function isThisMachine(header: string | undefined, host: string): boolean {
  if (header === undefined) return true;
  const name = header.trim().toLowerCase().replace(/:\d*$/, '').replace(/\.$/, '');
  return (
    name === 'localhost' ||
    name.endsWith('.localhost') ||
    name === host.toLowerCase() ||
    isLoopbackAddress(name.replace(/^\[(.*)\]$/, '$1'))
  );
}

function readPort(value: string | boolean | undefined): number {
  if (typeof value !== 'string') return DEFAULT_PORT;
  const port = Number(value);
  if (!/^\d+$/.test(value.trim()) || port > 65_535) {
    throw new UsageError(
      `\`--port\` takes a port number from 0 to 65535, got "${value}".`,
      'serve',
    );
  }
  return port;
}
