import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { cohere, createModelCatalog, ModelCatalogError } from '../../src/index.js';
import { fixture } from '../helpers/fixtures.js';
import { recordRequests, server } from '../helpers/msw.js';
import { describeProviderConformance } from '../helpers/provider-conformance.js';

const KEY = 'cohere-test-key-PLANTED-4m8n1';
const LIST_URL = 'https://api.cohere.com/v1/models';
const PAGES: Record<string, string> = {
  '': 'models-page-1.json',
  eyJwYWdlIjoyfQ: 'models-page-2.json',
  eyJwYWdlIjozfQ: 'models-page-3.json',
};
const handlers = () => [
  http.get(LIST_URL, ({ request }) => {
    const page = PAGES[new URL(request.url).searchParams.get('page_token') ?? ''];
    return page
      ? HttpResponse.json(fixture('cohere', page))
      : HttpResponse.json({ message: 'invalid page token' }, { status: 400 });
  }),
];

describeProviderConformance({
  id: 'cohere',
  create: (options) => cohere(options),
  env: { COHERE_API_KEY: KEY },
  options: { apiKey: KEY },
  secret: KEY,
  handlers,
  listUrl: LIST_URL,
  modelCount: 11,
  checkRequest: (request) => expect(request.headers.get('authorization')).toBe(`Bearer ${KEY}`),
});

describe('cohere', () => {
  const catalog = (env: Record<string, string> = { COHERE_API_KEY: KEY }) =>
    createModelCatalog({ providers: [cohere()], env, cache: false, retries: 0 });

  it('follows next_page_token through every page, asking for 1000 per page with the bearer key', async () => {
    server.use(...handlers());
    const requests = recordRequests();
    const { models } = await catalog().listModels({ provider: 'cohere' });
    expect(requests.map((request) => `${request.method} ${request.url}`)).toEqual([
      `GET ${LIST_URL}?page_size=1000`,
      `GET ${LIST_URL}?page_size=1000&page_token=eyJwYWdlIjoyfQ`,
      `GET ${LIST_URL}?page_size=1000&page_token=eyJwYWdlIjozfQ`,
    ]);
    for (const request of requests)
      expect(request.headers.get('authorization')).toBe(`Bearer ${KEY}`);
    const ids = models.map((model) => model.id);
    expect(ids).toHaveLength(11);
    expect(new Set(ids).size).toBe(11);
  });

  it('maps name, context length, vision input and nothing it was not given', async () => {
    server.use(...handlers());
    const { models } = await catalog().listModels({ provider: 'cohere' });
    expect(models[0]).toEqual({
      id: 'command-a-03-2025',
      name: 'command-a-03-2025',
      category: 'chat',
      provider: 'cohere',
      contextLength: 288000,
      capabilities: {
        tools: true,
        structuredOutput: true,
        jsonMode: true,
        vision: false,
        reasoning: false,
      },
      lifecycle: { status: 'active' },
    });
    // Lists `strict_tools` but not `tools`: tools false, structured output true.
    expect(models.find((model) => model.id === 'command-a-vision-07-2025')).toEqual({
      id: 'command-a-vision-07-2025',
      name: 'command-a-vision-07-2025',
      category: 'chat',
      provider: 'cohere',
      contextLength: 128000,
      inputModalities: ['text', 'image'],
      capabilities: {
        tools: false,
        structuredOutput: true,
        jsonMode: true,
        vision: true,
        reasoning: false,
      },
      lifecycle: { status: 'active' },
    });
  });

  it('maps the reasoning feature, and no capability at all when the features are null', async () => {
    server.use(...handlers());
    const { models } = await catalog().listModels({ provider: 'cohere' });
    expect(
      models.find((model) => model.id === 'command-a-reasoning-08-2025')?.capabilities,
    ).toEqual({
      tools: true,
      structuredOutput: true,
      jsonMode: true,
      vision: false,
      reasoning: true,
    });
    expect(models.find((model) => model.id === 'rerank-v3.5')?.capabilities).toBeUndefined();
    expect(models.filter((model) => model.fineTuned !== undefined)).toEqual([]);
  });

  it('drops a zero context length and marks is_deprecated models deprecated', async () => {
    server.use(...handlers());
    const { models } = await catalog().listModels({ provider: 'cohere' });
    expect(models.find((model) => model.id === 'embed-english-v3.0-image')).toEqual({
      id: 'embed-english-v3.0-image',
      name: 'embed-english-v3.0-image',
      category: 'embedding',
      provider: 'cohere',
      lifecycle: { status: 'active' },
    });
    expect(models.find((model) => model.id === 'command-light')).toEqual({
      id: 'command-light',
      name: 'command-light',
      category: 'chat',
      provider: 'cohere',
      contextLength: 4096,
      lifecycle: { status: 'deprecated' },
      deprecated: true,
    });
    expect(models.filter((model) => model.deprecated).map((model) => model.id)).toEqual([
      'command-light',
    ]);
  });

  it("marks the account's fine-tuned models", async () => {
    server.use(
      http.get(LIST_URL, () =>
        HttpResponse.json({
          models: [
            { name: 'acme-support-ft', endpoints: ['chat'], finetuned: true, features: null },
          ],
        }),
      ),
    );
    const { models } = await catalog().listModels({ provider: 'cohere' });
    expect(models).toEqual([
      {
        id: 'acme-support-ft',
        name: 'acme-support-ft',
        category: 'chat',
        provider: 'cohere',
        fineTuned: true,
      },
    ]);
  });

  it('classifies every model from its endpoints', async () => {
    server.use(...handlers());
    const { models } = await catalog().listModels({ provider: 'cohere' });
    expect(Object.fromEntries(models.map((model) => [model.id, model.category]))).toEqual({
      'command-a-03-2025': 'chat',
      'command-a-vision-07-2025': 'chat',
      'command-r7b-12-2024': 'chat',
      'c4ai-aya-expanse-32b': 'chat',
      'cohere-transcribe-03-2026': 'stt',
      'rerank-v3.5': 'other',
      'embed-english-v3.0': 'embedding',
      'embed-english-v3.0-image': 'embedding',
      'embed-multilingual-light-v3.0': 'embedding',
      'command-light': 'chat',
      'command-a-reasoning-08-2025': 'chat',
    });
  });

  it('stops with invalid_response when a page repeats a cursor', async () => {
    server.use(
      http.get(LIST_URL, () =>
        HttpResponse.json({
          models: [{ name: 'command-a-03-2025', endpoints: ['chat'] }],
          next_page_token: 'same',
        }),
      ),
    );
    const error = await catalog()
      .listModels({ provider: 'cohere' })
      .catch((caught: unknown) => caught);
    expect(ModelCatalogError.isInstance(error) && error.kind).toBe('invalid_response');
    expect((error as Error).message).toContain('repeated a page cursor');
  });

  it('treats an empty next_page_token as the last page', async () => {
    server.use(
      http.get(LIST_URL, () =>
        HttpResponse.json({
          models: [{ name: 'rerank-v3.5', endpoints: ['rerank'] }],
          next_page_token: '',
        }),
      ),
    );
    const requests = recordRequests();
    const { models } = await catalog().listModels({ provider: 'cohere' });
    expect(models.map((model) => [model.id, model.category])).toEqual([['rerank-v3.5', 'other']]);
    expect(requests).toHaveLength(1);
  });

  it('uses COHERE_BASE_URL and skips entries without a name', async () => {
    server.use(
      http.get('http://127.0.0.1:9/cohere/v1/models', () =>
        HttpResponse.json({
          models: [{ name: 'command-r-08-2024', endpoints: ['chat'] }, { endpoints: ['chat'] }],
        }),
      ),
    );
    const { models, status } = await catalog({
      COHERE_API_KEY: KEY,
      COHERE_BASE_URL: 'http://127.0.0.1:9/cohere/',
    }).listModels({
      provider: 'cohere',
    });
    expect(models.map((model) => model.id)).toEqual(['command-r-08-2024']);
    expect(status.skipped).toBe(1);
  });
});
