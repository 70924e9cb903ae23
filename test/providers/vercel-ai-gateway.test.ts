import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { createModelCatalog, vercelAiGateway } from '../../src/index.js';
import { fixture } from '../helpers/fixtures.js';
import { recordRequests, server } from '../helpers/msw.js';
import { describeProviderConformance } from '../helpers/provider-conformance.js';

const KEY = 'vck_test_PLANTED_1p6r2';
const LIST_URL = 'https://ai-gateway.vercel.sh/v1/models';
const handlers = () => [
  http.get(LIST_URL, () => HttpResponse.json(fixture('vercel-ai-gateway', 'models.json'))),
];

describeProviderConformance({
  id: 'vercel-ai-gateway',
  create: (options) => vercelAiGateway(options),
  env: { AI_GATEWAY_API_KEY: KEY },
  options: { apiKey: KEY },
  secret: KEY,
  handlers,
  listUrl: LIST_URL,
  modelCount: 8,
  checkRequest: (request) => expect(request.headers.get('authorization')).toBe(`Bearer ${KEY}`),
  configuredWithoutEnv: true,
});

describe('vercel-ai-gateway', () => {
  const catalog = (env: Record<string, string> = { AI_GATEWAY_API_KEY: KEY }) =>
    createModelCatalog({ providers: [vercelAiGateway()], env, cache: false, retries: 0 });

  it('sends one GET to /v1/models with the bearer key when one is set', async () => {
    server.use(...handlers());
    const requests = recordRequests();
    await catalog().listModels({ provider: 'vercel-ai-gateway' });
    expect(requests.map((request) => `${request.method} ${request.url}`)).toEqual([
      `GET ${LIST_URL}`,
    ]);
    expect(requests[0]!.headers.get('authorization')).toBe(`Bearer ${KEY}`);
  });

  it('lists the public catalog without a key and without an authorization header', async () => {
    server.use(...handlers());
    const requests = recordRequests();
    const { models } = await catalog({}).listModels({ provider: 'vercel-ai-gateway' });
    expect(models).toHaveLength(8);
    expect(requests[0]!.headers.get('authorization')).toBeNull();
  });

  it('keeps an authorization header passed in headers when no key is set', async () => {
    server.use(...handlers());
    const requests = recordRequests();
    await createModelCatalog({
      providers: [vercelAiGateway({ headers: { authorization: 'Bearer oidc-token' } })],
      env: {},
      cache: false,
    }).listModels({ provider: 'vercel-ai-gateway' });
    expect(requests[0]!.headers.get('authorization')).toBe('Bearer oidc-token');
  });

  it('reads AIGATEWAY_API_KEY when AI_GATEWAY_API_KEY is not set', async () => {
    server.use(...handlers());
    const requests = recordRequests();
    await catalog({ AIGATEWAY_API_KEY: 'second-key' }).listModels({
      provider: 'vercel-ai-gateway',
    });
    expect(requests[0]!.headers.get('authorization')).toBe('Bearer second-key');
  });

  it('is in the default provider set only when a gateway key variable is set', () => {
    const configured = (env: Record<string, string>) =>
      createModelCatalog({ env, cache: false })
        .listProviders()
        .find((provider) => provider.id === 'vercel-ai-gateway')?.configured;
    expect(configured({})).toBe(false);
    expect(configured({ AI_GATEWAY_API_KEY: KEY })).toBe(true);
    expect(configured({ AIGATEWAY_API_KEY: KEY })).toBe(true);
  });

  it('maps a language model with prices in USD per million tokens and inputs from its tags', async () => {
    server.use(...handlers());
    const { models } = await catalog().listModels({ provider: 'vercel-ai-gateway' });
    expect(models.find((model) => model.id === 'anthropic/claude-sonnet-4')).toEqual({
      id: 'anthropic/claude-sonnet-4',
      name: 'Claude Sonnet 4',
      category: 'chat',
      provider: 'vercel-ai-gateway',
      description:
        "Claude Sonnet 4 significantly improves on Sonnet 3.7's industry-leading capabilities, excelling in coding.",
      created: 1747872000,
      ownedBy: 'anthropic',
      contextLength: 200000,
      maxOutputTokens: 64000,
      inputModalities: ['text', 'image', 'file'],
      supportedParameters: ['reasoning', 'tools'],
      pricing: { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75, free: false },
      releaseDate: '2025-05-22',
      capabilities: {
        tools: true,
        vision: true,
        pdfInput: true,
        reasoning: true,
        promptCaching: true,
      },
    });
  });

  it('maps only the capabilities a model is tagged with, and the free tag', async () => {
    server.use(...handlers());
    const { models } = await catalog().listModels({ provider: 'vercel-ai-gateway' });
    // No `vision` tag: vision is unknown, not false.
    expect(models.find((model) => model.id === 'openai/gpt-4.1-nano')?.capabilities).toEqual({
      tools: true,
      promptCaching: true,
    });
    expect(models.find((model) => model.id === 'google/gemma-3-27b')).toMatchObject({
      capabilities: { vision: true },
      pricing: { free: true },
      releaseDate: '2025-03-12',
    });
    expect(models.find((model) => model.id === 'google/gemma-3-27b')?.pricing).toEqual({
      free: true,
    });
    expect(
      models.find((model) => model.id === 'acme/realtime-agent-1')?.capabilities,
    ).toBeUndefined();
  });

  it('maps embedding and image models, leaving out zero limits and missing prices', async () => {
    server.use(...handlers());
    const { models } = await catalog().listModels({ provider: 'vercel-ai-gateway' });
    expect(models.find((model) => model.id === 'openai/text-embedding-3-small')).toEqual({
      id: 'openai/text-embedding-3-small',
      name: 'text-embedding-3-small',
      category: 'embedding',
      provider: 'vercel-ai-gateway',
      description: "OpenAI's improved, more performant version of the ada embedding model.",
      created: 1706000000,
      ownedBy: 'openai',
      contextLength: 8192,
      pricing: { input: 0.02, free: false },
      releaseDate: '2024-01-23',
    });
    expect(models.find((model) => model.id === 'bfl/flux-pro-1.1')).toEqual({
      id: 'bfl/flux-pro-1.1',
      name: 'FLUX1.1 [pro]',
      category: 'image',
      provider: 'vercel-ai-gateway',
      description:
        'Fast image generation with excellent image quality, prompt adherence and output diversity.',
      created: 1727000000,
      ownedBy: 'bfl',
      pricing: { image: 0.04, free: false },
      releaseDate: '2024-09-22',
    });
  });

  it('leaves out negative and "dynamic" prices instead of reporting them', async () => {
    server.use(...handlers());
    const { models } = await catalog().listModels({ provider: 'vercel-ai-gateway' });
    const router = models.find((model) => model.id === 'acme/auto-router');
    expect(router?.pricing).toBeUndefined();
    expect(router?.contextLength).toBe(2000000);
    expect(router?.maxOutputTokens).toBeUndefined();
  });

  it('classifies every model from its type, never calling an unknown type chat', async () => {
    server.use(...handlers());
    const { models } = await catalog().listModels({ provider: 'vercel-ai-gateway' });
    expect(Object.fromEntries(models.map((model) => [model.id, model.category]))).toEqual({
      'anthropic/claude-sonnet-4': 'chat',
      'openai/gpt-4.1-nano': 'chat',
      'google/gemma-3-27b': 'chat',
      'acme/auto-router': 'chat',
      'openai/text-embedding-3-small': 'embedding',
      'bfl/flux-pro-1.1': 'image',
      'google/veo-3.0-generate-001': 'other',
      'acme/realtime-agent-1': 'other',
    });
  });

  it('prefers reported modalities over tags, and the type over modalities for the category', async () => {
    server.use(
      http.get(LIST_URL, () =>
        HttpResponse.json({
          object: 'list',
          data: [
            {
              id: 'google/gemini-2.5-flash-image',
              type: 'image',
              tags: ['vision'],
              modalities: { input: ['text', 'image'], output: ['text', 'image'] },
            },
          ],
        }),
      ),
    );
    const { models } = await catalog().listModels({ provider: 'vercel-ai-gateway' });
    expect(models).toEqual([
      {
        id: 'google/gemini-2.5-flash-image',
        name: 'google/gemini-2.5-flash-image',
        category: 'image',
        provider: 'vercel-ai-gateway',
        inputModalities: ['text', 'image'],
        outputModalities: ['text', 'image'],
        capabilities: { vision: true },
      },
    ]);
  });

  it('uses AI_GATEWAY_BASE_URL, accepting a trailing slash', async () => {
    server.use(
      http.get('http://127.0.0.1:9/gateway/v1/models', () =>
        HttpResponse.json({ data: [{ id: 'acme/model', type: 'language' }] }),
      ),
    );
    const { models } = await catalog({
      AI_GATEWAY_BASE_URL: 'http://127.0.0.1:9/gateway/v1/',
    }).listModels({
      provider: 'vercel-ai-gateway',
    });
    expect(models).toEqual([
      { id: 'acme/model', name: 'acme/model', category: 'chat', provider: 'vercel-ai-gateway' },
    ]);
  });
});
