import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { createModelCatalog, groq } from '../../src/index.js';
import { fixture } from '../helpers/fixtures.js';
import { recordRequests, server } from '../helpers/msw.js';
import { describeProviderConformance } from '../helpers/provider-conformance.js';

const KEY = 'gsk_test_PLANTED_3v7n5';
const LIST_URL = 'https://api.groq.com/openai/v1/models';
const handlers = () => [
  http.get(LIST_URL, () => HttpResponse.json(fixture('groq', 'models.json'))),
];

describeProviderConformance({
  id: 'groq',
  create: (options) => groq(options),
  env: { GROQ_API_KEY: KEY },
  options: { apiKey: KEY },
  secret: KEY,
  handlers,
  listUrl: LIST_URL,
  modelCount: 8,
  checkRequest: (request) => expect(request.headers.get('authorization')).toBe(`Bearer ${KEY}`),
});

describe('groq', () => {
  const catalog = (env: Record<string, string> = { GROQ_API_KEY: KEY }) =>
    createModelCatalog({ providers: [groq()], env, cache: false, retries: 0 });

  it('is in the default provider set, configured by its environment variable', () => {
    const configured = (env: Record<string, string>) =>
      createModelCatalog({ env, cache: false })
        .listProviders()
        .find((provider) => provider.id === 'groq')?.configured;
    expect(configured({})).toBe(false);
    expect(configured({ GROQ_API_KEY: KEY })).toBe(true);
  });

  it('sends one GET to /openai/v1/models with the bearer key', async () => {
    server.use(...handlers());
    const requests = recordRequests();
    await catalog().listModels({ provider: 'groq' });
    expect(requests.map((request) => `${request.method} ${request.url}`)).toEqual([
      `GET ${LIST_URL}`,
    ]);
    expect(requests[0]!.headers.get('authorization')).toBe(`Bearer ${KEY}`);
  });

  it('maps name, vendor, limits, modalities and features of a chat model', async () => {
    server.use(...handlers());
    const { models } = await catalog().listModels({ provider: 'groq' });
    expect(models.find((model) => model.id === 'openai/gpt-oss-120b')).toEqual({
      id: 'openai/gpt-oss-120b',
      name: 'GPT OSS 120B',
      category: 'chat',
      provider: 'groq',
      created: 1754408224,
      ownedBy: 'OpenAI',
      contextLength: 131072,
      maxOutputTokens: 65536,
      inputModalities: ['text'],
      outputModalities: ['text'],
      supportedParameters: ['tools', 'response_format', 'structured_outputs', 'reasoning'],
      capabilities: {
        tools: true,
        jsonMode: true,
        structuredOutput: true,
        reasoning: true,
        vision: false,
        audioInput: false,
        pdfInput: false,
      },
      lifecycle: { status: 'active' },
    });
  });

  it('maps image input to vision, and features left out of the list to false', async () => {
    server.use(...handlers());
    const { models } = await catalog().listModels({ provider: 'groq' });
    expect(
      models.find((model) => model.id === 'meta-llama/llama-4-scout-17b-16e-instruct')
        ?.capabilities,
    ).toEqual({
      tools: true,
      jsonMode: true,
      structuredOutput: false,
      reasoning: false,
      vision: true,
      audioInput: false,
      pdfInput: false,
    });
  });

  it('reads transcription output as speech-to-text and speech output as text-to-speech', async () => {
    server.use(...handlers());
    const { models } = await catalog().listModels({ provider: 'groq' });
    expect(models.find((model) => model.id === 'whisper-large-v3-turbo')).toEqual({
      id: 'whisper-large-v3-turbo',
      name: 'Whisper Large V3 Turbo',
      category: 'stt',
      provider: 'groq',
      created: 1728413088,
      ownedBy: 'OpenAI',
      contextLength: 448,
      maxOutputTokens: 448,
      inputModalities: ['audio'],
      outputModalities: ['text'],
      // No supported_features: only the input flags are reported.
      capabilities: { vision: false, audioInput: true, pdfInput: false },
      lifecycle: { status: 'active' },
    });
    expect(models.find((model) => model.id === 'canopylabs/orpheus-v1-english')).toMatchObject({
      category: 'tts',
      inputModalities: ['text'],
      outputModalities: ['audio'],
    });
  });

  it('keeps a model marked active: false, retired and flagged deprecated', async () => {
    server.use(...handlers());
    const { models } = await catalog().listModels({ provider: 'groq' });
    expect(models.find((model) => model.id === 'deepseek-r1-distill-llama-70b')?.deprecated).toBe(
      true,
    );
    expect(models.find((model) => model.id === 'deepseek-r1-distill-llama-70b')?.lifecycle).toEqual(
      { status: 'retired' },
    );
    expect(models.filter((model) => model.deprecated).map((model) => model.id)).toEqual([
      'deepseek-r1-distill-llama-70b',
    ]);
  });

  it('classifies every model of the newer list from its modalities', async () => {
    server.use(...handlers());
    const { models } = await catalog().listModels({ provider: 'groq' });
    expect(Object.fromEntries(models.map((model) => [model.id, model.category]))).toEqual({
      'llama-3.3-70b-versatile': 'chat',
      'openai/gpt-oss-120b': 'chat',
      'meta-llama/llama-4-scout-17b-16e-instruct': 'chat',
      'groq/compound': 'chat',
      // Groq reports text in and out, but a safety classifier is still `other`.
      'meta-llama/llama-guard-4-12b': 'other',
      'whisper-large-v3-turbo': 'stt',
      'canopylabs/orpheus-v1-english': 'tts',
      'deepseek-r1-distill-llama-70b': 'chat',
    });
  });

  it('reports no capability of the older list, which has no modalities or features', async () => {
    server.use(http.get(LIST_URL, () => HttpResponse.json(fixture('groq', 'models-classic.json'))));
    const { models } = await catalog().listModels({ provider: 'groq' });
    expect(models.filter((model) => model.capabilities !== undefined)).toEqual([]);
    expect(models.every((model) => model.lifecycle?.status === 'active')).toBe(true);
  });

  it('classifies every model of the older list, which has no modalities, from its id', async () => {
    server.use(http.get(LIST_URL, () => HttpResponse.json(fixture('groq', 'models-classic.json'))));
    const { models } = await catalog().listModels({ provider: 'groq' });
    expect(Object.fromEntries(models.map((model) => [model.id, model.category]))).toEqual({
      'meta-llama/llama-prompt-guard-2-22m': 'other',
      'openai/gpt-oss-safeguard-20b': 'other',
      'canopylabs/orpheus-arabic-saudi': 'tts',
      'groq/compound-mini': 'chat',
      'qwen/qwen3-32b': 'chat',
      'whisper-large-v3': 'stt',
    });
    expect(models.find((model) => model.id === 'qwen/qwen3-32b')).toEqual({
      id: 'qwen/qwen3-32b',
      name: 'qwen/qwen3-32b',
      category: 'chat',
      provider: 'groq',
      created: 1748396646,
      ownedBy: 'Alibaba Cloud',
      contextLength: 131072,
      maxOutputTokens: 40960,
      lifecycle: { status: 'active' },
    });
  });

  it('uses GROQ_BASE_URL, accepting a trailing slash, and passes extra headers', async () => {
    server.use(
      http.get('http://127.0.0.1:9/groq/v1/models', () =>
        HttpResponse.json({ object: 'list', data: [{ id: 'local-llama' }] }),
      ),
    );
    const requests = recordRequests();
    const { models } = await createModelCatalog({
      providers: [groq({ headers: { 'x-trace': 'abc' } })],
      env: { GROQ_API_KEY: KEY, GROQ_BASE_URL: 'http://127.0.0.1:9/groq/v1/' },
      cache: false,
    }).listModels({ provider: 'groq' });
    expect(models.map((model) => model.id)).toEqual(['local-llama']);
    expect(requests[0]!.headers.get('x-trace')).toBe('abc');
  });
});
