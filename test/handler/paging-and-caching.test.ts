import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  createMemoryCache,
  createModelCatalog,
  createModelsHandler,
  type Model,
  type ModelsHandlerOptions,
  openai,
} from '../../src/index.js';
import { server } from '../helpers/msw.js';
import { catalogOf, clock, type StandInProvider, standIn } from './stand-in-catalog.js';

const BASE = 'http://models.test';

interface AnthropicPage {
  readonly data: readonly { readonly id: string }[];
  readonly has_more: boolean;
  readonly last_id: string | null;
}

/** A handler over one stand-in provider whose models get `extra(index)`. */
function handlerOver(
  ids: readonly string[],
  extra: (index: number) => Partial<Model> = () => ({}),
  options: ModelsHandlerOptions = {},
  others: readonly StandInProvider[] = [],
) {
  const time = clock();
  const provider = standIn('openai', ids);
  provider.models = provider.models.map((model, index) => ({ ...model, ...extra(index) }));
  const handler = createModelsHandler(catalogOf([provider, ...others], time), {
    now: time.now,
    ...options,
  });
  const get = (path: string, headers: Record<string, string> = {}) =>
    handler(new Request(`${BASE}${path}`, { headers }));
  return { provider, get, time };
}

const idsOf = (page: AnthropicPage): string[] => page.data.map((entry) => entry.id);

describe('Anthropic-format paging in the order a request asked for', () => {
  it('walks every model once with after_id under sort=-created, and back with before_id', async () => {
    const { get } = handlerOver(['a', 'b', 'c', 'd', 'e', 'f'], (index) => ({
      created: 1000 + index,
    }));
    const seen: string[] = [];
    let after = '';
    for (let pages = 0; pages < 10; pages++) {
      const page = (await (
        await get(`/m?format=anthropic&sort=-created&limit=2${after && `&after_id=${after}`}`)
      ).json()) as AnthropicPage;
      seen.push(...idsOf(page));
      if (!page.has_more) break;
      after = page.last_id ?? '';
    }
    expect(seen).toEqual(['f', 'e', 'd', 'c', 'b', 'a'].map((id) => `openai/${id}`));
    const before = (await (
      await get('/m?format=anthropic&sort=-created&limit=2&before_id=openai/c')
    ).json()) as AnthropicPage;
    expect(idsOf(before)).toEqual(['openai/e', 'openai/d']);
  });

  it('serves an id two providers list once, at its first place, and every other model, with qualifyIds off', async () => {
    const time = clock();
    const groq = standIn('groq', ['llama', 'b']);
    const together = standIn('together', ['llama', 'z']);
    groq.models = groq.models.map((model, index) => ({ ...model, created: 10 - index }));
    together.models = together.models.map((model, index) => ({ ...model, created: 8 - index }));
    const handler = createModelsHandler(catalogOf([groq, together], time), {
      now: time.now,
      qualifyIds: false,
    });
    const seen: string[] = [];
    let after = '';
    for (let pages = 0; pages < 10; pages++) {
      const page = (await (
        await handler(
          new Request(
            `${BASE}/m?format=anthropic&sort=-created&limit=1${after && `&after_id=${after}`}`,
          ),
        )
      ).json()) as AnthropicPage;
      seen.push(...idsOf(page));
      if (!page.has_more) break;
      after = page.last_id ?? '';
    }
    // Ordered llama (10), b (9), llama (8), z (7): the second llama is the same id, not served again.
    expect(seen).toEqual(['llama', 'b', 'z']);
  });

  it('serves an id two providers list once in id order too, whatever the page size, forward and back', async () => {
    const time = clock();
    const handler = createModelsHandler(
      catalogOf([standIn('acme', ['w', 'x', 'y']), standIn('zeta', ['x', 'z'])], time),
      { now: time.now, qualifyIds: false },
    );
    const page = async (query: string) =>
      (await (
        await handler(new Request(`${BASE}/m?format=anthropic&${query}`))
      ).json()) as AnthropicPage & { first_id: string | null };
    for (const limit of [1, 2, 3, 20]) {
      const forward: string[] = [];
      let after = '';
      for (let pages = 0; pages < 10; pages++) {
        const answer = await page(`limit=${limit}${after && `&after_id=${after}`}`);
        forward.push(...idsOf(answer));
        if (!answer.has_more) break;
        after = answer.last_id ?? '';
      }
      expect(forward, `limit=${limit}`).toEqual(['w', 'x', 'y', 'z']);
      const back: string[] = [];
      let before = 'z';
      for (let pages = 0; pages < 10; pages++) {
        const answer = await page(`limit=${limit}&before_id=${before}`);
        back.unshift(...idsOf(answer));
        if (!answer.has_more) break;
        before = answer.first_id ?? '';
      }
      expect(back, `limit=${limit}`).toEqual(['w', 'x', 'y']);
    }
  });

  it('refuses an after_id that is no longer in a sorted list, instead of guessing a place', async () => {
    const { get } = handlerOver(['a', 'b'], (index) => ({ created: 1000 + index }));
    const answer = await get('/m?format=anthropic&sort=-created&after_id=openai/gone');
    expect(answer.status).toBe(400);
    expect(await answer.json()).toMatchObject({
      error: { kind: 'invalid_parameter', parameter: 'after_id' },
    });
  });
});

describe('relevance to q in formats that qualify ids', () => {
  it('ranks the exact id first in the OpenAI format, as in the native one', async () => {
    const { get } = handlerOver(
      ['o1-mini', 'o1'],
      (index) => ({ name: index === 1 ? 'OpenAI o1' : 'o1-mini' }),
      {},
      [standIn('anthropic', ['claude'])],
    );
    const openaiBody = (await (await get('/m?format=openai&q=o1')).json()) as {
      data: { id: string }[];
    };
    expect(openaiBody.data.map((entry) => entry.id)).toEqual(['openai/o1', 'openai/o1-mini']);
    const native = (await (await get('/m?q=o1')).json()) as {
      providers: Record<string, { id: string }[]>;
    };
    expect(native.providers.openai?.map((model) => model.id)).toEqual(['o1', 'o1-mini']);
  });
});

describe('filter parameters are checked before anything is listed', () => {
  it('answers a bad category 400 without fetching or spending the refresh window', async () => {
    const { provider, get } = handlerOver(['a']);
    await get('/m');
    const calls = provider.calls;
    const refused = await get('/m?category=chta&refresh=true');
    expect(refused.status).toBe(400);
    expect(provider.calls).toBe(calls);
    const refreshed = await get('/m?category=chat&refresh=true');
    expect(refreshed.status).toBe(200);
    expect(refreshed.headers.get('model-catalog-refresh')).toBe('refreshed');
    expect(provider.calls).toBe(calls + 1);
  });

  it('answers 400 for a bad capability or lifecycle even when the provider fails', async () => {
    const { provider, get } = handlerOver(['a'], undefined, { onError: () => {} });
    provider.failure = new Error('down');
    for (const query of ['category=chta', 'capability=telepathy', 'lifecycle=immortal']) {
      const answer = await get(`/m?provider=openai&${query}`);
      expect(answer.status, query).toBe(400);
    }
    expect(provider.calls).toBe(0);
  });
});

describe('the Gemini format', () => {
  it('takes pageSize=0 as Google’s APIs do: the default page size', async () => {
    const { get } = handlerOver(['a', 'b', 'c']);
    const answer = await get('/m?format=gemini&pageSize=0');
    expect(answer.status).toBe(200);
    const body = (await answer.json()) as { models: { name: string }[] };
    expect(body.models.map((model) => model.name)).toEqual(
      ['a', 'b', 'c'].map((id) => `models/openai/${id}`),
    );
  });
});

describe('caching headers', () => {
  it('keeps the ETag of a body fetched again byte for byte', async () => {
    const { get, time } = handlerOver(['a'], undefined, { minRefreshIntervalMs: 0 });
    const first = await get('/m');
    const text = await first.text();
    const etag = first.headers.get('etag');
    const lastModified = first.headers.get('last-modified')!;
    expect(etag).toMatch(/^W\/"[0-9a-z]+"$/);
    time.advance(1000);
    const refreshed = await get('/m?refresh=true');
    expect(refreshed.headers.get('model-catalog-refresh')).toBe('refreshed');
    expect(await refreshed.text()).toBe(text);
    expect(refreshed.headers.get('etag')).toBe(etag);
    expect((await get('/m', { 'if-none-match': etag! })).status).toBe(304);

    // `If-Modified-Since` is not answered: an answer can change with no newer fetch (a provider
    // that fails drops out of it).
    const newer = refreshed.headers.get('last-modified')!;
    expect(Date.parse(newer)).toBeGreaterThanOrEqual(Date.parse(lastModified));
    expect((await get('/m', { 'if-modified-since': newer })).status).toBe(200);
  });

  it('sends Vary: * when a credentials function decides what a request gets', async () => {
    const credentials: ModelsHandlerOptions['credentials'] = (request) => {
      const key = request.headers.get('x-openai-key');
      return key ? { openai: { apiKey: key } } : undefined;
    };
    const shared = await handlerOver(['a'], undefined, { credentials }).get('/m');
    expect(shared.headers.get('vary')).toBe('*');
    const plain = await handlerOver(['a']).get('/m');
    expect(plain.headers.get('vary')).toBeNull();
    // `vary` names the headers `credentials` reads: a cache may then keep one answer per value.
    const named = await handlerOver(['a'], undefined, {
      credentials,
      vary: ['x-openai-key'],
      detectFormat: true,
    }).get('/m');
    expect(named.headers.get('vary')).toBe(
      'x-api-key, anthropic-version, x-goog-api-key, x-openai-key',
    );
  });

  it('rejects a vary that is no list of header names, and an option the handler does not have', () => {
    const catalog = catalogOf([standIn('openai', ['a'])]);
    for (const vary of ['authorization', ['bad header'], [42]]) {
      expect(() =>
        createModelsHandler(catalog, { vary } as unknown as ModelsHandlerOptions),
      ).toThrow(
        new TypeError('`vary` must be an array of header names, such as ["authorization"].'),
      );
    }
    expect(() =>
      createModelsHandler(catalog, { cache_control: 'no-store' } as ModelsHandlerOptions),
    ).toThrow(
      /^`cache_control` is not an option of createModelsHandler\(\)\. Did you mean `cacheControl`\? The options are format, /,
    );
  });
});

describe('the grouped format with a request’s own key', () => {
  it('says a provider the request configured is configured, with its models', async () => {
    server.use(
      http.get('https://api.openai.com/v1/models', () =>
        HttpResponse.json({ object: 'list', data: [{ id: 'gpt-4o' }] }),
      ),
    );
    const catalog = createModelCatalog({
      providers: [openai()],
      env: {},
      cache: createMemoryCache(),
      retries: 0,
    });
    const handler = createModelsHandler(catalog, {
      credentials: (request) => {
        const key = request.headers.get('x-openai-key');
        return key ? { openai: { apiKey: key } } : undefined;
      },
    });
    const answer = await handler(
      new Request(`${BASE}/m?format=grouped`, { headers: { 'x-openai-key': 'sk-user-1' } }),
    );
    const body = (await answer.json()) as {
      chat: { provider: string; configured: boolean; reason?: string; models: unknown[] }[];
    };
    const group = body.chat.find((entry) => entry.provider === 'openai');
    expect(group).toMatchObject({ configured: true, models: [expect.anything()] });
    expect(group).not.toHaveProperty('reason');
  });
});
