/**
 * Shared by the serving examples so they run with no key and no internet: three local stand-ins
 * for the OpenAI, Anthropic and OpenRouter model APIs on 127.0.0.1, a catalog pointed at them, and
 * `runExample`, which either serves until stopped or, with `--self-test`, calls the server over
 * real HTTP, prints the answers and exits (0 when every answer is as expected).
 *
 * Pass `--live` to an example to list your real providers (from your environment) instead.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  anthropic,
  createMemoryCache,
  createModelCatalog,
  type ModelCatalog,
  openai,
  openrouter,
} from '../src/index.js';

const OPENAI_MODELS = {
  object: 'list',
  data: [
    { id: 'gpt-4o', object: 'model', created: 1715367049, owned_by: 'system' },
    { id: 'gpt-4o-mini', object: 'model', created: 1721172741, owned_by: 'system' },
    { id: 'text-embedding-3-large', object: 'model', created: 1705953180, owned_by: 'system' },
    { id: 'whisper-1', object: 'model', created: 1677532384, owned_by: 'openai-internal' },
  ],
};

const ANTHROPIC_MODELS = {
  data: [
    {
      type: 'model',
      id: 'claude-opus-4-1',
      display_name: 'Claude Opus 4.1',
      created_at: '2025-08-05T00:00:00Z',
    },
    {
      type: 'model',
      id: 'claude-sonnet-4-5',
      display_name: 'Claude Sonnet 4.5',
      created_at: '2025-09-29T00:00:00Z',
    },
  ],
  has_more: false,
  first_id: 'claude-opus-4-1',
  last_id: 'claude-sonnet-4-5',
};

const OPENROUTER_MODELS = {
  data: [
    {
      id: 'openai/gpt-4o',
      canonical_slug: 'openai/gpt-4o',
      name: 'OpenAI: GPT-4o',
      created: 1715558400,
      description: 'GPT-4o ("o" for "omni") takes text and image inputs.',
      context_length: 128000,
      architecture: {
        modality: 'text+image->text',
        input_modalities: ['text', 'image', 'file'],
        output_modalities: ['text'],
        tokenizer: 'GPT',
        instruct_type: null,
      },
      pricing: {
        prompt: '0.0000025',
        completion: '0.00001',
        request: '0',
        image: '0.003613',
        input_cache_read: '0.00000125',
      },
      top_provider: { context_length: 128000, max_completion_tokens: 16384, is_moderated: true },
      per_request_limits: null,
      supported_parameters: [
        'max_tokens',
        'temperature',
        'tools',
        'tool_choice',
        'response_format',
      ],
    },
  ],
};

/** Starts the stand-in provider APIs on a free 127.0.0.1 port. */
export async function startStandInProviders(): Promise<{
  url: string;
  close: () => Promise<void>;
}> {
  const bodies: Record<string, unknown> = {
    '/openai/v1/models': OPENAI_MODELS,
    '/anthropic/v1/models': ANTHROPIC_MODELS,
    '/openrouter/api/v1/models': OPENROUTER_MODELS,
    '/openrouter/api/v1/embeddings/models': { data: [] },
  };
  const server = createServer((request, response) => {
    const body = bodies[new URL(request.url ?? '/', 'http://127.0.0.1').pathname];
    response.writeHead(body ? 200 : 404, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body ?? { error: 'not found' }));
  });
  const url = await listen(server, 0);
  return { url, close: () => close(server) };
}

/** A catalog of the stand-ins, or with `--live` the default catalog (your environment's keys). */
export async function exampleCatalog(): Promise<{
  catalog: ModelCatalog;
  close: () => Promise<void>;
}> {
  if (process.argv.includes('--live'))
    return { catalog: createModelCatalog(), close: async () => {} };
  const standIns = await startStandInProviders();
  const catalog = createModelCatalog({
    providers: [
      openai({ apiKey: 'stand-in', baseURL: `${standIns.url}/openai/v1` }),
      anthropic({ apiKey: 'stand-in', baseURL: `${standIns.url}/anthropic/v1` }),
      openrouter({ apiKey: 'stand-in', baseURL: `${standIns.url}/openrouter/api/v1` }),
    ],
    cache: createMemoryCache(),
  });
  return { catalog, close: standIns.close };
}

/** One self-test call: a path, optional headers, and a check of the JSON answer. */
export interface SelfTestCall {
  readonly path: string;
  readonly headers?: Record<string, string>;
  readonly check: (body: Record<string, unknown>) => boolean;
}

/**
 * Serves on `PORT` (default 3000) until stopped, printing the URL; with `--self-test`, serves on a
 * free port, runs the calls over real HTTP, prints each answer and exits.
 */
export async function runExample(options: {
  readonly start: (port: number) => Promise<{ url: string; close: () => Promise<void> }>;
  readonly calls: readonly SelfTestCall[];
  readonly cleanup: () => Promise<void>;
}): Promise<void> {
  const selfTest = process.argv.includes('--self-test');
  const port = selfTest ? 0 : Number(process.env.PORT ?? 3000);
  const server = await options.start(port);
  console.log(`Listening on ${server.url}`);
  if (!selfTest) {
    const stop = () =>
      void server
        .close()
        .then(options.cleanup)
        .then(() => process.exit(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    return;
  }
  let failures = 0;
  for (const call of options.calls) {
    const response = await fetch(`${server.url}${call.path}`, { headers: call.headers ?? {} });
    const body = (await response.json()) as Record<string, unknown>;
    const ok = response.status === 200 && call.check(body);
    if (!ok) failures++;
    console.log(
      `${ok ? 'ok  ' : 'FAIL'} GET ${call.path} -> ${response.status} ${JSON.stringify(body).slice(0, 160)}`,
    );
  }
  await server.close();
  await options.cleanup();
  console.log(failures === 0 ? 'self-test passed' : `self-test failed: ${failures} call(s)`);
  process.exit(failures === 0 ? 0 : 1);
}

/** Listens on 127.0.0.1 and resolves with the base URL. */
export function listen(server: Server, port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    });
  });
}

/** Closes a server, ending idle keep-alive connections. */
export function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
