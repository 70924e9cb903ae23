import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createModelsHandler, type ModelCatalog } from '../../src/index.js';
import { WIRE_FORMATS } from '../../src/server/formats/index.js';
import { createLruCache } from '../../src/server/lru-cache.js';
import { RENDER_CACHE_LIMITS } from '../../src/server/render-cache.js';
import { catalogOf, clock, standIn } from './stand-in-catalog.js';

const BASE = 'http://models.test';

/** Counts every render of every format while a test runs. */
function countRenders(): { readonly count: () => number } {
  let renders = 0;
  const originals = new Map<object, unknown>();
  beforeEach(() => {
    renders = 0;
    for (const format of Object.values(WIRE_FORMATS)) {
      const render = format.render;
      originals.set(format, render);
      (format as { render: typeof render }).render = (input, query) => {
        renders++;
        return render.call(format, input, query);
      };
    }
  });
  afterEach(() => {
    for (const [format, render] of originals) (format as { render: unknown }).render = render;
  });
  return { count: () => renders };
}

function setup(catalog?: ModelCatalog) {
  const time = clock();
  const openai = standIn('openai', ['gpt-4o', 'o4-mini', 'text-embedding-3-small']);
  const anthropic = standIn('anthropic', ['claude-opus-4', 'claude-sonnet-4']);
  const real = catalogOf([openai, anthropic], time);
  const handler = createModelsHandler(catalog ?? real, { now: time.now, minRefreshIntervalMs: 0 });
  const get = (path: string, headers: Record<string, string> = {}) =>
    handler(new Request(`${BASE}${path}`, { headers }));
  return { time, openai, anthropic, catalog: real, get };
}

describe('the handler renders once per list version and query', () => {
  const renders = countRenders();

  it('renders a query once while the lists are unchanged, and the same bytes each time', async () => {
    const { get } = setup();
    const first = await get('/v1/models?format=openai');
    const text = await first.text();
    expect(renders.count()).toBe(1);
    const second = await get('/v1/models?format=openai');
    expect(await second.text()).toBe(text);
    expect(second.headers.get('etag')).toBe(first.headers.get('etag'));
    expect(renders.count()).toBe(1);
    await get('/v1/models?format=anthropic');
    await get('/v1/models?format=openai&category=chat');
    expect(renders.count()).toBe(3);
  });

  it('answers a repeat with If-None-Match with 304 and no render at all', async () => {
    const { get } = setup();
    const etag = (await get('/v1/models?format=openai')).headers.get('etag')!;
    expect(renders.count()).toBe(1);
    const again = await get('/v1/models?format=openai', { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(renders.count()).toBe(1);
  });

  it('keeps the tag of a body too long to keep: a repeat with If-None-Match is still no render', async () => {
    const limits = RENDER_CACHE_LIMITS as { renderCharacters: number };
    const kept = limits.renderCharacters;
    limits.renderCharacters = 50;
    try {
      const { get } = setup();
      const first = await get('/v1/models?format=openai');
      const text = await first.text();
      expect(text.length).toBeGreaterThan(50);
      const etag = first.headers.get('etag')!;
      const again = await get('/v1/models?format=openai', { 'if-none-match': etag });
      expect(again.status).toBe(304);
      expect(renders.count()).toBe(1);
      // Sent again in full, it is drawn again, the same bytes under the same tag.
      const plain = await get('/v1/models?format=openai');
      expect(await plain.text()).toBe(text);
      expect(plain.headers.get('etag')).toBe(etag);
      expect(renders.count()).toBe(2);
    } finally {
      limits.renderCharacters = kept;
    }
  });

  it('renders afresh once a list changes, and shows the change', async () => {
    const { get, openai, time } = setup();
    const before = await (await get('/v1/models?format=openai&provider=openai')).json();
    openai.models = [
      ...openai.models,
      { id: 'gpt-5', name: 'gpt-5', category: 'chat', provider: 'openai' },
    ];
    time.advance(1000);
    await get('/v1/models?provider=openai&refresh=true');
    const after = (await (await get('/v1/models?format=openai&provider=openai')).json()) as {
      data: { id: string }[];
    };
    expect(after).not.toEqual(before);
    expect(after.data.map((entry) => entry.id)).toContain('gpt-5');
    expect(renders.count()).toBe(3);
  });

  it('renders every time for a catalog whose lists are not frozen (a wrapper that copies them)', async () => {
    const { catalog } = setup();
    const wrapper: ModelCatalog = {
      ...catalog,
      listModels: (async (request: { provider?: string; refresh?: boolean }) => {
        if (request?.provider !== undefined) {
          const one = await catalog.listModels({ ...request, provider: request.provider });
          return { ...one, models: [...one.models] };
        }
        const all = await catalog.listModels({ refresh: request?.refresh ?? false });
        const providers = Object.fromEntries(
          Object.entries(all.providers).map(([id, models]) => [id, [...models]]),
        );
        return { ...all, providers };
      }) as unknown as ModelCatalog['listModels'],
    };
    const { get } = setup(wrapper);
    const first = await (await get('/v1/models?format=openai')).text();
    expect(await (await get('/v1/models?format=openai')).text()).toBe(first);
    expect(renders.count()).toBe(2);
  });

  it('pages through every model once, with one render per page', async () => {
    const { get } = setup();
    const seen: string[] = [];
    let token: string | undefined;
    do {
      const body = (await (
        await get(`/v1/models?format=openai&page_size=2${token ? `&page_token=${token}` : ''}`)
      ).json()) as { data: { id: string }[]; next_page_token?: string };
      seen.push(...body.data.map((entry) => entry.id));
      token = body.next_page_token;
    } while (token);
    expect(seen).toEqual([
      'anthropic/claude-opus-4',
      'anthropic/claude-sonnet-4',
      'openai/gpt-4o',
      'openai/o4-mini',
      'openai/text-embedding-3-small',
    ]);
    expect(renders.count()).toBe(3);
  });
});

describe('createLruCache', () => {
  it('keeps at most maxEntries, dropping the least recently used first', () => {
    const cache = createLruCache<string>({ maxEntries: 2 });
    cache.set('a', 'A');
    cache.set('b', 'B');
    expect(cache.get('a')).toBe('A'); // now b is the least recently used
    cache.set('c', 'C');
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual(['A', undefined, 'C']);
    expect(cache.size).toBe(2);
  });

  it('keeps the total weight within maxWeight, and never holds one heavier value', () => {
    const cache = createLruCache<string>({ maxEntries: 10, maxWeight: 10 });
    cache.set('a', 'A', 4);
    cache.set('b', 'B', 4);
    cache.set('c', 'C', 4);
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([undefined, 'B', 'C']);
    cache.set('huge', 'H', 11);
    expect(cache.get('huge')).toBeUndefined();
    expect(cache.size).toBe(2);
  });

  it('drops the entries a predicate accepts', () => {
    const cache = createLruCache<number>({ maxEntries: 10 });
    for (const [key, value] of [
      ['a', 1],
      ['b', 2],
      ['c', 3],
    ] as const)
      cache.set(key, value);
    cache.deleteWhere((value) => value % 2 === 1);
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([undefined, 2, undefined]);
  });

  it('is bounded in the handler by documented limits', () => {
    expect(RENDER_CACHE_LIMITS).toEqual({
      renders: 64,
      renderCharacters: 8 * 1024 * 1024,
      orderedLists: 16,
      orderedModels: 500_000,
    });
  });
});
