import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { createModelCatalog, xai } from '../../src/index.js';
import { fixture } from '../helpers/fixtures.js';
import { recordRequests, server } from '../helpers/msw.js';
import { describeProviderConformance } from '../helpers/provider-conformance.js';

const KEY = 'xai-test-PLANTED-8c4d0';
const BASE = 'https://api.x.ai/v1';
const handlers = () => [
  http.get(`${BASE}/models`, () => HttpResponse.json(fixture('xai', 'models.json'))),
  http.get(`${BASE}/language-models`, () =>
    HttpResponse.json(fixture('xai', 'language-models.json')),
  ),
  http.get(`${BASE}/image-generation-models`, () =>
    HttpResponse.json(fixture('xai', 'image-generation-models.json')),
  ),
];

describeProviderConformance({
  id: 'xai',
  create: (options) => xai(options),
  env: { XAI_API_KEY: KEY },
  options: { apiKey: KEY },
  secret: KEY,
  handlers,
  listUrl: `${BASE}/models`,
  modelCount: 6,
  checkRequest: (request) => expect(request.headers.get('authorization')).toBe(`Bearer ${KEY}`),
});

describe('xai', () => {
  const catalog = (env: Record<string, string> = { XAI_API_KEY: KEY }) =>
    createModelCatalog({ providers: [xai()], env, cache: false, retries: 0 });

  it('is in the default provider set, configured by its environment variable', () => {
    const configured = (env: Record<string, string>) =>
      createModelCatalog({ env, cache: false })
        .listProviders()
        .find((provider) => provider.id === 'xai')?.configured;
    expect(configured({})).toBe(false);
    expect(configured({ XAI_API_KEY: KEY })).toBe(true);
  });

  it('GETs /models, /language-models and /image-generation-models with the bearer key', async () => {
    server.use(...handlers());
    const requests = recordRequests();
    await catalog().listModels({ provider: 'xai' });
    expect(requests.map((request) => `${request.method} ${request.url}`).sort()).toEqual([
      `GET ${BASE}/image-generation-models`,
      `GET ${BASE}/language-models`,
      `GET ${BASE}/models`,
    ]);
    for (const request of requests)
      expect(request.headers.get('authorization')).toBe(`Bearer ${KEY}`);
  });

  it('enriches a language model with modalities, aliases and prices in USD per million tokens', async () => {
    server.use(...handlers());
    const { models } = await catalog().listModels({ provider: 'xai' });
    expect(models.find((model) => model.id === 'grok-3')).toEqual({
      id: 'grok-3',
      name: 'grok-3',
      category: 'chat',
      provider: 'xai',
      created: 1743724800,
      ownedBy: 'xai',
      inputModalities: ['text'],
      outputModalities: ['text'],
      aliases: ['grok-3-latest', 'grok-3-beta'],
      pricing: { input: 3, output: 15, cacheRead: 0.75, free: false },
      capabilities: { vision: false, audioInput: false, pdfInput: false },
    });
    expect(models.find((model) => model.id === 'grok-3-mini')?.pricing).toEqual({
      input: 0.3,
      output: 0.5,
      cacheRead: 0.075,
      free: false,
    });
    expect(models.find((model) => model.id === 'grok-2-vision-1212')?.capabilities).toEqual({
      vision: true,
      audioInput: false,
      pdfInput: false,
    });
  });

  it('enriches an image model from /image-generation-models and classifies it as image', async () => {
    server.use(...handlers());
    const { models } = await catalog().listModels({ provider: 'xai' });
    expect(models.find((model) => model.id === 'grok-2-image-1212')).toEqual({
      id: 'grok-2-image-1212',
      name: 'grok-2-image-1212',
      category: 'image',
      provider: 'xai',
      created: 1736726400,
      ownedBy: 'xai',
      aliases: ['grok-2-image', 'grok-2-image-latest'],
      pricing: { input: 10, free: false },
      // The image endpoint reports no input modalities here: no flag.
    });
  });

  it('lists only what /models lists: a model the detail endpoints alone know is not added', async () => {
    server.use(...handlers());
    const { models } = await catalog().listModels({ provider: 'xai' });
    expect(models.map((model) => model.id)).toEqual([
      'grok-4-0709',
      'grok-3',
      'grok-3-mini',
      'grok-2-vision-1212',
      'grok-2-image-1212',
      'grok-code-fast-1',
    ]);
    expect(models.find((model) => model.id === 'grok-code-fast-1')).toEqual({
      id: 'grok-code-fast-1',
      name: 'grok-code-fast-1',
      category: 'chat',
      provider: 'xai',
      created: 1756166400,
      ownedBy: 'xai',
    });
  });

  it('classifies every model of the list', async () => {
    server.use(...handlers());
    const { models } = await catalog().listModels({ provider: 'xai' });
    expect(Object.fromEntries(models.map((model) => [model.id, model.category]))).toEqual({
      'grok-4-0709': 'chat',
      'grok-3': 'chat',
      'grok-3-mini': 'chat',
      'grok-2-vision-1212': 'chat',
      'grok-2-image-1212': 'image',
      'grok-code-fast-1': 'chat',
    });
  });

  it('leaves out a negative price instead of reporting it', async () => {
    server.use(
      http.get(`${BASE}/models`, () => HttpResponse.json({ data: [{ id: 'grok-dynamic' }] })),
      http.get(`${BASE}/language-models`, () =>
        HttpResponse.json({
          models: [
            {
              id: 'grok-dynamic',
              prompt_text_token_price: -1,
              cached_prompt_text_token_price: -1,
              completion_text_token_price: 150000,
            },
          ],
        }),
      ),
      http.get(`${BASE}/image-generation-models`, () => HttpResponse.json({ models: [] })),
    );
    const { models } = await catalog().listModels({ provider: 'xai' });
    expect(models).toEqual([
      {
        id: 'grok-dynamic',
        name: 'grok-dynamic',
        category: 'chat',
        provider: 'xai',
        pricing: { output: 15, free: false },
      },
    ]);
  });

  it.each([
    ['a 401', () => HttpResponse.json({ error: 'forbidden' }, { status: 401 })],
    ['a 500', () => HttpResponse.text('boom', { status: 500 })],
    ['an HTML page', () => HttpResponse.html('<html><body>nope</body></html>')],
    ['a wrong shape', () => HttpResponse.json({ data: 'nope' })],
    ['a network error', () => HttpResponse.error()],
  ])('still lists /models when the detail endpoints answer with %s', async (_label, respond) => {
    server.use(
      http.get(`${BASE}/models`, () => HttpResponse.json(fixture('xai', 'models.json'))),
      http.get(`${BASE}/language-models`, respond),
      http.get(`${BASE}/image-generation-models`, respond),
    );
    const { models } = await catalog().listModels({ provider: 'xai' });
    expect(models).toHaveLength(6);
    expect(models.find((model) => model.id === 'grok-3')).toEqual({
      id: 'grok-3',
      name: 'grok-3',
      category: 'chat',
      provider: 'xai',
      created: 1743724800,
      ownedBy: 'xai',
    });
    expect(models.find((model) => model.id === 'grok-2-image-1212')?.category).toBe('image');
  });

  it('uses XAI_BASE_URL, accepting a trailing slash, for every endpoint', async () => {
    const proxy = 'http://127.0.0.1:9/xai/v1';
    server.use(
      http.get(`${proxy}/models`, () => HttpResponse.json({ data: [{ id: 'grok-proxy' }] })),
      http.get(`${proxy}/language-models`, () =>
        HttpResponse.json({ models: [{ id: 'grok-proxy', aliases: ['grok-p'] }] }),
      ),
      http.get(`${proxy}/image-generation-models`, () => HttpResponse.json({ models: [] })),
    );
    const { models } = await catalog({ XAI_API_KEY: KEY, XAI_BASE_URL: `${proxy}/` }).listModels({
      provider: 'xai',
    });
    expect(models).toEqual([
      {
        id: 'grok-proxy',
        name: 'grok-proxy',
        category: 'chat',
        provider: 'xai',
        aliases: ['grok-p'],
      },
    ]);
  });
});
