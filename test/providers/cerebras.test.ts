import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { cerebras, createModelCatalog } from '../../src/index.js';
import { fixture } from '../helpers/fixtures.js';
import { recordRequests, server } from '../helpers/msw.js';
import { describeProviderConformance } from '../helpers/provider-conformance.js';

const KEY = 'csk-test-cerebras-PLANTED-7d2m5';
const URL = 'https://api.cerebras.ai/v1/models';
const handlers = () => [http.get(URL, () => HttpResponse.json(fixture('cerebras', 'models.json')))];

describeProviderConformance({
  id: 'cerebras',
  create: (options) => cerebras(options),
  env: { CEREBRAS_API_KEY: KEY },
  options: { apiKey: KEY },
  secret: KEY,
  handlers,
  listUrl: URL,
  modelCount: 4,
  checkRequest: (request) => expect(request.headers.get('authorization')).toBe(`Bearer ${KEY}`),
});

describe('cerebras', () => {
  const catalog = (env: Record<string, string> = { CEREBRAS_API_KEY: KEY }) =>
    createModelCatalog({ providers: [cerebras()], env, cache: false, retries: 0 });

  it('sends one GET to /v1/models with the bearer key', async () => {
    server.use(...handlers());
    const requests = recordRequests();
    await catalog().listModels({ provider: 'cerebras' });
    expect(requests.map((request) => `${request.method} ${request.url}`)).toEqual([`GET ${URL}`]);
    expect(requests[0]!.headers.get('authorization')).toBe(`Bearer ${KEY}`);
  });

  it('maps id, created and owner', async () => {
    server.use(...handlers());
    const { models } = await catalog().listModels({ provider: 'cerebras' });
    expect(models[2]).toEqual({
      id: 'gpt-oss-120b',
      name: 'gpt-oss-120b',
      category: 'chat',
      provider: 'cerebras',
      created: 1754352000,
      ownedBy: 'OpenAI',
    });
  });

  it('classifies every model of the list from its id', async () => {
    server.use(...handlers());
    const { models } = await catalog().listModels({ provider: 'cerebras' });
    expect(Object.fromEntries(models.map((model) => [model.id, model.category]))).toEqual({
      'llama3.1-8b': 'chat',
      'llama-3.3-70b': 'chat',
      'gpt-oss-120b': 'chat',
      'qwen-3-32b': 'chat',
    });
  });
});
