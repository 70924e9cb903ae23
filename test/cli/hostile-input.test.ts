import { request } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, runCli, startServe, useHome, userEnv } from './helpers/run-cli.js';
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
  standIns.routes.set('/openai/v1/models', { status: 200, body: OPENAI_MODELS });
  standIns.routes.set('/groq/openai/v1/models', {
    status: 401,
    body: { error: { message: 'Invalid API Key', type: 'invalid_request_error' } },
  });
});

const env = (extra: Record<string, string> = {}) =>
  userEnv(home(), { ...standIns.env(), ...extra });

/**
 * Any C0 or C1 control character but the newline, and direction marks, overrides, isolates and
 * line and paragraph separators: what can drive a terminal or reorder what it shows.
 */
const CONTROL =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the point of the test
  /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/** One raw HTTP GET, with the Host header given (fetch does not let a caller set it). */
function get(url: string, host: string, method = 'GET'): Promise<{ status: number; body: string }> {
  const { hostname, port, pathname } = new URL(url);
  return new Promise((resolve, reject) => {
    const outgoing = request(
      { hostname, port, path: pathname, method, headers: { host } },
      (incoming) => {
        let body = '';
        incoming.on('data', (chunk: Buffer) => {
          body += chunk.toString();
        });
        incoming.on('end', () => resolve({ status: incoming.statusCode ?? 0, body }));
      },
    );
    outgoing.once('error', reject);
    outgoing.end();
  });
}

describe('the CLI given hostile or repeated input', () => {
  it('never passes terminal control sequences from a provider to the terminal', async () => {
    // C0 and C1 (`\u009b` is CSI) controls, and a right-to-left override (`gpt-evil\u202egnp.exe`
    // reads `gpt-evilexe.png`).
    const hostile = '\u001b]0;owned\u0007\u001b[2Jgpt-evil\u009b8m\u202egnp.exe\u2028';
    standIns.routes.set('/openai/v1/models', {
      status: 200,
      body: {
        object: 'list',
        data: [...OPENAI_MODELS.data, { id: hostile, object: 'model', created: 1, owned_by: 'x' }],
      },
    });
    standIns.routes.set('/groq/openai/v1/models', {
      status: 401,
      body: { error: { message: 'Invalid \u001b[2J\u001b]52;c;cm0gLXJmIH4=\u0007 key' } },
    });
    const run = await runCli(['--quiet'], env());
    expect(run.stdout).toContain('gpt-evil');
    expect(run.stdout).not.toMatch(CONTROL);
    expect(run.stderr).toContain('error groq (auth)');
    expect(run.stderr).not.toMatch(CONTROL);
    // --json keeps the id exactly, escaped by JSON (what JSON leaves raw as \uXXXX too).
    const json = await runCli(['--json', '--provider', 'openai', '--quiet'], env());
    expect(json.stdout).not.toMatch(CONTROL);
    expect(json.stdout).toContain('gpt-evil\\u009b8m\\u202egnp.exe\\u2028');
    const ids = (JSON.parse(json.stdout) as { models: { id: string }[] }).models.map((m) => m.id);
    expect(ids).toContain(hostile);
    // diff prints added ids the same way.
    standIns.routes.set('/openai/v1/models', { status: 200, body: OPENAI_MODELS });
    await runCli(['--refresh', '--quiet'], env());
    standIns.routes.set('/openai/v1/models', {
      status: 200,
      body: {
        object: 'list',
        data: [...OPENAI_MODELS.data, { id: hostile, object: 'model', created: 1, owned_by: 'x' }],
      },
    });
    const diff = await runCli(['diff', '--quiet'], env());
    expect(diff.code).toBe(1);
    expect(diff.stdout).toContain('gpt-evil');
    expect(diff.stdout).not.toMatch(CONTROL);
  });

  it('serve refuses a request addressed to another host name (DNS rebinding) when bound to loopback', async () => {
    server = await startServe(['--port', '0', '--quiet'], env());
    const { port } = new URL(server.url);
    for (const path of ['api/models', 'v1/models', '']) {
      const rebound = await get(`${server.url}${path}`, `attacker.example:${port}`);
      expect(rebound.status).toBe(403);
      expect(rebound.body).not.toContain('gpt-4o');
    }
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, 'localhost']) {
      expect((await get(`${server.url}api/models`, host)).status).toBe(200);
    }
  });

  it('serve bound to another loopback address says only this machine reaches it, and checks Host', async () => {
    server = await startServe(['--port', '0', '--host', '127.0.0.2', '--quiet'], env());
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.2:\d+\/$/);
    expect(server.output().stderr).toContain('Bound to 127.0.0.2: only this machine can reach it');
    const { port } = new URL(server.url);
    const rebound = await get(`${server.url}api/models`, `attacker.example:${port}`);
    expect(rebound.status).toBe(403);
    for (const host of [`127.0.0.2:${port}`, `localhost:${port}`, `[::1]:${port}`]) {
      expect((await get(`${server.url}api/models`, host)).status).toBe(200);
    }
  });

  it('serve answers a method fetch cannot carry (TRACE) with 405, not 500 and an error line', async () => {
    server = await startServe(['--port', '0', '--quiet'], env());
    const { host } = new URL(server.url);
    const printed = server.output().stderr.length;
    const traced = await get(`${server.url}api/models`, host, 'TRACE');
    expect(traced.status).toBe(405);
    expect(server.output().stderr.slice(printed)).toBe('');
  });

  it('serve does not time a cache hit of a later request from the moment it started', async () => {
    server = await startServe(['--port', '0'], env());
    const printed = server.output().stderr.length;
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect((await fetch(`${server.url}api/models`)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const later = server.output().stderr.slice(printed);
    for (const [, ms] of later.matchAll(/ (\d+) ms$/gm)) expect(Number(ms)).toBeLessThan(1000);
  });

  it('a repeated --category or --capability adds to the list instead of replacing it', async () => {
    const both = await runCli(['--category', 'chat,embedding', '--json', '--quiet'], env());
    const repeated = await runCli(
      ['--category', 'chat', '--category', 'embedding', '--json', '--quiet'],
      env(),
    );
    expect(repeated.code).toBe(0);
    const providers = (stdout: string): unknown =>
      (JSON.parse(stdout) as { providers: unknown }).providers;
    expect(providers(repeated.stdout)).toEqual(providers(both.stdout));
    const tools = await runCli(['--capability', 'tools,vision', '--json', '--quiet'], env());
    const toolsRepeated = await runCli(
      ['--capability', 'tools', '--capability', 'vision', '--json', '--quiet'],
      env(),
    );
    expect(providers(toolsRepeated.stdout)).toEqual(providers(tools.stdout));
  });

  it.each([['constructor'], ['__proto__']])(
    '--sort %s is a usage error, not a silent no-op or a crash',
    async (key) => {
      const run = await runCli(['--sort', key, '--quiet'], env());
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`Unknown sort "${key}"`);
    },
  );
});
