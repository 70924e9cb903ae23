/**
 * One instance of a fleet serving `GET /v1/models`: lists shared through Redis (unstorage's
 * Redis driver, so one instance fetches while the others wait for its entry), users' own keys
 * taken from an `x-openai-key` header (bring your own key), a watch refreshing every hour, and
 * the changes it finds streamed as Server-Sent Events to an `EventSource` on the same URL.
 * Start several with the same `REDIS_URL` and they share one upstream request per provider and key.
 *
 * Run:  REDIS_URL=redis://127.0.0.1:6379 npx tsx examples/fleet-server.ts
 *       npx tsx examples/fleet-server.ts              (no REDIS_URL: unstorage's memory driver)
 *       npx tsx examples/fleet-server.ts --self-test  (calls itself over HTTP and exits)
 *       curl -H 'x-openai-key: sk-...' http://127.0.0.1:3000/v1/models
 *       curl -N -H 'accept: text/event-stream' http://127.0.0.1:3000/v1/models
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { createStorage } from 'unstorage';
import memoryDriver from 'unstorage/drivers/memory';
import redisDriver from 'unstorage/drivers/redis';
import {
  anthropic,
  createModelCatalog,
  createModelsHandler,
  createStorageCache,
  openai,
} from '../src/index.js';
import { runExample, startStandInProviders } from './stand-in-providers.js';

// Stand-ins for OpenAI and Anthropic on 127.0.0.1, so the example needs no key and no internet.
const standIns = await startStandInProviders();

const storage = createStorage({
  driver: process.env.REDIS_URL ? redisDriver({ url: process.env.REDIS_URL }) : memoryDriver(),
});
const catalog = createModelCatalog({
  providers: [
    openai({ apiKey: 'stand-in', baseURL: `${standIns.url}/openai/v1` }),
    anthropic({ apiKey: 'stand-in', baseURL: `${standIns.url}/anthropic/v1` }),
  ],
  cache: createStorageCache(storage, { prefix: 'models' }),
});

const models = createModelsHandler(catalog, {
  format: 'openai',
  // A user's own OpenAI key, for this request only; never logged, cached only as a fingerprint.
  credentials: (request) => {
    const apiKey = request.headers.get('x-openai-key');
    return apiKey ? { openai: { apiKey } } : undefined;
  },
  changeEvents: true,
});

// Refreshes every hour, give or take 10%; with Redis, one instance fetches each list.
const stopWatch = catalog.watch({
  intervalMs: 60 * 60_000,
  onChange: ({ provider, changes }) =>
    console.log(
      `${provider}: +${changes.added.length} -${changes.removed.length} ~${changes.changed.length}`,
    ),
});

const app = new Hono();
app.get('/v1/models', (c) => models(c.req.raw));

await runExample({
  start: (port) =>
    new Promise((resolve) => {
      const server = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' }, (info) => {
        resolve({
          url: `http://127.0.0.1:${info.port}/v1/models`,
          close: () => new Promise<void>((done) => server.close(() => done())),
        });
      });
    }),
  cleanup: async () => {
    stopWatch();
    await storage.dispose();
    await standIns.close();
  },
  calls: [
    { path: '', check: (body) => (body.data as unknown[]).length === 6 },
    {
      path: '?provider=openai',
      headers: { 'x-openai-key': 'sk-a-user-key' },
      check: (body) => (body.data as { id: string }[])[0]?.id === 'gpt-4o',
    },
  ],
});
