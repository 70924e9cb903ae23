/**
 * Seed 000's `/api/models` and seed 001's gateway `/v1/models` (OpenRouter's rich shape,
 * `<provider>/<id>` ids, `page_size` / `page_token` -> `next_page_token`) in a Hono app.
 * The same app runs on Bun, Deno and Cloudflare Workers with `export default app`.
 *
 * Run:  npx tsx examples/hono.ts              (http://127.0.0.1:3000, stand-in providers)
 *       npx tsx examples/hono.ts --self-test  (calls itself over HTTP and exits)
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { createModelsHandler } from '../src/index.js';
import { exampleCatalog, runExample } from './stand-in-providers.js';

const { catalog, close: stopStandIns } = await exampleCatalog();

const models = createModelsHandler(catalog);
const gateway = createModelsHandler(catalog, { format: 'openrouter' });

const app = new Hono();
app.all('/api/models', (c) => models(c.req.raw));
app.all('/v1/models', (c) => gateway(c.req.raw));

await runExample({
  start: (port) =>
    new Promise((resolve) => {
      const server = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' }, (info) => {
        resolve({
          url: `http://127.0.0.1:${info.port}`,
          close: () => new Promise<void>((done) => server.close(() => done())),
        });
      });
    }),
  cleanup: stopStandIns,
  calls: [
    { path: '/api/models', check: (body) => 'providers' in body },
    {
      path: '/v1/models?provider=openrouter',
      check: (body) => (body.data as { id: string }[])[0]?.id === 'openrouter/openai/gpt-4o',
    },
    { path: '/v1/models?page_size=3', check: (body) => typeof body.next_page_token === 'string' },
  ],
});
