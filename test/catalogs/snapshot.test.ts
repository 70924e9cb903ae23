import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { MODELS_DEV_SNAPSHOT_JSON } from '../../src/catalogs/models-dev-snapshot-data.js';
import { readModelsDev } from '../../src/catalogs/read-models-dev.js';
import { MODELS_DEV_SNAPSHOT_INFO, modelsDevSnapshot } from '../../src/entries/snapshot.js';
import {
  createMemoryCache,
  createModelCatalog,
  defaultProviders,
  MODELS_DEV_PROVIDER_IDS,
  type ProviderAdapter,
  ProviderRequestError,
} from '../../src/index.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();
const run = promisify(execFile);
const root = new URL('../../', import.meta.url).pathname;

const openaiIds: ProviderAdapter = {
  id: 'openai',
  listModels: async () =>
    ['gpt-4o', 'o3', 'not-a-model'].map((id) => ({
      id,
      name: id,
      category: 'chat',
      provider: 'openai',
    })),
};

describe('MODELS_DEV_PROVIDER_IDS', () => {
  it('maps built-in provider ids to models.dev providers, as documented', () => {
    expect(MODELS_DEV_PROVIDER_IDS).toMatchObject({
      openai: 'openai',
      'google-genai': 'google',
      vertex: 'google-vertex',
      bedrock: 'amazon-bedrock',
      together: 'togetherai',
      fireworks: 'fireworks-ai',
      'vercel-ai-gateway': 'vercel',
    });
    const builtIn = defaultProviders().map((adapter) => adapter.id);
    expect(Object.keys(MODELS_DEV_PROVIDER_IDS).filter((id) => !builtIn.includes(id))).toEqual([]);
    expect(builtIn.filter((id) => !(id in MODELS_DEV_PROVIDER_IDS)).sort()).toEqual([
      'elevenlabs',
      'ollama',
      'parasail',
      'sgl',
    ]);
    expect(Object.isFrozen(MODELS_DEV_PROVIDER_IDS)).toBe(true);
  });
});

describe('model-catalog/snapshot in Node', () => {
  it('says when it was taken, where from, and carries the MIT notice of models.dev', () => {
    expect(MODELS_DEV_SNAPSHOT_INFO.takenAt).toBe('2026-07-01T16:40:00.000Z');
    expect(MODELS_DEV_SNAPSHOT_INFO.source).toContain(
      'anomalyco/models.dev f3fc692299671838c7c65fd8126bf84d81a2e817',
    );
    expect(MODELS_DEV_SNAPSHOT_INFO.license).toMatch(
      /^MIT License\n\nCopyright \(c\) 2025 models\.dev\n/,
    );
    expect(MODELS_DEV_SNAPSHOT_INFO.license).toContain(
      'The above copyright notice and this permission notice shall be included in all',
    );
  });

  it('holds every mapped provider, only the fields the catalog reads, in at most 200 KB gzipped', () => {
    const data = JSON.parse(MODELS_DEV_SNAPSHOT_JSON) as Record<
      string,
      { models: Record<string, object> }
    >;
    expect(Object.keys(data).sort()).toEqual(
      [...new Set(Object.values(MODELS_DEV_PROVIDER_IDS))].sort(),
    );
    const source = readFileSync(join(root, 'src/catalogs/models-dev-snapshot-data.ts'));
    expect(gzipSync(source).byteLength).toBeLessThanOrEqual(200 * 1024);
    const fields = new Set(
      Object.values(data).flatMap((provider) =>
        Object.values(provider.models).flatMap(Object.keys),
      ),
    );
    expect([...fields].sort()).toEqual([
      'cost',
      'family',
      'knowledge',
      'limit',
      'modalities',
      'name',
      'open_weights',
      'reasoning',
      'reasoning_options',
      'release_date',
      'status',
      'structured_output',
      'tool_call',
    ]);
    const reading = readModelsDev(data, () => true);
    expect(reading.issues).toEqual([]);
    expect(reading.models.length).toBe(1284);
  });

  it('enriches a listing with no network, and answers a failed provider dated by the snapshot', async () => {
    const catalog = createModelCatalog({
      providers: [openaiIds],
      catalogs: [modelsDevSnapshot()],
      cache: createMemoryCache(),
      env: {},
    });
    const { models } = await catalog.listModels({ provider: 'openai' });
    expect(models[0]).toMatchObject({
      id: 'gpt-4o',
      contextLength: 128000,
      maxOutputTokens: 16384,
      pricing: { input: 2.5, output: 10, cacheRead: 1.25 },
      knowledgeCutoff: '2023-09',
      sources: { contextLength: 'models.dev', 'pricing.input': 'models.dev' },
    });
    expect(models[1]).toMatchObject({ id: 'o3', capabilities: { reasoning: true } });
    expect(models[2]).toEqual({
      id: 'not-a-model',
      name: 'not-a-model',
      category: 'chat',
      provider: 'openai',
    });
    expect(modelsDevSnapshot()).toBe(modelsDevSnapshot());

    const down: ProviderAdapter = {
      id: 'anthropic',
      listModels: async () => {
        throw new ProviderRequestError(
          'anthropic: GET https://api.anthropic.com/v1/models timed out after 30000 ms.',
          {
            kind: 'timeout',
            provider: 'anthropic',
          },
        );
      },
    };
    const offline = createModelCatalog({
      providers: [down],
      catalogs: [modelsDevSnapshot()],
      fallback: 'catalog',
      cache: createMemoryCache(),
      env: {},
    });
    const { models: fallback, status } = await offline.listModels({ provider: 'anthropic' });
    expect(status).toMatchObject({
      source: 'catalog',
      stale: true,
      fetchedAt: '2026-07-01T16:40:00.000Z',
      error: { kind: 'timeout' },
    });
    expect(fallback.find((model) => model.id === 'claude-sonnet-4-0')).toMatchObject({
      name: 'Claude Sonnet 4 (latest)',
      provider: 'anthropic',
      contextLength: 200000,
    });
  });

  it('is regenerated by the script from a models.dev file', async () => {
    const out = join(tempDir(), 'snapshot-data.ts');
    const { stdout } = await run(
      process.execPath,
      [
        join(root, 'node_modules/tsx/dist/cli.mjs'),
        join(root, 'scripts/build-snapshot.ts'),
        '--from',
        join(root, 'test/fixtures/models-dev/api.json'),
        '--taken-at',
        '2026-07-01T16:40:00Z',
        '--out',
        out,
      ],
      { timeout: 30_000 },
    );
    expect(stdout).toContain('snapshot: 5 providers, 14 models');
    const module = await import(pathToFileURL(out).href);
    expect(module.MODELS_DEV_SNAPSHOT_INFO.takenAt).toBe('2026-07-01T16:40:00.000Z');
    expect(module.MODELS_DEV_SNAPSHOT_INFO.license).toMatch(/^MIT License/);
    const data = JSON.parse(module.MODELS_DEV_SNAPSHOT_JSON);
    expect(Object.keys(data)).toEqual(['anthropic', 'google', 'openai', 'openrouter', 'vercel']);
    expect(data.openai.models['gpt-4o']).toEqual({
      cost: { cache_read: 1.25, input: 2.5, output: 10 },
      family: 'gpt',
      knowledge: '2023-09',
      limit: { context: 128000, output: 16384 },
      modalities: { input: ['text', 'image', 'pdf'], output: ['text'] },
      name: 'GPT-4o',
      open_weights: false,
      reasoning: false,
      release_date: '2024-05-13',
      structured_output: true,
      tool_call: true,
    });
  });
});

// Runs in a plain Node process made to look like a worker: no `process`, no network.
const WORKER_SCRIPT = `
const bundleUrl = process.argv[1];
delete globalThis.process;
if (typeof process !== 'undefined') throw new Error('process is still defined');
globalThis.fetch = async () => { throw new Error('no network in this worker'); };
const { listed } = await import(bundleUrl);
console.log(JSON.stringify(await listed()));
`;

describe('model-catalog/snapshot in a worker bundle', () => {
  it('bundles with --platform=neutral and enriches a listing when run without process or network', async () => {
    const dir = tempDir();
    const entry = join(dir, 'worker-entry.js');
    writeFileSync(
      entry,
      `import { createModelCatalog, createMemoryCache } from 'model-catalog/core';
import { modelsDevSnapshot, MODELS_DEV_SNAPSHOT_INFO } from 'model-catalog/snapshot';
const ids = { id: 'openai', listModels: async () => [{ id: 'gpt-4o', name: 'gpt-4o', category: 'chat', provider: 'openai' }] };
export async function listed() {
  const catalog = createModelCatalog({ providers: [ids], catalogs: [modelsDevSnapshot()], cache: createMemoryCache(), env: {} });
  const { models } = await catalog.listModels({ provider: 'openai' });
  return { model: models[0], takenAt: MODELS_DEV_SNAPSHOT_INFO.takenAt };
}
`,
    );
    const outfile = join(dir, 'worker.js');
    await build({
      entryPoints: [entry],
      bundle: true,
      platform: 'neutral',
      format: 'esm',
      mainFields: ['module', 'main'],
      alias: {
        'model-catalog/core': join(root, 'src/entries/core.ts'),
        'model-catalog/snapshot': join(root, 'src/entries/snapshot.ts'),
      },
      outfile,
      logLevel: 'silent',
    });
    expect(readFileSync(outfile, 'utf8')).not.toMatch(/from\s*["']node:/);
    const { stdout } = await run(
      process.execPath,
      ['--input-type=module', '-e', WORKER_SCRIPT, pathToFileURL(outfile).href],
      { timeout: 15_000, env: {} },
    );
    const { model, takenAt } = JSON.parse(stdout);
    expect(takenAt).toBe('2026-07-01T16:40:00.000Z');
    expect(model).toMatchObject({
      id: 'gpt-4o',
      contextLength: 128000,
      capabilities: { tools: true, vision: true },
      sources: { contextLength: 'models.dev', 'capabilities.tools': 'models.dev' },
    });
  });
});
