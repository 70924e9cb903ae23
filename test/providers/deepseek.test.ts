import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { createModelCatalog, deepseek } from '../../src/index.js';
import { fixture } from '../helpers/fixtures.js';
import { recordRequests, server } from '../helpers/msw.js';
import { describeProviderConformance } from '../helpers/provider-conformance.js';

const KEY = 'sk-test-deepseek-PLANTED-4j8q1';
const URL = 'https://api.deepseek.com/models';
const handlers = () => [http.get(URL, () => HttpResponse.json(fixture('deepseek', 'models.json')))];

describeProviderConformance({
  id: 'deepseek',
  create: (options) => deepseek(options),
  env: { DEEPSEEK_API_KEY: KEY },
  options: { apiKey: KEY },
  secret: KEY,
  handlers,
  listUrl: URL,
  modelCount: 2,
  checkRequest: (request) => expect(request.headers.get('authorization')).toBe(`Bearer ${KEY}`),
});

describe('deepseek', () => {
  const catalog = (env: Record<string, string> = { DEEPSEEK_API_KEY: KEY }) =>
    createModelCatalog({ providers: [deepseek()], env, cache: false, retries: 0 });

  it('sends one GET to /models on api.deepseek.com with the bearer key', async () => {
    server.use(...handlers());
    const requests = recordRequests();
    await catalog().listModels({ provider: 'deepseek' });
    expect(requests.map((request) => `${request.method} ${request.url}`)).toEqual([`GET ${URL}`]);
    expect(requests[0]!.headers.get('authorization')).toBe(`Bearer ${KEY}`);
  });

  it('maps id and owner, and no creation time since DeepSeek sends none', async () => {
    server.use(...handlers());
    const { models } = await catalog().listModels({ provider: 'deepseek' });
    expect(models).toEqual([
      {
        id: 'deepseek-chat',
        name: 'deepseek-chat',
        category: 'chat',
        provider: 'deepseek',
        ownedBy: 'deepseek',
      },
      {
        id: 'deepseek-reasoner',
        name: 'deepseek-reasoner',
        category: 'chat',
        provider: 'deepseek',
        ownedBy: 'deepseek',
      },
    ]);
  });

  it('uses DEEPSEEK_BASE_URL when set', async () => {
    server.use(
      http.get('https://proxy.example/deepseek/v1/models', () =>
        HttpResponse.json({ data: [{ id: 'deepseek-chat' }] }),
      ),
    );
    const { models } = await catalog({
      DEEPSEEK_API_KEY: KEY,
      DEEPSEEK_BASE_URL: 'https://proxy.example/deepseek/v1/',
    }).listModels({
      provider: 'deepseek',
    });
    expect(models.map((model) => model.id)).toEqual(['deepseek-chat']);
  });
});
