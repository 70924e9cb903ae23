/**
 * What a cache hit costs: `listModels({ provider })` served from the file cache,
 * against reading and parsing the same file by hand. Target: at most 1.5x.
 *
 * The list is OpenRouter-sized (350 models with descriptions, prices, modalities
 * and parameters), generated here and written through the catalog itself, so the
 * cache file is exactly what a real listing leaves behind.
 *
 * Run with `npm run bench`.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Bench } from 'tinybench';
import { createFileCache, createModelCatalog, openrouter } from '../src/index.js';

const MODEL_COUNT = 350;
const TARGET_RATIO = 1.5;

const dir = mkdtempSync(join(tmpdir(), 'model-catalog-bench-'));
try {
  const cache = createFileCache({ dir });
  const file = await cache.filePath('openrouter');

  // Fill the cache with one live listing, answered by a fake fetch.
  const lists: Record<string, unknown> = {
    '/api/v1/models': { data: generateModels(MODEL_COUNT) },
    '/api/v1/embeddings/models': { data: [] },
  };
  const fakeFetch = async (input: RequestInfo | URL): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : input);
    return Response.json(lists[url.pathname] ?? {}, { status: url.pathname in lists ? 200 : 404 });
  };
  await createModelCatalog({
    providers: [openrouter()],
    cache,
    env: {},
    fetch: fakeFetch,
  }).listModels({
    provider: 'openrouter',
  });

  // A catalog that can only answer from the cache: any fetch would throw.
  const catalog = createModelCatalog({
    providers: [openrouter()],
    cache,
    env: {},
    ttlMs: 365 * 24 * 60 * 60 * 1000,
    fetch: () => Promise.reject(new Error('the benchmark must not fetch')),
  });
  const check = await catalog.listModels({ provider: 'openrouter' });
  if (check.status.source !== 'cache' || check.models.length !== MODEL_COUNT) {
    throw new Error(
      `expected ${MODEL_COUNT} models from the cache, got ${check.models.length} (${check.status.source})`,
    );
  }

  const bench = new Bench({ name: 'cache hit', time: 2000, warmupTime: 500 });
  bench
    .add('JSON.parse(readFileSync(file))', () => {
      JSON.parse(readFileSync(file, 'utf8'));
    })
    .add("listModels({ provider: 'openrouter' }) from the file cache", async () => {
      await catalog.listModels({ provider: 'openrouter' });
    });
  await bench.run();

  console.log(`${MODEL_COUNT} models, cache file ${(statSync(file).size / 1024).toFixed(0)} KiB`);
  console.table(bench.table());
  const [raw, hit] = bench.tasks.map((task) => latency(task.result));
  // Medians resist the pauses of a busy machine; means include garbage collection.
  const ratio = hit!.p50 / raw!.p50;
  console.log(
    `median: cache hit ${hit!.p50.toFixed(3)} ms, raw read and parse ${raw!.p50.toFixed(3)} ms, ratio ${ratio.toFixed(2)}x ` +
      `(target at most ${TARGET_RATIO}x: ${ratio <= TARGET_RATIO ? 'met' : 'missed'})`,
  );
  console.log(
    `mean:   cache hit ${hit!.mean.toFixed(3)} ms, raw read and parse ${raw!.mean.toFixed(3)} ms, ratio ${(hit!.mean / raw!.mean).toFixed(2)}x`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}

function latency(result: object): { mean: number; p50: number } {
  if (!('latency' in result)) throw new Error('a benchmark task did not complete');
  return (result as { latency: { mean: number; p50: number } }).latency;
}

/** An OpenRouter `/models` list of `count` models, shaped like the real one. */
function generateModels(count: number): unknown[] {
  const authors = [
    'anthropic',
    'openai',
    'google',
    'meta-llama',
    'mistralai',
    'qwen',
    'deepseek',
    'x-ai',
  ];
  const parameters = [
    'max_tokens',
    'temperature',
    'top_p',
    'stop',
    'frequency_penalty',
    'presence_penalty',
    'seed',
    'tools',
    'tool_choice',
    'response_format',
    'structured_outputs',
    'reasoning',
    'include_reasoning',
  ];
  return Array.from({ length: count }, (_, index) => {
    const author = authors[index % authors.length]!;
    const slug = `model-${index}${index % 5 === 0 ? ':free' : ''}`;
    return {
      id: `${author}/${slug}`,
      canonical_slug: `${author}/${slug}-20250101`,
      hugging_face_id: null,
      name: `${author}: Model ${index}`,
      created: 1_700_000_000 + index * 86_400,
      description:
        `Model ${index} by ${author} is a general-purpose model for chat, coding and reasoning. `.repeat(
          5,
        ),
      context_length: 32_768 * (1 + (index % 8)),
      architecture: {
        modality: 'text+image->text',
        input_modalities: ['text', 'image'],
        output_modalities: ['text'],
        tokenizer: 'Other',
        instruct_type: null,
      },
      pricing: {
        prompt: (0.000_000_1 * (1 + (index % 30))).toFixed(10),
        completion: (0.000_000_4 * (1 + (index % 30))).toFixed(10),
        request: '0',
        image: '0.001',
        web_search: '0',
        internal_reasoning: '0',
        input_cache_read: '0.00000001',
      },
      top_provider: { context_length: 32_768, max_completion_tokens: 8_192, is_moderated: false },
      per_request_limits: null,
      supported_parameters: parameters.slice(0, 6 + (index % 8)),
    };
  });
}
