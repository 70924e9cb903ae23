/**
 * Seed 002's multi-format `/v1/models`: one endpoint that the official OpenAI, Anthropic and
 * Gemini SDKs can all call. The format follows the request headers (`detectFormat: true`):
 * `x-api-key` + `anthropic-version` gives Anthropic's shape, `x-goog-api-key` or `?key=` gives
 * Gemini's, anything else OpenAI's. Anthropic and Gemini paging work as in the real APIs, and
 * `GET /v1/models/<id>` answers one model (the SDKs' `retrieve`).
 *
 * Run:  npx tsx examples/openai-compatible-proxy.ts              (http://127.0.0.1:3000/v1/models)
 *       npx tsx examples/openai-compatible-proxy.ts --self-test  (calls itself with the SDKs and exits)
 */
import { createServer } from 'node:http';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { toNodeHandler } from '../src/entries/node.js';
import { createModelsHandler } from '../src/index.js';
import { close, exampleCatalog, listen } from './stand-in-providers.js';

const { catalog, close: stopStandIns } = await exampleCatalog();

const models = createModelsHandler(catalog, { detectFormat: true });
const server = createServer(
  toNodeHandler(async (request) =>
    // `/v1/models` lists; `/v1/models/<id>` is one model, as the SDKs' `retrieve` asks.
    /^\/v1\/models(\/|$)/.test(new URL(request.url).pathname)
      ? models(request)
      : new Response('Not found', { status: 404 }),
  ),
);

const port = process.argv.includes('--self-test') ? 0 : Number(process.env.PORT ?? 3000);
const url = await listen(server, port);
console.log(`Listening on ${url}/v1/models`);

if (process.argv.includes('--self-test')) {
  const openaiClient = new OpenAI({ baseURL: `${url}/v1`, apiKey: 'any' });
  const openaiIds: string[] = [];
  for await (const model of openaiClient.models.list()) openaiIds.push(model.id);
  console.log('openai sdk:', openaiIds.join(', '));
  const first = await openaiClient.models.retrieve(openaiIds[0] ?? '');
  console.log('openai sdk retrieve:', first.id);

  const anthropicClient = new Anthropic({ baseURL: url, apiKey: 'any' });
  const anthropicIds: string[] = [];
  for await (const model of anthropicClient.models.list({ limit: 2 })) anthropicIds.push(model.id);
  console.log('anthropic sdk (pages of 2):', anthropicIds.join(', '));

  const geminiNames: string[] = [];
  let pageToken: string | undefined;
  do {
    const query = new URLSearchParams({ pageSize: '2', ...(pageToken ? { pageToken } : {}) });
    const response = await fetch(`${url}/v1/models?${query}`, {
      headers: { 'x-goog-api-key': 'any' },
    });
    const page = (await response.json()) as { models: { name: string }[]; nextPageToken?: string };
    geminiNames.push(...page.models.map((model) => model.name));
    pageToken = page.nextPageToken;
  } while (pageToken);
  console.log('gemini (pages of 2):', geminiNames.join(', '));

  await close(server);
  await stopStandIns();
  const same =
    openaiIds.length > 0 &&
    first.id === openaiIds[0] &&
    anthropicIds.join() === openaiIds.join() &&
    geminiNames.length === openaiIds.length;
  console.log(same ? 'self-test passed' : 'self-test failed: the three formats disagree');
  process.exit(same ? 0 : 1);
}
