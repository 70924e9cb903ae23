import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { createModelCatalog, nvidia } from '../../src/index.js';
import { fixture } from '../helpers/fixtures.js';
import { recordRequests, server } from '../helpers/msw.js';
import { describeProviderConformance } from '../helpers/provider-conformance.js';

const KEY = 'nvapi-test-nvidia-PLANTED-6b4h9';
const URL = 'https://integrate.api.nvidia.com/v1/models';
const handlers = () => [http.get(URL, () => HttpResponse.json(fixture('nvidia', 'models.json')))];

describeProviderConformance({
  id: 'nvidia',
  create: (options) => nvidia(options),
  env: { NVIDIA_API_KEY: KEY },
  options: { apiKey: KEY },
  secret: KEY,
  handlers,
  listUrl: URL,
  modelCount: 6,
  checkRequest: (request) => expect(request.headers.get('authorization')).toBe(`Bearer ${KEY}`),
});

describe('nvidia', () => {
  const catalog = (env: Record<string, string> = { NVIDIA_API_KEY: KEY }) =>
    createModelCatalog({ providers: [nvidia()], env, cache: false, retries: 0 });

  it('sends one GET to the hosted /v1/models with the bearer key', async () => {
    server.use(...handlers());
    const requests = recordRequests();
    await catalog().listModels({ provider: 'nvidia' });
    expect(requests.map((request) => `${request.method} ${request.url}`)).toEqual([`GET ${URL}`]);
    expect(requests[0]!.headers.get('authorization')).toBe(`Bearer ${KEY}`);
  });

  it('maps id and vendor from the hosted catalog, leaving out its placeholder created', async () => {
    server.use(...handlers());
    const { models } = await catalog().listModels({ provider: 'nvidia' });
    expect(models[0]).toEqual({
      id: 'meta/llama-3.1-8b-instruct',
      name: 'meta/llama-3.1-8b-instruct',
      category: 'chat',
      provider: 'nvidia',
      ownedBy: 'meta',
    });
    expect(models.filter((model) => model.created !== undefined)).toEqual([]);
  });

  it('maps max_model_len of a self-hosted NIM to the context length', async () => {
    server.use(
      http.get('http://nim.internal:8000/v1/models', () =>
        HttpResponse.json(fixture('nvidia', 'self-hosted-models.json')),
      ),
    );
    const { models } = await catalog({
      NVIDIA_API_KEY: KEY,
      NVIDIA_BASE_URL: 'http://nim.internal:8000/v1',
    }).listModels({
      provider: 'nvidia',
    });
    expect(models).toEqual([
      {
        id: 'meta/llama-3.1-8b-instruct',
        name: 'meta/llama-3.1-8b-instruct',
        category: 'chat',
        provider: 'nvidia',
        created: 1735689600,
        ownedBy: 'system',
        contextLength: 131072,
      },
    ]);
  });

  it('classifies every model of the list from its id', async () => {
    server.use(...handlers());
    const { models } = await catalog().listModels({ provider: 'nvidia' });
    expect(Object.fromEntries(models.map((model) => [model.id, model.category]))).toEqual({
      'meta/llama-3.1-8b-instruct': 'chat',
      'deepseek-ai/deepseek-r1': 'chat',
      'nvidia/nv-embedqa-e5-v5': 'embedding',
      'nvidia/llama-3.2-nv-rerankqa-1b-v2': 'other',
      'meta/llama-guard-4-12b': 'other',
      'stabilityai/stable-diffusion-3-medium': 'image',
    });
  });
});
