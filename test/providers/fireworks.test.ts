import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { createModelCatalog, fireworks } from '../../src/index.js';
import { fixture } from '../helpers/fixtures.js';
import { recordRequests, server } from '../helpers/msw.js';
import { describeProviderConformance } from '../helpers/provider-conformance.js';

const KEY = 'fw_test-fireworks-PLANTED-5k1p7';
const URL = 'https://api.fireworks.ai/inference/v1/models';
const handlers = () => [
  http.get(URL, () => HttpResponse.json(fixture('fireworks', 'models.json'))),
];

describeProviderConformance({
  id: 'fireworks',
  create: (options) => fireworks(options),
  env: { FIREWORKS_API_KEY: KEY },
  options: { apiKey: KEY },
  secret: KEY,
  handlers,
  listUrl: URL,
  modelCount: 6,
  checkRequest: (request) => expect(request.headers.get('authorization')).toBe(`Bearer ${KEY}`),
});

describe('fireworks', () => {
  const catalog = () =>
    createModelCatalog({
      providers: [fireworks()],
      env: { FIREWORKS_API_KEY: KEY },
      cache: false,
      retries: 0,
    });

  it('sends one GET to the inference /v1/models with the bearer key', async () => {
    server.use(...handlers());
    const requests = recordRequests();
    await catalog().listModels({ provider: 'fireworks' });
    expect(requests.map((request) => `${request.method} ${request.url}`)).toEqual([`GET ${URL}`]);
    expect(requests[0]!.headers.get('authorization')).toBe(`Bearer ${KEY}`);
  });

  it('keeps the whole account path as the id and shows the short name', async () => {
    server.use(...handlers());
    const { models } = await catalog().listModels({ provider: 'fireworks' });
    expect(models[0]).toEqual({
      id: 'accounts/fireworks/models/llama-v3p1-8b-instruct',
      name: 'llama-v3p1-8b-instruct',
      category: 'chat',
      provider: 'fireworks',
      created: 1721692800,
      ownedBy: 'fireworks',
      contextLength: 131072,
    });
    expect(models[5]).toMatchObject({
      id: 'nomic-ai/nomic-embed-text-v1.5',
      name: 'nomic-embed-text-v1.5',
    });
  });

  it('classifies every model of the list from its id', async () => {
    server.use(...handlers());
    const { models } = await catalog().listModels({ provider: 'fireworks' });
    expect(Object.fromEntries(models.map((model) => [model.id, model.category]))).toEqual({
      'accounts/fireworks/models/llama-v3p1-8b-instruct': 'chat',
      'accounts/fireworks/models/deepseek-v3': 'chat',
      'accounts/fireworks/models/qwen2p5-vl-32b-instruct': 'chat',
      'accounts/fireworks/models/flux-1-schnell-fp8': 'image',
      'accounts/fireworks/models/whisper-v3': 'stt',
      'nomic-ai/nomic-embed-text-v1.5': 'embedding',
    });
  });
});
