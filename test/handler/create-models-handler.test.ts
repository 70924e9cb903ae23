import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  createMemoryCache,
  createModelCatalog,
  createModelsHandler,
  type ModelsHandlerOptions,
  openai as openaiProvider,
} from '../../src/index.js';
import { hashBody } from '../../src/server/hash-body.js';
import { NOTHING_KNOWN } from '../helpers/anthropic-entry.js';
import { server as msw } from '../helpers/msw.js';
import { catalogOf, clock, rateLimited, standIn, unconfigured } from './stand-in-catalog.js';

const BASE = 'http://models.test';

function setup(options: ModelsHandlerOptions = {}) {
  const time = clock();
  const openai = standIn('openai', ['gpt-4o', 'text-embedding-3-small', 'whisper-1'], {
    ownedBy: 'system',
  });
  openai.models[1] = { ...openai.models[1]!, category: 'embedding' };
  openai.models[2] = { ...openai.models[2]!, category: 'stt' };
  const anthropic = standIn('anthropic', ['claude-opus-4', 'claude-sonnet-4'], {
    supportedParameters: ['tools', 'reasoning'],
  });
  const catalog = catalogOf([openai, anthropic, unconfigured('groq')], time);
  const handler = createModelsHandler(catalog, { now: time.now, ...options });
  const get = (path: string, init: RequestInit = {}) =>
    handler(new Request(`${BASE}${path}`, init));
  const json = async (path: string, init: RequestInit = {}) => {
    const response = await get(path, init);
    return {
      status: response.status,
      headers: response.headers,
      body: (await response.json()) as Record<string, unknown>,
    };
  };
  return { time, openai, anthropic, catalog, handler, get, json };
}

const idsOf = (list: unknown) => (list as { id: string }[]).map((entry) => entry.id);

describe('createModelsHandler: native format', () => {
  it('answers GET with every configured provider in the { providers } shape', async () => {
    const { json } = setup();
    const { status, headers, body } = await json('/api/models');
    expect(status).toBe(200);
    expect(headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(Object.keys(body.providers as object)).toEqual(['openai', 'anthropic']);
    expect((body.providers as Record<string, unknown>).anthropic).toEqual([
      {
        id: 'claude-opus-4',
        name: 'claude-opus-4',
        category: 'chat',
        provider: 'anthropic',
        supportedParameters: ['tools', 'reasoning'],
      },
      {
        id: 'claude-sonnet-4',
        name: 'claude-sonnet-4',
        category: 'chat',
        provider: 'anthropic',
        supportedParameters: ['tools', 'reasoning'],
      },
    ]);
    expect(body).not.toHaveProperty('errors');
  });

  it('answers ?provider= with the { provider, models } shape, accepting the provider id', async () => {
    const { json } = setup();
    const { status, body } = await json('/api/models?provider=openai');
    expect(status).toBe(200);
    expect(body.provider).toBe('openai');
    expect(idsOf(body.models)).toEqual(['gpt-4o', 'text-embedding-3-small', 'whisper-1']);
  });

  it('filters by category, output modality, supported parameters and text', async () => {
    const { json } = setup();
    expect(
      idsOf((await json('/api/models?provider=openai&category=embedding')).body.models),
    ).toEqual(['text-embedding-3-small']);
    expect(
      idsOf((await json('/api/models?provider=openai&output_modalities=text')).body.models),
    ).toEqual(['gpt-4o', 'whisper-1']);
    const { body } = await json('/api/models?supported_parameters=tools,reasoning&query=opus');
    expect(body.providers).toEqual({
      openai: [],
      anthropic: [expect.objectContaining({ id: 'claude-opus-4' })],
    });
  });

  it('reports failed providers in a 200 body when listing all of them', async () => {
    const { json, openai } = setup();
    openai.failure = rateLimited('openai');
    const { status, body } = await json('/api/models');
    expect(status).toBe(200);
    expect(Object.keys(body.providers as object)).toEqual(['anthropic']);
    // By default the provider's own message (hosts, URLs, its text) stays out of the answer.
    expect(body.errors).toEqual({
      openai: {
        kind: 'rate_limit',
        message: 'openai: the provider failed (rate_limit, status 429).',
        status: 429,
        retryAfterMs: 30_000,
      },
    });
    // With exposeErrorDetails, for trusted callers, it is there.
    const trusted = setup({ exposeErrorDetails: true });
    trusted.openai.failure = rateLimited('openai');
    expect((await trusted.json('/api/models')).body.errors).toEqual({
      openai: {
        kind: 'rate_limit',
        message: 'openai: rate limited (429).',
        status: 429,
        retryAfterMs: 30_000,
      },
    });
  });
});

describe('createModelsHandler: statuses', () => {
  it('answers an unknown provider with 400 listing the valid ids', async () => {
    const { json } = setup();
    const { status, body } = await json('/api/models?provider=nope');
    expect(status).toBe(400);
    expect(body.type).toBe('error');
    expect(body.error).toEqual({
      code: 400,
      kind: 'unknown_provider',
      message: 'Unknown provider "nope". Valid providers: openai, anthropic, groq.',
      type: 'invalid_request_error',
      status: 'INVALID_ARGUMENT',
      provider: 'nope',
      valid_providers: ['openai', 'anthropic', 'groq'],
    });
  });

  it('answers a provider that is not configured with 404 naming what to set', async () => {
    const { json } = setup();
    const { status, body } = await json('/api/models?provider=groq');
    expect(status).toBe(404);
    expect(body.error).toMatchObject({
      code: 404,
      kind: 'not_configured',
      type: 'not_found_error',
      status: 'NOT_FOUND',
      provider: 'groq',
    });
    expect((body.error as { message: string }).message).toMatch(/GROQ_API_KEY/);
  });

  it('answers a failing provider with 502, its kind and Retry-After, and no secret', async () => {
    const { get, openai } = setup();
    openai.failure = rateLimited('openai');
    const response = await get('/api/models?provider=openai');
    expect(response.status).toBe(502);
    expect(response.headers.get('retry-after')).toBe('30');
    expect(await response.json()).toEqual({
      type: 'error',
      error: {
        code: 502,
        kind: 'rate_limit',
        message: 'openai: the provider failed (rate_limit, status 429).',
        type: 'api_error',
        status: 'UNAVAILABLE',
        provider: 'openai',
        provider_status: 429,
      },
    });
    const trusted = setup({ exposeErrorDetails: true });
    trusted.openai.failure = rateLimited('openai');
    const detailed = await trusted.get('/api/models?provider=openai');
    expect(detailed.headers.get('retry-after')).toBe('30');
    expect(await detailed.json()).toEqual({
      type: 'error',
      error: {
        code: 502,
        kind: 'rate_limit',
        message: 'openai: rate limited (429).',
        type: 'api_error',
        status: 'UNAVAILABLE',
        provider: 'openai',
        provider_status: 429,
      },
    });
  });

  it('answers a real provider refusing its key with 502 auth, never echoing the key', async () => {
    const key = 'sk-proj-PLANTED-handler-Zq81xY7w';
    msw.use(
      http.get('https://openai.handler.test/v1/models', () =>
        HttpResponse.json(
          {
            error: {
              message: `Incorrect API key provided: ${key}.`,
              type: 'invalid_request_error',
            },
          },
          { status: 401 },
        ),
      ),
    );
    const catalog = createModelCatalog({
      providers: [openaiProvider({ apiKey: key, baseURL: 'https://openai.handler.test/v1' })],
      cache: createMemoryCache(),
      env: {},
      retries: 0,
    });
    const handler = createModelsHandler(catalog);
    const one = await handler(new Request(`${BASE}/api/models?provider=openai`));
    const oneText = await one.text();
    expect(one.status).toBe(502);
    expect(JSON.parse(oneText).error).toMatchObject({
      code: 502,
      kind: 'auth',
      provider: 'openai',
      provider_status: 401,
    });
    expect(oneText).not.toContain(key);
    const all = await handler(new Request(`${BASE}/api/models?format=openai`));
    const allText = await all.text();
    expect(all.status).toBe(200);
    expect(JSON.parse(allText).errors.openai).toMatchObject({ kind: 'auth', status: 401 });
    expect(allText).not.toContain(key);
  });

  it.each([
    ['a real Gemini nextPageToken', 'Ch5tb2RlbHMvaW1hZ2VuLTQuMC1nZW5lcmF0ZS0wMDE%3D'],
    ['a garbled token', '%E2%9C%93.%E2%9C%93'],
    ['a token of dots', '...'],
    ['an oversized token', `${'A'.repeat(3000)}.x`],
  ])('answers %s with 400 naming the token parameter, in every paged format', async (_, token) => {
    const { json } = setup();
    for (const [query, parameter] of [
      [`page_token=${token}`, 'page_token'],
      [`format=openai&page_token=${token}`, 'page_token'],
      [`format=openrouter&page_token=${token}`, 'page_token'],
      // Gemini's own name, the one its clients send.
      [`format=gemini&pageToken=${token}`, 'pageToken'],
    ]) {
      const { status, body } = await json(`/v1/models?${query}`);
      expect(status).toBe(400);
      expect(body.error).toMatchObject({ kind: 'invalid_parameter', parameter });
      expect((body.error as { message: string }).message).toMatch(/Start again without it/);
    }
  });

  it.each([
    ['page_size=0', 'page_size'],
    ['page_size=ten', 'page_size'],
    ['refresh=maybe', 'refresh'],
    ['format=xml', 'format'],
    ['category=programming', 'category'],
    ['page_token=forged', 'page_token'],
    ['format=grouped&page_size=2', 'page_size'],
    ['format=anthropic&limit=-1', 'limit'],
    ['format=anthropic&limit=1001', 'limit'],
  ])('answers the bad parameter %s with 400 naming %s', async (query, parameter) => {
    const { json } = setup();
    const { status, headers, body } = await json(`/api/models?${query}`);
    expect(status).toBe(400);
    expect(headers.get('cache-control')).toBe('no-store');
    expect(body.error).toMatchObject({
      code: 400,
      kind: 'invalid_parameter',
      type: 'invalid_request_error',
      status: 'INVALID_ARGUMENT',
      parameter,
      param: parameter,
    });
  });

  it.each(['POST', 'PUT', 'DELETE', 'PATCH'])(
    'answers %s with 405 and an Allow header',
    async (method) => {
      const { get } = setup();
      const response = await get('/api/models', { method });
      expect(response.status).toBe(405);
      expect(response.headers.get('allow')).toBe('GET, HEAD');
      expect(await response.json()).toMatchObject({
        type: 'error',
        error: { code: 405, kind: 'method_not_allowed', type: 'invalid_request_error' },
      });
    },
  );

  it('answers HEAD with the headers of GET and no body', async () => {
    const { get } = setup();
    const head = await get('/api/models', { method: 'HEAD' });
    const full = await get('/api/models');
    expect(head.status).toBe(200);
    expect(head.headers.get('etag')).toBe(full.headers.get('etag'));
    expect(await head.text()).toBe('');
  });

  it('answers an unexpected failure with a bare 500 and reports it to onError', async () => {
    const reported: unknown[] = [];
    const handler = createModelsHandler(
      {
        listModels: () => Promise.reject(new Error('disk on fire')),
        listProviders: () => [],
      } as never,
      { onError: (error) => reported.push(error) },
    );
    const response = await handler(new Request(`${BASE}/api/models`));
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({
      type: 'error',
      error: {
        code: 500,
        kind: 'internal',
        message: 'Internal error while listing models.',
        type: 'api_error',
        status: 'INTERNAL',
      },
    });
    expect(reported).toEqual([new Error('disk on fire')]);
  });
});

describe('createModelsHandler: authorize', () => {
  it('answers 401 when authorize returns false and lists when it returns true', async () => {
    const { json } = setup({
      authorize: (request) => request.headers.get('authorization') === 'Bearer letmein',
    });
    const refused = await json('/api/models');
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toBe('Bearer');
    expect(refused.headers.get('cache-control')).toBe('no-store');
    expect(
      (await json('/api/models', { headers: { authorization: 'Bearer letmein' } })).status,
    ).toBe(200);
  });

  it('sends a Response from authorize as it is', async () => {
    const { get } = setup({ authorize: async () => new Response('go away', { status: 403 }) });
    const response = await get('/api/models');
    expect(response.status).toBe(403);
    expect(await response.text()).toBe('go away');
  });
});

describe('createModelsHandler: formats', () => {
  it('renders format=openai with provider-qualified ids when listing every provider', async () => {
    const { json } = setup();
    const { body } = await json('/v1/models?format=openai');
    expect(body).toEqual({
      object: 'list',
      data: [
        { id: 'anthropic/claude-opus-4', object: 'model', created: 0, owned_by: 'anthropic' },
        { id: 'anthropic/claude-sonnet-4', object: 'model', created: 0, owned_by: 'anthropic' },
        { id: 'openai/gpt-4o', object: 'model', created: 0, owned_by: 'system' },
        { id: 'openai/text-embedding-3-small', object: 'model', created: 0, owned_by: 'system' },
        { id: 'openai/whisper-1', object: 'model', created: 0, owned_by: 'system' },
      ],
    });
  });

  it('keeps plain ids for one provider, and everywhere with qualifyIds: false', async () => {
    expect(
      idsOf((await setup().json('/v1/models?format=openai&provider=anthropic')).body.data),
    ).toEqual(['claude-opus-4', 'claude-sonnet-4']);
    const { body } = await setup({ qualifyIds: false }).json('/v1/models?format=openai');
    expect(idsOf(body.data)).toContain('gpt-4o');
  });

  it('renders format=openrouter with <provider>/<id> and canonical_slug', async () => {
    const { body } = await setup().json(
      '/v1/models?format=openrouter&provider=openai&category=chat',
    );
    expect(body).toEqual({
      data: [
        {
          id: 'openai/gpt-4o',
          canonical_slug: 'gpt-4o',
          name: 'gpt-4o',
          created: 0,
          owned_by: 'system',
          context_length: null,
          architecture: {
            input_modalities: ['text'],
            output_modalities: ['text'],
            modality: 'text->text',
          },
          top_provider: { context_length: null, max_completion_tokens: null },
          per_request_limits: null,
          expiration_date: null,
        },
      ],
    });
  });

  it('lists every model in format=openrouter unless output_modalities narrows it, as a gateway does', async () => {
    const ids = async (query: string) =>
      idsOf(
        (await setup().json(`/v1/models?format=openrouter&provider=openai${query}`)).body.data as {
          id: string;
        }[],
      );
    const every = ['openai/gpt-4o', 'openai/text-embedding-3-small', 'openai/whisper-1'];
    expect(await ids('')).toEqual(every);
    expect(await ids('&output_modalities=all')).toEqual(every);
    // Whisper takes audio and writes text; the embedding model writes embeddings.
    expect(await ids('&output_modalities=text')).toEqual(['openai/gpt-4o', 'openai/whisper-1']);
    expect(await ids('&output_modalities=embeddings')).toEqual(['openai/text-embedding-3-small']);
  });

  it('takes `all` as no filter for category and supported_parameters, and refuses `all` beside a bad lifecycle', async () => {
    const { json } = setup();
    const ids = async (query: string) =>
      idsOf(
        (await json(`/v1/models?format=openai&provider=openai${query}`)).body.data as {
          id: string;
        }[],
      );
    const every = ['gpt-4o', 'text-embedding-3-small', 'whisper-1'];
    expect(await ids('&category=all')).toEqual(every);
    expect(await ids('&supported_parameters=all')).toEqual(every);
    expect(await ids('&category=embedding,all')).toEqual(every);
    const bad = await json('/v1/models?lifecycle=all,bogus');
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: { parameter: 'lifecycle' } });
  });

  it('filters on the parameters and inputs the OpenRouter format lists, capabilities included', async () => {
    const agent = standIn('acme', ['agent-1'], { capabilities: { tools: true, vision: true } });
    const plain = standIn('plain', ['plain-1']);
    const handler = createModelsHandler(catalogOf([agent, plain]), { minRefreshIntervalMs: 0 });
    const entries = async (query: string) =>
      (
        (await (
          await handler(new Request(`http://models.test/v1/models?format=openrouter${query}`))
        ).json()) as {
          data: {
            id: string;
            supported_parameters?: string[];
            architecture: { input_modalities: string[] };
          }[];
        }
      ).data;
    const [listed] = await entries('&provider=acme');
    expect(listed?.supported_parameters).toContain('tools');
    expect(listed?.architecture.input_modalities).toContain('image');
    expect(idsOf(await entries('&supported_parameters=tools'))).toEqual(['acme/agent-1']);
    expect(idsOf(await entries('&input_modalities=image'))).toEqual(['acme/agent-1']);
  });

  it('names the parameter a bad page size came in', async () => {
    const { json } = setup();
    for (const [query, parameter] of [
      ['format=anthropic&page_size=abc', 'page_size'],
      ['format=anthropic&limit=abc', 'limit'],
      ['format=anthropic&page_size=5000', 'page_size'],
      ['format=anthropic&limit=5000', 'limit'],
      ['format=gemini&page_size=abc', 'page_size'],
    ]) {
      const { status, body } = await json(`/v1/models?${query}`);
      expect(status).toBe(400);
      expect(body).toMatchObject({ error: { parameter } });
    }
  });

  it('orders and pages qualified ids as rendered, in every format that qualifies them', async () => {
    // Raw ids and rendered ids sort differently here: `a-1` < `z-1`, but `beta/z-1` < `zeta/a-1`.
    const zeta = standIn('zeta', ['a-1', 'shared']);
    const beta = standIn('beta', ['z-1', 'shared']);
    const handler = createModelsHandler(catalogOf([zeta, beta]), { minRefreshIntervalMs: 0 });
    const body = async (query: string) =>
      (await handler(new Request(`${BASE}/v1/models?${query}`))).json() as Promise<{
        data?: { id: string }[];
        models?: { name: string }[];
        has_more?: boolean;
        last_id?: string;
        nextPageToken?: string;
      }>;
    const rendered = ['beta/shared', 'beta/z-1', 'zeta/a-1', 'zeta/shared'];
    expect(idsOf((await body('format=openai')).data)).toEqual(rendered);
    expect(idsOf((await body('format=openai&sort=id')).data)).toEqual(rendered);
    expect(idsOf((await body('format=openai&sort=-id')).data)).toEqual([...rendered].reverse());
    const gemini = await body('format=gemini&pageSize=3');
    expect(gemini.models?.map((entry) => entry.name)).toEqual(
      rendered.slice(0, 3).map((id) => `models/${id}`),
    );
    const rest = await body(`format=gemini&pageSize=3&pageToken=${gemini.nextPageToken ?? ''}`);
    expect(rest.models?.map((entry) => entry.name)).toEqual(['models/zeta/shared']);
    expect(rest.nextPageToken).toBeUndefined();
    // Anthropic pages by the ids it wrote; the same id of two providers is two models.
    const walked: string[] = [];
    let page = await body('format=anthropic&limit=1');
    walked.push(...idsOf(page.data));
    while (page.has_more) {
      page = await body(`format=anthropic&limit=1&after_id=${page.last_id}`);
      walked.push(...idsOf(page.data));
    }
    expect(walked).toEqual(rendered);
    const before = await body('format=anthropic&limit=2&before_id=zeta/a-1');
    expect(idsOf(before.data)).toEqual(['beta/shared', 'beta/z-1']);
    expect(
      idsOf((await body('format=anthropic&sort=-id&limit=2&after_id=zeta/shared')).data),
    ).toEqual(['zeta/a-1', 'beta/z-1']);
    // One id of two providers side by side in the rendered order: both served, one a page.
    const sideBySide = createModelsHandler(
      catalogOf([standIn('left', ['a-1', 'same']), standIn('right', ['same', 'z-1'])]),
      { minRefreshIntervalMs: 0 },
    );
    const lastIds: string[] = [];
    let after = '';
    for (let pages = 0; pages < 10; pages++) {
      const answer = (await (
        await sideBySide(new Request(`${BASE}/v1/models?format=anthropic&limit=1${after}`))
      ).json()) as { data: { id: string }[]; has_more: boolean; last_id: string };
      lastIds.push(...idsOf(answer.data));
      if (!answer.has_more) break;
      after = `&after_id=${answer.last_id}`;
    }
    expect(lastIds).toEqual(['left/a-1', 'left/same', 'right/same', 'right/z-1']);
  });

  it('takes back the page tokens it writes for long ids sorted in reverse', async () => {
    const longIds = ['a', 'b', 'c'].map((letter) => `${letter}${'x'.repeat(400)}`);
    const long = standIn('long', longIds);
    const handler = createModelsHandler(catalogOf([long]), { minRefreshIntervalMs: 0 });
    const seen: string[] = [];
    let token: string | undefined;
    do {
      const query = `format=openai&sort=-id&page_size=1${token ? `&page_token=${token}` : ''}`;
      const response = await handler(new Request(`http://models.test/v1/models?${query}`));
      expect(response.status).toBe(200);
      const body = (await response.json()) as { data: { id: string }[]; next_page_token?: string };
      seen.push(...body.data.map((entry) => entry.id.replace('long/', '').slice(0, 1)));
      token = body.next_page_token;
    } while (token !== undefined);
    expect(seen).toEqual(['c', 'b', 'a']);
  });

  it('renders format=grouped with configured and unconfigured providers per category', async () => {
    const { body } = await setup().json('/api/models?format=grouped');
    expect(Object.keys(body)).toEqual(['chat', 'embedding', 'image', 'tts', 'stt', 'other']);
    expect(body.embedding).toEqual([
      {
        provider: 'openai',
        configured: true,
        models: [expect.objectContaining({ id: 'text-embedding-3-small' })],
      },
      { provider: 'anthropic', configured: true, models: [] },
      { provider: 'groq', configured: false, models: [] },
    ]);
  });

  it('picks the format from headers only when detectFormat is on', async () => {
    const anthropicHeaders = { 'x-api-key': 'k', 'anthropic-version': '2023-06-01' };
    const off = await setup().json('/v1/models', { headers: anthropicHeaders });
    expect(off.body).toHaveProperty('providers');
    const { json } = setup({ detectFormat: true });
    const anthropic = await json('/v1/models', { headers: anthropicHeaders });
    expect(anthropic.body).toMatchObject({
      has_more: false,
      first_id: 'anthropic/claude-opus-4',
      last_id: 'openai/whisper-1',
    });
    expect(anthropic.headers.get('vary')).toBe('x-api-key, anthropic-version, x-goog-api-key');
    const gemini = await json('/v1/models', { headers: { 'x-goog-api-key': 'k' } });
    expect((gemini.body.models as { name: string }[])[0]).toEqual({
      name: 'models/anthropic/claude-opus-4',
      baseModelId: 'anthropic/claude-opus-4',
      displayName: 'claude-opus-4',
      supportedGenerationMethods: ['generateContent'],
    });
    expect((await json('/v1/models?key=k')).body).toHaveProperty('models');
    const openai = await json('/v1/models', { headers: { authorization: 'Bearer k' } });
    expect(openai.body).toMatchObject({ object: 'list' });
    expect((await json('/v1/models?format=native')).body).toHaveProperty('providers');
  });

  it('reports provider errors in every format body', async () => {
    const { json, anthropic } = setup();
    anthropic.failure = rateLimited('anthropic');
    for (const format of ['openai', 'anthropic', 'gemini', 'openrouter']) {
      const { status, body } = await json(`/v1/models?format=${format}`);
      expect(status).toBe(200);
      expect(body.errors).toEqual({ anthropic: expect.objectContaining({ kind: 'rate_limit' }) });
    }
  });
});

describe('createModelsHandler: paging', () => {
  it('pages the native format with page_size and page_token through every model once', async () => {
    const { json } = setup();
    const seen: string[] = [];
    let token: string | undefined;
    do {
      const { body }: { body: Record<string, unknown> } = await json(
        `/api/models?page_size=2${token ? `&page_token=${encodeURIComponent(token)}` : ''}`,
      );
      for (const models of Object.values(
        body.providers as Record<string, { provider: string; id: string }[]>,
      )) {
        seen.push(...models.map((model) => `${model.provider}/${model.id}`));
      }
      token = body.next_page_token as string | undefined;
    } while (token);
    expect(seen).toEqual([
      'anthropic/claude-opus-4',
      'anthropic/claude-sonnet-4',
      'openai/gpt-4o',
      'openai/text-embedding-3-small',
      'openai/whisper-1',
    ]);
  });

  it('stays correct when the list changes between pages: no duplicates, no skips', async () => {
    const { json, openai, time } = setup({ minRefreshIntervalMs: 0 });
    const first = await json('/v1/models?format=openai&provider=openai&page_size=2');
    expect(idsOf(first.body.data)).toEqual(['gpt-4o', 'text-embedding-3-small']);
    // The last id seen disappears and a new model arrives after it.
    openai.models = openai.models.filter((model) => model.id !== 'text-embedding-3-small');
    openai.models.push({ id: 'tts-1', name: 'tts-1', category: 'tts', provider: 'openai' });
    time.advance(1000);
    const token = encodeURIComponent(first.body.next_page_token as string);
    const second = await json(
      `/v1/models?format=openai&provider=openai&page_size=2&page_token=${token}&refresh=true`,
    );
    expect(idsOf(second.body.data)).toEqual(['tts-1', 'whisper-1']);
    expect(second.body).not.toHaveProperty('next_page_token');
  });

  it('refuses a token issued for another query or changed by the client', async () => {
    const { json } = setup();
    const first = await json('/v1/models?format=openai&page_size=2');
    const token = first.body.next_page_token as string;
    const foreign = await json(
      `/v1/models?format=openai&page_size=2&category=chat&page_token=${token}`,
    );
    expect(foreign.status).toBe(400);
    expect((foreign.body.error as { message: string }).message).toMatch(/different query/);
    const changed = await json(`/v1/models?format=openai&page_size=2&page_token=${token.slice(1)}`);
    expect(changed.status).toBe(400);
  });

  it('pages the Anthropic format with limit and after_id, and the Gemini one with pageSize and pageToken', async () => {
    const { json } = setup();
    const anthropic = await json(
      '/v1/models?format=anthropic&limit=2&after_id=anthropic/claude-sonnet-4',
    );
    expect(anthropic.body).toEqual(
      expect.objectContaining({
        first_id: 'openai/gpt-4o',
        last_id: 'openai/text-embedding-3-small',
        has_more: true,
      }),
    );
    const before = await json(
      '/v1/models?format=anthropic&limit=2&before_id=openai/text-embedding-3-small',
    );
    expect(before.body).toEqual({
      data: [
        {
          type: 'model',
          id: 'anthropic/claude-sonnet-4',
          display_name: 'claude-sonnet-4',
          created_at: '1970-01-01T00:00:00Z',
          ...NOTHING_KNOWN,
        },
        {
          type: 'model',
          id: 'openai/gpt-4o',
          display_name: 'gpt-4o',
          created_at: '1970-01-01T00:00:00Z',
          ...NOTHING_KNOWN,
        },
      ],
      has_more: true,
      first_id: 'anthropic/claude-sonnet-4',
      last_id: 'openai/gpt-4o',
    });
    const page1 = await json('/v1/models?format=gemini&pageSize=4');
    const page2 = await json(
      `/v1/models?format=gemini&pageSize=4&pageToken=${page1.body.nextPageToken as string}`,
    );
    expect((page2.body.models as unknown[]).length).toBe(1);
    expect(page2.body).not.toHaveProperty('nextPageToken');
  });
});

describe('createModelsHandler: caching headers', () => {
  it('sets ETag, Last-Modified and Cache-Control, and answers a matching If-None-Match with 304', async () => {
    const { get } = setup();
    const response = await get('/api/models');
    const etag = response.headers.get('etag')!;
    // The hash of the body alone (see `hashBody`).
    expect(etag).toBe(`W/"${hashBody(await response.clone().text())}"`);
    expect(response.headers.get('cache-control')).toBe('private, max-age=60');
    expect(response.headers.get('last-modified')).toBe('Sun, 01 Mar 2026 10:00:00 GMT');
    const again = await get('/api/models', { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(etag);
    expect(await again.text()).toBe('');
    const other = await get('/api/models', { headers: { 'if-none-match': 'W/"other"' } });
    expect(other.status).toBe(200);
  });

  it('changes the ETag when a refresh brings a newer list', async () => {
    const { get, time, openai } = setup();
    const before = (await get('/api/models')).headers.get('etag');
    time.advance(120_000);
    openai.models.push({ id: 'gpt-5', name: 'gpt-5', category: 'chat', provider: 'openai' });
    const after = await get('/api/models?refresh=true');
    expect(after.headers.get('etag')).not.toBe(before);
    expect(after.headers.get('model-catalog-refresh')).toBe('refreshed');
  });

  it('uses the cacheControl option', async () => {
    const { get } = setup({ cacheControl: 'public, max-age=300' });
    expect((await get('/api/models')).headers.get('cache-control')).toBe('public, max-age=300');
  });
});

describe('createModelsHandler: refresh rate limiting', () => {
  it('refreshes a provider at most once per window and says when it served the cache', async () => {
    const { get, openai, time } = setup();
    await get('/api/models?provider=openai');
    expect(openai.calls).toBe(1);
    expect(
      (await get('/api/models?provider=openai&refresh=true')).headers.get('model-catalog-refresh'),
    ).toBe('refreshed');
    expect(openai.calls).toBe(2);
    time.advance(10_000);
    const throttled = await get('/api/models?provider=openai&refresh=true');
    expect(throttled.status).toBe(200);
    expect(throttled.headers.get('model-catalog-refresh')).toBe(
      'throttled; providers="openai"; retry-after=50',
    );
    expect(openai.calls).toBe(2);
    time.advance(50_000);
    await get('/api/models?provider=openai&refresh=true');
    expect(openai.calls).toBe(3);
  });

  it('limits each provider on its own when every provider is refreshed', async () => {
    const { get, openai, anthropic, time } = setup({ minRefreshIntervalMs: 5000 });
    await get('/api/models?provider=openai&refresh=true');
    time.advance(1000);
    const response = await get('/api/models?refresh=true');
    expect(response.headers.get('model-catalog-refresh')).toBe(
      'throttled; providers="openai"; retry-after=4',
    );
    expect([openai.calls, anthropic.calls]).toEqual([1, 1]);
    const body = (await response.json()) as { providers: Record<string, unknown[]> };
    expect(Object.keys(body.providers)).toEqual(['openai', 'anthropic']);
    time.advance(5000);
    await get('/api/models?refresh=true');
    expect([openai.calls, anthropic.calls]).toEqual([2, 2]);
  });

  it('counts a failed refresh against the window too', async () => {
    const time = clock();
    const openai = standIn('openai', ['gpt-4o']);
    const catalog = catalogOf([openai], time);
    const requests: unknown[] = [];
    const spy = {
      ...catalog,
      listModels: ((request: never) => {
        requests.push(request);
        return catalog.listModels(request);
      }) as typeof catalog.listModels,
    };
    const handler = createModelsHandler(spy, { now: time.now });
    openai.failure = rateLimited('openai');
    const failed = await handler(new Request(`${BASE}/api/models?provider=openai&refresh=true`));
    expect(failed.status).toBe(502);
    time.advance(1000);
    await handler(new Request(`${BASE}/api/models?provider=openai&refresh=true`));
    expect(requests).toEqual([
      { provider: 'openai', refresh: true },
      { provider: 'openai', refresh: false },
    ]);
  });
});

describe('createModelsHandler: the catalog it is given', () => {
  it('asks a proxy of a catalog, or a catalog whose listModels was replaced, through that listModels', async () => {
    const time = clock();
    const catalog = catalogOf([standIn('openai', ['gpt-4o', 'secret-model'])], time);
    const own = catalog.listModels;
    const hideSecrets = async (request: never) => {
      const result = (await own.call(catalog, request)) as { models: readonly { id: string }[] };
      return { ...result, models: result.models.filter((model) => !model.id.startsWith('secret')) };
    };
    const proxy = new Proxy(catalog, {
      get: (target, name, receiver) =>
        name === 'listModels' ? hideSecrets : Reflect.get(target, name, receiver),
    });
    const ids = async (handler: ReturnType<typeof createModelsHandler>) =>
      idsOf(
        (
          (await (await handler(new Request(`${BASE}/api/models?provider=openai`))).json()) as {
            models: unknown;
          }
        ).models,
      );
    expect(await ids(createModelsHandler(proxy, { now: time.now }))).toEqual(['gpt-4o']);
    catalog.listModels = hideSecrets as unknown as typeof catalog.listModels;
    expect(await ids(createModelsHandler(catalog, { now: time.now }))).toEqual(['gpt-4o']);
  });

  it('resolves every provider (listProviders) only for a request that asks for a refresh', async () => {
    const time = clock();
    const catalog = catalogOf(
      [standIn('openai', ['gpt-4o']), standIn('anthropic', ['claude'])],
      time,
    );
    let calls = 0;
    const counted = {
      ...catalog,
      listProviders: () => {
        calls++;
        return catalog.listProviders();
      },
    };
    const handler = createModelsHandler(counted, { now: time.now, minRefreshIntervalMs: 0 });
    for (const path of ['/api/models', '/v1/models?format=openai&page_size=1', '/api/models']) {
      expect((await handler(new Request(`${BASE}${path}`))).status).toBe(200);
    }
    expect(calls).toBe(0);
    const refreshed = await handler(new Request(`${BASE}/api/models?refresh=true`));
    expect(refreshed.headers.get('model-catalog-refresh')).toBe('refreshed');
    expect(calls).toBe(1);
  });

  it('asks an object made from a catalog through its own listModels, not the catalog it came from', async () => {
    const time = clock();
    const catalog = catalogOf([standIn('openai', ['gpt-4o'])], time);
    const requests: unknown[] = [];
    const wrapped = Object.create(catalog, {
      listModels: {
        value: (request: never) => {
          requests.push(request);
          return catalog.listModels(request);
        },
      },
    }) as typeof catalog;
    const handler = createModelsHandler(wrapped, { now: time.now });
    const response = await handler(new Request(`${BASE}/api/models?provider=openai`));
    expect(response.status).toBe(200);
    expect(idsOf(((await response.json()) as { models: unknown }).models)).toEqual(['gpt-4o']);
    expect(requests).toEqual([{ provider: 'openai', refresh: false }]);
  });
});

describe('createModelsHandler: options', () => {
  it('rejects bad options with a TypeError naming them', () => {
    expect(() => createModelsHandler(undefined, { format: 'xml' as never })).toThrow(/`format`/);
    expect(() => createModelsHandler(undefined, { minRefreshIntervalMs: -1 })).toThrow(
      /`minRefreshIntervalMs`/,
    );
    expect(() => createModelsHandler(undefined, { authorize: 'yes' as never })).toThrow(
      /`authorize`/,
    );
  });

  it('refuses a flag that is not a boolean: `exposeErrorDetails: "false"` would expose details', () => {
    for (const name of ['exposeErrorDetails', 'qualifyIds', 'detectFormat', 'changeEvents']) {
      expect(() => createModelsHandler(undefined, { [name]: 'false' })).toThrow(
        new TypeError(`\`${name}\` must be true or false, got "false".`),
      );
    }
  });

  it('refuses a cacheControl no answer could carry, and keeps a valid one on every answer', async () => {
    for (const cacheControl of ['no-store\r\nx-injected: 1', 'max-age=60\u0000', 'public, ✓', 1]) {
      expect(() => createModelsHandler(undefined, { cacheControl: cacheControl as never })).toThrow(
        /`cacheControl` must be a header value/,
      );
    }
    const response = await setup({ cacheControl: 'public, max-age=5' }).get('/v1/models');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=5');
  });

  it('uses the format option as the default format', async () => {
    const { body } = await setup({ format: 'openai' }).json('/v1/models');
    expect(body.object).toBe('list');
  });
});

describe('createModelsHandler: stale answers and the refresh header', () => {
  it('reports the error beside a stale single-provider answer, as the all-providers one does', async () => {
    const { time, openai, json } = setup();
    await json('/api/models?provider=openai');
    time.advance(25 * 60 * 60 * 1000);
    openai.failure = rateLimited('openai');
    const { status, body } = await json('/api/models?provider=openai');
    expect(status).toBe(200);
    expect(idsOf(body.models)).toEqual(['gpt-4o', 'text-embedding-3-small', 'whisper-1']);
    expect(body.errors).toEqual({
      openai: {
        kind: 'rate_limit',
        message: 'openai: the provider failed (rate_limit, status 429).',
        status: 429,
        retryAfterMs: 30_000,
      },
    });
  });

  it('says "refreshed" only when the request asked for a refresh', async () => {
    const { get } = setup();
    const cold = await get('/api/models');
    expect(cold.headers.get('model-catalog-refresh')).toBeNull();
    const refreshed = await get('/api/models?refresh=true');
    expect(refreshed.headers.get('model-catalog-refresh')).toBe('refreshed');
  });
});
