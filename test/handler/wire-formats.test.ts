import { describe, expect, it } from 'vitest';
import { findProvider } from '../../src/core/find-provider.js';
import { createModelsHandler, MODEL_LIST_FORMATS } from '../../src/index.js';
import { WIRE_FORMATS } from '../../src/server/formats/index.js';
import { catalogOf, clock, standIn } from './stand-in-catalog.js';

describe('the wire-format table', () => {
  it('has one entry per name of MODEL_LIST_FORMATS, and no other', () => {
    expect(Object.keys(WIRE_FORMATS)).toEqual([...MODEL_LIST_FORMATS]);
    for (const format of Object.values(WIRE_FORMATS)) {
      expect(typeof format.readQuery).toBe('function');
      expect(typeof format.render).toBe('function');
      expect(typeof format.renderOne).toBe('function');
    }
  });

  it.each([
    ['native', 'page_size=3&page_token=t', { pageSize: 3, pageToken: 't' }],
    ['openai', 'page_size=3&page_token=t', { pageSize: 3, pageToken: 't' }],
    ['openrouter', 'page_size=3', { pageSize: 3, pageToken: undefined }],
    ['anthropic', 'limit=3&after_id=a', { limit: 3, afterId: 'a', beforeId: undefined }],
    ['anthropic', 'page_size=4&before_id=b', { limit: 4, afterId: undefined, beforeId: 'b' }],
    ['gemini', 'pageSize=3&pageToken=t', { pageSize: 3, pageToken: 't' }],
    ['gemini', 'page_size=5&page_token=u', { pageSize: 5, pageToken: 'u' }],
    ['grouped', 'category=chat', undefined],
  ] as const)('lets the %s format read its own parameters from %s', (name, query, expected) => {
    expect(WIRE_FORMATS[name].readQuery(new URLSearchParams(query))).toEqual(expected);
  });
});

describe('the alias rule shared by the catalog and the handler', () => {
  const named = [
    { id: 'google-genai', aliases: ['gemini'] },
    { id: 'gemini', aliases: [] },
  ];

  it('finds an exact id before another provider alias, and an alias otherwise', () => {
    expect(findProvider(named, 'gemini')).toBe(named[1]);
    expect(findProvider(named.slice(0, 1), 'gemini')).toBe(named[0]);
    expect(findProvider(named, 'google-genai')).toBe(named[0]);
    expect(findProvider(named, 'nope')).toBeUndefined();
  });

  it('refreshes the provider the catalog lists when an id is also another one alias', async () => {
    const time = clock();
    const aliased = Object.assign(standIn('google-genai', ['gemini-2.5-flash']), {
      aliases: ['gemini'],
    });
    const exact = standIn('gemini', ['my-gemini']);
    const handler = createModelsHandler(catalogOf([aliased, exact], time), { now: time.now });
    const get = (path: string) => handler(new Request(`http://models.test${path}`));

    const first = await get('/v1/models?provider=gemini&refresh=true');
    expect(await first.json()).toMatchObject({ provider: 'gemini', models: [{ id: 'my-gemini' }] });
    expect([aliased.calls, exact.calls]).toEqual([0, 1]);
    // The window is the exact provider's: the aliased one may still refresh.
    const throttled = await get('/v1/models?provider=gemini&refresh=true');
    expect(throttled.headers.get('model-catalog-refresh')).toBe(
      'throttled; providers="gemini"; retry-after=60',
    );
    const other = await get('/v1/models?provider=google-genai&refresh=true');
    expect(other.headers.get('model-catalog-refresh')).toBe('refreshed');
    expect([aliased.calls, exact.calls]).toEqual([1, 1]);
  });
});

describe('the Gemini format, as a Gemini client reads it', () => {
  const time = clock();
  const google = standIn('google-genai', ['gemini-2.5-flash', 'tunedModels/my-tune']);
  const handler = createModelsHandler(catalogOf([google], time), {
    now: time.now,
    format: 'gemini',
  });
  const get = (path: string) => handler(new Request(`http://models.test${path}`));

  it('names a tuned model by its own resource, tunedModels/..., not under models/', async () => {
    const body = (await (await get('/v1beta/models?provider=google-genai')).json()) as {
      models: { name: string }[];
    };
    expect(body.models.map((model) => model.name)).toEqual([
      'models/gemini-2.5-flash',
      'tunedModels/my-tune',
    ]);
  });

  it('names pageToken, the parameter a Gemini client sends, when its token is not valid', async () => {
    const answer = await get('/v1beta/models?pageToken=bogus');
    expect(answer.status).toBe(400);
    const { error } = (await answer.json()) as { error: { parameter: string; message: string } };
    expect(error.parameter).toBe('pageToken');
    expect(error.message).toMatch(/^`pageToken` is not valid/);
  });
});
