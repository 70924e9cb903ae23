import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { createModelCatalog, parasail } from '../../src/index.js';
import { fixture } from '../helpers/fixtures.js';
import { recordRequests, server } from '../helpers/msw.js';
import { describeProviderConformance } from '../helpers/provider-conformance.js';

const KEY = 'psk-test-parasail-PLANTED-3v9w0';
const URL = 'https://api.parasail.io/v1/models';
const handlers = () => [http.get(URL, () => HttpResponse.json(fixture('parasail', 'models.json')))];

describeProviderConformance({
  id: 'parasail',
  create: (options) => parasail(options),
  env: { PARASAIL_API_KEY: KEY },
  options: { apiKey: KEY },
  secret: KEY,
  handlers,
  listUrl: URL,
  modelCount: 3,
  checkRequest: (request) => expect(request.headers.get('authorization')).toBe(`Bearer ${KEY}`),
});

describe('parasail', () => {
  const catalog = () =>
    createModelCatalog({
      providers: [parasail()],
      env: { PARASAIL_API_KEY: KEY },
      cache: false,
      retries: 0,
    });

  it('sends one GET to /v1/models with the bearer key', async () => {
    server.use(...handlers());
    const requests = recordRequests();
    await catalog().listModels({ provider: 'parasail' });
    expect(requests.map((request) => `${request.method} ${request.url}`)).toEqual([`GET ${URL}`]);
    expect(requests[0]!.headers.get('authorization')).toBe(`Bearer ${KEY}`);
  });

  it('maps id, created and owner, and classifies every model from its id', async () => {
    server.use(...handlers());
    const { models } = await catalog().listModels({ provider: 'parasail' });
    expect(models[0]).toEqual({
      id: 'parasail-deepseek-r1',
      name: 'parasail-deepseek-r1',
      category: 'chat',
      provider: 'parasail',
      created: 1737936000,
      ownedBy: 'parasail',
    });
    expect(Object.fromEntries(models.map((model) => [model.id, model.category]))).toEqual({
      'parasail-deepseek-r1': 'chat',
      'parasail-llama-33-70b-fp8': 'chat',
      'parasail-qwen25-vl-72b-instruct': 'chat',
    });
  });
});
