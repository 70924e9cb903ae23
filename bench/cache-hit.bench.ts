/**
 * Cache hits, against their floors, side by side in one run (326 OpenRouter-shaped models):
 * - a memory-cache hit: at most 5 µs, printed with its ratio to an async function returning a
 *   pre-built frozen result (the floor);
 * - a file-cache hit on an unchanged file: at most 0.1x a raw `readFile` + `JSON.parse` of the
 *   same file (an in-process copy checked with one `stat`);
 * - a file-cache hit on a changed file, and in a cold process (a new cache and catalog): at
 *   most 1.2x the raw read and parse.
 * And, for context (no target), a storage-cache hit on an unchanged value (unstorage's memory
 * driver: on Redis the network read comes on top), against a raw read and parse of its text.
 */
import { mkdtempSync, rmSync, statSync, utimesSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStorage } from 'unstorage';
import memoryDriver from 'unstorage/drivers/memory';
import {
  createFileCache,
  createMemoryCache,
  createModelCatalog,
  createStorageCache,
  openrouter,
} from '../src/index.js';
import { duration, fakeFetch, figure, info, measure, openRouterModels } from './helpers.js';

const MODEL_COUNT = 326;
const YEAR = 365 * 24 * 60 * 60 * 1000;
const bodies = {
  '/api/v1/models': JSON.stringify({ data: openRouterModels(MODEL_COUNT) }),
  '/api/v1/embeddings/models': JSON.stringify({ data: [] }),
};
const refuse = (): Promise<Response> => Promise.reject(new Error('the benchmark must not fetch'));

// Memory: a warm catalog, against an async function returning a frozen result.
const memory = createModelCatalog({
  providers: [openrouter()],
  cache: createMemoryCache(),
  env: {},
  ttlMs: YEAR,
  fetch: fakeFetch(bodies),
});
await memory.listModels({ provider: 'openrouter' });
const warm = await memory.listModels({ provider: 'openrouter' });
if (warm.status.source !== 'cache' || warm.models.length !== MODEL_COUNT) {
  throw new Error(
    `expected ${MODEL_COUNT} models from the memory cache, got ${warm.models.length}`,
  );
}
const frozen = Object.freeze({ ...warm, models: Object.freeze([...warm.models]) });
const floor = async (): Promise<typeof frozen> => frozen;

const dir = mkdtempSync(join(tmpdir(), 'model-catalog-bench-'));
try {
  const cache = createFileCache({ dir });
  const file = await cache.filePath('openrouter');
  await createModelCatalog({
    providers: [openrouter()],
    cache,
    env: {},
    fetch: fakeFetch(bodies),
  }).listModels({
    provider: 'openrouter',
  });
  const fileCatalog = createModelCatalog({
    providers: [openrouter()],
    cache,
    env: {},
    ttlMs: YEAR,
    fetch: refuse,
  });
  const check = await fileCatalog.listModels({ provider: 'openrouter' });
  if (check.status.source !== 'cache' || check.models.length !== MODEL_COUNT) {
    throw new Error(
      `expected ${MODEL_COUNT} models from the file cache, got ${check.models.length}`,
    );
  }
  let touches = 0;
  const memoryHits = await measure({
    floor,
    memoryHit: () => memory.listModels({ provider: 'openrouter' }),
  });
  const fileHits = await measure({
    fileHit: () => fileCatalog.listModels({ provider: 'openrouter' }),
  });
  const hits = { ...memoryHits, ...fileHits };
  const reads = await measure({
    raw: async () => JSON.parse(await readFile(file, 'utf8')),
    fileHitAgain: () => fileCatalog.listModels({ provider: 'openrouter' }),
    changedFile: async () => {
      // A new modification time, as another process's write would give (the touch itself
      // costs a few microseconds, counted in).
      touches++;
      utimesSync(file, new Date(), new Date(Date.now() + touches));
      return fileCatalog.listModels({ provider: 'openrouter' });
    },
    coldProcess: () =>
      createModelCatalog({
        providers: [openrouter()],
        cache: createFileCache({ dir }),
        env: {},
        ttlMs: YEAR,
        fetch: refuse,
      }).listModels({ provider: 'openrouter' }),
  });
  const { floor: floorTime, memoryHit, fileHit } = hits as Record<string, number>;
  const { raw, changedFile, coldProcess } = reads as Record<string, number>;
  const changed = changedFile!;
  info(
    'cache file',
    `${MODEL_COUNT} models, ${(statSync(file).size / 1024).toFixed(0)} KiB, compact JSON`,
  );
  figure(
    `memory-cache hit, ${MODEL_COUNT} models`,
    `${duration(memoryHit!)} = ${(memoryHit! / floorTime!).toFixed(1)}x an async function returning a frozen result (${duration(floorTime!)})`,
    'at most 5 µs',
    memoryHit! <= 0.005,
  );
  info('raw readFile + JSON.parse of the cache file', duration(raw!));
  figure(
    'file-cache hit, unchanged file',
    `${duration(fileHit!)} = ${(fileHit! / raw!).toFixed(3)}x raw readFile + JSON.parse`,
    'at most 0.1x',
    fileHit! / raw! <= 0.1,
  );
  figure(
    'file-cache hit, changed file',
    `${duration(changed)} = ${(changed / raw!).toFixed(2)}x raw readFile + JSON.parse`,
    'at most 1.2x',
    changed / raw! <= 1.2,
  );
  figure(
    'file-cache hit, cold process (new cache and catalog)',
    `${duration(coldProcess!)} = ${(coldProcess! / raw!).toFixed(2)}x raw readFile + JSON.parse`,
    'at most 1.2x',
    coldProcess! / raw! <= 1.2,
  );

  // A store a fleet shares: one process filled it, another lists from it.
  const storage = createStorage({ driver: memoryDriver() });
  await createModelCatalog({
    providers: [openrouter()],
    cache: createStorageCache(storage),
    env: {},
    fetch: fakeFetch(bodies),
  }).listModels({ provider: 'openrouter' });
  const storageCatalog = createModelCatalog({
    providers: [openrouter()],
    cache: createStorageCache(storage),
    env: {},
    ttlMs: YEAR,
    fetch: refuse,
  });
  const [storageKey] = await storage.getKeys();
  const stored = await measure({
    rawText: async () => JSON.parse((await storage.getItemRaw(storageKey!)) as string),
    storageHit: () => storageCatalog.listModels({ provider: 'openrouter' }),
  });
  const { rawText, storageHit } = stored as Record<string, number>;
  info(
    'storage-cache hit, unchanged value (unstorage memory driver)',
    `${duration(storageHit!)} = ${(storageHit! / rawText!).toFixed(3)}x a raw read + JSON.parse of the stored text (${duration(rawText!)})`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
