import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { createModelCatalog, type ModelCatalogError, vertex } from '../../src/index.js';
import { fixture } from '../helpers/fixtures.js';
import { recordRequests, server } from '../helpers/msw.js';
import { describeProviderConformance } from '../helpers/provider-conformance.js';

const TOKEN = 'ya29.a0PLANTED-vertex-access-token-5hq';
const PROJECT = 'acme-vertex-project';
const LIST_URL = 'https://us-central1-aiplatform.googleapis.com/v1beta1/publishers/google/models';
const ENV = { GOOGLE_VERTEX_PROJECT: PROJECT, GOOGLE_VERTEX_ACCESS_TOKEN: TOKEN };
const PAGES: Readonly<Record<string, string>> = {
  '': 'publisher-models-page-1.json',
  'CiVwdWJsaXNoZXJzL2dvb2dsZS9tb2RlbHMvaW1hZ2VuLTQuMC1nZW5lcmF0ZS0wMDE=':
    'publisher-models-page-2.json',
  'CiJwdWJsaXNoZXJzL2dvb2dsZS9tb2RlbHMvbXVsdGltb2RhbGVtYmVkZGluZw==':
    'publisher-models-page-3.json',
};

/** Serves the three fixture pages by `pageToken`; an unknown token is a 400, as Google answers. */
const handlers = (url = LIST_URL) => [
  http.get(url, ({ request }) => {
    const page = PAGES[new URL(request.url).searchParams.get('pageToken') ?? ''];
    return page
      ? HttpResponse.json(fixture('vertex', page))
      : HttpResponse.json(
          { error: { code: 400, message: 'Invalid page token.' } },
          { status: 400 },
        );
  }),
];

describeProviderConformance({
  id: 'vertex',
  create: (options) => vertex(options),
  env: ENV,
  options: { project: PROJECT, accessToken: TOKEN },
  secret: TOKEN,
  handlers,
  listUrl: LIST_URL,
  modelCount: 12,
  checkRequest: (request) => {
    expect(request.headers.get('authorization')).toBe(`Bearer ${TOKEN}`);
    expect(request.headers.get('x-goog-user-project')).toBe(PROJECT);
  },
});

describe('vertex', () => {
  const catalog = (env: Record<string, string> = ENV, adapter = vertex()) =>
    createModelCatalog({ providers: [adapter], env, cache: false, retries: 0 });

  it('follows every page with pageSize and pageToken, the bearer token and the quota project', async () => {
    server.use(...handlers());
    const requests = recordRequests();
    await catalog().listModels({ provider: 'vertex' });
    expect(requests.map((request) => `${request.method} ${request.url}`)).toEqual([
      `GET ${LIST_URL}?pageSize=100`,
      `GET ${LIST_URL}?pageSize=100&pageToken=CiVwdWJsaXNoZXJzL2dvb2dsZS9tb2RlbHMvaW1hZ2VuLTQuMC1nZW5lcmF0ZS0wMDE%3D`,
      `GET ${LIST_URL}?pageSize=100&pageToken=CiJwdWJsaXNoZXJzL2dvb2dsZS9tb2RlbHMvbXVsdGltb2RhbGVtYmVkZGluZw%3D%3D`,
    ]);
    for (const request of requests) {
      expect(request.headers.get('authorization')).toBe(`Bearer ${TOKEN}`);
      expect(request.headers.get('x-goog-user-project')).toBe(PROJECT);
    }
  });

  it('returns each model of the pages exactly once, in order', async () => {
    server.use(...handlers());
    const { models } = await catalog().listModels({ provider: 'vertex' });
    expect(models.map((model) => model.id)).toEqual([
      'gemini-2.5-pro',
      'gemini-2.5-flash',
      'gemini-2.5-flash-preview-tts',
      'imagen-4.0-generate-001',
      'imagegeneration',
      'text-embedding-005',
      'textembedding-gecko',
      'multimodalembedding',
      'veo-3.0-generate-001',
      'chirp-2',
      'gemma3',
      'shieldgemma2',
    ]);
  });

  it('stops with invalid_response when a page repeats a cursor', async () => {
    server.use(
      http.get(LIST_URL, () =>
        HttpResponse.json({
          publisherModels: [{ name: 'publishers/google/models/gemini-2.5-pro' }],
          nextPageToken: 'same',
        }),
      ),
    );
    const error = await failure(catalog().listModels({ provider: 'vertex' }));
    expect(error.kind).toBe('invalid_response');
    expect(error.message).toContain('cursor');
  });

  it('reads an empty object as an empty page, as Google leaves empty lists out', async () => {
    server.use(http.get(LIST_URL, () => HttpResponse.json({})));
    const { models } = await catalog().listModels({ provider: 'vertex' });
    expect(models).toEqual([]);
  });

  it('follows a page holding only a nextPageToken, an empty page with more to come', async () => {
    server.use(
      http.get(LIST_URL, ({ request }) =>
        new URL(request.url).searchParams.get('pageToken') === 'after-empty'
          ? HttpResponse.json({
              publisherModels: [{ name: 'publishers/google/models/gemini-2.5-pro' }],
            })
          : HttpResponse.json({ nextPageToken: 'after-empty' }),
      ),
    );
    const requests = recordRequests();
    const { models } = await catalog().listModels({ provider: 'vertex' });
    expect(models.map((model) => model.id)).toEqual(['gemini-2.5-pro']);
    expect(requests.map((request) => new URL(request.url).searchParams.get('pageToken'))).toEqual([
      null,
      'after-empty',
    ]);
  });

  it('still rejects an object of another shape as a page', async () => {
    server.use(http.get(LIST_URL, () => HttpResponse.json({ models: [{ name: 'gemini' }] })));
    const error = await failure(catalog().listModels({ provider: 'vertex' }));
    expect(error.kind).toBe('invalid_response');
  });

  it('maps the id without its resource prefix, the publisher as owner, the launch stage, and nothing else', async () => {
    server.use(...handlers());
    const { models } = await catalog().listModels({ provider: 'vertex' });
    expect(models[0]).toEqual({
      id: 'gemini-2.5-pro',
      name: 'gemini-2.5-pro',
      category: 'chat',
      provider: 'vertex',
      ownedBy: 'google',
      lifecycle: { status: 'active' },
    });
    expect(models.find((model) => model.id === 'chirp-2')).toEqual({
      id: 'chirp-2',
      name: 'chirp-2',
      category: 'stt',
      provider: 'vertex',
      ownedBy: 'google',
      lifecycle: { status: 'active' },
    });
    expect(models.find((model) => model.id === 'gemini-2.5-flash-preview-tts')?.lifecycle).toEqual({
      status: 'preview',
    });
  });

  it('classifies every model of the pages from its id', async () => {
    server.use(...handlers());
    const { models } = await catalog().listModels({ provider: 'vertex' });
    expect(Object.fromEntries(models.map((model) => [model.id, model.category]))).toEqual({
      'gemini-2.5-pro': 'chat',
      'gemini-2.5-flash': 'chat',
      'gemini-2.5-flash-preview-tts': 'tts',
      'imagen-4.0-generate-001': 'image',
      imagegeneration: 'image',
      'text-embedding-005': 'embedding',
      'textembedding-gecko': 'embedding',
      multimodalembedding: 'embedding',
      'veo-3.0-generate-001': 'other',
      'chirp-2': 'stt',
      gemma3: 'chat',
      shieldgemma2: 'other',
    });
  });

  it('skips and counts entries without a name', async () => {
    server.use(
      http.get(LIST_URL, () =>
        HttpResponse.json({
          publisherModels: [
            { name: 'publishers/google/models/gemini-2.0-flash-001' },
            { versionId: '001' },
          ],
        }),
      ),
    );
    const { models, status } = await catalog().listModels({ provider: 'vertex' });
    expect(models.map((model) => model.id)).toEqual(['gemini-2.0-flash-001']);
    expect(status.skipped).toBe(1);
  });

  it('calls getAccessToken at listing time, not before, and prefers it to the environment', async () => {
    server.use(...handlers());
    const requests = recordRequests();
    let calls = 0;
    const adapter = vertex({
      getAccessToken: async () => {
        calls++;
        return 'ya29.fresh-token-from-callback';
      },
    });
    const listing = catalog(
      { GOOGLE_VERTEX_PROJECT: PROJECT, GOOGLE_VERTEX_ACCESS_TOKEN: 'ya29.stale-env-token' },
      adapter,
    );
    expect(calls).toBe(0);
    await listing.listModels({ provider: 'vertex' });
    expect(calls).toBe(1);
    expect(requests[0]!.headers.get('authorization')).toBe('Bearer ya29.fresh-token-from-callback');
  });

  it("lists a call's credentials with their own token, never the catalog's getAccessToken", async () => {
    const elsewhere = 'https://vertex-proxy.example/v1beta1/publishers/google/models';
    server.use(...handlers(), ...handlers(elsewhere));
    const requests = recordRequests();
    let calls = 0;
    const own = catalog(
      { GOOGLE_VERTEX_PROJECT: PROJECT },
      vertex({
        getAccessToken: () => {
          calls++;
          return 'ya29.catalog-own-token-PLANTED';
        },
      }),
    );
    await own.listModels({
      provider: 'vertex',
      credentials: { vertex: { accessToken: 'ya29.user-token', project: 'user-project' } },
    });
    // An endpoint the call chose gets the call's token too, and nothing of the catalog's.
    await own.listModels({
      provider: 'vertex',
      credentials: {
        vertex: { accessToken: 'ya29.other-user', baseURL: 'https://vertex-proxy.example/v1beta1' },
      },
    });
    // Credentials without a token list nothing, rather than the catalog's account.
    const error = await failure(
      own.listModels({ provider: 'vertex', credentials: { vertex: { project: 'user-project' } } }),
    );
    expect(error.kind).toBe('not_configured');
    expect(error.message).toMatch(/its credentials give no `accessToken`/);
    expect(calls).toBe(0);
    expect(
      requests.map((request) => [
        new URL(request.url).host,
        request.headers.get('authorization'),
        request.headers.get('x-goog-user-project'),
      ]),
    ).toEqual([
      ['us-central1-aiplatform.googleapis.com', 'Bearer ya29.user-token', 'user-project'],
      ['us-central1-aiplatform.googleapis.com', 'Bearer ya29.user-token', 'user-project'],
      ['us-central1-aiplatform.googleapis.com', 'Bearer ya29.user-token', 'user-project'],
      ['vertex-proxy.example', 'Bearer ya29.other-user', PROJECT],
      ['vertex-proxy.example', 'Bearer ya29.other-user', PROJECT],
      ['vertex-proxy.example', 'Bearer ya29.other-user', PROJECT],
    ]);
    // The catalog's own listing still calls it.
    await own.listModels({ provider: 'vertex' });
    expect(calls).toBe(1);
  });

  it('keeps a token from getAccessToken out of errors, even when the provider echoes it bare', async () => {
    const token = 'ya29.callback-token-PLANTED-8qz';
    server.use(
      http.get(LIST_URL, () =>
        HttpResponse.json(
          { error: { code: 401, message: `Token ${token} has expired.` } },
          { status: 401 },
        ),
      ),
    );
    const error = await failure(
      catalog(
        { GOOGLE_VERTEX_PROJECT: PROJECT },
        vertex({ getAccessToken: () => token }),
      ).listModels({ provider: 'vertex' }),
    );
    expect(error).toMatchObject({ kind: 'auth', status: 401, provider: 'vertex' });
    expect(error.message).toContain('has expired');
    expect(error.message).not.toContain(token);
    expect(JSON.stringify(error)).not.toContain(token);
  });

  it('reports a failing getAccessToken as an auth error naming it', async () => {
    const error = await failure(
      catalog(
        { GOOGLE_VERTEX_PROJECT: PROJECT },
        vertex({
          getAccessToken: () => {
            throw new Error('Could not load the default credentials.');
          },
        }),
      ).listModels({ provider: 'vertex' }),
    );
    expect(error.kind).toBe('auth');
    expect(error.message).toBe(
      'vertex: `getAccessToken` failed: Could not load the default credentials.',
    );
  });

  it('is not configured without a token, but needs none from the environment with getAccessToken', () => {
    const reason = (adapter = vertex()) =>
      createModelCatalog({
        providers: [adapter],
        env: { GOOGLE_VERTEX_PROJECT: PROJECT },
        cache: false,
      }).listProviders()[0];
    expect(reason()).toMatchObject({
      configured: false,
      reason: expect.stringContaining('GOOGLE_VERTEX_ACCESS_TOKEN'),
    });
    expect(reason(vertex({ getAccessToken: () => TOKEN }))).toMatchObject({ configured: true });
  });

  it('uses the location host, the global host, GOOGLE_VERTEX_BASE_URL and another publisher', async () => {
    const europe =
      'https://europe-west4-aiplatform.googleapis.com/v1beta1/publishers/google/models';
    const global = 'https://aiplatform.googleapis.com/v1beta1/publishers/google/models';
    const proxy = 'http://127.0.0.1:9/vertex/v1beta1/publishers/anthropic/models';
    server.use(
      ...handlers(europe),
      ...handlers(global),
      http.get(proxy, () =>
        HttpResponse.json({
          publisherModels: [{ name: 'publishers/anthropic/models/claude-sonnet-4' }],
        }),
      ),
    );
    const requests = recordRequests();
    await catalog({ ...ENV, GOOGLE_VERTEX_LOCATION: 'europe-west4' }).listModels({
      provider: 'vertex',
    });
    await catalog({ ...ENV, GOOGLE_VERTEX_LOCATION: 'global' }).listModels({ provider: 'vertex' });
    const { models } = await catalog(
      { ...ENV, GOOGLE_VERTEX_BASE_URL: 'http://127.0.0.1:9/vertex/v1beta1/' },
      vertex({ publisher: 'anthropic' }),
    ).listModels({ provider: 'vertex' });
    const paths = requests.map((request) => request.url.split('?')[0]);
    expect(paths).toEqual([europe, europe, europe, global, global, global, proxy]);
    expect(models).toEqual([
      {
        id: 'claude-sonnet-4',
        name: 'claude-sonnet-4',
        category: 'chat',
        provider: 'vertex',
        ownedBy: 'anthropic',
      },
    ]);
  });

  it('lets extra headers replace the quota project header', async () => {
    server.use(...handlers());
    const requests = recordRequests();
    await catalog(
      ENV,
      vertex({ headers: { 'x-goog-user-project': 'billing-project' } }),
    ).listModels({
      provider: 'vertex',
    });
    expect(requests[0]!.headers.get('x-goog-user-project')).toBe('billing-project');
  });

  it('joins the default provider set only when GOOGLE_VERTEX_ACCESS_TOKEN and the project are set', () => {
    const configured = (env: Record<string, string>) =>
      createModelCatalog({ env, cache: false })
        .listProviders()
        .find((provider) => provider.id === 'vertex')?.configured;
    expect(configured({ GOOGLE_VERTEX_PROJECT: PROJECT })).toBe(false);
    expect(configured({ GOOGLE_VERTEX_ACCESS_TOKEN: TOKEN })).toBe(false);
    expect(configured(ENV)).toBe(true);
  });
});

/** The error a listing rejects with; fails the test when it resolves. */
function failure(listing: Promise<unknown>): Promise<ModelCatalogError> {
  return listing.then(
    () => {
      throw new Error('expected the listing to fail');
    },
    (error: unknown) => error as ModelCatalogError,
  );
}
