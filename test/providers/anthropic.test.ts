import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { anthropic, createModelCatalog, ModelCatalogError } from '../../src/index.js';
import { fixture } from '../helpers/fixtures.js';
import { recordRequests, server } from '../helpers/msw.js';
import { describeProviderConformance } from '../helpers/provider-conformance.js';

const KEY = 'sk-ant-test-PLANTED-7h2q9';
const LIST_URL = 'https://api.anthropic.com/v1/models';

/** Serves the two fixture pages, chosen by `after_id`. */
const handlers = () => [
  http.get(LIST_URL, ({ request }) => {
    const afterId = new URL(request.url).searchParams.get('after_id');
    if (afterId === null) return HttpResponse.json(fixture('anthropic', 'models-page-1.json'));
    if (afterId === 'claude-haiku-4-5-20251001')
      return HttpResponse.json(fixture('anthropic', 'models-page-2.json'));
    return HttpResponse.json(
      { error: { message: `unexpected after_id ${afterId}` } },
      { status: 400 },
    );
  }),
];

describeProviderConformance({
  id: 'anthropic',
  create: (options) => anthropic(options),
  env: { ANTHROPIC_API_KEY: KEY },
  options: { apiKey: KEY },
  secret: KEY,
  handlers,
  listUrl: LIST_URL,
  modelCount: 4,
  checkRequest: (request) => {
    expect(request.headers.get('x-api-key')).toBe(KEY);
    expect(request.headers.get('anthropic-version')).toBe('2023-06-01');
    expect(request.headers.get('authorization')).toBeNull();
  },
});

// The same contract with a bearer token (the Anthropic SDK's ANTHROPIC_AUTH_TOKEN) instead of a key.
const TOKEN = 'anthropic-oauth-token-PLANTED-3vx81';
describeProviderConformance({
  id: 'anthropic',
  create: (options) => anthropic(options),
  env: { ANTHROPIC_AUTH_TOKEN: TOKEN },
  options: { authToken: TOKEN },
  secret: TOKEN,
  handlers,
  listUrl: LIST_URL,
  modelCount: 4,
  checkRequest: (request) => {
    expect(request.headers.get('authorization')).toBe(`Bearer ${TOKEN}`);
    expect(request.headers.get('x-api-key')).toBeNull();
    expect(request.headers.get('anthropic-version')).toBe('2023-06-01');
  },
});

describe('anthropic', () => {
  const catalog = (env: Record<string, string> = { ANTHROPIC_API_KEY: KEY }) =>
    createModelCatalog({ providers: [anthropic()], env, cache: false, retries: 0 });

  it('is in the default provider set, configured by its environment variable', () => {
    const configured = (env: Record<string, string>) =>
      createModelCatalog({ env, cache: false })
        .listProviders()
        .find((provider) => provider.id === 'anthropic')?.configured;
    expect(configured({})).toBe(false);
    expect(configured({ ANTHROPIC_API_KEY: KEY })).toBe(true);
  });

  it('asks for 1000 models a page and follows has_more with after_id = last_id', async () => {
    server.use(...handlers());
    const requests = recordRequests();
    await catalog().listModels({ provider: 'anthropic' });
    expect(requests.map((request) => `${request.method} ${request.url}`)).toEqual([
      'GET https://api.anthropic.com/v1/models?limit=1000',
      'GET https://api.anthropic.com/v1/models?limit=1000&after_id=claude-haiku-4-5-20251001',
    ]);
    for (const request of requests) {
      expect(request.headers.get('x-api-key')).toBe(KEY);
      expect(request.headers.get('anthropic-version')).toBe('2023-06-01');
    }
  });

  it('returns every model of every page exactly once, in order', async () => {
    server.use(...handlers());
    const { models } = await catalog().listModels({ provider: 'anthropic' });
    expect(models.map((model) => model.id)).toEqual([
      'claude-sonnet-4-6',
      'claude-haiku-4-5-20251001',
      'claude-opus-4-1-20250805',
      'claude-3-haiku-20240307',
    ]);
  });

  it('maps name, date, token limits, image and PDF input, capabilities, thinking, efforts, line and lifecycle', async () => {
    server.use(...handlers());
    const { models } = await catalog().listModels({ provider: 'anthropic' });
    expect(models[0]).toEqual({
      id: 'claude-sonnet-4-6',
      name: 'Claude Sonnet 4.6',
      category: 'chat',
      provider: 'anthropic',
      created: 1771286400,
      releaseDate: '2026-02-17',
      contextLength: 1000000,
      maxOutputTokens: 128000,
      inputModalities: ['text', 'image', 'file'],
      family: 'claude-sonnet',
      capabilities: { vision: true, pdfInput: true, structuredOutput: true, reasoning: true },
      // xhigh is reported unsupported; the levels keep the API's order of effort.
      reasoning: { canDisable: true, efforts: ['low', 'medium', 'high', 'max'] },
      lifecycle: { status: 'active' },
    });
  });

  it('maps thinking that cannot be switched off, and no efforts when effort is unsupported', async () => {
    server.use(...handlers());
    const { models } = await catalog().listModels({ provider: 'anthropic' });
    expect(models[1]).toMatchObject({
      id: 'claude-haiku-4-5-20251001',
      family: 'claude-haiku',
      capabilities: { reasoning: true },
      reasoning: { canDisable: false },
    });
    expect(models[1]?.reasoning).toEqual({ canDisable: false });
  });

  it('maps a deprecated model: status, deprecation and retirement dates, deprecated, and false flags', async () => {
    server.use(...handlers());
    const { models } = await catalog().listModels({ provider: 'anthropic' });
    expect(models[2]).toMatchObject({
      id: 'claude-opus-4-1-20250805',
      deprecated: true,
      lifecycle: { status: 'deprecated', deprecatedAt: '2026-05-14', shutdownAt: '2026-11-14' },
      capabilities: { vision: true, pdfInput: true, structuredOutput: false, reasoning: true },
    });
    // No `disabled` thinking type reported: whether thinking can be switched off is unknown.
    expect(models[2]?.reasoning).toBeUndefined();
  });

  it('leaves out an epoch release date, null limits and absent capabilities, line and lifecycle', async () => {
    server.use(...handlers());
    const { models } = await catalog().listModels({ provider: 'anthropic' });
    expect(models[3]).toEqual({
      id: 'claude-3-haiku-20240307',
      name: 'Claude Haiku 3',
      category: 'chat',
      provider: 'anthropic',
    });
  });

  it('lists only the inputs whose capability is supported', async () => {
    server.use(
      http.get(LIST_URL, () =>
        HttpResponse.json({
          data: [
            {
              type: 'model',
              id: 'claude-text-only',
              display_name: 'Text only',
              created_at: '2025-01-01T00:00:00Z',
              max_input_tokens: 0,
              max_tokens: 0,
              capabilities: { image_input: { supported: false }, pdf_input: { supported: false } },
            },
          ],
          has_more: false,
        }),
      ),
    );
    const { models } = await catalog().listModels({ provider: 'anthropic' });
    expect(models).toEqual([
      {
        id: 'claude-text-only',
        name: 'Text only',
        category: 'chat',
        provider: 'anthropic',
        created: 1735689600,
        releaseDate: '2025-01-01',
        inputModalities: ['text'],
        capabilities: { vision: false, pdfInput: false },
      },
    ]);
  });

  it('still parses the older short shape (id, type, display name, date)', async () => {
    server.use(
      http.get(LIST_URL, () => HttpResponse.json(fixture('anthropic', 'models-classic.json'))),
    );
    const { models } = await catalog().listModels({ provider: 'anthropic' });
    expect(models).toEqual([
      {
        id: 'claude-3-7-sonnet-20250219',
        name: 'Claude Sonnet 3.7',
        category: 'chat',
        provider: 'anthropic',
        created: 1740355200,
        releaseDate: '2025-02-24',
      },
      {
        id: 'claude-3-5-haiku-20241022',
        name: 'Claude Haiku 3.5',
        category: 'chat',
        provider: 'anthropic',
        created: 1729555200,
        releaseDate: '2024-10-22',
      },
    ]);
  });

  it('classifies every model of the fixtures as chat', async () => {
    server.use(...handlers());
    const { models } = await catalog().listModels({ provider: 'anthropic' });
    expect(Object.fromEntries(models.map((model) => [model.id, model.category]))).toEqual({
      'claude-sonnet-4-6': 'chat',
      'claude-haiku-4-5-20251001': 'chat',
      'claude-opus-4-1-20250805': 'chat',
      'claude-3-haiku-20240307': 'chat',
    });
  });

  it('stops with invalid_response when a page repeats its cursor', async () => {
    server.use(
      http.get(LIST_URL, () =>
        HttpResponse.json({
          data: [{ type: 'model', id: 'claude-loop' }],
          has_more: true,
          last_id: 'claude-loop',
        }),
      ),
    );
    const requests = recordRequests();
    const error = await catalog()
      .listModels({ provider: 'anthropic' })
      .catch((caught: unknown) => caught);
    expect(ModelCatalogError.isInstance(error) && error.kind).toBe('invalid_response');
    expect(requests).toHaveLength(2);
  });

  it('stops with invalid_response after 50 pages that never end', async () => {
    let served = 0;
    server.use(
      http.get(LIST_URL, () => {
        served += 1;
        return HttpResponse.json({
          data: [{ type: 'model', id: `claude-page-${served}` }],
          has_more: true,
          last_id: `claude-page-${served}`,
        });
      }),
    );
    const error = await catalog()
      .listModels({ provider: 'anthropic' })
      .catch((caught: unknown) => caught);
    expect(ModelCatalogError.isInstance(error) && error.kind).toBe('invalid_response');
    expect((error as Error).message).toMatch(/more than 50 pages/);
    expect(served).toBe(50);
  });

  it('stops with invalid_response when has_more comes without a last_id', async () => {
    server.use(
      http.get(LIST_URL, () =>
        HttpResponse.json({ data: [{ type: 'model', id: 'claude-x' }], has_more: true }),
      ),
    );
    const error = await catalog()
      .listModels({ provider: 'anthropic' })
      .catch((caught: unknown) => caught);
    expect(ModelCatalogError.isInstance(error) && error.kind).toBe('invalid_response');
  });

  it('uses ANTHROPIC_BASE_URL, accepting a trailing slash, and passes extra headers', async () => {
    server.use(
      http.get('http://127.0.0.1:9/anthropic/v1/models', () =>
        HttpResponse.json({ data: [{ type: 'model', id: 'claude-proxy' }], has_more: false }),
      ),
    );
    const requests = recordRequests();
    const { models } = await createModelCatalog({
      providers: [anthropic({ headers: { 'anthropic-beta': 'models-2026' } })],
      env: { ANTHROPIC_API_KEY: KEY, ANTHROPIC_BASE_URL: 'http://127.0.0.1:9/anthropic/v1/' },
      cache: false,
    }).listModels({ provider: 'anthropic' });
    expect(models.map((model) => model.id)).toEqual(['claude-proxy']);
    expect(requests[0]!.headers.get('anthropic-beta')).toBe('models-2026');
  });

  it('skips and counts entries without an id', async () => {
    server.use(
      http.get(LIST_URL, () =>
        HttpResponse.json({ data: [{ id: 'claude-a' }, { type: 'model' }], has_more: false }),
      ),
    );
    const { models, status } = await catalog().listModels({ provider: 'anthropic' });
    expect(models.map((model) => model.id)).toEqual(['claude-a']);
    expect(status.skipped).toBe(1);
  });
});
