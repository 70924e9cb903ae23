import { HttpResponse, http } from 'msw';
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
  it('keeps its query after the path the adapter adds', async () => {
    const { openaiCompatible } = await import('../../src/index.js');
    const asked: string[] = [];
    server.use(
      http.get('https://gateway.example.test/v1/models', ({ request }) => {
        asked.push(request.url);
        return HttpResponse.json({ object: 'list', data: [{ id: 'm' }] });
      }),
    );
    const catalog = createModelCatalog({
      providers: [
        openaiCompatible({ id: 'gw', baseURL: 'https://gateway.example.test/v1/?team=a' }),
      ],
      cache: false,
      retries: 0,
    });
    const { models } = await catalog.listModels({ provider: 'gw' });
    expect(models.map((model) => model.id)).toEqual(['m']);
    expect(asked).toEqual(['https://gateway.example.test/v1/models?team=a']);
  });

  it('keeps it after a version path the adapter adds, and beside the paging parameters', async () => {
    const { anthropic } = await import('../../src/index.js');
    const asked: string[] = [];
    server.use(
      http.get('https://gateway.example.test/anthropic/v1/models', ({ request }) => {
        asked.push(request.url);
        return HttpResponse.json({
          data: [
            {
              type: 'model',
              id: 'claude-x',
              display_name: 'X',
              created_at: '2025-01-01T00:00:00Z',
            },
          ],
          has_more: false,
          first_id: 'claude-x',
          last_id: 'claude-x',
        });
      }),
    );
    const catalog = createModelCatalog({
      providers: [
        anthropic({
          apiKey: 'sk-ant-test',
          baseURL: 'https://gateway.example.test/anthropic?team=a',
        }),
      ],
      cache: false,
      retries: 0,
    });
    const { models } = await catalog.listModels({ provider: 'anthropic' });
    expect(models.map((model) => model.id)).toEqual(['claude-x']);
    expect(asked).toEqual(['https://gateway.example.test/anthropic/v1/models?team=a&limit=1000']);
  });

  it('keeps it when an adapter takes a version path off the base URL (Cohere)', async () => {
    const { cohere } = await import('../../src/index.js');
    const asked: string[] = [];
    server.use(
      http.get('https://co.example.test/v1/models', ({ request }) => {
        asked.push(request.url);
        return HttpResponse.json({ models: [{ name: 'command-r', endpoints: ['chat'] }] });
      }),
    );
    const catalog = createModelCatalog({
      providers: [cohere({ apiKey: 'co-test', baseURL: 'https://co.example.test/v2?team=a' })],
      cache: false,
      retries: 0,
    });
    const { models } = await catalog.listModels({ provider: 'cohere' });
    expect(models.map((model) => model.id)).toEqual(['command-r']);
    expect(asked).toEqual(['https://co.example.test/v1/models?team=a&page_size=1000']);
  });
});
