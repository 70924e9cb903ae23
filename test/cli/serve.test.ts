import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BROWSE_PAGE_SECURITY_POLICY } from '../../src/cli/browse-page.js';
import { isLoopbackAddress, isThisMachine } from '../../src/cli/serve-command.js';
import { createFileCache, createModelCatalog, createModelsHandler } from '../../src/index.js';
import {
  expectNoKeys,
  type RunningServer,
  runCli,
  startServe,
  useHome,
  userEnv,
} from './helpers/run-cli.js';
import { OPENAI_MODELS, type StandIns, startStandIns } from './helpers/stand-ins.js';

let standIns: StandIns;
beforeAll(async () => {
  standIns = await startStandIns();
});
afterAll(() => standIns.close());
const home = useHome();
let server: RunningServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

const env = () => userEnv(home(), standIns.env());

async function json(response: Response): Promise<Record<string, unknown>> {
  expect(response.headers.get('content-type')).toContain('application/json');
  return (await response.json()) as Record<string, unknown>;
}

describe('model-catalog serve', () => {
  it('binds to 127.0.0.1 by default, says so, and prints the URL on stdout', async () => {
    server = await startServe(['--port', '0'], env());
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const { stderr } = server.output();
    expect(stderr).toContain('Serving 20 models from 3 providers: open http://127.0.0.1:');
    expect(stderr).toContain('Bound to 127.0.0.1: only this machine can reach it');
    expect(stderr).toContain('error groq (auth)');
    expect(stderr).toMatch(/^openai +4 models +live +\d+ ms$/m);
  });

  it('serves the browse page at / as one self-contained document', async () => {
    server = await startServe(['--port', '0'], env());
    const response = await fetch(server.url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(BROWSE_PAGE_SECURITY_POLICY);
    const html = await response.text();
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain("fetch('/api/models'");
    // Nothing loads from elsewhere: no external script, style, font or image.
    expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)=/i);
    expect(html).not.toMatch(/https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
    expect((await fetch(server.url, { method: 'HEAD' })).status).toBe(200);
    expect((await fetch(server.url, { method: 'POST' })).status).toBe(405);
  });

  it('answers GET /v1/models in OpenAI format, the same body as createModelsHandler', async () => {
    server = await startServe(['--port', '0'], env());
    const body = await json(await fetch(`${server.url}v1/models`));
    const catalog = createModelCatalog({
      env: env(),
      cache: createFileCache({ dir: join(home(), '.cache', 'model-catalog') }),
    });
    const expected = await createModelsHandler(catalog, { format: 'openai' })(
      new Request('http://localhost/v1/models'),
    );
    expect(body).toEqual(await expected.json());
    expect(body.object).toBe('list');
    expect((body.data as { id: string }[]).map((model) => model.id)).toContain('openai/gpt-4o');
  });

  it('answers /v1/models in the format the request headers or format= ask for', async () => {
    server = await startServe(['--port', '0'], env());
    const anthropic = await json(
      await fetch(`${server.url}v1/models`, {
        headers: { 'x-api-key': 'local', 'anthropic-version': '2023-06-01' },
      }),
    );
    expect(anthropic).toMatchObject({
      has_more: false,
      first_id: 'ollama/nomic-embed-text:latest',
      last_id: 'openrouter/x-ai/grok-4',
    });
    expect((anthropic.data as unknown[]).length).toBe(20);
    const gemini = await json(
      await fetch(`${server.url}v1/models`, { headers: { 'x-goog-api-key': 'local' } }),
    );
    expect((gemini.models as { name: string }[])[0]?.name).toBe(
      'models/ollama/nomic-embed-text:latest',
    );
    const router = await json(await fetch(`${server.url}v1/models?format=openrouter`));
    const gpt4o = (router.data as { id: string; pricing?: unknown }[]).find(
      (model) => model.id === 'openrouter/openai/gpt-4o',
    );
    expect(gpt4o?.pricing).toMatchObject({ prompt: '0.0000025', completion: '0.00001' });
  });

  it('answers GET /api/models in the native format, with filters and errors', async () => {
    server = await startServe(['--port', '0'], env());
    const all = await json(await fetch(`${server.url}api/models`));
    expect(Object.keys(all.providers as object).sort()).toEqual(['ollama', 'openai', 'openrouter']);
    expect(Object.keys(all.errors as object)).toEqual(['groq']);
    const embeddings = await json(await fetch(`${server.url}api/models?category=embedding`));
    expect(
      Object.values(embeddings.providers as Record<string, { id: string }[]>)
        .flat()
        .map((model) => model.id)
        .sort(),
    ).toEqual(['nomic-embed-text:latest', 'text-embedding-3-large']);
    const one = await json(await fetch(`${server.url}api/models?provider=ollama`));
    expect(one.provider).toBe('ollama');
    const missing = await fetch(`${server.url}nothing-here`);
    expect(missing.status).toBe(404);
    // Not a path below a list path, though it starts like one.
    expect((await fetch(`${server.url}api/modelsx`)).status).toBe(404);
  });

  it("answers one model below each list path, in that path's format", async () => {
    server = await startServe(['--port', '0', '--quiet'], env());
    const native = await json(
      await fetch(`${server.url}api/models/ollama%2Fnomic-embed-text:latest`),
    );
    expect(native).toMatchObject({ id: 'nomic-embed-text:latest', provider: 'ollama' });
    const openai = await json(await fetch(`${server.url}v1/models/openai/text-embedding-3-large`));
    expect(openai).toEqual({
      id: 'openai/text-embedding-3-large',
      object: 'model',
      created: expect.any(Number),
      owned_by: expect.any(String),
    });
    expect((await fetch(`${server.url}v1/models/nope?provider=openai`)).status).toBe(404);
    // Groq failed with nothing to serve: it may list the id (Groq lists `openai/...` ids itself).
    const unsure = await fetch(`${server.url}v1/models/openai/nope`);
    expect(unsure.status).toBe(502);
    expect(await unsure.json()).toMatchObject({ error: { kind: 'incomplete' } });
  });

  it('refreshes on ?refresh=true, fetching the providers again', async () => {
    server = await startServe(['--port', '0'], env());
    const before = standIns.requests.filter((path) => path.startsWith('/openai')).length;
    const response = await fetch(`${server.url}api/models?refresh=true`);
    expect(response.headers.get('model-catalog-refresh')).toBe('refreshed');
    expect(standIns.requests.filter((path) => path.startsWith('/openai')).length).toBe(before + 1);
  });

  it('warns when bound beyond this machine, and stops with exit code 0 on SIGTERM', async () => {
    server = await startServe(['--port', '0', '--host', '0.0.0.0', '--quiet'], env());
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const { stderr } = server.output();
    expect(stderr).toContain('Bound to 0.0.0.0: anyone who can reach this machine on port');
    expect(stderr).not.toMatch(/ ms$/m);
    expect((await fetch(`${server.url}api/models`)).status).toBe(200);
    const exit = await server.stop();
    server = undefined;
    expect(exit).toEqual({ code: 0, signal: null });
  });

  it('stops at once on SIGTERM while a provider is still answering a refresh', async () => {
    server = await startServe(['--port', '0', '--quiet'], env());
    const before = standIns.requests.length;
    // The provider now takes 20 s, less than the 30 s budget a listing waits for it.
    standIns.routes.set('/openai/v1/models', { status: 200, body: OPENAI_MODELS, delayMs: 20_000 });
    try {
      const refresh = fetch(`${server.url}api/models?refresh=true`).catch(() => undefined);
      await expect
        .poll(() => standIns.requests.slice(before).includes('/openai/v1/models'))
        .toBe(true);
      const stopped = performance.now();
      const exit = await server.stop();
      server = undefined;
      expect(exit).toEqual({ code: 0, signal: null });
      // Not after the provider's answer: the request it waits for is 20 s away.
      expect(performance.now() - stopped).toBeLessThan(10_000);
      await refresh;
    } finally {
      standIns.routes.set('/openai/v1/models', { status: 200, body: OPENAI_MODELS });
    }
  });

  it('says when the port is taken and exits with 1', async () => {
    server = await startServe(['--port', '0', '--quiet'], env());
    const port = new URL(server.url).port;
    const before = standIns.requests.length;
    const second = await runCli(['serve', '--port', port, '--quiet'], env());
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(`cannot listen on 127.0.0.1:${port}: the port is in use`);
    // Said before listing: no provider was asked for its models.
    expect(standIns.requests.slice(before)).toEqual([]);
  });

  it('never sends a key in any answer', async () => {
    server = await startServe(['--port', '0'], env());
    for (const path of [
      '',
      'v1/models',
      'api/models',
      'api/models?provider=groq',
      'v1/models?format=openrouter',
    ]) {
      expectNoKeys(await (await fetch(`${server.url}${path}`)).text());
    }
    expectNoKeys(server.output().stderr + server.output().stdout);
  });
});

describe('which addresses and Host headers serve takes for this machine', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.0.0.2', true],
    ['127.255.255.254', true],
    ['::1', true],
    ['0:0:0:0:0:0:0:1', true],
    ['::ffff:127.0.0.1', true],
    ['0.0.0.0', false],
    ['::', false],
    ['128.0.0.1', false],
    ['192.168.1.10', false],
    ['localhost', false],
  ])('%s is a loopback address: %s', (address, loopback) => {
    expect(isLoopbackAddress(address)).toBe(loopback);
  });

  it.each([
    ['localhost:4747', true],
    ['app.localhost', true],
    ['127.0.0.2:4747', true],
    ['[::1]:4747', true],
    ['[0:0:0:0:0:0:0:1]', true],
    ['[::ffff:127.0.0.1]:4747', true],
    ['workstation:4747', true],
    ['attacker.example:4747', false],
    ['10.0.0.5:4747', false],
  ])('Host %s is this machine when started with --host workstation: %s', (header, mine) => {
    expect(isThisMachine(header, 'workstation')).toBe(mine);
  });
});
