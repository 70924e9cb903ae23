import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { azure, createModelCatalog, ModelCatalogError } from '../../src/index.js';
import { fixture } from '../helpers/fixtures.js';
import { recordRequests, server } from '../helpers/msw.js';
import { describeProviderConformance } from '../helpers/provider-conformance.js';

const KEY = 'azure-test-key-PLANTED-5k1d8';
const ENDPOINT = 'https://contoso-ai.openai.azure.com';
const LIST_URL = `${ENDPOINT}/openai/models`;
const handlers = () => [
  http.get(LIST_URL, () => HttpResponse.json(fixture('azure', 'models.json'))),
];

describeProviderConformance({
  id: 'azure',
  create: (options) => azure(options),
  env: { AZURE_OPENAI_API_KEY: KEY, AZURE_OPENAI_ENDPOINT: ENDPOINT },
  options: { apiKey: KEY, endpoint: ENDPOINT },
  secret: KEY,
  handlers,
  listUrl: LIST_URL,
  modelCount: 10,
  checkRequest: (request) => {
    expect(request.headers.get('api-key')).toBe(KEY);
    expect(request.headers.get('authorization')).toBeNull();
  },
});

describe('azure', () => {
  const catalog = (
    env: Record<string, string> = { AZURE_OPENAI_API_KEY: KEY, AZURE_OPENAI_ENDPOINT: ENDPOINT },
  ) => createModelCatalog({ providers: [azure()], env, cache: false, retries: 0 });

  it('sends one GET to /openai/models with the api-version and the api-key header', async () => {
    server.use(...handlers());
    const requests = recordRequests();
    await catalog().listModels({ provider: 'azure' });
    expect(requests.map((request) => `${request.method} ${request.url}`)).toEqual([
      `GET ${LIST_URL}?api-version=2024-10-21`,
    ]);
    expect(requests[0]!.headers.get('api-key')).toBe(KEY);
    expect(requests[0]!.headers.get('authorization')).toBeNull();
  });

  it('maps id, creation time, lifecycle status and end of inference, and nothing it was not given', async () => {
    server.use(...handlers());
    const { models } = await catalog().listModels({ provider: 'azure' });
    expect(models[0]).toEqual({
      id: 'gpt-4o-2024-11-20',
      name: 'gpt-4o-2024-11-20',
      category: 'chat',
      provider: 'azure',
      created: 1732060800,
      lifecycle: { status: 'active', shutdownAt: '2026-09-01' },
    });
    expect(models.find((model) => model.id === 'gpt-35-turbo-0613')).toEqual({
      id: 'gpt-35-turbo-0613',
      name: 'gpt-35-turbo-0613',
      category: 'chat',
      provider: 'azure',
      created: 1686614400,
      deprecated: true,
      lifecycle: { status: 'deprecated', shutdownAt: '2025-02-13' },
    });
    expect(models.find((model) => model.id === 'tts-hd-001')?.lifecycle?.status).toBe('preview');
  });

  it('marks a fine-tuned model with its base model, and no other', async () => {
    server.use(...handlers());
    const { models } = await catalog().listModels({ provider: 'azure' });
    expect(models.filter((model) => model.fineTuned)).toEqual([
      {
        id: 'gpt-4o-mini-2024-07-18.ft-0e1f2a3b4c5d6e7f8a9b0c1d2e3f4a5b',
        name: 'gpt-4o-mini-2024-07-18.ft-0e1f2a3b4c5d6e7f8a9b0c1d2e3f4a5b',
        category: 'chat',
        provider: 'azure',
        created: 1730419200,
        lifecycle: { status: 'active', shutdownAt: '2026-09-01' },
        fineTuned: true,
        baseModel: 'gpt-4o-mini-2024-07-18',
      },
    ]);
    expect(models.filter((model) => model.baseModel !== undefined)).toHaveLength(1);
  });

  it('reads a retired lifecycle as retired, and no lifecycle when none is reported', async () => {
    server.use(
      http.get(LIST_URL, () =>
        HttpResponse.json({
          data: [
            {
              id: 'gpt-4-0314',
              lifecycle_status: 'retired',
              capabilities: { chat_completion: true },
            },
            { id: 'mystery-1', capabilities: { chat_completion: true } },
          ],
        }),
      ),
    );
    const { models } = await catalog().listModels({ provider: 'azure' });
    expect(models[0]).toMatchObject({ lifecycle: { status: 'retired' }, deprecated: true });
    expect(models[1]?.lifecycle).toBeUndefined();
    expect(models[1]?.deprecated).toBeUndefined();
  });

  it('marks deprecating and deprecated lifecycles deprecated, not a scheduled deprecation date', async () => {
    server.use(...handlers());
    const { models } = await catalog().listModels({ provider: 'azure' });
    expect(models.filter((model) => model.deprecated).map((model) => model.id)).toEqual([
      'gpt-35-turbo-0613',
      'gpt-35-turbo-instruct-0914',
    ]);
  });

  it('classifies every usable model and leaves out the fine-tune-only ones', async () => {
    server.use(...handlers());
    const { models, status } = await catalog().listModels({ provider: 'azure' });
    expect(Object.fromEntries(models.map((model) => [model.id, model.category]))).toEqual({
      'gpt-4o-2024-11-20': 'chat',
      'gpt-4.1-mini-2025-04-14': 'chat',
      'o3-mini-2025-01-31': 'chat',
      'text-embedding-3-small-1': 'embedding',
      'dall-e-3-3.0': 'image',
      'whisper-001': 'stt',
      'tts-hd-001': 'tts',
      'gpt-35-turbo-0613': 'chat',
      'gpt-35-turbo-instruct-0914': 'chat',
      'gpt-4o-mini-2024-07-18.ft-0e1f2a3b4c5d6e7f8a9b0c1d2e3f4a5b': 'chat',
    });
    expect(models.some((model) => model.id === 'babbage-002')).toBe(false);
    expect(status.skipped).toBeUndefined();
  });

  it('builds the endpoint from AZURE_RESOURCE_NAME and reads AZURE_OPENAI_API_VERSION', async () => {
    server.use(
      http.get('https://fabrikam.openai.azure.com/openai/models', () =>
        HttpResponse.json({ data: [{ id: 'gpt-4o-2024-08-06' }] }),
      ),
    );
    const requests = recordRequests();
    const { models } = await catalog({
      AZURE_OPENAI_API_KEY: KEY,
      AZURE_RESOURCE_NAME: 'fabrikam',
      AZURE_OPENAI_API_VERSION: '2025-04-01-preview',
    }).listModels({ provider: 'azure' });
    expect(models.map((model) => model.id)).toEqual(['gpt-4o-2024-08-06']);
    expect(requests.map((request) => request.url)).toEqual([
      'https://fabrikam.openai.azure.com/openai/models?api-version=2025-04-01-preview',
    ]);
  });

  it('prefers a resource name given in code over an endpoint from the environment', async () => {
    server.use(
      http.get('https://northwind.openai.azure.com/openai/models', () =>
        HttpResponse.json({ data: [{ id: 'gpt-4o-2024-08-06' }] }),
      ),
    );
    const requests = recordRequests();
    await createModelCatalog({
      providers: [
        azure({
          resourceName: 'northwind',
          apiVersion: '2024-06-01',
          headers: { 'x-ms-client-request-id': 'abc' },
        }),
      ],
      env: { AZURE_OPENAI_API_KEY: KEY, AZURE_OPENAI_ENDPOINT: ENDPOINT },
      cache: false,
    }).listModels({ provider: 'azure' });
    expect(requests.map((request) => request.url)).toEqual([
      'https://northwind.openai.azure.com/openai/models?api-version=2024-06-01',
    ]);
    expect(requests[0]!.headers.get('x-ms-client-request-id')).toBe('abc');
  });

  it('is not configured without an endpoint or resource name, and says which variables to set', async () => {
    const error = await catalog({ AZURE_OPENAI_API_KEY: KEY })
      .listModels({ provider: 'azure' })
      .catch((caught: unknown) => caught);
    expect(ModelCatalogError.isInstance(error) && error.kind).toBe('not_configured');
    expect((error as Error).message).toContain('AZURE_OPENAI_ENDPOINT');
    expect((error as Error).message).toContain('AZURE_RESOURCE_NAME');
  });

  it('joins the default provider set only when an endpoint or resource name is in the environment', () => {
    const configured = (env: Record<string, string>) =>
      createModelCatalog({ env, cache: false })
        .listProviders()
        .find((provider) => provider.id === 'azure')?.configured;
    expect(configured({ AZURE_OPENAI_API_KEY: KEY })).toBe(false);
    expect(configured({ AZURE_OPENAI_API_KEY: KEY, AZURE_RESOURCE_NAME: 'fabrikam' })).toBe(true);
    expect(configured({ AZURE_OPENAI_ENDPOINT: ENDPOINT })).toBe(false);
  });

  it('reports an explicit azure() with a key but no endpoint as not configured, naming both ways', () => {
    const [info] = createModelCatalog({
      providers: [azure({ apiKey: KEY })],
      env: {},
      cache: false,
    }).listProviders();
    expect(info?.configured).toBe(false);
    expect(info?.reason).toContain('`endpoint` option or the AZURE_OPENAI_ENDPOINT');
    expect(info?.reason).toContain('`resourceName` option or the AZURE_RESOURCE_NAME');
  });
});
