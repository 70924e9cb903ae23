import { renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { peekOf, readCacheEntry } from '../../src/core/read-cache-entry.js';
import {
  type CacheEntry,
  createFileCache,
  createMemoryCache,
  createModelCatalog,
  type Model,
  type ModelCache,
  type ProviderAdapter,
} from '../../src/index.js';
import { cacheEntry } from '../helpers/cache-conformance.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();
const model = (id: string): Model => ({ id, name: id, category: 'chat', provider: 'openai' });

describe('the file cache keeps the last entry read, checked with one stat', () => {
  it('serves an unchanged file from memory: the same frozen entry, without reading it again', async () => {
    const dir = tempDir();
    const cache = createFileCache({ dir });
    await cache.set('openai', cacheEntry('openai'));
    const first = await cache.get('openai');
    const second = await cache.get('openai');
    expect(first).toEqual(cacheEntry('openai'));
    expect(second).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(first?.models[0])).toBe(true);
  });

  it('sees a file another process replaced by a rename, even with the same size and time', async () => {
    const dir = tempDir();
    const cache = createFileCache({ dir });
    await cache.set('openai', cacheEntry('openai', '2026-02-19T10:00:00.000Z', [model('aaaa')]));
    const file = await cache.filePath('openai');
    expect((await cache.get('openai'))?.models).toEqual([model('aaaa')]);
    // Same length, same modification time, new inode: what another writer's rename leaves.
    const replacement = join(dir, 'replacement.tmp');
    writeFileSync(
      replacement,
      `${JSON.stringify(cacheEntry('openai', '2026-02-19T10:00:00.000Z', [model('bbbb')]))}\n`,
    );
    utimesSync(replacement, new Date(1_000_000), new Date(1_000_000));
    utimesSync(file, new Date(1_000_000), new Date(1_000_000));
    renameSync(replacement, file);
    expect((await cache.get('openai'))?.models).toEqual([model('bbbb')]);
  });

  it('sees a file edited in place (a new size or modification time), and one removed', async () => {
    const dir = tempDir();
    const cache = createFileCache({ dir });
    await cache.set('openai', cacheEntry('openai'));
    const file = await cache.filePath('openai');
    await cache.get('openai');
    writeFileSync(file, JSON.stringify(cacheEntry('openai', '2026-03-01T00:00:00.000Z')));
    expect((await cache.get('openai'))?.fetchedAt).toBe('2026-03-01T00:00:00.000Z');
    rmSync(file);
    expect(await cache.get('openai')).toBeUndefined();
  });

  it('sees a file edited in place with the same size and its modification time set back', async () => {
    const dir = tempDir();
    const cache = createFileCache({ dir });
    await cache.set('openai', cacheEntry('openai', '2026-02-19T10:00:00.000Z', [model('aaaa')]));
    const file = await cache.filePath('openai');
    const time = new Date(1_000_000);
    utimesSync(file, time, time);
    expect((await cache.get('openai'))?.models).toEqual([model('aaaa')]);
    const { ino } = statSync(file);
    // What `cp -p` or `rsync --inplace -t` leave: same inode, same size, same modification time.
    writeFileSync(
      file,
      `${JSON.stringify(cacheEntry('openai', '2026-02-19T10:00:00.000Z', [model('bbbb')]))}\n`,
    );
    utimesSync(file, time, time);
    expect(statSync(file)).toMatchObject({ ino, mtimeMs: 1_000_000 });
    expect((await cache.get('openai'))?.models).toEqual([model('bbbb')]);
  });

  it('keeps an entry the catalog checked as written: the next get returns it without a read', async () => {
    const dir = tempDir();
    const cache = createFileCache({ dir });
    const checked = readCacheEntry(cacheEntry('openai'), 'openai')!;
    await cache.set('openai', checked);
    expect(await cache.get('openai')).toBe(checked);
    // The copy is that of the file written: a file renamed over it afterwards is read anew.
    const replacement = join(dir, 'replacement.tmp');
    writeFileSync(replacement, JSON.stringify(cacheEntry('openai', '2026-03-01T00:00:00.000Z')));
    renameSync(replacement, await cache.filePath('openai'));
    expect((await cache.get('openai'))?.fetchedAt).toBe('2026-03-01T00:00:00.000Z');
  });

  it('writes compact JSON, the entry given and nothing else', async () => {
    const dir = tempDir();
    const cache = createFileCache({ dir });
    await cache.set('openai', cacheEntry('openai'));
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(await cache.filePath('openai'), 'utf8')).toBe(
      `${JSON.stringify(cacheEntry('openai'))}\n`,
    );
  });
});

describe('the memory cache hands out frozen entries', () => {
  it('returns the same frozen entry on every hit, and copies an entry it did not check', async () => {
    const cache = createMemoryCache();
    const given = cacheEntry('openai');
    await cache.set('openai', given);
    const first = await cache.get('openai');
    expect(first).not.toBe(given);
    expect(first).toEqual(given);
    expect(await cache.get('openai')).toBe(first);
    expect(Object.isFrozen(first?.models[0])).toBe(true);
    expect(Object.isFrozen(given.models[0])).toBe(false);
  });

  it('keeps at most maxEntries (1000 by default), dropping the one written longest ago', async () => {
    const cache = createMemoryCache({ maxEntries: 2 });
    await cache.set('openai', cacheEntry('openai'));
    await cache.set('groq', cacheEntry('groq'));
    await cache.set('openai', cacheEntry('openai', '2026-03-01T00:00:00.000Z')); // written anew
    await cache.set('xai', cacheEntry('xai'));
    expect(await cache.get('groq')).toBeUndefined();
    expect((await cache.get('openai'))?.fetchedAt).toBe('2026-03-01T00:00:00.000Z');
    expect((await cache.get('xai'))?.providerId).toBe('xai');

    const byDefault = createMemoryCache();
    for (let index = 0; index <= 1000; index++) {
      await byDefault.set(`p${index}`, cacheEntry(`p${index}`));
    }
    expect(await byDefault.get('p0')).toBeUndefined();
    expect((await byDefault.get('p1'))?.providerId).toBe('p1');
    expect((await byDefault.get('p1000'))?.providerId).toBe('p1000');
  });

  it('keeps every entry with maxEntries: Infinity', async () => {
    const cache = createMemoryCache({ maxEntries: Number.POSITIVE_INFINITY });
    for (let index = 0; index <= 1000; index++)
      await cache.set(`p${index}`, cacheEntry(`p${index}`));
    expect((await cache.get('p0'))?.providerId).toBe('p0');
  });

  it('rejects a maxEntries that is not a number of at least 1', () => {
    for (const maxEntries of [0, -1, 1.5, Number.NaN, '5']) {
      expect(() => createMemoryCache({ maxEntries: maxEntries as number })).toThrow(
        /^`maxEntries` must be a whole number of at least 1, or Infinity, got /,
      );
    }
  });

  it('keeps an entry the catalog checked as it is, without a copy', async () => {
    const cache = createMemoryCache();
    const checked = readCacheEntry(cacheEntry('openai'), 'openai')!;
    await cache.set('openai', checked);
    expect(await cache.get('openai')).toBe(checked);
  });
});

describe('the catalog reads the memory cache without a promise', () => {
  const adapter: ProviderAdapter = {
    id: 'local',
    async listModels() {
      return [model('llama3')].map((each) => ({ ...each, provider: 'local' }));
    },
  };
  const catalogOver = (cache: ModelCache) =>
    createModelCatalog({ providers: [adapter], cache, env: {}, ttlMs: 60_000 });

  it('reads synchronously what get resolves to, while get is the memory cache’s own', async () => {
    const cache = createMemoryCache();
    const checked = readCacheEntry(cacheEntry('openai'), 'openai')!;
    await cache.set('openai', checked);
    expect(peekOf(cache)?.('openai')).toBe(await cache.get('openai'));
    expect(peekOf(cache)?.('groq')).toBeUndefined();
    // A `get` replaced, or shadowed in an object made from the cache, is asked as it is.
    const shadowed = Object.create(cache, { get: { value: cache.get } }) as ModelCache;
    expect(peekOf(shadowed)).toBeDefined();
    const wrapped = Object.create(cache, { get: { value: async () => undefined } }) as ModelCache;
    expect(peekOf(wrapped)).toBeUndefined();
    cache.get = async () => undefined;
    expect(peekOf(cache)).toBeUndefined();
    // A spy keeps the properties of the function it replaces: it is called all the same.
    const spied = createMemoryCache();
    vi.spyOn(spied, 'get').mockResolvedValue(undefined);
    expect(peekOf(spied)).toBeUndefined();
  });

  it('serves a hit from the memory cache, and asks a get that replaced the cache’s own', async () => {
    const cache = createMemoryCache();
    const catalog = catalogOver(cache);
    const first = await catalog.listModels({ provider: 'local' });
    expect(first.status.source).toBe('live');
    const hit = await catalog.listModels({ provider: 'local' });
    expect(hit.status.source).toBe('cache');
    expect(hit.models).toEqual(first.models);
    const own = cache.get;
    const keys: string[] = [];
    cache.get = (key: string): Promise<CacheEntry | undefined> => {
      keys.push(key);
      return own.call(cache, key);
    };
    expect((await catalog.listModels({ provider: 'local' })).status.source).toBe('cache');
    expect(keys).toEqual(['local']);
  });

  it('still rejects a call whose signal has aborted, on a hit too', async () => {
    const catalog = catalogOver(createMemoryCache());
    await catalog.listModels({ provider: 'local' });
    const controller = new AbortController();
    controller.abort();
    await expect(
      catalog.listModels({ provider: 'local', signal: controller.signal }),
    ).rejects.toMatchObject({ kind: 'aborted' });
  });
});

describe('readCacheEntry', () => {
  it('checks a frozen value once: the same value gives the same entry', () => {
    const value = Object.freeze({
      ...cacheEntry('openai'),
      models: Object.freeze([{ id: 'gpt-4o' }]),
    });
    const first = readCacheEntry(value, 'openai');
    expect(first?.models).toEqual([model('gpt-4o')]);
    expect(readCacheEntry(value, 'openai')).toBe(first);
    expect(readCacheEntry(value, 'groq')).toBeUndefined();
    expect(Object.isFrozen(first?.models[0])).toBe(true);
  });

  it('checks a value that is not frozen every time, and freezes the models it keeps', () => {
    const value = cacheEntry('openai');
    const first = readCacheEntry(value, 'openai');
    expect(readCacheEntry(value, 'openai')).not.toBe(first);
    expect(Object.isFrozen(value.models[0])).toBe(true);
    (value as { fetchedAt: string }).fetchedAt = 'not a time';
    expect(readCacheEntry(value, 'openai')).toBeUndefined();
  });
});
