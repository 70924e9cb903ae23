import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { createModelCatalog, openai } from '../../src/index.js';
import { fixture } from '../helpers/fixtures.js';
import { recordRequests, server } from '../helpers/msw.js';
import { describeProviderConformance } from '../helpers/provider-conformance.js';

const KEY = 'sk-test-openai-PLANTED-9f3k2';
const handlers = () => [
  http.get('https://api.openai.com/v1/models', () =>
    HttpResponse.json(fixture('openai', 'models.json')),
  ),
];

describeProviderConformance({
  id: 'openai',
  create: (options) => openai(options),
  env: { OPENAI_API_KEY: KEY },
  options: { apiKey: KEY },
  secret: KEY,
  handlers,
  listUrl: 'https://api.openai.com/v1/models',
  modelCount: 15,
  checkRequest: (request) => expect(request.headers.get('authorization')).toBe(`Bearer ${KEY}`),
});

describe('openai', () => {
  const catalog = (env: Record<string, string> = { OPENAI_API_KEY: KEY }) =>
    createModelCatalog({ providers: [openai()], env, cache: false, retries: 0 });

  it('sends one GET to /v1/models with the bearer key', async () => {
    server.use(...handlers());
    const requests = recordRequests();
    await catalog().listModels({ provider: 'openai' });
    expect(requests.map((request) => `${request.method} ${request.url}`)).toEqual([
      'GET https://api.openai.com/v1/models',
    ]);
    expect(requests[0]!.headers.get('authorization')).toBe(`Bearer ${KEY}`);
  });

  it('maps id, created and owner, and nothing it was not given', async () => {
    server.use(...handlers());
    const { models } = await catalog().listModels({ provider: 'openai' });
    expect(models[0]).toEqual({
      id: 'gpt-4o',
      name: 'gpt-4o',
      category: 'chat',
      provider: 'openai',
      created: 1715367049,
      ownedBy: 'system',
    });
  });

  it('classifies every model of the list from its id', async () => {
    server.use(...handlers());
    const { models } = await catalog().listModels({ provider: 'openai' });
    expect(Object.fromEntries(models.map((model) => [model.id, model.category]))).toEqual({
      'gpt-4o': 'chat',
      'gpt-5-mini': 'chat',
      'o4-mini': 'chat',
      'text-embedding-3-large': 'embedding',
      'text-embedding-ada-002': 'embedding',
      'dall-e-3': 'image',
      'gpt-image-1': 'image',
      'tts-1-hd': 'tts',
      'gpt-4o-mini-tts': 'tts',
      'whisper-1': 'stt',
      'gpt-4o-transcribe': 'stt',
      'omni-moderation-latest': 'other',
      'sora-2': 'other',
      'gpt-4.5-preview': 'chat',
      'ft:gpt-4o-mini-2024-07-18:acme::9abc123': 'chat',
    });
  });

  it('maps an announced shutdown_date to the lifecycle, deprecated, and leaves a null one out', async () => {
    server.use(...handlers());
    const { models } = await catalog().listModels({ provider: 'openai' });
    expect(models.find((model) => model.id === 'gpt-4.5-preview')).toEqual({
      id: 'gpt-4.5-preview',
      name: 'gpt-4.5-preview',
      category: 'chat',
      provider: 'openai',
      created: 1740623059,
      ownedBy: 'system',
      lifecycle: { status: 'deprecated', shutdownAt: '2025-07-14' },
      deprecated: true,
    });
    const sora = models.find((model) => model.id === 'sora-2');
    expect(sora?.lifecycle).toBeUndefined();
    expect(sora?.deprecated).toBeUndefined();
  });

  it("marks the account's fine-tunes with their base model, and no other model", async () => {
    server.use(...handlers());
    const { models } = await catalog().listModels({ provider: 'openai' });
    expect(models.find((model) => model.id.startsWith('ft:'))).toMatchObject({
      fineTuned: true,
      baseModel: 'gpt-4o-mini-2024-07-18',
      ownedBy: 'acme-org',
    });
    expect(
      models.filter((model) => model.fineTuned !== undefined).map((model) => model.id),
    ).toEqual(['ft:gpt-4o-mini-2024-07-18:acme::9abc123']);
    expect(models.filter((model) => model.baseModel !== undefined)).toHaveLength(1);
  });

  it('uses OPENAI_BASE_URL, accepting a trailing slash, and passes extra headers', async () => {
    server.use(
      http.get('http://127.0.0.1:9/proxy/v1/models', () =>
        HttpResponse.json({ object: 'list', data: [{ id: 'local-model' }] }),
      ),
    );
    const requests = recordRequests();
    const { models } = await createModelCatalog({
      providers: [openai({ headers: { 'OpenAI-Project': 'proj_1' } })],
      env: { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: 'http://127.0.0.1:9/proxy/v1/' },
      cache: false,
    }).listModels({ provider: 'openai' });
    expect(models.map((model) => model.id)).toEqual(['local-model']);
    expect(requests[0]!.headers.get('openai-project')).toBe('proj_1');
  });

  it('skips and counts entries without an id instead of failing', async () => {
    server.use(
      http.get('https://api.openai.com/v1/models', () =>
        HttpResponse.json({ data: [{ id: 'gpt-4o' }, { object: 'model' }, { id: '' }] }),
      ),
    );
    const { models, status } = await catalog().listModels({ provider: 'openai' });
    expect(models.map((model) => model.id)).toEqual(['gpt-4o']);
    expect(status.skipped).toBe(2);
  });
});
