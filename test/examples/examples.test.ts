import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HttpResponse, http, passthrough } from 'msw';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { server as msw } from '../helpers/msw.js';

const ROOT = join(import.meta.dirname, '..', '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const running: ChildProcess[] = [];

afterEach(() => {
  for (const child of running.splice(0)) if (child.exitCode === null) child.kill('SIGTERM');
});
beforeEach(() => msw.use(http.all(/^http:\/\/127\.0\.0\.1:\d+\//, () => passthrough())));

/** Starts an example on a free port and resolves with the URL it prints. */
function startExample(name: string): Promise<string> {
  const child = spawn(TSX, [`examples/${name}.ts`], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0' },
  });
  running.push(child);
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Listening on (http:\/\/127\.0\.0\.1:\d+\S*)/.exec(output);
      if (match) resolve(match[1]!);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code) =>
      reject(new Error(`${name} exited with ${code} before listening:\n${output}`)),
    );
  });
}

/** Runs an example with `--self-test` and resolves with its exit code and output. */
function selfTest(name: string): Promise<{ code: number | null; output: string }> {
  const child = spawn(TSX, [`examples/${name}.ts`, '--self-test'], { cwd: ROOT });
  running.push(child);
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, output })));
}

// Each example starts tsx and local servers: allow for a slow, busy machine.
describe('examples over real HTTP', { timeout: 60_000 }, () => {
  it('node-http.ts serves seed 000 shapes on 127.0.0.1', async () => {
    const url = await startExample('node-http');
    const all = await fetch(url);
    expect(all.status).toBe(200);
    const body = (await all.json()) as { providers: Record<string, { id: string }[]> };
    expect(Object.keys(body.providers)).toEqual(['openai', 'anthropic', 'openrouter']);
    expect(body.providers.anthropic?.map((model) => model.id)).toEqual([
      'claude-opus-4-1',
      'claude-sonnet-4-5',
    ]);
    const one = (await (await fetch(`${url}?provider=openai&category=embedding`)).json()) as Record<
      string,
      unknown
    >;
    expect(one).toEqual({
      provider: 'openai',
      models: [
        {
          id: 'text-embedding-3-large',
          name: 'text-embedding-3-large',
          category: 'embedding',
          provider: 'openai',
          created: 1705953180,
          ownedBy: 'system',
        },
      ],
    });
    const unknown = await fetch(`${url}?provider=nope`);
    expect(unknown.status).toBe(400);
    expect((await fetch(url, { method: 'POST' })).status).toBe(405);
  });

  it('hono.ts serves the seed 001 gateway shape with paging', async () => {
    const url = await startExample('hono');
    const ids: string[] = [];
    let token: string | undefined;
    do {
      const response = await fetch(
        `${url}/v1/models?page_size=3${token ? `&page_token=${token}` : ''}`,
      );
      expect(response.status).toBe(200);
      const page = (await response.json()) as { data: { id: string }[]; next_page_token?: string };
      ids.push(...page.data.map((model) => model.id));
      token = page.next_page_token;
    } while (token);
    expect(ids).toEqual([
      'anthropic/claude-opus-4-1',
      'anthropic/claude-sonnet-4-5',
      'openai/gpt-4o',
      'openai/gpt-4o-mini',
      'openai/text-embedding-3-large',
      'openai/whisper-1',
      'openrouter/openai/gpt-4o',
    ]);
    const seed = (await (await fetch(`${url}/api/models?provider=openai`)).json()) as {
      provider: string;
    };
    expect(seed.provider).toBe('openai');
  });

  it('fleet-server.ts takes a user key from a header and streams changes as Server-Sent Events', async () => {
    const url = await startExample('fleet-server');
    const own = await fetch(url);
    expect(own.headers.get('cache-control')).toBe('private, max-age=60');
    const byok = await fetch(`${url}?provider=openai`, { headers: { 'x-openai-key': 'sk-user' } });
    expect(byok.status).toBe(200);
    expect(byok.headers.get('cache-control')).toBe('private, no-store');
    const events = await fetch(url, { headers: { accept: 'text/event-stream' } });
    expect(events.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const reader = events.body!.pipeThrough(new TextDecoderStream()).getReader();
    expect((await reader.read()).value).toBe(': model-catalog changes\n\n');
    await reader.cancel();
  });

  it.each(['node-http', 'hono', 'express', 'openai-compatible-proxy', 'fleet-server'])(
    '%s.ts --self-test exits 0',
    async (name) => {
      const { code, output } = await selfTest(name);
      expect(output).toContain('self-test passed');
      expect(code).toBe(0);
    },
  );
});

describe('next-route.ts', { timeout: 30_000 }, () => {
  let cacheDir: string;
  beforeEach(() => {
    cacheDir = mkdtempSync(join(tmpdir(), 'model-catalog-next-'));
    vi.stubEnv('MODEL_CATALOG_CACHE_DIR', cacheDir);
    vi.stubEnv('OPENAI_API_KEY', 'sk-next-route-test');
    vi.resetModules();
  });
  afterEach(() => {
    vi.unstubAllEnvs();
    rmSync(cacheDir, { recursive: true, force: true });
  });

  it('exports a GET route handler that answers a Request', async () => {
    msw.use(
      http.get('https://api.openai.com/v1/models', () =>
        HttpResponse.json({
          object: 'list',
          data: [{ id: 'gpt-4o', object: 'model', created: 1, owned_by: 'system' }],
        }),
      ),
    );
    const route = await import('../../examples/next-route.js');
    const response = await route.GET(new Request('http://localhost/api/models?provider=openai'));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      provider: 'openai',
      models: [
        {
          id: 'gpt-4o',
          name: 'gpt-4o',
          category: 'chat',
          provider: 'openai',
          created: 1,
          ownedBy: 'system',
        },
      ],
    });
    expect(route.dynamic).toBe('force-dynamic');
  });
});
