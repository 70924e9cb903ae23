import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { createModelCatalog, type ModelCatalogError, sgl } from '../../src/index.js';
import { fixture } from '../helpers/fixtures.js';
import { recordRequests, server } from '../helpers/msw.js';
import { describeProviderConformance } from '../helpers/provider-conformance.js';

const BASE_URL = 'http://127.0.0.1:30000/v1';
const URL = `${BASE_URL}/models`;
const KEY = 'sgl-test-key-PLANTED-9e2r6';
const handlers = () => [http.get(URL, () => HttpResponse.json(fixture('sgl', 'models.json')))];

// With the optional key set, so the suite also checks it stays out of URLs, errors and the cache.
describeProviderConformance({
  id: 'sgl',
  create: (options) => sgl(options),
  env: { SGL_BASE_URL: BASE_URL, SGL_API_KEY: KEY },
  options: { baseURL: BASE_URL, apiKey: KEY },
  secret: KEY,
  handlers,
  listUrl: URL,
  modelCount: 1,
  checkRequest: (request) => expect(request.headers.get('authorization')).toBe(`Bearer ${KEY}`),
});

describe('sgl', () => {
  const catalog = (env: Record<string, string> = { SGL_BASE_URL: BASE_URL }) =>
    createModelCatalog({ providers: [sgl()], env, cache: false, retries: 0 });

  it('sends one GET to {baseURL}/models without an Authorization header when no key is set', async () => {
    server.use(...handlers());
    const requests = recordRequests();
    await catalog().listModels({ provider: 'sgl' });
    expect(requests.map((request) => `${request.method} ${request.url}`)).toEqual([`GET ${URL}`]);
    expect(requests[0]!.headers.get('authorization')).toBeNull();
  });

  it('sends the SGL_API_KEY as a bearer key and keeps it out of errors', async () => {
    server.use(
      http.get(URL, () =>
        HttpResponse.json({ error: { message: `bad key ${KEY}` } }, { status: 401 }),
      ),
    );
    const requests = recordRequests();
    const error = await catalog({ SGL_BASE_URL: BASE_URL, SGL_API_KEY: KEY })
      .listModels({ provider: 'sgl' })
      .then(
        () => undefined,
        (caught: unknown) => caught as ModelCatalogError,
      );
    expect(requests[0]!.headers.get('authorization')).toBe(`Bearer ${KEY}`);
    expect(error?.kind).toBe('auth');
    expect(error?.message).not.toContain(KEY);
  });

  it('maps max_model_len to the context length', async () => {
    server.use(...handlers());
    const { models } = await catalog().listModels({ provider: 'sgl' });
    expect(models).toEqual([
      {
        id: 'meta-llama/Llama-3.1-8B-Instruct',
        name: 'meta-llama/Llama-3.1-8B-Instruct',
        category: 'chat',
        provider: 'sgl',
        created: 1735689600,
        ownedBy: 'sglang',
        contextLength: 131072,
      },
    ]);
  });

  it('is in the default set only when SGL_BASE_URL is set', async () => {
    const without = createModelCatalog({ env: { SGL_API_KEY: KEY }, cache: false }).listProviders();
    expect(without.find((provider) => provider.id === 'sgl')).toMatchObject({ configured: false });
    expect(without.find((provider) => provider.id === 'sgl')?.reason).toContain('SGL_BASE_URL');
    const withUrl = createModelCatalog({
      env: { SGL_BASE_URL: BASE_URL },
      cache: false,
    }).listProviders();
    expect(withUrl.find((provider) => provider.id === 'sgl')).toMatchObject({ configured: true });
  });
});
