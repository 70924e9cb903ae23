import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { HttpResponse, http } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { settingsFingerprint } from '../../src/core/fingerprint.js';
import { readCacheEntry } from '../../src/core/read-cache-entry.js';
import {
  type CacheEntry,
  type CatalogEvent,
  createFileCache,
  createModelCatalog,
  type ModelCatalogOptions,
  openai,
} from '../../src/index.js';
import { cacheEntry } from '../helpers/cache-conformance.js';
import { recordRequests, server } from '../helpers/msw.js';
import { runScript } from '../helpers/run-script.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();
const KEY = 'sk-test-file-cache-PLANTED-4471';
const NOW = Date.parse('2026-02-19T10:00:00.000Z');
// The catalog stamps each entry it writes with a one-way fingerprint of the account and endpoint.
const FINGERPRINT = await settingsFingerprint('openai', openai().settings!, {
  apiKey: KEY,
  baseURL: 'https://api.openai.com/v1',
});
const LIVE_ENTRY: CacheEntry = {
  version: 1,
  providerId: 'openai',
  fetchedAt: '2026-02-19T10:00:00.000Z',
  models: [
    {
      id: 'gpt-4o',
      name: 'gpt-4o',
      category: 'chat',
      provider: 'openai',
      created: 1715367049,
      ownedBy: 'system',
    },
    {
      id: 'text-embedding-3-small',
      name: 'text-embedding-3-small',
      category: 'embedding',
      provider: 'openai',
      created: 1705948997,
      ownedBy: 'system',
    },
  ],
  fingerprint: FINGERPRINT,
};

function serveOpenAI(): void {
  server.use(
    http.get('https://api.openai.com/v1/models', () =>
      HttpResponse.json({
        object: 'list',
        data: [
          { id: 'gpt-4o', object: 'model', created: 1715367049, owned_by: 'system' },
          {
            id: 'text-embedding-3-small',
            object: 'model',
            created: 1705948997,
            owned_by: 'system',
          },
        ],
      }),
    ),
  );
}

function catalogWith(dir: string, options: ModelCatalogOptions = {}) {
  return createModelCatalog({
    providers: [openai()],
    env: { OPENAI_API_KEY: KEY },
    cache: createFileCache({ dir }),
    now: () => NOW,
    retries: 0,
    ...options,
  });
}

function fileText(entry: CacheEntry): string {
  return `${JSON.stringify(entry)}\n`;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('createFileCache writes the seed format', () => {
  it('writes <dir>/<providerId>.json holding exactly the entry, as compact JSON with a final newline', async () => {
    const dir = tempDir();
    const cache = createFileCache({ dir });
    const entry = cacheEntry('openai');
    await cache.set('openai', entry);
    const text = readFileSync(join(dir, 'openai.json'), 'utf8');
    expect(JSON.parse(text)).toEqual(entry);
    expect(text).toBe(fileText(entry));
    expect(readdirSync(dir)).toEqual(['openai.json']);
  });

  it('writes the file a live listing produced, with the injected clock as fetchedAt and no key', async () => {
    serveOpenAI();
    const dir = tempDir();
    await catalogWith(dir).listModels({ provider: 'openai' });
    const text = readFileSync(join(dir, 'openai.json'), 'utf8');
    expect(text).toBe(fileText(LIVE_ENTRY));
    expect(text).not.toContain(KEY);
  });

  it('creates its files readable by their owner only', async () => {
    const dir = tempDir();
    await createFileCache({ dir }).set('openai', cacheEntry('openai'));
    expect(statSync(join(dir, 'openai.json')).mode & 0o777).toBe(0o600);
  });

  it('reports the absolute path of a provider file, and rejects a bad id before building one', async () => {
    const dir = tempDir();
    const cache = createFileCache({ dir });
    expect(await cache.filePath('openai')).toBe(join(dir, 'openai.json'));
    await expect(cache.filePath('../etc/passwd')).rejects.toThrow(TypeError);
    await expect(cache.set('../escape', cacheEntry('openai'))).rejects.toThrow(TypeError);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('does not create the directory when a bad id is rejected', async () => {
    const dir = join(tempDir(), 'not-yet');
    await expect(createFileCache({ dir }).set('A', cacheEntry('openai'))).rejects.toThrow(
      TypeError,
    );
    expect(existsSync(dir)).toBe(false);
  });

  it('replaces a planted symlink instead of writing through it', async () => {
    const dir = tempDir();
    const outside = join(dir, 'outside.txt');
    writeFileSync(outside, 'do not touch');
    mkdirSync(join(dir, 'cache'));
    symlinkSync(outside, join(dir, 'cache', 'openai.json'));
    await createFileCache({ dir: join(dir, 'cache') }).set('openai', cacheEntry('openai'));
    expect(readFileSync(outside, 'utf8')).toBe('do not touch');
    expect(readFileSync(join(dir, 'cache', 'openai.json'), 'utf8')).toBe(
      fileText(cacheEntry('openai')),
    );
  });

  it('deletes one file, and clears only its own cache files, not other JSON in a shared directory', async () => {
    const dir = tempDir();
    const cache = createFileCache({ dir });
    await cache.set('openai', cacheEntry('openai'));
    await cache.set('groq', cacheEntry('groq'));
    writeFileSync(join(dir, 'notes.txt'), 'keep me');
    writeFileSync(join(dir, 'package.json'), '{"name":"not-a-cache-file"}');
    writeFileSync(join(dir, 'mistral.json'), JSON.stringify(cacheEntry('groq')));
    writeFileSync(join(dir, 'groq.json.4242.abc123.tmp'), '{"version":1,"provid');
    await cache.delete!('openai');
    expect(readdirSync(dir).sort()).toEqual([
      'groq.json',
      'groq.json.4242.abc123.tmp',
      'mistral.json',
      'notes.txt',
      'package.json',
    ]);
    await cache.clear!();
    expect(readdirSync(dir).sort()).toEqual(['mistral.json', 'notes.txt', 'package.json']);
  });
});

describe('createFileCache finds its default directory', () => {
  it('uses MODEL_CATALOG_CACHE_DIR first, even when XDG_CACHE_HOME is set', async () => {
    const cache = createFileCache({
      env: { MODEL_CATALOG_CACHE_DIR: '/srv/models', XDG_CACHE_HOME: '/xdg' },
    });
    expect(await cache.filePath('openai')).toBe('/srv/models/openai.json');
  });

  it('resolves a relative MODEL_CATALOG_CACHE_DIR against the working directory', async () => {
    const cache = createFileCache({ env: { MODEL_CATALOG_CACHE_DIR: 'relative/cache' } });
    expect(await cache.filePath('openai')).toBe(resolve('relative/cache/openai.json'));
  });

  it('uses $XDG_CACHE_HOME/model-catalog when MODEL_CATALOG_CACHE_DIR is unset', async () => {
    const cache = createFileCache({ env: { XDG_CACHE_HOME: '/home/me/.xdg-cache' } });
    expect(await cache.filePath('openai')).toBe('/home/me/.xdg-cache/model-catalog/openai.json');
  });

  it('ignores a relative XDG_CACHE_HOME, as the XDG specification asks', async () => {
    const cache = createFileCache({ env: { XDG_CACHE_HOME: 'not/absolute' } });
    expect(await cache.filePath('openai')).toBe(
      join(homedir(), '.cache', 'model-catalog', 'openai.json'),
    );
  });

  it('falls back to ~/.cache/model-catalog with neither variable', async () => {
    const cache = createFileCache({ env: {} });
    expect(await cache.filePath('openai')).toBe(
      join(homedir(), '.cache', 'model-catalog', 'openai.json'),
    );
  });

  it('prefers the dir option over every variable', async () => {
    const dir = tempDir();
    const cache = createFileCache({ dir, env: { MODEL_CATALOG_CACHE_DIR: '/srv/models' } });
    expect(await cache.filePath('openai')).toBe(join(dir, 'openai.json'));
  });

  it('is what a catalog without a cache option writes to, found through its env option', async () => {
    serveOpenAI();
    const dir = tempDir();
    const catalog = createModelCatalog({
      providers: [openai()],
      env: { OPENAI_API_KEY: KEY, MODEL_CATALOG_CACHE_DIR: dir },
      now: () => NOW,
    });
    await catalog.listModels({ provider: 'openai' });
    expect(readFileSync(join(dir, 'openai.json'), 'utf8')).toBe(fileText(LIVE_ENTRY));
  });
});

describe('the catalog reads files of the seed format', () => {
  it('serves a file written by another tool, holding only id, name and category, as a fresh entry', async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'openai.json'),
      JSON.stringify({
        version: 1,
        providerId: 'openai',
        fetchedAt: '2026-02-19T09:00:00.000Z',
        models: [
          { id: 'gpt-4o', name: 'GPT-4o', category: 'chat' },
          { id: 'whisper-1', name: 'Whisper', category: 'stt' },
        ],
      }),
    );
    const requests = recordRequests();
    const result = await catalogWith(dir).listModels({ provider: 'openai' });
    expect(result).toEqual({
      provider: 'openai',
      models: [
        { id: 'gpt-4o', name: 'GPT-4o', category: 'chat', provider: 'openai' },
        { id: 'whisper-1', name: 'Whisper', category: 'stt', provider: 'openai' },
      ],
      status: { source: 'cache', fetchedAt: '2026-02-19T09:00:00.000Z' },
    });
    expect(requests).toEqual([]);
  });

  it('fills a missing name and an unknown category of a seed-format model', async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'openai.json'),
      JSON.stringify({
        version: 1,
        providerId: 'openai',
        fetchedAt: '2026-02-19T09:00:00.000Z',
        models: [{ id: 'text-embedding-3-large', category: 'vectors' }],
      }),
    );
    const { models } = await catalogWith(dir).listModels({ provider: 'openai' });
    expect(models).toEqual([
      {
        id: 'text-embedding-3-large',
        name: 'text-embedding-3-large',
        category: 'embedding',
        provider: 'openai',
      },
    ]);
  });

  const good = fileText(LIVE_ENTRY);
  const withEnvelope = (changes: Record<string, unknown>) =>
    JSON.stringify({ ...LIVE_ENTRY, ...changes });
  const badFiles: [string, string][] = [
    ['not JSON', 'this is not json'],
    ['truncated', good.slice(0, Math.floor(good.length / 2))],
    ['empty', ''],
    ['the JSON null', 'null'],
    ['a JSON array', '[]'],
    ['version 2', withEnvelope({ version: 2 })],
    ['without a version', withEnvelope({ version: undefined })],
    ['for another provider', withEnvelope({ providerId: 'groq' })],
    ['with models that are not an array', withEnvelope({ models: { 'gpt-4o': {} } })],
    [
      'with a model without an id',
      withEnvelope({ models: [{ name: 'nameless', category: 'chat' }] }),
    ],
    ['with a fetchedAt that is not a date', withEnvelope({ fetchedAt: 'yesterday' })],
    ['with a fetchedAt in milliseconds', withEnvelope({ fetchedAt: NOW - 1000 })],
  ];
  it.each(badFiles)(
    'treats a file %s as a miss, fetches, and replaces it',
    async (_label, content) => {
      serveOpenAI();
      const dir = tempDir();
      writeFileSync(join(dir, 'openai.json'), content);
      const requests = recordRequests();
      const { status, models } = await catalogWith(dir).listModels({ provider: 'openai' });
      expect(status).toEqual({ source: 'live', fetchedAt: '2026-02-19T10:00:00.000Z' });
      expect(models).toEqual(LIVE_ENTRY.models);
      expect(requests).toHaveLength(1);
      expect(readFileSync(join(dir, 'openai.json'), 'utf8')).toBe(good);
    },
  );
});

describe('a cache directory that cannot be written', () => {
  const unwritable = (): string => {
    const file = join(tempDir(), 'file.txt');
    writeFileSync(file, 'a regular file, so nothing can be created under it');
    return join(file, 'cache');
  };

  it('is reported once through onEvent and listing still succeeds', async () => {
    serveOpenAI();
    const events: CatalogEvent[] = [];
    const result = await catalogWith(unwritable(), {
      onEvent: (event) => events.push(event),
    }).listModels();
    expect(result.providers.openai).toEqual(LIVE_ENTRY.models);
    expect(result.errors).toEqual({});
    const writeErrors = events.filter((event) => event.type === 'cache:write-error');
    expect(writeErrors).toEqual([
      {
        type: 'cache:write-error',
        provider: 'openai',
        message: expect.stringContaining('ENOTDIR'),
      },
    ]);
    expect(events.map((event) => event.type)).toEqual([
      'cache:miss',
      'fetch:start',
      'cache:write-error',
      'fetch:success',
    ]);
  });

  it('becomes one process warning for two failed writes when there is no onEvent', async () => {
    serveOpenAI();
    const emitWarning = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
    const catalog = catalogWith(unwritable());
    const first = await catalog.listModels({ provider: 'openai' });
    const second = await catalog.listModels({ provider: 'openai' });
    expect(first.models).toEqual(LIVE_ENTRY.models);
    expect(second.status.source).toBe('live');
    expect(emitWarning).toHaveBeenCalledTimes(1);
    const [message, options] = emitWarning.mock.calls[0]!;
    // The path and what to do, not a raw `ENOTDIR: mkdir` text.
    expect(message).toMatch(
      /^model-catalog: cannot write the cache \(cannot create the cache directory .*file\.txt\/cache \(ENOTDIR\): a file is in the way .*remove it, or give the cache another `dir`, or set MODEL_CATALOG_CACHE_DIR\.\); listing continues without it\.$/,
    );
    expect(options).toEqual({ code: 'MODEL_CATALOG_CACHE' });
    expect(String(message)).not.toContain(KEY);
  });

  it('leaves no temporary file behind when the final rename fails', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'openai.json')); // a directory where the file should go
    await expect(createFileCache({ dir }).set('openai', cacheEntry('openai'))).rejects.toThrow();
    expect(readdirSync(dir)).toEqual(['openai.json']);
    // Reading it is a miss the catalog reports (a read error), never a hang or a crash.
    await expect(createFileCache({ dir }).get('openai')).rejects.toThrow(
      /openai\.json is not a regular file \(a directory, FIFO or device\); it is treated as a miss/,
    );
  });
});

describe('writes are atomic', () => {
  it('leaves no temporary files behind after many writes', async () => {
    const dir = tempDir();
    const cache = createFileCache({ dir });
    for (let index = 0; index < 20; index++) {
      await cache.set('openai', cacheEntry('openai', new Date(NOW + index).toISOString()));
    }
    expect(readdirSync(dir)).toEqual(['openai.json']);
  });

  it('never shows a reader half an entry while many writes of one process race', async () => {
    const dir = tempDir();
    const cache = createFileCache({ dir });
    const entries = Array.from({ length: 30 }, (_, writer) =>
      cacheEntry(
        'openai',
        new Date(NOW + writer).toISOString(),
        Array.from({ length: 500 }, (_, index) => ({
          id: `writer-${writer}-model-${index}`,
          name: `model ${index}`,
          category: 'chat' as const,
          provider: 'openai',
        })),
      ),
    );
    const reads: (CacheEntry | undefined)[] = [];
    await Promise.all([
      ...entries.map((entry) => cache.set('openai', entry)),
      ...entries.map(async () => reads.push(await cache.get('openai'))),
    ]);
    for (const read of reads) {
      if (read !== undefined) expect(entries).toContainEqual(read);
    }
    expect(entries).toContainEqual(await cache.get('openai'));
    expect(readdirSync(dir)).toEqual(['openai.json']);
  });

  it('never shows a reader half a file while several processes write the same provider', async () => {
    const dir = tempDir();
    const script = new URL('../helpers/cache-writer.ts', import.meta.url);
    const children = ['1', '2', '3'].map((writer) => runScript(script, [dir, writer, '700']));
    let running = true;
    const finished = Promise.all(children).finally(() => {
      running = false;
    });

    let reads = 0;
    const writers = new Set<string>();
    while (running) {
      let text: string;
      try {
        text = await readFile(join(dir, 'openai.json'), 'utf8');
      } catch {
        await new Promise((wait) => setTimeout(wait, 5)); // not written yet
        continue;
      }
      const entry = readCacheEntry(JSON.parse(text), 'openai');
      expect(entry?.models).toHaveLength(3000);
      const writer = entry!.models[0]!.id.split('-')[1]!;
      expect(entry!.models.every((model) => model.id.startsWith(`writer-${writer}-`))).toBe(true);
      writers.add(writer);
      reads++;
    }

    const results = await finished;
    for (const { code, output } of results) {
      expect(code).toBe(0);
      expect(Number(output)).toBeGreaterThan(0);
    }
    expect(reads).toBeGreaterThan(5);
    expect(writers.size).toBeGreaterThan(0);
    expect(readdirSync(dir)).toEqual(['openai.json']);
  });
});

describe('reads files of any size', () => {
  // One buffer is kept between reads (up to 1 MiB): each read must still give its own file whole.
  const entryOf = (providerId: string, count: number, description = ''): CacheEntry =>
    cacheEntry(
      providerId,
      undefined,
      Array.from({ length: count }, (_, index) => ({
        id: `${providerId}-model-${index}`,
        name: `Model ${index}`,
        category: 'chat' as const,
        provider: providerId,
        ...(description ? { description } : {}),
      })),
    );

  it('gives each file whole, read one after another and at the same time, small, large and over 1 MiB', async () => {
    const dir = tempDir();
    const entries = {
      small: entryOf('small', 1),
      large: entryOf('large', 2000),
      huge: entryOf('huge', 3000, 'x'.repeat(400)),
    };
    const writer = createFileCache({ dir });
    for (const [key, entry] of Object.entries(entries)) await writer.set(key, entry);
    expect((await readFile(await writer.filePath('huge'))).length).toBeGreaterThan(1 << 20);
    const ids = (entry: CacheEntry | undefined) => entry?.models.map((model) => model.id);
    // Each read through a new cache, so that every one reads its file.
    const read = (key: keyof typeof entries) => createFileCache({ dir }).get(key);
    for (const key of ['large', 'small', 'huge', 'small', 'large', 'small'] as const) {
      expect(ids(await read(key))).toEqual(ids(entries[key]));
    }
    const together = await Promise.all(
      (['small', 'large', 'huge', 'large', 'small'] as const).map(async (key) => [
        ids(await read(key)),
        ids(entries[key]),
      ]),
    );
    for (const [got, wanted] of together) expect(got).toEqual(wanted);
  });
});
