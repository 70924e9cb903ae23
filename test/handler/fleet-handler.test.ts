import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  type CatalogChange,
  type CatalogEvent,
  createMemoryCache,
  createModelCatalog,
  createModelsHandler,
  type ModelCatalog,
  type ModelsHandlerOptions,
  openai,
} from '../../src/index.js';
import { changeEventsResponse } from '../../src/server/change-events.js';
import { recordRequests, server } from '../helpers/msw.js';

const BASE = 'http://models.test/api/models';
const OWN = 'sk-own-PLANTED-handler-01';
const USER = 'sk-user-PLANTED-handler-02';
const OTHER = 'sk-other-PLANTED-handler-03';
const UPSTREAM = 'https://api.openai.com/v1/models';

/** OpenAI's list endpoint: each key sees its own fine-tune, an unknown key is refused. */
function upstream() {
  const lists: Record<string, string[]> = {
    [OWN]: ['gpt-4o', 'ft:own'],
    [USER]: ['gpt-4o', 'ft:user'],
    [OTHER]: ['gpt-4o'],
  };
  server.use(
    http.get(UPSTREAM, ({ request }) => {
      const key = request.headers.get('authorization')?.replace(/^Bearer /, '') ?? '';
      const ids = lists[key];
      if (!ids) {
        return HttpResponse.json(
          { error: { message: `Incorrect API key provided: ${key}` } },
          { status: 401 },
        );
      }
      return HttpResponse.json({ object: 'list', data: ids.map((id) => ({ id })) });
    }),
  );
  return lists;
}

function setup(
  options: ModelsHandlerOptions = {},
  env: Record<string, string> = { OPENAI_API_KEY: OWN },
) {
  const events: CatalogEvent[] = [];
  const catalog = createModelCatalog({
    providers: [openai()],
    env,
    cache: createMemoryCache(),
    retries: 0,
    onEvent: (event) => events.push(event),
  });
  const handler = createModelsHandler(catalog, options);
  return { catalog, handler, events };
}

/** Takes the user's key from a header of its own: the bring-your-own-key pattern. */
const byok: ModelsHandlerOptions['credentials'] = (request) => {
  const key = request.headers.get('x-openai-key');
  return key ? { openai: { apiKey: key } } : undefined;
};

describe('createModelsHandler with per-request credentials (bring your own key)', () => {
  it('lists with the user’s key when the request brings one, and with the catalog’s own otherwise', async () => {
    upstream();
    const { handler } = setup({ credentials: byok });
    const mine = await handler(new Request(BASE, { headers: { 'x-openai-key': USER } }));
    expect(mine.status).toBe(200);
    expect(mine.headers.get('cache-control')).toBe('private, no-store');
    const body = (await mine.json()) as { providers: Record<string, { id: string }[]> };
    expect(body.providers.openai?.map((model) => model.id)).toEqual(['ft:user', 'gpt-4o']);

    const theirs = await handler(new Request(BASE));
    expect(theirs.headers.get('cache-control')).toBe('private, max-age=60');
    const own = (await theirs.json()) as { providers: Record<string, { id: string }[]> };
    expect(own.providers.openai?.map((model) => model.id)).toEqual(['ft:own', 'gpt-4o']);
  });

  it("gives each account its own refresh window: one user's refresh never holds back another's or the catalog's", async () => {
    upstream();
    const { handler } = setup({ credentials: byok, minRefreshIntervalMs: 60_000 });
    const refresh = async (key?: string, path = '?refresh=true') => {
      const requests = recordRequests();
      const answer = await handler(
        new Request(`${BASE}${path}`, { headers: key ? { 'x-openai-key': key } : {} }),
      );
      return {
        state: answer.headers.get('model-catalog-refresh'),
        keys: requests.map((request) => request.headers.get('authorization')),
      };
    };
    expect(await refresh(USER)).toEqual({ state: 'refreshed', keys: [`Bearer ${USER}`] });
    expect(await refresh()).toEqual({ state: 'refreshed', keys: [`Bearer ${OWN}`] });
    expect(await refresh(OTHER)).toEqual({ state: 'refreshed', keys: [`Bearer ${OTHER}`] });
    // Each account's window is its own, one provider or all.
    for (const key of [USER, undefined, OTHER]) {
      expect((await refresh(key, '?provider=openai&refresh=true')).keys).toEqual([]);
      expect((await refresh(key)).state).toMatch(
        /^throttled; providers="openai"; retry-after=(59|60)$/,
      );
    }
  });

  it('serves a BYOK-only server, with no key of its own, one provider or all', async () => {
    const seen = recordRequests();
    upstream();
    const { handler } = setup({ credentials: byok }, {});
    const without = await handler(new Request(`${BASE}?provider=openai`));
    expect(without.status).toBe(404);
    const one = await handler(
      new Request(`${BASE}?provider=openai&format=openai`, { headers: { 'x-openai-key': USER } }),
    );
    expect(
      ((await one.json()) as { data: { id: string }[] }).data.map((model) => model.id),
    ).toEqual(['ft:user', 'gpt-4o']);
    const all = await handler(
      new Request(`${BASE}?refresh=true`, { headers: { 'x-openai-key': USER } }),
    );
    expect(all.headers.get('model-catalog-refresh')).toBe('refreshed');
    expect(seen.map((request) => request.headers.get('authorization'))).toEqual([
      `Bearer ${USER}`,
      `Bearer ${USER}`,
    ]);
  });

  it('never echoes a user’s key: a refused key answers 502 with the key scrubbed, and no event holds it', async () => {
    upstream();
    const wrong = 'sk-wrong-PLANTED-handler-03';
    const { handler, events } = setup({ credentials: byok });
    const response = await handler(
      new Request(`${BASE}?provider=openai`, { headers: { 'x-openai-key': wrong } }),
    );
    expect(response.status).toBe(502);
    const text = await response.text();
    expect(JSON.parse(text)).toMatchObject({ error: { kind: 'auth', provider: 'openai' } });
    expect(text).not.toContain(wrong);
    expect(JSON.stringify(events)).not.toContain(wrong);
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('runs the credentials callback after authorize, and not at all for a refused request', async () => {
    upstream();
    const calls: string[] = [];
    const { handler } = setup({
      authorize: (request) => request.headers.get('authorization') === 'Bearer app-token',
      credentials: (request) => {
        calls.push('credentials');
        return byok(request);
      },
    });
    const refused = await handler(new Request(BASE, { headers: { 'x-openai-key': USER } }));
    expect(refused.status).toBe(401);
    expect(calls).toEqual([]);
    const allowed = await handler(
      new Request(BASE, { headers: { authorization: 'Bearer app-token', 'x-openai-key': USER } }),
    );
    expect(allowed.status).toBe(200);
    expect(calls).toEqual(['credentials']);
  });

  it('rejects a credentials option that is not a function', () => {
    const { catalog } = setup();
    expect(() => createModelsHandler(catalog, { credentials: 'x-openai-key' as never })).toThrow(
      /`credentials` must be a function/,
    );
  });
});

/** Reads Server-Sent Events from a response until `count` events named `change` arrived. */
async function readChanges(response: Response, count: number, during: () => Promise<unknown>) {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let text = '';
  const events: unknown[] = [];
  const first = await reader.read();
  text += first.value ?? '';
  await during();
  while (events.length < count) {
    const { value, done } = await reader.read();
    if (done) break;
    text += value;
    const blocks = text.split('\n\n');
    text = blocks.pop() ?? '';
    for (const block of blocks) {
      const data = /^event: change\ndata: (.*)$/m.exec(block);
      if (data) events.push(JSON.parse(data[1]!));
    }
  }
  await reader.cancel();
  return { events, opening: first.value };
}

describe('createModelsHandler change events', () => {
  it('streams each change of the catalog’s lists as a Server-Sent Event when enabled', async () => {
    const lists = upstream();
    const { handler, catalog } = setup({ changeEvents: true });
    await catalog.listModels({ provider: 'openai' });
    const response = await handler(new Request(BASE, { headers: { accept: 'text/event-stream' } }));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-store');
    const { events, opening } = await readChanges(response, 1, async () => {
      lists[OWN] = ['gpt-4o', 'ft:own', 'gpt-5'];
      await catalog.listModels({ provider: 'openai', refresh: true });
    });
    expect(opening).toBe(': model-catalog changes\n\n');
    expect(events).toEqual([
      {
        provider: 'openai',
        fetchedAt: expect.any(String),
        changes: { added: ['gpt-5'], removed: [], changed: [] },
      },
    ]);
    // The client is gone: later changes go nowhere, and break nothing.
    lists[OWN] = ['gpt-4o'];
    await expect(catalog.listModels({ provider: 'openai', refresh: true })).resolves.toMatchObject({
      status: { source: 'live' },
    });
  });

  it('ends the stream when the request is aborted', async () => {
    upstream();
    const { handler } = setup({ changeEvents: true });
    const controller = new AbortController();
    const response = await handler(
      new Request(BASE, { headers: { accept: 'text/event-stream' }, signal: controller.signal }),
    );
    const reader = response.body!.getReader();
    await reader.read();
    controller.abort();
    expect(await reader.read()).toEqual({ done: true, value: undefined });
  });

  it('answers event-stream requests with JSON unless enabled', async () => {
    upstream();
    const { handler } = setup();
    const response = await handler(new Request(BASE, { headers: { accept: 'text/event-stream' } }));
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
  });

  it('asks authorize first', async () => {
    upstream();
    const { handler } = setup({ changeEvents: true, authorize: () => false });
    const response = await handler(new Request(BASE, { headers: { accept: 'text/event-stream' } }));
    expect(response.status).toBe(401);
  });
});

describe('changeEventsResponse', () => {
  it('closes on a client that stays connected and reads nothing, instead of queueing every event', async () => {
    let listener: ((change: CatalogChange) => void) | undefined;
    let listening = 0;
    const catalog = {
      onChange(added: (change: CatalogChange) => void) {
        listener = added;
        listening++;
        return () => {
          listening--;
        };
      },
    } as unknown as ModelCatalog;
    const response = changeEventsResponse(
      catalog,
      new Request(BASE, { headers: { accept: 'text/event-stream' } }),
    );
    const change: CatalogChange = {
      provider: 'openai',
      fetchedAt: '2026-02-19T10:00:00.000Z',
      changes: { added: ['gpt-5'], removed: [], changed: [] },
    };
    for (let index = 0; index < 1000; index++) listener?.(change);
    expect(listening).toBe(1);
    listener?.(change);
    listener?.(change);
    expect(listening).toBe(0);
    // What was queued is still read, then the stream ends.
    const text = await response.text();
    expect(text.startsWith(': model-catalog changes\n\n')).toBe(true);
    expect(text.split('event: change\n').length - 1).toBe(1001);
  });
});
