/**
 * Stand-in provider APIs on 127.0.0.1 for the CLI tests: OpenAI, Ollama and OpenRouter answering
 * with real-shaped lists, and Groq refusing its key. The environment that points the CLI at them
 * is the one a user sets (keys and base URLs), with planted keys that must never be printed.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export const PLANTED_KEYS = {
  OPENAI_API_KEY: 'sk-planted-openai-Zq8v3LmN4pR7tX1w',
  OPENROUTER_API_KEY: 'sk-or-v1-planted-openrouter-Hy6dK2sF9a',
  GROQ_API_KEY: 'gsk_planted_groq_Wm5cB8nQ3vJ0',
} as const;

export const OPENAI_MODELS = {
  object: 'list',
  data: [
    { id: 'gpt-4o', object: 'model', created: 1715367049, owned_by: 'system' },
    { id: 'gpt-4o-mini', object: 'model', created: 1721172741, owned_by: 'system' },
    { id: 'text-embedding-3-large', object: 'model', created: 1705953180, owned_by: 'system' },
    { id: 'whisper-1', object: 'model', created: 1677532384, owned_by: 'openai-internal' },
  ],
};

export const OLLAMA_TAGS = {
  models: [
    {
      name: 'qwen3:8b',
      model: 'qwen3:8b',
      modified_at: '2026-05-02T10:15:00.000000000+02:00',
      details: { family: 'qwen3', parameter_size: '8.2B', quantization_level: 'Q4_K_M' },
      capabilities: ['completion', 'tools', 'thinking'],
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

/** An OpenRouter entry: prices in USD per token as strings, as OpenRouter sends them. */
function routerModel(
  id: string,
  name: string,
  context: number,
  prices: readonly [prompt: string, completion: string, cacheRead?: string],
  input: readonly string[],
  parameters: readonly string[],
): Record<string, unknown> {
  return {
    id,
    canonical_slug: id,
    name,
    created: 1735689600,
    description: `${name}, as listed by the stand-in.`,
    context_length: context,
    architecture: {
      modality: `${input.join('+')}->text`,
      input_modalities: input,
      output_modalities: ['text'],
      tokenizer: 'Other',
      instruct_type: null,
    },
    pricing: {
      prompt: prices[0],
      completion: prices[1],
      request: '0',
      image: '0',
      ...(prices[2] ? { input_cache_read: prices[2] } : {}),
    },
    top_provider: { context_length: context, max_completion_tokens: 16384, is_moderated: false },
    per_request_limits: null,
    supported_parameters: ['max_tokens', 'temperature', ...parameters],
  };
}

const TOOLS = ['tools', 'tool_choice'];

export const OPENROUTER_MODELS = {
  data: [
    routerModel(
      'openai/gpt-4o',
      'OpenAI: GPT-4o',
      128000,
      ['0.0000025', '0.00001', '0.00000125'],
      ['text', 'image', 'file'],
      [...TOOLS, 'response_format', 'structured_outputs'],
    ),
    routerModel(
      'openai/gpt-4o-mini',
      'OpenAI: GPT-4o-mini',
      128000,
      ['0.00000015', '0.0000006'],
      ['text', 'image'],
      [...TOOLS, 'response_format'],
    ),
    routerModel(
      'anthropic/claude-sonnet-4.5',
      'Anthropic: Claude Sonnet 4.5',
      1000000,
      ['0.000003', '0.000015', '0.0000003'],
      ['text', 'image', 'file'],
      [...TOOLS, 'reasoning'],
    ),
    routerModel(
      'anthropic/claude-haiku-4.5',
      'Anthropic: Claude Haiku 4.5',
      200000,
      ['0.000001', '0.000005', '0.0000001'],
      ['text', 'image'],
      TOOLS,
    ),
    routerModel(
      'anthropic/claude-opus-4.1',
      'Anthropic: Claude Opus 4.1',
      200000,
      ['0.000015', '0.000075', '0.0000015'],
      ['text', 'image', 'file'],
      [...TOOLS, 'reasoning'],
    ),
    routerModel(
      'google/gemini-2.5-pro',
      'Google: Gemini 2.5 Pro',
      1048576,
      ['0.00000125', '0.00001'],
      ['text', 'image', 'file', 'audio'],
      [...TOOLS, 'reasoning', 'structured_outputs'],
    ),
    routerModel(
      'google/gemini-2.5-flash',
      'Google: Gemini 2.5 Flash',
      1048576,
      ['0.0000003', '0.0000025'],
      ['text', 'image', 'audio'],
      [...TOOLS, 'reasoning'],
    ),
    routerModel(
      'meta-llama/llama-3.3-70b-instruct',
      'Meta: Llama 3.3 70B Instruct',
      131072,
      ['0.00000013', '0.00000039'],
      ['text'],
      TOOLS,
    ),
    routerModel(
      'mistralai/mistral-small-3.2-24b-instruct',
      'Mistral: Mistral Small 3.2 24B',
      131072,
      ['0.0000001', '0.0000003'],
      ['text', 'image'],
      TOOLS,
    ),
    routerModel(
      'deepseek/deepseek-r1',
      'DeepSeek: R1',
      163840,
      ['0.00000055', '0.00000219'],
      ['text'],
      ['reasoning'],
    ),
    routerModel(
      'qwen/qwen3-235b-a22b',
      'Qwen: Qwen3 235B A22B',
      262144,
      ['0.00000022', '0.00000088'],
      ['text'],
      [...TOOLS, 'reasoning'],
    ),
    routerModel(
      'x-ai/grok-4',
      'xAI: Grok 4',
      256000,
      ['0.000003', '0.000015', '0.00000075'],
      ['text', 'image'],
      [...TOOLS, 'reasoning', 'structured_outputs'],
    ),
    routerModel(
      'mistralai/ministral-8b',
      'Mistral: Ministral 8B',
      32768,
      ['0.0000001', '0.0000001'],
      ['text'],
      TOOLS,
    ),
    routerModel(
      'deepseek/deepseek-chat-v3.1:free',
      'DeepSeek: V3.1 (free)',
      163840,
      ['0', '0'],
      ['text'],
      TOOLS,
    ),
  ],
};

export interface StandIns {
  readonly url: string;
  /** Answers by path; tests replace entries to change what a provider lists. */
  readonly routes: Map<
    string,
    { readonly status: number; readonly body: unknown; readonly delayMs?: number }
  >;
  /** Paths requested, in order. */
  readonly requests: string[];
  /** The environment a user would set to list these stand-ins. */
  env(): Record<string, string>;
  close(): Promise<void>;
}

/** Starts the stand-ins on a free 127.0.0.1 port. */
export async function startStandIns(): Promise<StandIns> {
  const routes = new Map<string, { status: number; body: unknown; delayMs?: number }>([
    ['/openai/v1/models', { status: 200, body: OPENAI_MODELS }],
    ['/ollama/api/tags', { status: 200, body: OLLAMA_TAGS }],
    ['/openrouter/api/v1/models', { status: 200, body: OPENROUTER_MODELS }],
    ['/openrouter/api/v1/embeddings/models', { status: 200, body: { data: [] } }],
    [
      '/groq/openai/v1/models',
      {
        status: 401,
        body: { error: { message: 'Invalid API Key', type: 'invalid_request_error' } },
      },
    ],
  ]);
  const requests: string[] = [];
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    requests.push(path);
    const route = routes.get(path) ?? { status: 404, body: { error: 'not found' } };
    const answer = (): void => {
      response.writeHead(route.status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(route.body));
    };
    if (route.delayMs) setTimeout(answer, route.delayMs).unref();
    else answer();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    routes,
    requests,
    env: () => ({
      OPENAI_API_KEY: PLANTED_KEYS.OPENAI_API_KEY,
      OPENAI_BASE_URL: `${url}/openai/v1`,
      OLLAMA_BASE_URL: `${url}/ollama`,
      OPENROUTER_API_KEY: PLANTED_KEYS.OPENROUTER_API_KEY,
      OPENROUTER_BASE_URL: `${url}/openrouter/api/v1`,
      GROQ_API_KEY: PLANTED_KEYS.GROQ_API_KEY,
      GROQ_BASE_URL: `${url}/groq/openai/v1`,
    }),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
