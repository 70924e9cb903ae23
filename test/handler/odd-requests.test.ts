// Requests a real client sends that the handler and the Node adapter got wrong: repeated list
// parameters, a list of no items, an empty `free`, a page size too long for a number, a query of
// symbols only, a bad Anthropic page beside `refresh=true`, a JSON answer and an event stream at
// one URL, and a request path starting with `//`.
import { createServer, type Server } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { toNodeHandler } from '../../src/entries/node.js';
import { createModelsHandler, type Model } from '../../src/index.js';
import { searchModels } from '../../src/server/search-models.js';
import { catalogOf, clock, standIn } from './stand-in-catalog.js';

const BASE = 'http://models.test';

function setup() {
  const time = clock();
  const alpha = standIn('alpha', ['plain', 'tools-only', 'tools-vision']);
  alpha.models[0] = { ...alpha.models[0]!, pricing: { input: 1, output: 2, free: false } };
  alpha.models[1] = { ...alpha.models[1]!, capabilities: { tools: true } };
  alpha.models[2] = {
    ...alpha.models[2]!,
    category: 'embedding',
    capabilities: { tools: true, vision: true },
  };
  const beta = standIn('beta', ['b1', 'b2', 'b3', 'b4-retired']);
  beta.models[3] = { ...beta.models[3]!, lifecycle: { status: 'retired' } };
  const catalog = catalogOf([alpha, beta], time);
  const handler = createModelsHandler(catalog, { now: time.now });
  const json = async (path: string) => {
    const response = await handler(new Request(`${BASE}${path}`));
    return {
      status: response.status,
      headers: response.headers,
      body: (await response.json()) as Record<string, unknown>,
    };
  };
  return { time, alpha, beta, json };
}

const idsOf = (list: unknown) => (list as { id: string }[]).map((entry) => entry.id);

describe('the models handler: list parameters given more than once', () => {
  // `requests.get(url, params={'capability': ['tools', 'vision']})`, axios and most form
  // encoders send a list as the same name repeated.
  it('needs every repeated capability, as it does a comma list', async () => {
    const { json } = setup();
    const repeated = await json('/v1/models?format=openai&capability=tools&capability=vision');
    const commas = await json('/v1/models?format=openai&capability=tools,vision');
    expect(idsOf(commas.body.data)).toEqual(['alpha/tools-vision']);
    expect(idsOf(repeated.body.data)).toEqual(['alpha/tools-vision']);
  });

  it('keeps any repeated category, and checks every one of them', async () => {
    const { json } = setup();
    const { body } = await json(
      '/v1/models?format=openai&provider=alpha&category=embedding&category=chat',
    );
    expect(idsOf(body.data)).toEqual(['plain', 'tools-only', 'tools-vision']);
    const retiredToo = await json('/v1/models?format=openai&lifecycle=active&lifecycle=retired');
    expect(idsOf(retiredToo.body.data)).toContain('beta/b4-retired');
    const bad = await json('/v1/models?category=chat&category=nonsense');
    expect(bad.status).toBe(400);
    expect((bad.body.error as { parameter: string }).parameter).toBe('category');
  });
});

describe('the models handler: a list of no items', () => {
  it('is no list: lifecycle=, keeps retired models out, as lifecycle= does', async () => {
    const { json } = setup();
    for (const path of [
      '/v1/models?format=openai&lifecycle=,',
      '/v1/models?format=openai&lifecycle=',
    ]) {
      const { status, body } = await json(path);
      expect(status, path).toBe(200);
      expect(idsOf(body.data), path).toHaveLength(6);
      expect(idsOf(body.data), path).not.toContain('beta/b4-retired');
    }
  });
});

describe('the models handler: an empty free', () => {
  it('is no filter, like every other empty parameter, not free=false', async () => {
    const { json } = setup();
    const all = await json('/v1/models?format=openai');
    const empty = await json('/v1/models?format=openai&free=');
    expect(idsOf(all.body.data)).toHaveLength(6);
    expect(idsOf(empty.body.data)).toEqual(idsOf(all.body.data));
    // free=false still keeps only the models known not to be free.
    expect(idsOf((await json('/v1/models?format=openai&free=false')).body.data)).toEqual([
      'alpha/plain',
    ]);
  });
});

describe('the models handler: a page size too long for a number', () => {
  it('is lowered to the largest page, as any other page size above it', async () => {
    const { json } = setup();
    const huge = '9'.repeat(400);
    for (const path of [
      `/v1/models?format=openai&page_size=${huge}`,
      `/v1/models?format=gemini&pageSize=${huge}`,
      `/v1/models?page_size=${huge}`,
    ]) {
      const { status, body } = await json(path);
      expect(status, path).toBe(200);
      // The last model: every one fits on the page.
      expect(JSON.stringify(body)).toContain('b3"');
    }
  });
});

describe('the models handler: a query of symbols only', () => {
  const model = (id: string, name = id): Model => ({ id, name, category: 'chat', provider: 'p' });

  it('matches no model that does not hold it, instead of every model', async () => {
    const { json } = setup();
    const { status, body } = await json(`/v1/models?format=openai&q=${encodeURIComponent('😀')}`);
    expect(status).toBe(200);
    expect(body.data).toEqual([]);
    expect(
      searchModels([model('gpt-4o'), model('party', 'Party 😀')], '😀').map((m) => m.id),
    ).toEqual(['party']);
    expect(searchModels([model('gpt-4o'), model('o1')], '-').map((m) => m.id)).toEqual(['gpt-4o']);
  });
});

describe('the models handler: a bad Anthropic page beside refresh=true', () => {
  it('is a 400 before anything is fetched, so the refresh window is not spent', async () => {
    const { time, alpha, json } = setup();
    await json('/v1/models');
    const calls = alpha.calls;
    time.advance(120_000);
    for (const path of [
      '/v1/models?format=anthropic&refresh=true&limit=5000',
      '/v1/models?format=anthropic&refresh=true&after_id=a&before_id=b',
    ]) {
      expect((await json(path)).status, path).toBe(400);
    }
    expect(alpha.calls).toBe(calls);
    const good = await json('/v1/models?format=anthropic&refresh=true');
    expect(good.status).toBe(200);
    expect(good.headers.get('model-catalog-refresh')).toBe('refreshed');
    expect(alpha.calls).toBe(calls + 1);
  });
});

describe('the models handler with changeEvents: the JSON answer', () => {
  it('varies on Accept, so a cache never serves it to an EventSource on the same URL', async () => {
    const time = clock();
    const catalog = catalogOf([standIn('alpha', ['a1'])], time);
    const handler = createModelsHandler(catalog, {
      now: time.now,
      changeEvents: true,
      cacheControl: 'public, max-age=60',
      detectFormat: true,
    });
    const json = await handler(new Request(`${BASE}/v1/models`));
    expect(json.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(json.headers.get('vary')).toBe('x-api-key, anthropic-version, x-goog-api-key, accept');
    const events = await handler(
      new Request(`${BASE}/v1/models`, { headers: { accept: 'text/event-stream' } }),
    );
    expect(events.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    await events.body?.cancel();
  });
});

describe('toNodeHandler: request lines fetch would not send', () => {
  const servers: Server[] = [];
  afterEach(async () => {
    for (const server of servers.splice(0)) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  /** Sends `<method> <target>` as written (fetch would normalise it); returns the raw answer. */
  async function rawRequest(
    method: string,
    target: string,
    handler: (request: Request) => Response | Promise<Response> = (request) =>
      Response.json({ url: request.url }),
  ): Promise<string> {
    const server = createServer(toNodeHandler(handler));
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.write(
          `${method} ${target} HTTP/1.1\r\nHost: models.test:8080\r\nConnection: close\r\n\r\n`,
        );
      });
      let received = '';
      socket.on('data', (chunk) => {
        received += chunk;
      });
      socket.on('end', () => resolve(received));
      socket.on('error', reject);
    });
    return raw;
  }

  /** The JSON body of `GET <target>`. */
  async function rawGet(target: string): Promise<string> {
    const raw = await rawRequest('GET', target);
    const body = raw.slice(raw.indexOf('\r\n\r\n') + 4);
    return body.slice(body.indexOf('{'), body.lastIndexOf('}') + 1);
  }

  it('keeps the Host header as the host and the whole path as the path', async () => {
    // `http://models.test:8080/` + `/v1/models`, as a client joining a base URL writes it.
    expect(JSON.parse(await rawGet('//v1/models?format=openai'))).toEqual({
      url: 'http://models.test:8080//v1/models?format=openai',
    });
    expect(JSON.parse(await rawGet('//elsewhere.test/v1/models'))).toEqual({
      url: 'http://models.test:8080//elsewhere.test/v1/models',
    });
    // A backslash is a slash in an http URL: `/\\` too would have named a host.
    expect(JSON.parse(await rawGet('/\\elsewhere.test/v1/models'))).toEqual({
      url: 'http://models.test:8080//elsewhere.test/v1/models',
    });
  });

  it('answers 501 to TRACE, which no Request can carry, instead of 400 for a bad Host', async () => {
    // (Node itself answers CONNECT and TRACK: a `connect` event, a 400 from its parser.)
    expect((await rawRequest('TRACE', '/v1/models')).split('\r\n')[0]).toBe(
      'HTTP/1.1 501 Not Implemented',
    );
    expect((await rawRequest('GET', '/v1/models')).split('\r\n')[0]).toBe('HTTP/1.1 200 OK');
  });

  it('writes a Response of another copy of the Fetch classes, without getSetCookie', async () => {
    const raw = await rawRequest('GET', '/v1/models', () => foreignResponse(201, 'made elsewhere'));
    expect(raw.split('\r\n')[0]).toBe('HTTP/1.1 201 Created');
    expect(raw).toMatch(/\r\nx-from: elsewhere\r\n/i);
    expect(raw).toContain('\r\nmade elsewhere\r\n');
  });
});

/**
 * A `Response` as another copy of the Fetch classes makes it (the `undici` package, a polyfill):
 * no instance of this realm's `Response`, and headers without `getSetCookie`.
 */
function foreignResponse(status: number, text: string): Response {
  const headers = new Map([
    ['content-type', 'text/plain'],
    ['x-from', 'elsewhere'],
  ]);
  return {
    status,
    statusText: '',
    headers: {
      get: (name: string) => headers.get(name.toLowerCase()) ?? null,
      forEach: (each: (value: string, name: string) => void) => {
        for (const [name, value] of headers) each(value, name);
      },
    },
    body: new Response(text).body,
  } as unknown as Response;
}

describe('authorize: a Response of another copy of the Fetch classes', () => {
  it('is sent as it is, not taken for a refusal (401)', async () => {
    const handler = createModelsHandler(catalogOf([standIn('acme', [])]), {
      authorize: () => foreignResponse(403, 'go away'),
    });
    const response = await handler(new Request('http://models.test/api/models'));
    expect(response.status).toBe(403);
    expect(await new Response(response.body).text()).toBe('go away');
  });
});
