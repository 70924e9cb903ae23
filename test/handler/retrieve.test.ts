import { describe, expect, it } from 'vitest';
import { createModelsHandler, MODEL_LIST_FORMATS } from '../../src/index.js';
import { modelIdOf } from '../../src/server/model-path.js';
import { catalogOf, rateLimited, standIn } from './stand-in-catalog.js';

const acme = standIn('acme', ['alpha', 'shared'], { created: 1735689600, ownedBy: 'Acme' });
const zeta = standIn('zeta', ['one', 'shared', 'accounts/zeta/models/big']);
zeta.models.push({
  id: 'old',
  name: 'Old',
  category: 'chat',
  provider: 'zeta',
  lifecycle: { status: 'retired' },
});

function handlerOf(options: Parameters<typeof createModelsHandler>[1] = {}) {
  const handler = createModelsHandler(catalogOf([acme, zeta]), options);
  return (path: string, init?: RequestInit) =>
    handler(new Request(`http://models.test${path}`, init));
}

describe('the model id in a path', () => {
  it.each([
    ['/v1/models', undefined],
    ['/v1/models/', undefined],
    ['/api/catalog', undefined],
    ['/', undefined],
    ['/v1/models/gpt-4o', 'gpt-4o'],
    ['/v1/models/gpt-4o/', 'gpt-4o'],
    ['/v1beta/models/gemini-2.5-pro', 'gemini-2.5-pro'],
    ['/v1/models/openai%2Fgpt-4o', 'openai/gpt-4o'],
    ['/v1/models/openai/gpt-4o', 'openai/gpt-4o'],
    ['/v1/models/ft%3Agpt-4o%3Aacme', 'ft:gpt-4o:acme'],
    // Only the first `models` segment is the mount's: the id may hold one of its own.
    ['/v1/models/accounts/fireworks/models/llama', 'accounts/fireworks/models/llama'],
    // A Gemini tuned model, by its own resource; the tuned models' list is a list.
    ['/v1beta/tunedModels/my-tune', 'tunedModels/my-tune'],
    ['/v1beta/tunedModels', undefined],
    ['/v1beta/tunedModels/', undefined],
  ])('reads %s as %s', (path, id) => {
    expect(modelIdOf(path)).toBe(id);
  });

  it.each([
    ['/api/models/v1/models/gpt-4o', '/api/models/v1/models', 'gpt-4o'],
    ['/api/models/v1/models', '/api/models/v1/models', undefined],
    ['/api/models/v1/models/', '/api/models/v1/models/', undefined],
    ['/api/models/openai', '/api/models/openai', undefined],
    ['/elsewhere/gpt-4o', '/v1/models', undefined],
    ['/v1/models/openai%2Fgpt-4o', '/v1/models', 'openai/gpt-4o'],
    ['/v1/models/gpt-4o', false, undefined],
  ] as const)('reads %s under basePath %s as %s', (path, basePath, id) => {
    expect(modelIdOf(path, basePath)).toBe(id);
  });

  it('refuses a malformed escape as a bad parameter', () => {
    expect(() => modelIdOf('/v1/models/%E0%A4%A')).toThrow(
      'The model id in the path is not valid percent-encoding.',
    );
  });
});

describe('GET .../models/<id>: one model, as each format renders an entry of its list', () => {
  it('answers the OpenAI entry by the id the list renders, `<provider>/<id>` over every provider', async () => {
    const get = handlerOf({ format: 'openai' });
    const list = (await (await get('/v1/models')).json()) as { data: { id: string }[] };
    const listed = list.data.find((entry) => entry.id === 'acme/alpha');
    const response = await get('/v1/models/acme%2Falpha');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const body = await response.json();
    expect(body).toEqual({
      id: 'acme/alpha',
      object: 'model',
      created: 1735689600,
      owned_by: 'Acme',
    });
    expect(body).toEqual(listed);
    // The same with the slash as it is.
    expect(await (await get('/v1/models/acme/alpha')).json()).toEqual(body);
  });

  it('finds a provider’s own id too, the first in catalog order when several list it', async () => {
    const get = handlerOf({ format: 'openai' });
    expect(await (await get('/v1/models/alpha')).json()).toMatchObject({ id: 'acme/alpha' });
    expect(await (await get('/v1/models/shared')).json()).toMatchObject({ id: 'acme/shared' });
    expect(await (await get('/v1/models/zeta%2Fshared')).json()).toMatchObject({
      id: 'zeta/shared',
    });
  });

  it('answers the plain id under ?provider= and with qualifyIds off, as those lists write it', async () => {
    const one = handlerOf({ format: 'openai' });
    expect(await (await one('/v1/models/shared?provider=zeta')).json()).toMatchObject({
      id: 'shared',
      owned_by: 'zeta',
    });
    const plain = handlerOf({ format: 'openai', qualifyIds: false });
    expect(await (await plain('/v1/models/one')).json()).toMatchObject({ id: 'one' });
    // An id holding `models` of its own.
    expect(await (await plain('/v1/models/accounts/zeta/models/big')).json()).toMatchObject({
      id: 'accounts/zeta/models/big',
    });
  });

  it.each(MODEL_LIST_FORMATS)('renders the %s entry the list holds', async (format) => {
    const get = handlerOf({ format });
    const response = await get(`/v1/models/zeta%2Fone?format=${format}`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    const expected = {
      native: { id: 'one', name: 'one', category: 'chat', provider: 'zeta' },
      openai: { id: 'zeta/one', object: 'model', created: 0, owned_by: 'zeta' },
      anthropic: { type: 'model', id: 'zeta/one', display_name: 'one' },
      gemini: { name: 'models/zeta/one', baseModelId: 'zeta/one', displayName: 'one' },
      openrouter: { id: 'zeta/one', canonical_slug: 'one', name: 'one' },
      grouped: { id: 'one', name: 'one', category: 'chat', provider: 'zeta' },
    }[format];
    expect(body).toMatchObject(expected);
  });

  it('answers a Gemini tuned model at its own resource, and by the name the list gives it', async () => {
    const tuned = standIn('google-genai', ['gemini-2.5-pro', 'tunedModels/my-tune']);
    const handler = createModelsHandler(catalogOf([acme, tuned]), { format: 'gemini' });
    const get = async (path: string) =>
      (await handler(new Request(`http://models.test${path}`))).json();
    const list = (await get('/v1beta/models')) as { models: { name: string }[] };
    const name = list.models.find((entry) => entry.name.endsWith('my-tune'))?.name;
    expect(name).toBe('models/google-genai/tunedModels/my-tune');
    expect(await get(`/v1beta/${name}`)).toMatchObject({ name });
    expect(await get('/v1beta/tunedModels/my-tune')).toMatchObject({ name });
    expect(await get('/v1beta/tunedModels/my-tune?provider=google-genai')).toMatchObject({
      name: 'tunedModels/my-tune',
    });
  });

  it('lists at a route with a `models` segment when basePath says where the list is', async () => {
    const perFormat = handlerOf({ format: 'openai', basePath: '/api/models/openai' });
    const list = (await (await perFormat('/api/models/openai')).json()) as { object: string };
    expect(list.object).toBe('list');
    expect(await (await perFormat('/api/models/openai/acme%2Falpha')).json()).toMatchObject({
      id: 'acme/alpha',
    });
    const never = handlerOf({ format: 'openai', basePath: false });
    expect(
      ((await (await never('/v1/models/acme%2Falpha')).json()) as { object: string }).object,
    ).toBe('list');
    expect(() => createModelsHandler(catalogOf([acme]), { basePath: 'v1/models' })).toThrow(
      new TypeError(
        '`basePath` must be a path from the root, such as \'/v1/models\', or false, got "v1/models".',
      ),
    );
  });

  it('answers 502, not 404, when a provider that may list the model failed with nothing to serve', async () => {
    const down = standIn('down', ['gpt-4o']);
    down.failure = rateLimited('down');
    const handler = createModelsHandler(catalogOf([acme, down]), { format: 'openai' });
    const response = await handler(new Request('http://models.test/v1/models/down%2Fgpt-4o'));
    expect(response.status).toBe(502);
    expect(await response.json()).toMatchObject({
      error: {
        kind: 'incomplete',
        message:
          'No model "down/gpt-4o" is listed by the providers that answered; down failed and may list it.',
        errors: {
          down: {
            kind: 'rate_limit',
            message: 'down: the provider failed (rate_limit, status 429).',
          },
        },
      },
    });
    // A model of a provider that answered is answered as ever.
    expect((await handler(new Request('http://models.test/v1/models/acme%2Falpha'))).status).toBe(
      200,
    );
  });

  it('answers a retired model, which lists leave out unless asked', async () => {
    const get = handlerOf({ format: 'anthropic' });
    const response = await get('/v1/models/zeta%2Fold');
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ id: 'zeta/old', lifecycle: 'retired' });
  });

  it('answers 404 in the error shape every SDK reads, for an id no provider lists', async () => {
    const get = handlerOf({ format: 'openai' });
    const response = await get('/v1/models/nope%2Fmodel');
    expect(response.status).toBe(404);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({
      type: 'error',
      error: {
        code: 404,
        kind: 'model_not_found',
        message: 'No model "nope/model" is listed.',
        type: 'not_found_error',
        status: 'NOT_FOUND',
        param: 'model',
      },
    });
    const one = await get('/v1/models/alpha?provider=zeta');
    expect(one.status).toBe(404);
    expect(((await one.json()) as { error: { message: string } }).error.message).toBe(
      'No model "alpha" is listed by zeta.',
    );
  });

  it('answers 400 for a malformed escape, and keeps ETag, 304 and HEAD', async () => {
    const get = handlerOf({ format: 'openai' });
    const bad = await get('/v1/models/%E0%A4%A');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { param: 'model' } });
    const first = await get('/v1/models/acme%2Falpha');
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^W\/"/);
    expect(first.headers.get('last-modified')).not.toBeNull();
    const again = await get('/v1/models/acme%2Falpha', { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    const head = await get('/v1/models/acme%2Falpha', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('etag')).toBe(etag);
    expect(await head.text()).toBe('');
    // Another model has another tag.
    const other = await get('/v1/models/acme%2Fshared', { headers: { 'if-none-match': etag } });
    expect(other.status).toBe(200);
  });

  it('still lists at the list paths, with or without a trailing slash', async () => {
    const get = handlerOf({ format: 'openai' });
    for (const path of ['/v1/models', '/v1/models/', '/anything']) {
      const body = (await (await get(path)).json()) as { object: string; data: unknown[] };
      expect(body.object).toBe('list');
      expect(body.data).toHaveLength(5); // the retired one left out
    }
  });
});
