import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { createModelCatalog, perplexity } from '../../src/index.js';
import { fixture } from '../helpers/fixtures.js';
import { recordRequests, server } from '../helpers/msw.js';
import { describeProviderConformance } from '../helpers/provider-conformance.js';

const KEY = 'pplx-test-perplexity-PLANTED-0s5d3';
const URL = 'https://api.perplexity.ai/v1/models';
const handlers = () => [
  http.get(URL, () => HttpResponse.json(fixture('perplexity', 'models.json'))),
];

describeProviderConformance({
  id: 'perplexity',
  create: (options) => perplexity(options),
  env: { PERPLEXITY_API_KEY: KEY },
  options: { apiKey: KEY },
  secret: KEY,
  handlers,
  listUrl: URL,
  modelCount: 5,
  checkRequest: (request) => expect(request.headers.get('authorization')).toBe(`Bearer ${KEY}`),
});

describe('perplexity', () => {
  const catalog = (env: Record<string, string> = { PERPLEXITY_API_KEY: KEY }) =>
    createModelCatalog({ providers: [perplexity()], env, cache: false, retries: 0 });

  it('sends one GET to the documented /v1/models with the bearer key', async () => {
    server.use(...handlers());
    const requests = recordRequests();
    await catalog().listModels({ provider: 'perplexity' });
    expect(requests.map((request) => `${request.method} ${request.url}`)).toEqual([`GET ${URL}`]);
    expect(requests[0]!.headers.get('authorization')).toBe(`Bearer ${KEY}`);
  });

  it('maps id and owner, and leaves out the placeholder created of 0', async () => {
    server.use(...handlers());
    const { models, status } = await catalog().listModels({ provider: 'perplexity' });
    expect(models[0]).toEqual({
      id: 'perplexity/sonar',
      name: 'perplexity/sonar',
      category: 'chat',
      provider: 'perplexity',
      ownedBy: 'perplexity',
    });
    expect(status.source).toBe('live');
  });

  it('classifies every model of the list from its id', async () => {
    server.use(...handlers());
    const { models } = await catalog().listModels({ provider: 'perplexity' });
    expect(Object.fromEntries(models.map((model) => [model.id, model.category]))).toEqual({
      'perplexity/sonar': 'chat',
      'anthropic/claude-sonnet-4-6': 'chat',
      'openai/gpt-5.5': 'chat',
      'google/gemini-3.1-flash-lite': 'chat',
      'xai/grok-4-1-fast-non-reasoning': 'chat',
    });
  });

  it('appends /v1/models to PERPLEXITY_BASE_URL', async () => {
    server.use(
      http.get('https://gateway.example/pplx/v1/models', () =>
        HttpResponse.json({ object: 'list', data: [{ id: 'perplexity/sonar' }] }),
      ),
    );
    const { models } = await catalog({
      PERPLEXITY_API_KEY: KEY,
      PERPLEXITY_BASE_URL: 'https://gateway.example/pplx/',
    }).listModels({
      provider: 'perplexity',
    });
    expect(models.map((model) => model.id)).toEqual(['perplexity/sonar']);
  });

  it('takes a base URL written with /v1, as OpenAI SDK users write it, without doubling it', async () => {
    server.use(...handlers());
    const requests = recordRequests();
    const { models, status } = await catalog({
      PERPLEXITY_API_KEY: KEY,
      PERPLEXITY_BASE_URL: 'https://api.perplexity.ai/v1/',
    }).listModels({ provider: 'perplexity' });
    expect(requests.map((request) => request.url)).toEqual([URL]);
    expect(status.source).toBe('live');
    expect(models).toHaveLength(5);
  });
});

describe('perplexity without a list endpoint', () => {
  it('serves the documented Sonar models as a static list, not cached, when the list call answers 404', async () => {
    server.use(http.get(URL, () => HttpResponse.json({ error: 'not found' }, { status: 404 })));
    const cache = new Map<string, unknown>();
    const catalog = createModelCatalog({
      providers: [perplexity()],
      env: { PERPLEXITY_API_KEY: KEY },
      cache: {
        get: async (id) => cache.get(id) as never,
        set: async (id, entry) => void cache.set(id, entry),
      },
      retries: 0,
    });
    const { models, status } = await catalog.listModels({ provider: 'perplexity' });
    expect(status.source).toBe('static');
    expect(models.map((model) => [model.id, model.category])).toEqual([
      ['sonar', 'chat'],
      ['sonar-pro', 'chat'],
      ['sonar-reasoning', 'chat'],
      ['sonar-reasoning-pro', 'chat'],
      ['sonar-deep-research', 'chat'],
    ]);
    expect(cache.size).toBe(0);
  });

  it('still fails on other errors, such as a 401', async () => {
    server.use(http.get(URL, () => HttpResponse.json({}, { status: 401 })));
    const catalog = createModelCatalog({
      providers: [perplexity()],
      env: { PERPLEXITY_API_KEY: KEY },
      cache: false,
      retries: 0,
    });
    await expect(catalog.listModels({ provider: 'perplexity' })).rejects.toMatchObject({
      kind: 'auth',
      status: 401,
    });
  });
});
