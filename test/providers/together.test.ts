import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { createModelCatalog, together } from '../../src/index.js';
import { fixture } from '../helpers/fixtures.js';
import { recordRequests, server } from '../helpers/msw.js';
import { describeProviderConformance } from '../helpers/provider-conformance.js';

const KEY = 'tgp-test-together-PLANTED-1x6z8';
const URL = 'https://api.together.xyz/v1/models';
const handlers = () => [http.get(URL, () => HttpResponse.json(fixture('together', 'models.json')))];

describeProviderConformance({
  id: 'together',
  create: (options) => together(options),
  env: { TOGETHER_API_KEY: KEY },
  options: { apiKey: KEY },
  secret: KEY,
  handlers,
  listUrl: URL,
  modelCount: 9,
  checkRequest: (request) => expect(request.headers.get('authorization')).toBe(`Bearer ${KEY}`),
});

describe('together', () => {
  const catalog = () =>
    createModelCatalog({
      providers: [together()],
      env: { TOGETHER_API_KEY: KEY },
      cache: false,
      retries: 0,
    });

  it('sends one GET to /v1/models with the bearer key', async () => {
    server.use(...handlers());
    const requests = recordRequests();
    await catalog().listModels({ provider: 'together' });
    expect(requests.map((request) => `${request.method} ${request.url}`)).toEqual([`GET ${URL}`]);
    expect(requests[0]!.headers.get('authorization')).toBe(`Bearer ${KEY}`);
  });

  it('maps display name, organization, context length and per-million prices from the bare array', async () => {
    server.use(...handlers());
    const { models } = await catalog().listModels({ provider: 'together' });
    expect(models[0]).toEqual({
      id: 'meta-llama/Llama-3.3-70B-Instruct-Turbo',
      name: 'Meta Llama 3.3 70B Instruct Turbo',
      category: 'chat',
      provider: 'together',
      created: 1733443200,
      ownedBy: 'Meta',
      contextLength: 131072,
      pricing: { input: 0.88, output: 0.88 },
    });
  });

  it('leaves out a context length of 0 and keeps the prices Together reports', async () => {
    server.use(...handlers());
    const { models } = await catalog().listModels({ provider: 'together' });
    expect(models.find((model) => model.id === 'black-forest-labs/FLUX.1-schnell')).toEqual({
      id: 'black-forest-labs/FLUX.1-schnell',
      name: 'FLUX.1 [schnell]',
      category: 'image',
      provider: 'together',
      created: 1722470400,
      ownedBy: 'Black Forest Labs',
      pricing: { input: 0, output: 0 },
    });
  });

  it('classifies every model from its type', async () => {
    server.use(...handlers());
    const { models } = await catalog().listModels({ provider: 'together' });
    expect(Object.fromEntries(models.map((model) => [model.id, model.category]))).toEqual({
      'meta-llama/Llama-3.3-70B-Instruct-Turbo': 'chat',
      'mistralai/Mixtral-8x7B-v0.1': 'chat',
      'Qwen/Qwen2.5-Coder-32B-Instruct': 'chat',
      'BAAI/bge-large-en-v1.5': 'embedding',
      'black-forest-labs/FLUX.1-schnell': 'image',
      'cartesia/sonic-2': 'tts',
      'openai/whisper-large-v3': 'stt',
      'meta-llama/Llama-Guard-4-12B': 'other',
      'Salesforce/Llama-Rank-V1': 'other',
    });
  });

  it('lets the type decide over the id', async () => {
    server.use(
      http.get(URL, () =>
        HttpResponse.json([
          { id: 'acme/whisper-chat', type: 'chat' },
          { id: 'acme/new-thing', type: 'video' },
        ]),
      ),
    );
    const { models } = await catalog().listModels({ provider: 'together' });
    expect(models.map((model) => [model.id, model.category])).toEqual([
      ['acme/whisper-chat', 'chat'],
      ['acme/new-thing', 'other'],
    ]);
  });
});
