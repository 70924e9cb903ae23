/**
 * Seed 000's `GET /api/models` on plain `node:http`: `{ providers }` for every configured
 * provider, `{ provider, models }` with `?provider=`, `?refresh=true` (rate-limited), filters and
 * paging. The Fetch API handler runs on Node through `toNodeHandler` from `model-catalog/node`.
 *
 * Run:  npx tsx examples/node-http.ts              (http://127.0.0.1:3000/api/models, stand-in providers)
 *       npx tsx examples/node-http.ts --self-test  (calls itself over HTTP and exits)
 *       npx tsx examples/node-http.ts --live       (your real providers, from your environment)
 */
import { createServer } from 'node:http';
import { toNodeHandler } from '../src/entries/node.js';
import { createModelsHandler } from '../src/index.js';
import { close, exampleCatalog, listen, runExample } from './stand-in-providers.js';

const { catalog, close: stopStandIns } = await exampleCatalog();

// The endpoint: one handler, mounted on one path.
const models = createModelsHandler(catalog);
const server = createServer(
  toNodeHandler(async (request) =>
    new URL(request.url).pathname === '/api/models'
      ? models(request)
      : new Response('Not found', { status: 404 }),
  ),
);

await runExample({
  start: async (port) => {
    const url = await listen(server, port);
    return { url: `${url}/api/models`, close: () => close(server) };
  },
  cleanup: stopStandIns,
  calls: [
    { path: '', check: (body) => Object.keys(body.providers as object).length === 3 },
    { path: '?provider=anthropic', check: (body) => body.provider === 'anthropic' },
    {
      path: '?category=embedding',
      check: (body) => (body.providers as Record<string, unknown[]>).openai?.length === 1,
    },
    { path: '?page_size=2', check: (body) => typeof body.next_page_token === 'string' },
  ],
});
