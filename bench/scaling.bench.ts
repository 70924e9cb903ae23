/**
 * Scaling from 100 to 100,000 models, per model, on every path: a cold (live) listing, a
 * file-cache hit, a memory-cache hit, and a handler page right after the list changed (its
 * filter and sort included). Linear means the cost per model does not grow with the list:
 * from 1,000 models up, no size may cost more than 2x per model what 1,000 models cost (at
 * 100 models the fixed cost of a call dominates, so the cost per model is higher there; a
 * quadratic step would show as 10x, a sort's n log n as at most 1.7x).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createFileCache,
  createMemoryCache,
  createModelCatalog,
  createModelsHandler,
  type Model,
  openai,
  type ProviderAdapter,
} from '../src/index.js';
import { fakeFetch, figure, info, measure, measureAfter, openAIModels } from './helpers.js';

const SIZES = [100, 1_000, 10_000, 100_000];
const YEAR = 365 * 24 * 60 * 60 * 1000;
const refuse = (): Promise<Response> => Promise.reject(new Error('the benchmark must not fetch'));
const perModel: Record<string, number[]> = {
  'cold list': [],
  'file-cache hit': [],
  'memory-cache hit': [],
  'handler page after a change': [],
};

const dir = mkdtempSync(join(tmpdir(), 'model-catalog-scaling-'));
try {
  for (const size of SIZES) {
    const rounds = size >= 100_000 ? 5 : size >= 10_000 ? 10 : 20;
    const bodies = { '/v1/models': JSON.stringify({ object: 'list', data: openAIModels(size) }) };
    const options = { env: {}, maxModels: size, maxResponseBytes: 100 * 1024 * 1024 };
    const live = createModelCatalog({
      ...options,
      providers: [openai({ apiKey: 'sk-bench' })],
      cache: createMemoryCache(),
      fetch: fakeFetch(bodies),
    });
    const cache = createFileCache({ dir: join(dir, String(size)) });
    await createModelCatalog({
      ...options,
      providers: [openai({ apiKey: 'sk-bench' })],
      cache,
      fetch: fakeFetch(bodies),
    }).listModels({ provider: 'openai' });
    const fromFile = createModelCatalog({
      ...options,
      providers: [openai({ apiKey: 'sk-bench' })],
      cache,
      ttlMs: YEAR,
      fetch: refuse,
    });
    const times = await measure(
      {
        cold: () => live.listModels({ provider: 'openai', refresh: true }),
        file: () => fromFile.listModels({ provider: 'openai' }),
        memory: () => live.listModels({ provider: 'openai' }),
      },
      { rounds, warmupMs: 100 },
    );

    // A provider whose list the benchmark replaces before each page.
    let version = 0;
    const changing: ProviderAdapter = {
      id: 'changing',
      async listModels(): Promise<Model[]> {
        version++;
        return Array.from({ length: size }, (_, index) => ({
          id: `model-${index}-v${version}`,
          name: `Model ${index}`,
          category: 'chat',
          provider: 'changing',
          ownedBy: 'changing',
        }));
      },
    };
    const catalog = createModelCatalog({
      ...options,
      providers: [changing],
      cache: createMemoryCache(),
    });
    const handler = createModelsHandler(catalog, { minRefreshIntervalMs: 0 });
    const page = await measureAfter(
      () => catalog.listModels({ refresh: true }),
      {
        page: async () =>
          (
            await handler(new Request('http://models.bench/v1/models?format=openai&page_size=100'))
          ).text(),
      },
      { rounds, warmupRounds: 2 },
    );
    perModel['cold list']!.push(times.cold! / size);
    perModel['file-cache hit']!.push(times.file! / size);
    perModel['memory-cache hit']!.push(times.memory! / size);
    perModel['handler page after a change']!.push(page.page! / size);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const micro = (milliseconds: number): string => `${(milliseconds * 1000).toPrecision(3)} µs`;
for (const [path, costs] of Object.entries(perModel)) {
  info(
    `${path}, per model`,
    costs.map((cost, index) => `${SIZES[index]!.toLocaleString('en')}: ${micro(cost)}`).join(', '),
  );
  const reference = costs[SIZES.indexOf(1_000)]!;
  const worst = Math.max(...costs.slice(SIZES.indexOf(1_000)).map((cost) => cost / reference));
  figure(
    `${path} scales linearly from 100 to 100,000 models`,
    `at most ${worst.toFixed(2)}x per model what 1,000 models cost`,
    'at most 2x from 1,000 models up',
    worst <= 2,
  );
}
