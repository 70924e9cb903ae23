import { inspect } from 'node:util';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  createModelCatalog,
  createModelsHandler,
  googleGenAI,
  type ModelCatalogError,
  openai,
  openaiCompatible,
  type ProviderAdapter,
  vertex,
} from '../src/index.js';
import { server } from './helpers/msw.js';

/** Every text an error exposes: message, String, stack, JSON, inspect and its cause chain. */
function textsOfError(error: unknown, depth = 0): string[] {
  if (depth > 5 || error === undefined || error === null) return [];
  if (!(error instanceof Error)) return [String(error)];
  return [
    error.message,
    String(error),
    error.stack ?? '',
    JSON.stringify(error),
    inspect(error, { depth: 10 }),
    ...textsOfError(error.cause, depth + 1),
  ];
}

function expectNoSecret(texts: readonly string[], secret: string): void {
  for (const text of texts) {
    if (text.includes(secret))
      throw new Error(`secret ${secret} leaked into: ${text.slice(0, 500)}`);
  }
}

/** An answer echoing back every header value of the request. */
function echoHeaders(request: Request, status = 401): Response {
  const values = [...request.headers.entries()].map(([name, value]) => `${name}: ${value}`);
  return HttpResponse.json({ error: { message: `rejected ${values.join(' ')}` } }, { status });
}

/** What an OpenAI listing rejects with when the list URL answers 302 to `location`. */
function errorOfRedirectTo(location: string): Promise<unknown> {
  server.use(
    http.get(
      'https://api.openai.com/v1/models',
      () => new HttpResponse(null, { status: 302, headers: { location } }),
    ),
  );
  return createModelCatalog({
    providers: [openai({ apiKey: 'sk-PLANTED-4242424242' })],
    cache: false,
    retries: 0,
  })
    .listModels({ provider: 'openai' })
    .catch((caught: unknown) => caught);
}

describe('secrets echoed back in unusual forms are scrubbed', () => {
  it('a per-request header value with whitespace around it is scrubbed when echoed', async () => {
    const SECRET = 'hdr-PLANTED-secret-7781';
    server.use(http.get('https://srv.test/v1/models', ({ request }) => echoHeaders(request)));
    const catalog = createModelCatalog({
      providers: [openaiCompatible({ id: 'srv', baseURL: 'https://srv.test/v1' })],
      cache: false,
      retries: 0,
    });
    const error = await catalog
      .listModels({
        provider: 'srv',
        credentials: { srv: { headers: { 'x-api-key': `  ${SECRET}\t` } } },
      })
      .catch((caught: unknown) => caught);
    expect((error as ModelCatalogError).kind).toBe('auth');
    expectNoSecret(textsOfError(error), SECRET);
  });

  it('a configured header value with whitespace around it is scrubbed when echoed', async () => {
    const SECRET = 'cfg-PLANTED-secret-7781';
    server.use(http.get('https://srv.test/v1/models', ({ request }) => echoHeaders(request)));
    const catalog = createModelCatalog({
      providers: [
        openaiCompatible({
          id: 'srv',
          baseURL: 'https://srv.test/v1',
          headers: { 'x-api-key': ` ${SECRET}\n` },
        }),
      ],
      cache: false,
      retries: 0,
    });
    const error = await catalog.listModels({ provider: 'srv' }).catch((caught: unknown) => caught);
    expect((error as ModelCatalogError).kind).toBe('auth');
    expectNoSecret(textsOfError(error), SECRET);
  });

  it('a redirect with a Location that is no URL fails as http, not a retryable network error', async () => {
    const error = await errorOfRedirectTo('http://[::1');
    expect(error).toMatchObject({ kind: 'http', status: 302, retryable: false });
  });

  it('a foreign cause whose own properties hold a credential is dropped (vertex getAccessToken)', async () => {
    const error = await createModelCatalog({
      providers: [
        vertex({
          project: 'acme',
          getAccessToken: () => {
            // As google-auth-library's GaxiosError: the request it sent, headers and all.
            throw Object.assign(new Error('invalid_grant'), {
              config: { headers: { Authorization: 'Bearer ya29.PLANTED-refresh-9931' } },
            });
          },
        }),
      ],
      cache: false,
    })
      .listModels({ provider: 'vertex' })
      .catch((caught: unknown) => caught);
    expect((error as ModelCatalogError).kind).toBe('auth');
    expectNoSecret(textsOfError(error), 'PLANTED-refresh-9931');
  });

  it("a hand-written adapter's error whose own property holds the key keeps no such cause", async () => {
    const SECRET = 'custom-PLANTED-secret-4242';
    const adapter: ProviderAdapter = {
      id: 'custom',
      settings: { apiKey: { value: SECRET, secret: true, required: true, option: 'apiKey' } },
      async listModels({ settings }) {
        throw Object.assign(new Error('listing failed'), { apiKey: settings.apiKey });
      },
    };
    const error = await createModelCatalog({ providers: [adapter], cache: false })
      .listModels({ provider: 'custom' })
      .catch((caught: unknown) => caught);
    expect((error as ModelCatalogError).kind).toBe('adapter');
    expectNoSecret(textsOfError(error), SECRET);
  });

  it('a very short key echoed back by the provider is scrubbed', async () => {
    server.use(
      http.get('https://srv.test/v1/models', ({ request }) => {
        const key = request.headers.get('authorization')?.replace(/^Bearer /, '');
        return HttpResponse.json({ error: { message: `Invalid key ${key}.` } }, { status: 401 });
      }),
    );
    const error = await createModelCatalog({
      providers: [openaiCompatible({ id: 'srv', baseURL: 'https://srv.test/v1', apiKey: 'k9x2' })],
      cache: false,
      retries: 0,
    })
      .listModels({ provider: 'srv' })
      .catch((caught: unknown) => caught);
    expect((error as ModelCatalogError).kind).toBe('auth');
    expect((error as Error).message).not.toMatch(/\bk9x2\b/);
  });

  it('a key the provider echoes JSON-escaped is not cut in half by the message cap', async () => {
    const SECRET = 'AbCdEfGh/IjKlMnOp/QrStUvWx/Yz012345';
    server.use(
      http.get('https://srv.test/v1/models', () => {
        // As PHP's json_encode does: every `/` escaped.
        const echoed = SECRET.replace(/\//g, '\\/');
        return new HttpResponse(
          `{"error":{"message":"${'x'.repeat(190)} ${echoed} is not a valid key"}}`,
          { status: 401, headers: { 'content-type': 'application/json' } },
        );
      }),
    );
    const error = await createModelCatalog({
      providers: [openaiCompatible({ id: 'srv', baseURL: 'https://srv.test/v1', apiKey: SECRET })],
      cache: false,
      retries: 0,
    })
      .listModels({ provider: 'srv' })
      .catch((caught: unknown) => caught);
    expect((error as ModelCatalogError).kind).toBe('auth');
    expectNoSecret(textsOfError(error), SECRET.slice(0, 8));
  });

  it('a cache read error that quotes a credential reaches no event in clear', async () => {
    const events: unknown[] = [];
    server.use(
      http.get('https://srv.test/v1/models', () => HttpResponse.json({ data: [{ id: 'm' }] })),
    );
    await createModelCatalog({
      providers: [openaiCompatible({ id: 'srv', baseURL: 'https://srv.test/v1' })],
      cache: {
        get: () => Promise.reject(new Error('cannot reach redis://:PLANTEDpass77@10.0.0.1:6379')),
        set: async () => {},
      },
      onEvent: (event) => events.push(event),
    }).listModels({ provider: 'srv' });
    expect(JSON.stringify(events)).toContain('cache:read-error');
    expectNoSecret([JSON.stringify(events)], 'PLANTEDpass77');
  });

  it('a same-origin redirect to a URL with credentials fails as http, not a retryable network error', async () => {
    const error = await errorOfRedirectTo('https://user:PLANTEDpw55@api.openai.com/v1/other');
    expectNoSecret(textsOfError(error), 'PLANTEDpw55');
    expect(error).toMatchObject({ kind: 'http', status: 302, retryable: false });
  });

  it('a base URL without its scheme keeps its user:password@ out of every message', async () => {
    const events: unknown[] = [];
    const catalog = createModelCatalog({
      providers: [
        openai({ apiKey: 'sk-test-000000', baseURL: 'proxyuser:PLANTEDpw99@proxy.corp/v1' }),
      ],
      cache: false,
      onEvent: (event) => events.push(event),
    });
    const error = await catalog
      .listModels({ provider: 'openai' })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: 'not_configured' });
    expect((error as Error).message).toBe(
      'openai: [redacted]@proxy.corp/v1/models is not an absolute http(s) URL: add https:// (or http:// for a server on this machine or network) to its base URL option or environment variable.',
    );
    const answer = await createModelsHandler(catalog)(
      new Request('http://x/v1/models?provider=openai'),
    );
    expectNoSecret(
      [...textsOfError(error), JSON.stringify(events), await answer.text()],
      'PLANTEDpw99',
    );
  });

  describe('a key a redirect echoes in its path', () => {
    const KEY = 'sk-PLANTEDcut-4242424242';
    /** The error of a listing whose URL redirects (same origin) to `path`, which answers HTML. */
    const errorAfterRedirectTo = (path: string, apiKey = KEY): Promise<unknown> => {
      server.use(
        http.get(
          'https://api.openai.com/v1/models',
          () => new HttpResponse(null, { status: 302, headers: { location: path } }),
        ),
        http.get('https://api.openai.com/session/*', () =>
          HttpResponse.html('<html><body>gone</body></html>', { status: 502 }),
        ),
      );
      return createModelCatalog({ providers: [openai({ apiKey })], cache: false, retries: 0 })
        .listModels({ provider: 'openai' })
        .catch((caught: unknown) => caught);
    };

    it('is scrubbed before the message cuts the URL short', async () => {
      const error = await errorAfterRedirectTo(`/session/${'x'.repeat(250)}/${KEY}/models`);
      expect((error as Error).message).toMatch(/\/\[redacted\]\/models answered 502/);
      expectNoSecret(textsOfError(error), KEY.slice(0, 12));
    });

    it('is scrubbed in the form the URL parser escapes it to', async () => {
      const key = 'sk-ab|cd^ef ghPLANTED';
      const error = await errorAfterRedirectTo(`/session/${key}/models`, key);
      expect((error as Error).message).toContain('/session/[redacted]/models');
      expectNoSecret(textsOfError(error), 'ghPLANTED');
    });

    it('is scrubbed beside a malformed escape, and decoded line breaks cannot forge a log line', async () => {
      const key = 'sk-ab|cd^ef ghPLANTED';
      // Escaped as the URL parser escapes it: neither the key as sent nor its encodeURIComponent.
      const beside = await errorAfterRedirectTo(
        `/session/${key.replace(' ', '%20')}/%zz/models`,
        key,
      );
      expect((beside as Error).message).toContain('/session/[redacted]/%zz/models');
      expectNoSecret(textsOfError(beside), 'ghPLANTED');
      const forged = await errorAfterRedirectTo('/session/x%0D%0AFORGED%20line/models');
      expect((forged as Error).message).toContain('/session/x%0D%0AFORGED line/models');
      expect((forged as Error).message).not.toMatch(/[\r\n]/);
    });

    it('is scrubbed however short', async () => {
      const error = await errorAfterRedirectTo('/session/k9x/models', 'k9x');
      expect((error as Error).message).toContain('/session/[redacted]/models');
    });
  });

  it('a key given as ?key= in a base URL is scrubbed when the provider echoes it bare', async () => {
    const SECRET = 'AIzaSyPLANTED-query-key-5521';
    server.use(
      http.get('https://gl.test/v1beta/models', ({ request }) => {
        const key = new URL(request.url).searchParams.get('key');
        return HttpResponse.json(
          { error: { message: `API key ${key} not valid.` } },
          { status: 400 },
        );
      }),
      http.get('https://gl.test/v1beta/tunedModels', () => HttpResponse.json({})),
    );
    const error = await createModelCatalog({
      providers: [
        googleGenAI({
          apiKey: 'unused-header-key',
          baseURL: `https://gl.test/v1beta?key=${SECRET}`,
        }),
      ],
      cache: false,
      retries: 0,
    })
      .listModels({ provider: 'google-genai' })
      .catch((caught: unknown) => caught);
    expect((error as ModelCatalogError).kind).toBe('http');
    expectNoSecret(textsOfError(error), SECRET);
  });

  it('a misspelled credential setting is the caller’s TypeError in an all-provider call too, not an adapter fault', async () => {
    const call = createModelCatalog({
      providers: [openai({ apiKey: 'sk-PLANTED-4242424242' })],
      cache: false,
    }).listModels({ credentials: { openai: { apiKye: 'sk-PLANTED-misspelled' } } as never });
    await expect(call).rejects.toThrow(TypeError);
    await expect(call).rejects.toThrow(/`credentials.openai.apiKye` is not a setting of openai/);
  });
});
