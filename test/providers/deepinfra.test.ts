import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { createModelCatalog, deepinfra } from '../../src/index.js';
import { fixture } from '../helpers/fixtures.js';
import { recordRequests, server } from '../helpers/msw.js';
import { describeProviderConformance } from '../helpers/provider-conformance.js';

const KEY = 'di-test-deepinfra-PLANTED-8n3c2';
const URL = 'https://api.deepinfra.com/v1/openai/models';
const handlers = () => [
  http.get(URL, () => HttpResponse.json(fixture('deepinfra', 'models.json'))),
];

describeProviderConformance({
  id: 'deepinfra',
  create: (options) => deepinfra(options),
  env: { DEEPINFRA_API_KEY: KEY },
  options: { apiKey: KEY },
  secret: KEY,
  handlers,
  listUrl: URL,
  modelCount: 6,
  checkRequest: (request) => expect(request.headers.get('authorization')).toBe(`Bearer ${KEY}`),
});

describe('deepinfra', () => {
  const catalog = () =>
    createModelCatalog({
      providers: [deepinfra()],
      env: { DEEPINFRA_API_KEY: KEY },
      cache: false,
      retries: 0,
    });

  it('sends one GET to /v1/openai/models with the bearer key', async () => {
    server.use(...handlers());
    const requests = recordRequests();
    await catalog().listModels({ provider: 'deepinfra' });
    expect(requests.map((request) => `${request.method} ${request.url}`)).toEqual([`GET ${URL}`]);
    expect(requests[0]!.headers.get('authorization')).toBe(`Bearer ${KEY}`);
  });

  it('maps description, context, output limit and per-million prices from metadata', async () => {
    server.use(...handlers());
    const { models } = await catalog().listModels({ provider: 'deepinfra' });
    expect(models[0]).toEqual({
      id: 'meta-llama/Llama-3.3-70B-Instruct-Turbo',
      name: 'meta-llama/Llama-3.3-70B-Instruct-Turbo',
      category: 'chat',
      provider: 'deepinfra',
      created: 1733443200,
      ownedBy: 'deepinfra',
      description:
        'Llama 3.3-70B is a multilingual LLM trained on a massive dataset of 15 trillion tokens.',
      contextLength: 131072,
      maxOutputTokens: 16384,
      pricing: { input: 0.13, output: 0.39, cacheRead: 0.065 },
    });
  });

  it('maps a null metadata and a created of 0 to nothing', async () => {
    server.use(...handlers());
    const { models } = await catalog().listModels({ provider: 'deepinfra' });
    expect(models.find((model) => model.id === 'BAAI/bge-m3')).toEqual({
      id: 'BAAI/bge-m3',
      name: 'BAAI/bge-m3',
      category: 'embedding',
      provider: 'deepinfra',
      ownedBy: 'deepinfra',
    });
  });

  it('classifies every model of the list from its id', async () => {
    server.use(...handlers());
    const { models } = await catalog().listModels({ provider: 'deepinfra' });
    expect(Object.fromEntries(models.map((model) => [model.id, model.category]))).toEqual({
      'meta-llama/Llama-3.3-70B-Instruct-Turbo': 'chat',
      'Qwen/Qwen2.5-VL-32B-Instruct': 'chat',
      'BAAI/bge-m3': 'embedding',
      'black-forest-labs/FLUX-1-schnell': 'image',
      'openai/whisper-large-v3-turbo': 'stt',
      'meta-llama/Llama-Guard-4-12B': 'other',
    });
  });
});
