import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadFileSystem as noFileSystem } from '../../src/cache/no-file-system.js';
import type { CatalogEvent, Model, ProviderAdapter } from '../../src/index.js';
import { useTempDir } from '../helpers/temp-dir.js';

// What `#file-system` resolves to: the Node module, unless a test swaps its loader for the one of
// an edge build or a bundler's stub.
const fileSystem = vi.hoisted(() => ({ load: undefined as undefined | (() => Promise<unknown>) }));
vi.mock('#file-system', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/cache/node-file-system.js')>();
  return { loadFileSystem: () => (fileSystem.load ?? original.loadFileSystem)() };
});

const tempDir = useTempDir();

// The built-ins are loaded once per process: each test gets fresh modules.
beforeEach(() => vi.resetModules());
afterEach(() => {
  fileSystem.load = undefined;
  vi.restoreAllMocks();
});

const MODELS: Model[] = [{ id: 'gpt-4o', name: 'GPT-4o', category: 'chat', provider: 'local' }];

/** A catalog over one in-memory provider with the default cache, and the events it sent. */
async function defaultCacheCatalog(env: Record<string, string>) {
  const { createModelCatalog } = await import('../../src/index.js');
  const events: CatalogEvent[] = [];
  let calls = 0;
  const local: ProviderAdapter = {
    id: 'local',
    async listModels() {
      calls++;
      return MODELS;
    },
  };
  const catalog = createModelCatalog({
    providers: [local],
    env,
    onEvent: (event) => events.push(event),
  });
  return { catalog, events, calls: () => calls };
}

const fallbacks = (events: CatalogEvent[]) =>
  events.filter((event) => event.type === 'cache:fallback');

describe('the default cache', () => {
  it('keeps lists in files where the filesystem works, with no fallback and no probe left', async () => {
    const dir = tempDir();
    const { catalog, events, calls } = await defaultCacheCatalog({ MODEL_CATALOG_CACHE_DIR: dir });
    expect((await catalog.listModels({ provider: 'local' })).status.source).toBe('live');
    expect((await catalog.listModels({ provider: 'local' })).status.source).toBe('cache');
    expect(calls()).toBe(1);
    expect(fallbacks(events)).toEqual([]);
    expect(readdirSync(dir)).toEqual(['local.json']);
  });

  it('falls back to memory once, saying why, when the cache directory cannot be created', async () => {
    const file = join(tempDir(), 'a-file');
    writeFileSync(file, 'not a directory');
    const { catalog, events, calls } = await defaultCacheCatalog({
      MODEL_CATALOG_CACHE_DIR: join(file, 'cache'),
    });
    for (let call = 0; call < 3; call++) await catalog.listModels({ provider: 'local' });
    await catalog.listModels();
    expect(calls()).toBe(1);
    expect(fallbacks(events)).toEqual([
      {
        type: 'cache:fallback',
        cache: 'memory',
        reason: expect.stringMatching(/^the cache directory is not usable \(ENOTDIR: /),
      },
    ]);
    expect(events.map((event) => event.type)).not.toContain('cache:write-error');
    expect(events.map((event) => event.type)).not.toContain('cache:read-error');
  });

  it('falls back to memory in a browser, worker or edge build, which has no filesystem', async () => {
    fileSystem.load = noFileSystem;
    const { catalog, events, calls } = await defaultCacheCatalog({});
    await catalog.listModels({ provider: 'local' });
    expect((await catalog.listModels({ provider: 'local' })).status.source).toBe('cache');
    expect(calls()).toBe(1);
    expect(fallbacks(events)).toEqual([
      {
        type: 'cache:fallback',
        cache: 'memory',
        reason:
          'no filesystem in this build of model-catalog, resolved for a browser, worker or edge runtime (condition browser, worker, workerd or edge-light)',
      },
    ]);
  });

  it.each([
    ['empty modules, as a bundle of Vite has them', async () => ({ fs: {}, path: {}, os: {} })],
    [
      "Vite's development stub, whose every property throws",
      async () => {
        const stub = new Proxy(
          {},
          {
            get(_, key) {
              throw new Error(
                `Module "node:fs" has been externalized. Cannot access "${String(key)}".`,
              );
            },
          },
        );
        return { fs: stub, path: stub, os: stub };
      },
    ],
  ])('falls back to memory when node:fs loads as %s', async (_, load) => {
    fileSystem.load = load;
    const { catalog, events } = await defaultCacheCatalog({});
    await catalog.listModels({ provider: 'local' });
    expect((await catalog.listModels({ provider: 'local' })).status.source).toBe('cache');
    expect(fallbacks(events)).toEqual([
      {
        type: 'cache:fallback',
        cache: 'memory',
        reason: 'node:fs has no working functions here (a bundler replaced it with an empty stub)',
      },
    ]);
  });

  it('falls back to memory when the home directory is refused, as Deno does without --allow-sys', async () => {
    fileSystem.load = async () => ({
      fs,
      path,
      os: {
        ...os,
        homedir: () => {
          throw new Error('Requires sys access to "homedir", run again with the --allow-sys flag');
        },
      },
    });
    const { catalog, events } = await defaultCacheCatalog({});
    await catalog.listModels({ provider: 'local' });
    expect(fallbacks(events)).toEqual([
      {
        type: 'cache:fallback',
        cache: 'memory',
        reason:
          'the cache directory is not usable (Requires sys access to "homedir", run again with the --allow-sys flag)',
      },
    ]);
  });

  it('warns once without onEvent where the process can warn, saying why', async () => {
    const file = join(tempDir(), 'a-file');
    writeFileSync(file, 'not a directory');
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
    const { createModelCatalog } = await import('../../src/index.js');
    const catalog = createModelCatalog({
      providers: [{ id: 'local', listModels: async () => MODELS }],
      env: { MODEL_CATALOG_CACHE_DIR: join(file, 'cache') },
    });
    await catalog.listModels({ provider: 'local' });
    expect((await catalog.listModels({ provider: 'local' })).status.source).toBe('cache');
    expect(warn.mock.calls).toEqual([
      [
        expect.stringMatching(
          /^model-catalog: the file cache does not work here \(the cache directory is not usable \(ENOTDIR: .*\)\); lists are kept in memory\.$/,
        ),
        { code: 'MODEL_CATALOG_CACHE' },
      ],
    ]);
  });

  it('falls back silently without onEvent where there is no process to warn (a browser, a worker)', async () => {
    fileSystem.load = noFileSystem;
    const consoleWarn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { emitWarning } = process;
    const { createModelCatalog } = await import('../../src/index.js');
    const catalog = createModelCatalog({
      providers: [{ id: 'local', listModels: async () => MODELS }],
      env: {},
    });
    // As in workerd or a browser: no process.emitWarning.
    Object.assign(process, { emitWarning: undefined });
    try {
      await catalog.listModels({ provider: 'local' });
      expect((await catalog.listModels({ provider: 'local' })).status.source).toBe('cache');
    } finally {
      Object.assign(process, { emitWarning });
    }
    expect(consoleWarn).not.toHaveBeenCalled();
  });

  it('sends no fallback for a cache that was passed in', async () => {
    fileSystem.load = noFileSystem;
    const { createMemoryCache, createModelCatalog } = await import('../../src/index.js');
    const events: CatalogEvent[] = [];
    const catalog = createModelCatalog({
      providers: [{ id: 'local', listModels: async () => MODELS }],
      cache: createMemoryCache(),
      env: {},
      onEvent: (event) => events.push(event),
    });
    await catalog.listModels({ provider: 'local' });
    expect(fallbacks(events)).toEqual([]);
  });
});

describe('the file cache in a build without a filesystem', () => {
  it('fails on first use, saying there is no filesystem', async () => {
    fileSystem.load = noFileSystem;
    const { createFileCache } = await import('../../src/index.js');
    const cache = createFileCache({ dir: tempDir() });
    await expect(cache.get('openai')).rejects.toThrow(
      /^no filesystem in this build of model-catalog/,
    );
    await expect(cache.filePath('openai')).rejects.toThrow(/^no filesystem in this build/);
    expect(existsSync(join(tempDir(), 'openai.json'))).toBe(false);
  });
});
