import { HttpResponse, http, type JsonBodyType } from 'msw';
import { describe, expect, it } from 'vitest';
import { createModelCatalog, type ProviderAdapter } from '../../src/index.js';
import { server } from '../helpers/msw.js';

const BASE = 'https://query.example.test/v1/models';

/** A hand-written adapter that lists one model from `url`, with `searchParams`, and records the URL asked. */
function adapterAsking(
  url: string,
  searchParams: Record<string, string | number | boolean | undefined> | undefined,
): ProviderAdapter {
  return {
    id: 'query',
    async listModels({ http: client }) {
      await client.getJson(url, searchParams ? { searchParams } : {});
      return [{ id: 'm', name: 'm', category: 'chat' as const, provider: 'query' }];
    },
  };
}

async function urlAskedFor(
  url: string,
  searchParams?: Record<string, string | number | boolean | undefined>,
): Promise<string> {
  const asked: string[] = [];
  server.use(
    http.get(BASE, ({ request }) => {
      asked.push(request.url);
      return HttpResponse.json({});
    }),
  );
  const catalog = createModelCatalog({
    providers: [adapterAsking(url, searchParams)],
    cache: false,
    retries: 0,
  });
  const { models } = await catalog.listModels({ provider: 'query' });
  expect(models.map((model) => model.id)).toEqual(['m']);
  expect(asked).toHaveLength(1);
  return asked[0]!;
}

describe('the query of a request', () => {
  it('is the searchParams, encoded, without those that are undefined', async () => {
    expect(await urlAskedFor(BASE, { b: 'x y', a: 1, c: undefined, d: true })).toBe(
      `${BASE}?b=x+y&a=1&d=true`,
    );
  });

  it('keeps the query the URL has beside searchParams, which win a name both give', async () => {
    expect(await urlAskedFor(`${BASE}?old=1`, { fresh: '2' })).toBe(`${BASE}?old=1&fresh=2`);
    expect(await urlAskedFor(`${BASE}?old=1#part`, { fresh: '2' })).toBe(
      `${BASE}?old=1&fresh=2#part`,
    );
    // Given again: the searchParams' value, once; the others as they were written.
    expect(await urlAskedFor(`${BASE}?team=a%2Fb&page=1&x+y=z`, { page: '2', 'x y': 'w' })).toBe(
      `${BASE}?team=a%2Fb&page=2&x+y=w`,
    );
  });

  it('keeps the query the URL has when no searchParams are given, or all are undefined', async () => {
    expect(await urlAskedFor(`${BASE}?kept=1`)).toBe(`${BASE}?kept=1`);
    expect(await urlAskedFor(`${BASE}?kept=1`, {})).toBe(`${BASE}?kept=1`);
    expect(await urlAskedFor(`${BASE}?kept=1`, { gone: undefined })).toBe(`${BASE}?kept=1`);
  });
});

describe('a base URL that carries a query', () => {
  /** Lists `adapter` against `listUrl` answering `body`; returns the ids listed and the URLs asked. */
  async function listThrough(adapter: ProviderAdapter, listUrl: string, body: JsonBodyType) {
    const asked: string[] = [];
    server.use(
      http.get(listUrl, ({ request }) => {
        asked.push(request.url);
        return HttpResponse.json(body);
      }),
    );
    const catalog = createModelCatalog({ providers: [adapter], cache: false, retries: 0 });
    const { models } = await catalog.listModels({ provider: adapter.id });
    return { ids: models.map((model) => model.id), asked };
  }

  it('keeps it after the path an adapter adds, a version path it adds or takes off, and beside paging parameters', async () => {
    const { anthropic, cohere, openaiCompatible } = await import('../../src/index.js');
    const anthropicPage = {
      data: [
        { type: 'model', id: 'claude-x', display_name: 'X', created_at: '2025-01-01T00:00:00Z' },
      ],
      has_more: false,
      first_id: 'claude-x',
      last_id: 'claude-x',
    };
    const cases: [
      adapter: ProviderAdapter,
      listUrl: string,
      body: JsonBodyType,
      id: string,
      asked: string,
    ][] = [
      [
        openaiCompatible({ id: 'gw', baseURL: 'https://gateway.example.test/v1/?team=a' }),
        'https://gateway.example.test/v1/models',
        { object: 'list', data: [{ id: 'm' }] },
        'm',
        'https://gateway.example.test/v1/models?team=a',
      ],
      [
        anthropic({
          apiKey: 'sk-ant-test',
          baseURL: 'https://gateway.example.test/anthropic?team=a',
        }),
        'https://gateway.example.test/anthropic/v1/models',
        anthropicPage,
        'claude-x',
        'https://gateway.example.test/anthropic/v1/models?team=a&limit=1000',
      ],
      [
        // Cohere lists a v1 endpoint only: the version given with the host is taken off.
        cohere({ apiKey: 'co-test', baseURL: 'https://co.example.test/v2?team=a' }),
        'https://co.example.test/v1/models',
        { models: [{ name: 'command-r', endpoints: ['chat'] }] },
        'command-r',
        'https://co.example.test/v1/models?team=a&page_size=1000',
      ],
    ];
    for (const [adapter, listUrl, body, id, url] of cases) {
      const { ids, asked } = await listThrough(adapter, listUrl, body);
      expect(ids, adapter.id).toEqual([id]);
      expect(asked, adapter.id).toEqual([url]);
    }
  });
});
