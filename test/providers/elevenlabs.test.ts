import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { createModelCatalog, elevenlabs } from '../../src/index.js';
import { fixture } from '../helpers/fixtures.js';
import { recordRequests, server } from '../helpers/msw.js';
import { describeProviderConformance } from '../helpers/provider-conformance.js';

const KEY = 'sk_elevenlabs-test-PLANTED-3x7v5';
const LIST_URL = 'https://api.elevenlabs.io/v1/models';
const handlers = () => [
  http.get(LIST_URL, () => HttpResponse.json(fixture('elevenlabs', 'models.json'))),
];

describeProviderConformance({
  id: 'elevenlabs',
  create: (options) => elevenlabs(options),
  env: { ELEVENLABS_API_KEY: KEY },
  options: { apiKey: KEY },
  secret: KEY,
  handlers,
  listUrl: LIST_URL,
  modelCount: 6,
  checkRequest: (request) => {
    expect(request.headers.get('xi-api-key')).toBe(KEY);
    expect(request.headers.get('authorization')).toBeNull();
  },
});

describe('elevenlabs', () => {
  const catalog = (env: Record<string, string> = { ELEVENLABS_API_KEY: KEY }) =>
    createModelCatalog({ providers: [elevenlabs()], env, cache: false, retries: 0 });

  it('sends one GET to /v1/models with the xi-api-key header and no Authorization', async () => {
    server.use(...handlers());
    const requests = recordRequests();
    await catalog().listModels({ provider: 'elevenlabs' });
    expect(requests.map((request) => `${request.method} ${request.url}`)).toEqual([
      `GET ${LIST_URL}`,
    ]);
    expect(requests[0]!.headers.get('xi-api-key')).toBe(KEY);
    expect(requests[0]!.headers.get('authorization')).toBeNull();
  });

  it('maps model_id, name and description, and no character limit as a context length', async () => {
    server.use(...handlers());
    const { models } = await catalog().listModels({ provider: 'elevenlabs' });
    expect(models[0]).toEqual({
      id: 'eleven_multilingual_v2',
      name: 'Eleven Multilingual v2',
      category: 'tts',
      provider: 'elevenlabs',
      description:
        'Our most life-like, emotionally rich mode in 29 languages. Best for voice overs, audiobooks, post-production, or any other content creation needs.',
    });
    expect(models.find((model) => model.id === 'eleven_english_sts_v2')).toEqual({
      id: 'eleven_english_sts_v2',
      name: 'Eleven English v2',
      category: 'tts',
      provider: 'elevenlabs',
      description:
        'Our state-of-the-art speech to speech model suitable for scenarios where you need maximum control over the content and prosody of your generations.',
    });
  });

  it('classifies every model: text to speech and voice conversion are tts', async () => {
    server.use(...handlers());
    const { models } = await catalog().listModels({ provider: 'elevenlabs' });
    expect(Object.fromEntries(models.map((model) => [model.id, model.category]))).toEqual({
      eleven_multilingual_v2: 'tts',
      eleven_v3: 'tts',
      eleven_flash_v2_5: 'tts',
      eleven_turbo_v2_5: 'tts',
      eleven_multilingual_sts_v2: 'tts',
      eleven_english_sts_v2: 'tts',
    });
  });

  it('classifies a listed speech-to-text model as stt', async () => {
    server.use(
      http.get(LIST_URL, () =>
        HttpResponse.json([
          {
            model_id: 'scribe_v1',
            name: 'Scribe v1',
            can_do_text_to_speech: false,
            can_do_voice_conversion: false,
          },
          {
            model_id: 'scribe_v2_realtime',
            name: 'Scribe v2 Realtime',
            can_do_text_to_speech: false,
          },
        ]),
      ),
    );
    const { models } = await catalog().listModels({ provider: 'elevenlabs' });
    expect(models.map((model) => [model.id, model.category])).toEqual([
      ['scribe_v1', 'stt'],
      ['scribe_v2_realtime', 'stt'],
    ]);
  });

  it('uses ELEVENLABS_BASE_URL and skips entries without a model_id', async () => {
    server.use(
      http.get('https://api.eu.residency.elevenlabs.io/v1/models', () =>
        HttpResponse.json([
          { model_id: 'eleven_flash_v2_5', can_do_text_to_speech: true },
          { name: 'nameless' },
        ]),
      ),
    );
    const { models, status } = await catalog({
      ELEVENLABS_API_KEY: KEY,
      ELEVENLABS_BASE_URL: 'https://api.eu.residency.elevenlabs.io/v1/',
    }).listModels({ provider: 'elevenlabs' });
    expect(models).toEqual([
      {
        id: 'eleven_flash_v2_5',
        name: 'eleven_flash_v2_5',
        category: 'tts',
        provider: 'elevenlabs',
      },
    ]);
    expect(status.skipped).toBe(1);
  });
});
