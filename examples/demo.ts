/**
 * A tour of model-catalog that needs no key and no internet.
 *
 * It starts two small servers on 127.0.0.1 standing in for local inference
 * servers (an OpenAI-compatible one such as vLLM or llama.cpp, and Ollama),
 * lists their models, lists them again from the cache file, then refreshes.
 * When real API keys are set in the environment, it lists those providers too.
 * Last, it enriches an OpenAI-style listing (ids only) from the models.dev
 * snapshot built into the package, showing where each fact came from.
 *
 * Run it with `npm run demo`. In your own code, import from 'model-catalog'.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { modelsDevSnapshot } from '../src/entries/snapshot.js';
import {
  anthropic,
  type CatalogResult,
  createFileCache,
  createModelCatalog,
  type Model,
  ollama,
  openai,
  openaiCompatible,
} from '../src/index.js';

// What the two stand-in servers answer.
const OPENAI_COMPATIBLE_MODELS = {
  object: 'list',
  data: [
    { id: 'llama-3.1-8b-instruct', object: 'model', created: 1721692800, owned_by: 'local' },
    { id: 'nomic-embed-text-v1.5', object: 'model', created: 1707436800, owned_by: 'local' },
    { id: 'whisper-large-v3', object: 'model', created: 1699315200, owned_by: 'local' },
    { id: 'kokoro-82m', object: 'model', created: 1735689600, owned_by: 'local' },
    { id: 'flux.1-schnell', object: 'model', created: 1722556800, owned_by: 'local' },
  ],
};
const OLLAMA_TAGS = {
  models: [
    {
      name: 'qwen3:8b',
      model: 'qwen3:8b',
      modified_at: '2026-05-02T10:15:00.000000000+02:00',
      details: { family: 'qwen3', parameter_size: '8.2B', quantization_level: 'Q4_K_M' },
      capabilities: ['completion', 'tools', 'thinking'],
    },
    {
      name: 'gemma3:4b',
      model: 'gemma3:4b',
      modified_at: '2026-04-21T18:03:55.000000000+02:00',
      details: { family: 'gemma3', parameter_size: '4.3B', quantization_level: 'Q4_K_M' },
      capabilities: ['completion', 'vision'],
    },
    {
      name: 'nomic-embed-text:latest',
      model: 'nomic-embed-text:latest',
      modified_at: '2026-04-19T09:12:03.000000000+02:00',
      details: { family: 'nomic-bert', parameter_size: '137M', quantization_level: 'F16' },
      capabilities: ['embedding'],
    },
  ],
};

// An OpenAI-style listing says little more than ids: the catalog fills in the rest.
const OPENAI_MODELS = {
  object: 'list',
  data: [
    { id: 'gpt-4o', object: 'model', created: 1715367049, owned_by: 'system' },
    { id: 'o4-mini', object: 'model', created: 1744225351, owned_by: 'system' },
    { id: 'text-embedding-3-large', object: 'model', created: 1705953180, owned_by: 'system' },
    { id: 'ft:gpt-4o-mini-2024-07-18:acme::demo', object: 'model', owned_by: 'acme' },
  ],
};

const openaiServer = await startServer({
  '/v1/models': OPENAI_COMPATIBLE_MODELS,
  // A stand-in for api.openai.com; the stand-in for api.anthropic.com answers 404 throughout.
  '/openai/v1/models': OPENAI_MODELS,
});
const ollamaServer = await startServer({ '/api/tags': OLLAMA_TAGS });
const cacheDir = mkdtempSync(join(tmpdir(), 'model-catalog-demo-'));

try {
  const cache = createFileCache({ dir: cacheDir });
  const catalog = createModelCatalog({
    providers: [
      // Any OpenAI-compatible server (vLLM, llama.cpp, LiteLLM...): one call, its own id.
      openaiCompatible({ id: 'local-vllm', baseURL: `${openaiServer.url}/v1` }),
      ollama({ baseURL: ollamaServer.url }),
    ],
    cache,
    // Read nothing from this machine's environment: the demo talks only to its own servers.
    env: {},
  });

  section('1. First call: fetched live from each server');
  const first = await catalog.listModels();
  printResult(first);

  section('2. Second call: served from the cache files, no request made');
  const requestsBefore = openaiServer.requests + ollamaServer.requests;
  const second = await catalog.listModels();
  for (const [provider, status] of Object.entries(second.status)) {
    console.log(
      `${provider}: ${second.providers[provider]?.length ?? 0} models, source ${status.source}`,
    );
    console.log(`  file      ${await cache.filePath(provider)}`);
    console.log(`  fetchedAt ${status.fetchedAt}`);
  }
  console.log(
    `requests to the servers during this call: ${openaiServer.requests + ollamaServer.requests - requestsBefore}`,
  );

  section('3. Refresh: skips the cache, fetches again and rewrites the files');
  const refreshed = await catalog.listModels({ refresh: true });
  for (const [provider, status] of Object.entries(refreshed.status)) {
    console.log(`${provider}: source ${status.source}, fetchedAt ${status.fetchedAt}`);
  }

  section('4. Providers configured by your environment');
  // With no `providers` option the catalog uses every built-in provider that
  // the environment (process.env) configures; nothing is contacted otherwise.
  const fromEnvironment = createModelCatalog({ cache });
  const configured = fromEnvironment.listProviders().filter((provider) => provider.configured);
  if (configured.length === 0) {
    console.log(
      'No API key is set (OPENAI_API_KEY, ANTHROPIC_API_KEY, OPENROUTER_API_KEY, ...): skipped.',
    );
  } else {
    console.log(`Configured: ${configured.map((provider) => provider.id).join(', ')}`);
    printResult(await fromEnvironment.listModels());
  }

  section('5. Enriched from the models.dev snapshot built into the package');
  // Precedence, field by field: overrides > the live listing > catalogs (in their order).
  const enriched = createModelCatalog({
    providers: [
      openai({ apiKey: 'sk-demo-not-a-real-key', baseURL: `${openaiServer.url}/openai/v1` }),
      anthropic({
        apiKey: 'sk-ant-demo-not-a-real-key',
        baseURL: `${openaiServer.url}/anthropic/v1`,
      }),
    ],
    catalogs: [modelsDevSnapshot()], // modelsDev() would read https://models.dev/api.json instead
    overrides: { openai: { 'gpt-4o': { contextLength: 100_000 } } },
    fallback: 'catalog', // a provider that fails with nothing cached is answered from the catalog
    cache: false,
    env: {},
  });
  const listing = await enriched.listModels();
  const openaiModels = listing.providers.openai ?? [];
  printSources(openaiModels.find((model) => model.id === 'gpt-4o'));
  const fineTune = openaiModels.find((model) => model.id.startsWith('ft:'));
  console.log(
    `\n${fineTune?.id}: not in the catalog, left as listed (sources: ${fineTune?.sources === undefined ? 'none' : 'some'})`,
  );
  const anthropicStatus = listing.status.anthropic;
  console.log(
    `\nanthropic failed (${anthropicStatus?.error?.kind} ${anthropicStatus?.error?.status}): ` +
      `${listing.providers.anthropic?.length ?? 0} models from source '${anthropicStatus?.source}', ` +
      `stale ${anthropicStatus?.stale}, as of ${anthropicStatus?.fetchedAt}`,
  );
} finally {
  rmSync(cacheDir, { recursive: true, force: true });
  await Promise.all([openaiServer.close(), ollamaServer.close()]);
}

/** Prints each provider's models as a table, then each provider that failed. */
function printResult(result: CatalogResult): void {
  for (const [provider, models] of Object.entries(result.providers)) {
    const status = result.status[provider];
    console.log(
      `\n${provider} (${models.length} models, ${status?.source}, fetched ${status?.fetchedAt})`,
    );
    printTable(models);
  }
  for (const [provider, error] of Object.entries(result.errors)) {
    console.log(`\n${provider} failed (${error.kind}): ${error.message}`);
  }
}

function printTable(models: readonly Model[]): void {
  const rows = [
    ['id', 'name', 'category'],
    ...models.map((model) => [model.id, model.name, model.category]),
  ];
  const widths = [0, 1, 2].map((column) => Math.max(...rows.map((row) => row[column]!.length)));
  for (const row of rows) {
    console.log(
      `  ${row.map((cell, column) => cell.padEnd(widths[column]!)).join('  ')}`.trimEnd(),
    );
  }
}

/** Prints one model's fields, each with where it came from: the live listing, a catalog, or an override. */
function printSources(model: Model | undefined): void {
  if (!model) return;
  console.log(`\n${model.provider}/${model.id}`);
  const fields = ['name', 'category', 'created', 'ownedBy', ...Object.keys(model.sources ?? {})];
  const fieldValue = (path: string): unknown =>
    path
      .split('.')
      .reduce<unknown>((value, key) => (value as Record<string, unknown>)?.[key], model);
  const width = Math.max(...fields.map((field) => field.length));
  for (const field of [...new Set(fields)]) {
    const value = fieldValue(field);
    if (value === undefined) continue;
    const shown = Array.isArray(value) ? value.join(',') : String(value);
    console.log(
      `  ${field.padEnd(width)}  ${shown.padEnd(16)}  ${model.sources?.[field] ?? 'live'}`,
    );
  }
}

function section(title: string): void {
  console.log(`\n== ${title}`);
}

interface LocalServer {
  readonly url: string;
  readonly requests: number;
  close(): Promise<void>;
}

/** A tiny HTTP server on a free port of 127.0.0.1 answering each path with its JSON body. */
async function startServer(routes: Record<string, unknown>): Promise<LocalServer> {
  let requests = 0;
  const server: Server = createServer((request, response) => {
    requests++;
    const body = routes[new URL(request.url ?? '/', 'http://localhost').pathname];
    response.writeHead(body === undefined ? 404 : 200, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body ?? { error: 'not found' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get requests() {
      return requests;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
