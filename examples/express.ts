/**
 * The models endpoint in an Express 5 app, through `toNodeHandler` from `model-catalog/node`, as in `node-http.ts`.
 *
 * Run:  npx tsx examples/express.ts              (http://127.0.0.1:3000/api/models, stand-in providers)
 *       npx tsx examples/express.ts --self-test  (calls itself over HTTP and exits)
 */
import type { Server } from 'node:http';
import express from 'express';
import { toNodeHandler } from '../src/entries/node.js';
import { createModelsHandler } from '../src/index.js';
import { close, exampleCatalog, runExample } from './stand-in-providers.js';

const { catalog, close: stopStandIns } = await exampleCatalog();

const app = express();
app.all('/api/models', toNodeHandler(createModelsHandler(catalog)));

await runExample({
  start: (port) =>
    new Promise((resolve) => {
      const server: Server = app.listen(port, '127.0.0.1', () => {
        const address = server.address() as { port: number };
        resolve({ url: `http://127.0.0.1:${address.port}/api/models`, close: () => close(server) });
      });
    }),
  cleanup: stopStandIns,
  calls: [
    { path: '', check: (body) => 'providers' in body },
    { path: '?provider=openai&format=openai', check: (body) => body.object === 'list' },
  ],
});
