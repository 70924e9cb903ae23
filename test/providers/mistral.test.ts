import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { createModelCatalog, mistral } from '../../src/index.js';
import { fixture } from '../helpers/fixtures.js';
import { recordRequests, server } from '../helpers/msw.js';
import { describeProviderConformance } from '../helpers/provider-conformance.js';

const KEY = 'mistral-test-key-PLANTED-7q2w9';
const LIST_URL = 'https://api.mistral.ai/v1/models';
const handlers = () => [
  http.get(LIST_URL, () => HttpResponse.json(fixture('mistral', 'models.json'))),
];

describeProviderConformance({
  id: 'mistral',
  create: (options) => mistral(options),
  env: { MISTRAL_API_KEY: KEY },
  options: { apiKey: KEY },
  secret: KEY,
  handlers,
  listUrl: LIST_URL,
  modelCount: 13,
  checkRequest: (request) => expect(request.headers.get('authorization')).toBe(`Bearer ${KEY}`),
});

describe('mistral', () => {
  const catalog = (env: Record<string, string> = { MISTRAL_API_KEY: KEY }) =>
    createModelCatalog({ providers: [mistral()], env, cache: false, retries: 0 });

  it('sends one GET to /v1/models with the bearer key', async () => {
    server.use(...handlers());
    const requests = recordRequests();
    await catalog().listModels({ provider: 'mistral' });
    expect(requests.map((request) => `${request.method} ${request.url}`)).toEqual([
      `GET ${LIST_URL}`,
    ]);
    expect(requests[0]!.headers.get('authorization')).toBe(`Bearer ${KEY}`);
  });

  it('lists each card once under its dated name, with every other id as an alias', async () => {
    server.use(...handlers());
    const { models } = await catalog().listModels({ provider: 'mistral' });
    expect(models.map((model) => [model.id, model.aliases ?? []])).toEqual([
      ['mistral-medium-2508', ['mistral-medium-latest', 'mistral-medium']],
      ['open-mistral-nemo', ['open-mistral-nemo-2407', 'mistral-tiny-2407', 'mistral-tiny-latest']],
      ['devstral-small-2507', []],
      ['codestral-2508', ['codestral-latest']],
      ['voxtral-mini-2507', ['voxtral-mini-latest']],
      ['voxtral-mini-transcribe-2507', []],
      ['mistral-ocr-2512', ['mistral-ocr-latest']],
      ['mistral-moderation-2411', ['mistral-moderation-latest']],
      ['mistral-embed', ['mistral-embed-2312']],
      ['codestral-embed-2505', ['codestral-embed']],
      ['magistral-medium-2509', ['magistral-medium-latest']],
      ['mistral-large-2411', []],
      ['ft:open-mistral-nemo:8c53a6c6:20250714:a1b2c3d4', []],
    ]);
  });

  it('maps description, owner, context, vision input and aliases, but not the request-time `created`', async () => {
    server.use(...handlers());
    const { models } = await catalog().listModels({ provider: 'mistral' });
    expect(models[0]).toEqual({
      id: 'mistral-medium-2508',
      name: 'mistral-medium-2508',
      category: 'chat',
      provider: 'mistral',
      description: 'Update on Mistral Medium 3 with improved capabilities.',
      ownedBy: 'mistralai',
      contextLength: 131072,
      inputModalities: ['text', 'image'],
      aliases: ['mistral-medium-latest', 'mistral-medium'],
      capabilities: { tools: true, vision: true, audioInput: false, reasoning: false },
    });
    expect(models.find((model) => model.id === 'voxtral-mini-2507')).toEqual({
      id: 'voxtral-mini-2507',
      name: 'voxtral-mini-2507',
      category: 'chat',
      provider: 'mistral',
      description: 'A mini audio understanding model released in July 2025',
      ownedBy: 'mistralai',
      contextLength: 32768,
      inputModalities: ['text', 'audio'],
      aliases: ['voxtral-mini-latest'],
      // No `reasoning` key in this card: not reported, so absent.
      capabilities: { tools: false, vision: false, audioInput: true },
    });
  });

  it('marks a model with a deprecation date deprecated, and leaves a fine-tuned model its own id', async () => {
    server.use(...handlers());
    const { models } = await catalog().listModels({ provider: 'mistral' });
    expect(models.find((model) => model.id === 'mistral-large-2411')).toEqual({
      id: 'mistral-large-2411',
      name: 'mistral-large-2411',
      category: 'chat',
      provider: 'mistral',
      description:
        'Our top-tier reasoning model for high-complexity tasks with the lastest version released November 2024.',
      ownedBy: 'mistralai',
      contextLength: 131072,
      deprecated: true,
      capabilities: { tools: true, vision: false, audioInput: false },
      lifecycle: {
        status: 'deprecated',
        deprecatedAt: '2025-11-30',
        replacement: 'mistral-medium-latest',
      },
    });
    expect(models.find((model) => model.id.startsWith('ft:'))).toEqual({
      id: 'ft:open-mistral-nemo:8c53a6c6:20250714:a1b2c3d4',
      name: 'ft:open-mistral-nemo:8c53a6c6:20250714:a1b2c3d4',
      category: 'chat',
      provider: 'mistral',
      ownedBy: '8c53a6c6',
      contextLength: 131072,
      capabilities: { tools: true, vision: false, audioInput: false },
      fineTuned: true,
      baseModel: 'open-mistral-nemo',
    });
    expect(models.filter((model) => model.deprecated).map((model) => model.id)).toEqual([
      'mistral-large-2411',
    ]);
  });

  it('maps a reasoning capability, and no lifecycle, fine-tune or base model where none is reported', async () => {
    server.use(...handlers());
    const { models } = await catalog().listModels({ provider: 'mistral' });
    expect(models.find((model) => model.id === 'magistral-medium-2509')?.capabilities).toEqual({
      tools: true,
      vision: true,
      audioInput: false,
      reasoning: true,
    });
    expect(models.filter((model) => model.lifecycle).map((model) => model.id)).toEqual([
      'mistral-large-2411',
    ]);
    expect(
      models.filter((model) => model.fineTuned || model.baseModel).map((model) => model.id),
    ).toEqual(['ft:open-mistral-nemo:8c53a6c6:20250714:a1b2c3d4']);
  });

  it('marks an archived fine-tune retired, and so deprecated', async () => {
    server.use(
      http.get(LIST_URL, () =>
        HttpResponse.json({
          data: [
            {
              id: 'ft:mistral-small:acme:archived',
              type: 'fine-tuned',
              root: 'mistral-small-latest',
              archived: true,
            },
          ],
        }),
      ),
    );
    const { models } = await catalog().listModels({ provider: 'mistral' });
    expect(models[0]).toMatchObject({
      fineTuned: true,
      baseModel: 'mistral-small-latest',
      lifecycle: { status: 'retired' },
      deprecated: true,
    });
  });

  it('classifies every model from its capabilities, and embeddings from the id', async () => {
    server.use(...handlers());
    const { models } = await catalog().listModels({ provider: 'mistral' });
    expect(Object.fromEntries(models.map((model) => [model.id, model.category]))).toEqual({
      'mistral-medium-2508': 'chat',
      'open-mistral-nemo': 'chat',
      'devstral-small-2507': 'chat',
      'codestral-2508': 'chat',
      'voxtral-mini-2507': 'chat',
      'voxtral-mini-transcribe-2507': 'stt',
      'mistral-ocr-2512': 'other',
      'mistral-moderation-2411': 'other',
      'mistral-embed': 'embedding',
      'codestral-embed-2505': 'embedding',
      'magistral-medium-2509': 'chat',
      'mistral-large-2411': 'chat',
      'ft:open-mistral-nemo:8c53a6c6:20250714:a1b2c3d4': 'chat',
    });
  });

  it('keeps the first listed id when the card name is not among the listed ids, and groups by shared aliases', async () => {
    server.use(
      http.get(LIST_URL, () =>
        HttpResponse.json({
          data: [
            {
              id: 'mistral-moderation-latest',
              name: 'mistral-moderation-2411',
              aliases: ['mistral-moderation-2411'],
              capabilities: { moderation: true },
            },
            { id: 'pixtral-large-latest', name: null, aliases: ['pixtral-large-2411'] },
            { id: 'pixtral-large-2411', name: null, aliases: ['pixtral-large-latest'] },
            { id: 'audio-speech-model', capabilities: { audio_speech: true } },
          ],
        }),
      ),
    );
    const { models } = await catalog().listModels({ provider: 'mistral' });
    expect(models.map((model) => [model.id, model.aliases ?? [], model.category])).toEqual([
      ['mistral-moderation-latest', ['mistral-moderation-2411'], 'other'],
      ['pixtral-large-latest', ['pixtral-large-2411'], 'chat'],
      ['audio-speech-model', [], 'tts'],
    ]);
  });

  it('uses MISTRAL_BASE_URL and skips entries without an id', async () => {
    server.use(
      http.get('http://127.0.0.1:9/mistral/v1/models', () =>
        HttpResponse.json({
          object: 'list',
          data: [{ id: 'mistral-small-latest' }, { object: 'model' }],
        }),
      ),
    );
    const { models, status } = await catalog({
      MISTRAL_API_KEY: KEY,
      MISTRAL_BASE_URL: 'http://127.0.0.1:9/mistral/v1/',
    }).listModels({ provider: 'mistral' });
    expect(models.map((model) => model.id)).toEqual(['mistral-small-latest']);
    expect(status.skipped).toBe(1);
  });
});
