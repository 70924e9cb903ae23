import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { useTempDir } from './helpers/temp-dir.js';

const tempDir = useTempDir();
const run = promisify(execFile);

/** Bundles the package entry as a browser or worker build would. */
async function bundle(dir: string): Promise<string> {
  const outfile = join(dir, 'model-catalog.browser.js');
  await build({
    entryPoints: [new URL('../src/index.ts', import.meta.url).pathname],
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    external: ['node:*'],
    outfile,
    logLevel: 'silent',
  });
  return outfile;
}

// Runs in a plain Node process made to look like a worker: no `process`, and every
// `node:` import fails, as it does on Cloudflare Workers without nodejs_compat.
const WORKER_SCRIPT = `
const bundleUrl = process.argv[1];
delete globalThis.process;
if (typeof process !== 'undefined') throw new Error('process is still defined');
const { createModelCatalog, listModels, openai } = await import(bundleUrl);
let requests = 0;
const fetch = async (input) => {
  requests++;
  const url = input instanceof Request ? input.url : String(input);
  return Response.json({ object: 'list', data: [{ id: 'gpt-4o', created: 1715367049, owned_by: 'system' }, { id: 'whisper-1' }], url });
};
const catalog = createModelCatalog({ providers: [openai({ apiKey: 'sk-worker-test-key' })], fetch, retries: 0 });
const first = await catalog.listModels({ provider: 'openai' });
const second = await catalog.listModels({ provider: 'openai' });
const defaults = await listModels();
console.log(JSON.stringify({ first, second, defaults, requests }));
`;

describe('the package in a runtime without a filesystem', () => {
  it('bundles for the browser with node: built-ins only as dynamic imports, and lists through a memory cache', async () => {
    const dir = tempDir();
    const file = await bundle(dir);
    const code = readFileSync(file, 'utf8');

    expect(code).not.toMatch(/^\s*import\s[^;]*?from\s*["']node:/m);
    expect(code).not.toMatch(/^\s*import\s*["']node:/m);
    expect(code).not.toMatch(/\brequire\(\s*["']node:/);
    expect(code).toContain('import("node:fs/promises")');

    const workerFile = join(dir, 'model-catalog.worker.js');
    writeFileSync(workerFile, code.replaceAll('import("node:', 'import("nonexistent-node:'));
    const { stdout } = await run(
      process.execPath,
      ['--input-type=module', '-e', WORKER_SCRIPT, pathToFileURL(workerFile).href],
      { timeout: 10_000, env: {} },
    );
    const { first, second, defaults, requests } = JSON.parse(stdout);

    const models = [
      {
        id: 'gpt-4o',
        name: 'gpt-4o',
        category: 'chat',
        provider: 'openai',
        created: 1715367049,
        ownedBy: 'system',
      },
      { id: 'whisper-1', name: 'whisper-1', category: 'stt', provider: 'openai' },
    ];
    expect(first.models).toEqual(models);
    expect(first.status.source).toBe('live');
    expect(second).toEqual({
      provider: 'openai',
      models,
      status: { source: 'cache', fetchedAt: first.status.fetchedAt },
    });
    expect(requests).toBe(1);
    // No process.env: the default catalog sees no configured provider, and says so without failing.
    expect(defaults).toEqual({ providers: {}, errors: {}, status: {} });
  });
});
