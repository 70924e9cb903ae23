import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { createModelCatalog, huggingface } from '../../src/index.js';
import { fixture } from '../helpers/fixtures.js';
import { recordRequests, server } from '../helpers/msw.js';
import { describeProviderConformance } from '../helpers/provider-conformance.js';

const KEY = 'hf_testhuggingfacePLANTED2r7t4';
const URL = 'https://router.huggingface.co/v1/models';
const handlers = () => [
  http.get(URL, () => HttpResponse.json(fixture('huggingface', 'models.json'))),
];

describeProviderConformance({
  id: 'huggingface',
  create: (options) => huggingface(options),
  env: { HF_TOKEN: KEY },
  options: { apiKey: KEY },
  secret: KEY,
  handlers,
  listUrl: URL,
  modelCount: 4,
  checkRequest: (request) => expect(request.headers.get('authorization')).toBe(`Bearer ${KEY}`),
});

describe('huggingface', () => {
  const catalog = () =>
    createModelCatalog({
      providers: [huggingface()],
      env: { HF_TOKEN: KEY },
      cache: false,
      retries: 0,
    });

  it('sends one GET to the router /v1/models with the bearer token', async () => {
    server.use(...handlers());
    const requests = recordRequests();
    await catalog().listModels({ provider: 'huggingface' });
    expect(requests.map((request) => `${request.method} ${request.url}`)).toEqual([`GET ${URL}`]);
    expect(requests[0]!.headers.get('authorization')).toBe(`Bearer ${KEY}`);
  });

  it('sets context and prices when every live provider agrees, ignoring providers not live', async () => {
    server.use(...handlers());
    const { models } = await catalog().listModels({ provider: 'huggingface' });
    expect(models.find((model) => model.id === 'openai/gpt-oss-120b')).toEqual({
      id: 'openai/gpt-oss-120b',
      name: 'openai/gpt-oss-120b',
      category: 'chat',
      provider: 'huggingface',
      created: 1754352000,
      ownedBy: 'openai',
      inputModalities: ['text'],
      outputModalities: ['text'],
      contextLength: 131072,
      pricing: { input: 0.15, output: 0.6, free: false },
      // Both live providers support tools; neither says whether it follows a JSON schema.
      capabilities: { vision: false, audioInput: false, pdfInput: false, tools: true },
    });
    expect(models.find((model) => model.id === 'Qwen/Qwen2.5-VL-7B-Instruct')).toMatchObject({
      inputModalities: ['text', 'image'],
      contextLength: 32768,
      pricing: { input: 0.2, output: 0.2, free: false },
      // The live provider says no to tools; the staging one is not counted.
      capabilities: { vision: true, tools: false },
    });
  });

  it('leaves context and prices out when the live providers disagree', async () => {
    server.use(...handlers());
    const { models } = await catalog().listModels({ provider: 'huggingface' });
    expect(models[0]).toEqual({
      id: 'meta-llama/Llama-3.1-8B-Instruct',
      name: 'meta-llama/Llama-3.1-8B-Instruct',
      category: 'chat',
      provider: 'huggingface',
      created: 1721260800,
      ownedBy: 'meta-llama',
      inputModalities: ['text'],
      outputModalities: ['text'],
      // One live provider supports tools and structured output: a request can be routed there.
      capabilities: {
        vision: false,
        audioInput: false,
        pdfInput: false,
        tools: true,
        structuredOutput: true,
      },
    });
    // No live provider reports tools for the image model: unknown, not false.
    expect(
      models.find((model) => model.id === 'black-forest-labs/FLUX.1-dev')?.capabilities,
    ).toEqual({
      vision: false,
      audioInput: false,
      pdfInput: false,
    });
  });

  it('classifies every model from its output modalities', async () => {
    server.use(...handlers());
    const { models } = await catalog().listModels({ provider: 'huggingface' });
    expect(Object.fromEntries(models.map((model) => [model.id, model.category]))).toEqual({
      'meta-llama/Llama-3.1-8B-Instruct': 'chat',
      'Qwen/Qwen2.5-VL-7B-Instruct': 'chat',
      'openai/gpt-oss-120b': 'chat',
      'black-forest-labs/FLUX.1-dev': 'image',
    });
  });
});
