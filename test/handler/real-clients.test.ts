import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Anthropic from '@anthropic-ai/sdk';
import { http, passthrough } from 'msw';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { toNodeHandler } from '../../src/entries/node.js';
import { createModelsHandler } from '../../src/index.js';
import { server as msw } from '../helpers/msw.js';
import { catalogOf, standIn } from './stand-in-catalog.js';

// Seven models across two providers: enough for several pages of two.
const providers = [
  standIn('acme', ['alpha', 'beta', 'gamma', 'delta'], { created: 1735689600 }),
  standIn('zeta', ['one', 'two', 'three']),
];
// A retired model: left out unless a request asks for `lifecycle` retired.
providers[1]!.models.push({
  id: 'old',
  name: 'old',
  category: 'chat',
  provider: 'zeta',
  lifecycle: { status: 'retired' },
});
const expectedIds = [
  'acme/alpha',
  'acme/beta',
  'acme/delta',
  'acme/gamma',
  'zeta/one',
  'zeta/three',
  'zeta/two',
];

let server: Server;
let baseURL: string;

beforeAll(async () => {
  const handler = createModelsHandler(catalogOf(providers), { detectFormat: true });
  server = createServer(
    toNodeHandler((request) =>
      new URL(request.url).pathname.startsWith('/v1/models')
        ? handler(request)
        : Promise.resolve(new Response(null, { status: 404 })),
    ),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
});

// The SDKs call a real local server: let their requests through msw.
beforeEach(() => msw.use(http.all(/^http:\/\/127\.0\.0\.1:\d+\//, () => passthrough())));

describe('real clients against a local server running the handler', () => {
  it('lists every model with the official openai SDK', async () => {
    const client = new OpenAI({ baseURL: `${baseURL}/v1`, apiKey: 'x', maxRetries: 0 });
    const ids: string[] = [];
    for await (const model of client.models.list()) {
      expect(model.object).toBe('model');
      ids.push(model.id);
    }
    expect(ids).toEqual(expectedIds);
  });

  it('follows pages of two with the official @anthropic-ai/sdk', async () => {
    const client = new Anthropic({ baseURL, apiKey: 'x', maxRetries: 0 });
    const first = await client.models.list({ limit: 2 });
    expect(first.data.map((model) => model.id)).toEqual(['acme/alpha', 'acme/beta']);
    expect(first.has_more).toBe(true);
    expect(first.data[0]?.created_at).toBe('2025-01-01T00:00:00Z');
    const ids: string[] = [];
    let pages = 0;
    for await (const page of (await client.models.list({ limit: 2 })).iterPages()) {
      pages++;
      ids.push(...page.data.map((model) => model.id));
    }
    expect(pages).toBe(4);
    expect(ids).toEqual(expectedIds);
    const iterated: string[] = [];
    for await (const model of client.models.list({ limit: 3 })) iterated.push(model.id);
    expect(iterated).toEqual(expectedIds);
  });

  it('filters by lifecycle as the official @anthropic-ai/sdk sends it (lifecycle[]=...)', async () => {
    const client = new Anthropic({ baseURL, apiKey: 'x', maxRetries: 0 });
    const retired = await client.models.list({ lifecycle: ['retired'] });
    expect(retired.data.map((model) => model.id)).toEqual(['zeta/old']);
    const everyOne: string[] = [];
    for await (const model of client.models.list({ lifecycle: ['active', 'retired'] })) {
      everyOne.push(model.id);
    }
    expect(everyOne).toEqual([...expectedIds.slice(0, 4), 'zeta/old', ...expectedIds.slice(4)]);
  });

  it('shows the handler’s error message through the official @anthropic-ai/sdk', async () => {
    const client = new Anthropic({ baseURL, apiKey: 'x', maxRetries: 0 });
    const error = await client.models.list({ limit: 5000 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Anthropic.BadRequestError);
    // The SDK reads `error.type` and `error.message` of Anthropic's error shape.
    const { status, type, apiMessage } = error as InstanceType<typeof Anthropic.BadRequestError> & {
      type?: string;
      apiMessage?: string;
    };
    expect({ status, type, apiMessage }).toEqual({
      status: 400,
      type: 'invalid_request_error',
      apiMessage: '`limit` must be a whole number from 1 to 1000.',
    });
  });

  it('retrieves one model with the official SDKs, and says 404 for an unknown one', async () => {
    const openai = new OpenAI({ baseURL: `${baseURL}/v1`, apiKey: 'x', maxRetries: 0 });
    // The SDK escapes the slash of a `<provider>/<id>` id: `/v1/models/acme%2Fbeta`.
    expect(await openai.models.retrieve('acme/beta')).toEqual({
      id: 'acme/beta',
      object: 'model',
      created: 1735689600,
      owned_by: 'acme',
    });
    const missing = await openai.models.retrieve('acme/nope').catch((caught: unknown) => caught);
    expect(missing).toBeInstanceOf(OpenAI.NotFoundError);
    expect((missing as InstanceType<typeof OpenAI.NotFoundError>).status).toBe(404);

    const anthropic = new Anthropic({ baseURL, apiKey: 'x', maxRetries: 0 });
    const info = await anthropic.models.retrieve('zeta/two');
    expect(info).toMatchObject({
      type: 'model',
      id: 'zeta/two',
      display_name: 'two',
      created_at: '1970-01-01T00:00:00Z',
    });
    const unknown = await anthropic.models.retrieve('zeta/nope').catch((caught: unknown) => caught);
    expect(unknown).toBeInstanceOf(Anthropic.NotFoundError);
    const { type, apiMessage } = unknown as { type?: string; apiMessage?: string };
    expect({ type, apiMessage }).toEqual({
      type: 'not_found_error',
      apiMessage: 'No model "zeta/nope" is listed.',
    });
  });

  it('gets one model in the Gemini format as a Gemini client asks for it', async () => {
    const response = await fetch(`${baseURL}/v1/models/acme/gamma`, {
      headers: { 'x-goog-api-key': 'x' },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      name: 'models/acme/gamma',
      baseModelId: 'acme/gamma',
      displayName: 'gamma',
      supportedGenerationMethods: ['generateContent'],
    });
  });

  it('follows nextPageToken in the Gemini format with plain fetch', async () => {
    const names: string[] = [];
    let pageToken: string | undefined;
    let pages = 0;
    do {
      const query = new URLSearchParams({ pageSize: '3', ...(pageToken ? { pageToken } : {}) });
      const response = await fetch(`${baseURL}/v1/models?${query}`, {
        headers: { 'x-goog-api-key': 'x' },
      });
      expect(response.status).toBe(200);
      const page = (await response.json()) as {
        models: { name: string }[];
        nextPageToken?: string;
      };
      names.push(...page.models.map((model) => model.name));
      pageToken = page.nextPageToken;
      pages++;
    } while (pageToken);
    expect(pages).toBe(3);
    expect(names).toEqual(expectedIds.map((id) => `models/${id}`));
  });

  it('answers the Gemini key query parameter in the Gemini format too', async () => {
    const response = await fetch(`${baseURL}/v1/models?key=x&pageSize=1`);
    expect(await response.json()).toEqual({
      models: [
        {
          name: 'models/acme/alpha',
          baseModelId: 'acme/alpha',
          displayName: 'alpha',
          supportedGenerationMethods: ['generateContent'],
        },
      ],
      nextPageToken: expect.any(String),
    });
  });
});
