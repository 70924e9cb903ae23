// Faults of the file cache met by a catalog listing a real server on 127.0.0.1: several
// processes racing on one file, a directory that cannot be written, a directory where the
// file should be, and a planted symlink. The listing always answers; the cache never tears.
import {
  chmodSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  type CatalogEvent,
  createFileCache,
  createModelCatalog,
  openai,
  openaiCompatible,
} from '../../src/index.js';
import { runScript } from '../helpers/run-script.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { guardAgainstLeaks, json, startFaultServer } from './fault-server.js';

guardAgainstLeaks();
const upstream = await startFaultServer(
  json(200, { data: [{ id: 'gpt-4o' }, { id: 'whisper-1' }] }),
);
const healthy = await startFaultServer(json(200, { data: [{ id: 'healthy-chat-1' }] }));
afterAll(() => Promise.all([upstream.stop(), healthy.stop()]));

const tempDir = useTempDir();

function catalogWith(dir: string, events: CatalogEvent[]) {
  return createModelCatalog({
    providers: [
      openai({ apiKey: 'sk-cache-faults-0000', baseURL: `${upstream.url}/v1` }),
      openaiCompatible({ id: 'healthy', baseURL: `${healthy.url}/v1` }),
    ],
    cache: createFileCache({ dir }),
    retries: 0,
    timeoutMs: 1000,
    onEvent: (event) => events.push(event),
  });
}

describe('the file cache under faults', () => {
  it('never shows a reader process a torn or invalid file while two processes write it in a loop', async () => {
    const dir = tempDir();
    const writer = new URL('../helpers/cache-writer.ts', import.meta.url);
    const reader = new URL('./cache-reader.ts', import.meta.url);
    const [first, second, read] = await Promise.all([
      runScript(writer, [dir, '1', '1500']),
      runScript(writer, [dir, '2', '1500']),
      runScript(reader, [dir, '1700']),
    ]);
    expect(first.code, first.output).toBe(0);
    expect(second.code, second.output).toBe(0);
    expect(Number(first.output) + Number(second.output)).toBeGreaterThan(4);
    expect(read.code, read.output).toBe(0);
    const report = JSON.parse(read.output) as { reads: number; tornCount: number; torn: string[] };
    expect(report.torn).toEqual([]);
    expect(report.tornCount).toBe(0);
    expect(report.reads).toBeGreaterThan(10);
    expect(readdirSync(dir)).toEqual(['openai.json']); // no temporary file left behind
  }, 15_000);

  it('lists every provider and reports one write error per provider when the directory cannot be written', async () => {
    const parent = tempDir();
    let dir: string;
    if (process.getuid?.() === 0) {
      // root ignores permissions: a path under a regular file can never be created.
      writeFileSync(join(parent, 'a-file'), 'not a directory');
      dir = join(parent, 'a-file', 'cache');
    } else {
      dir = join(parent, 'read-only');
      mkdirSync(dir);
      chmodSync(dir, 0o500);
    }
    const events: CatalogEvent[] = [];
    try {
      const result = await catalogWith(dir, events).listModels();
      expect(result.errors).toEqual({});
      expect(result.providers.openai?.map((model) => model.id)).toEqual(['gpt-4o', 'whisper-1']);
      expect(result.providers.healthy?.map((model) => model.id)).toEqual(['healthy-chat-1']);
    } finally {
      if (process.getuid?.() !== 0) chmodSync(dir, 0o700);
    }
    const writeErrors = events.filter((event) => event.type === 'cache:write-error');
    expect(writeErrors.map((event) => event.provider).sort()).toEqual(['healthy', 'openai']);
    expect(writeErrors[0]?.message).toMatch(/ENOTDIR|EACCES|EROFS/);
  });

  it('treats a directory where the cache file should be as a miss, lists live and reports the failed write', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'openai.json'));
    const events: CatalogEvent[] = [];
    const catalog = catalogWith(dir, events);
    for (let call = 1; call <= 2; call++) {
      const result = await catalog.listModels();
      expect(result.errors).toEqual({});
      expect(result.status.openai?.source).toBe('live');
      expect(result.providers.openai?.map((model) => model.id)).toEqual(['gpt-4o', 'whisper-1']);
    }
    expect(
      events
        .filter((event) => 'provider' in event && event.provider === 'openai')
        .map((event) => event.type),
    ).toEqual([
      ...['cache:read-error', 'cache:miss', 'fetch:start', 'cache:write-error', 'fetch:success'],
      ...['cache:read-error', 'cache:miss', 'fetch:start', 'cache:write-error', 'fetch:success'],
    ]);
    expect(events.find((event) => event.type === 'cache:read-error')).toMatchObject({
      message: expect.stringMatching(/openai\.json is not a regular file/),
    });
    expect(lstatSync(join(dir, 'openai.json')).isDirectory()).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['healthy.json', 'openai.json']); // no temporary file left
  });

  it('replaces a cache file symlinked outside the directory instead of writing through it', async () => {
    const dir = tempDir();
    const cacheDir = join(dir, 'cache');
    mkdirSync(cacheDir);
    const outside = join(dir, 'outside.txt');
    writeFileSync(outside, 'precious data outside the cache directory\n');
    symlinkSync(outside, join(cacheDir, 'openai.json'));

    const events: CatalogEvent[] = [];
    const result = await catalogWith(cacheDir, events).listModels();
    expect(result.errors).toEqual({});
    expect(result.status.openai?.source).toBe('live');
    expect(readFileSync(outside, 'utf8')).toBe('precious data outside the cache directory\n');
    const file = join(cacheDir, 'openai.json');
    expect(lstatSync(file).isSymbolicLink()).toBe(false);
    expect(lstatSync(file).isFile()).toBe(true);
    expect(
      JSON.parse(readFileSync(file, 'utf8')).models.map((model: { id: string }) => model.id),
    ).toEqual(['gpt-4o', 'whisper-1']);
    expect(events.filter((event) => event.type === 'cache:write-error')).toEqual([]);
  });
});
