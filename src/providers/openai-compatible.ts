import * as v from 'valibot';
import type { ProviderAdapter } from '../types.js';
import { buildModel, joinUrl, type ModelFields, positiveInteger } from './build-model.js';
import { cacheKeyOf } from './cache-key.js';
import { parseResponse } from './parse-response.js';

/**
 * Options of {@link openaiCompatible}.
 *
 * @example
 * ```ts
 * const options: OpenAICompatibleProviderOptions = { id: 'my-vllm', baseURLEnv: 'MY_VLLM_BASE_URL', apiKeyEnv: 'MY_VLLM_API_KEY' };
 * const catalog = createModelCatalog({ providers: [openaiCompatible(options)] });
 * ```
 */
export interface OpenAICompatibleProviderOptions {
  /** The provider id in results and the cache file name, e.g. `my-vllm`; lower case, `^[a-z0-9][a-z0-9._-]*$`. */
  readonly id: string;
  /** API root the `/models` path is appended to, e.g. `http://127.0.0.1:8000/v1`. Required here or through `baseURLEnv`. */
  readonly baseURL?: string;
  /** API key, sent as `Authorization: Bearer`. Without one (local servers) no `Authorization` header is sent. */
  readonly apiKey?: string;
  /** Environment variable holding the API key, read when `apiKey` is not given, e.g. `MY_VLLM_API_KEY`. */
  readonly apiKeyEnv?: string;
  /** Environment variable holding the base URL, read when `baseURL` is not given, e.g. `MY_VLLM_BASE_URL`. */
  readonly baseURLEnv?: string;
  /** Extra request headers, sent on every listing. */
  readonly headers?: Readonly<Record<string, string>>;
  /** A display name for the server. Accepted for your own bookkeeping; the catalog keys everything by `id`. */
  readonly name?: string;
}

/**
 * A provider for any server that answers `GET {baseURL}/models` the OpenAI way:
 * vLLM, llama.cpp, SGLang, LiteLLM, LocalAI, corporate proxies. It accepts
 * `{ data: [...] }`, a bare array and `{ models: [...] }`, reads the id from
 * `id`, `model_id` or `name`, and maps `created`, `owned_by` and the usual
 * context and output limits when the server sends them.
 *
 * @example
 * ```ts
 * const catalog = createModelCatalog({
 *   providers: [openaiCompatible({ id: 'my-vllm', baseURL: 'http://127.0.0.1:8000/v1' })],
 * });
 * const { models } = await catalog.listModels({ provider: 'my-vllm' });
 * ```
 */
export function openaiCompatible(options: OpenAICompatibleProviderOptions): ProviderAdapter {
  if (typeof options?.id !== 'string') {
    throw new TypeError(
      'openaiCompatible() needs an `id`, e.g. openaiCompatible({ id: "my-vllm", baseURL }).',
    );
  }
  return createOpenAICompatibleProvider({
    id: options.id,
    apiKey: { value: options.apiKey, env: envList(options.apiKeyEnv) },
    baseURL: { value: options.baseURL, env: envList(options.baseURLEnv) },
    headers: options.headers,
  });
}

/** The fields every entry may carry; the shared mapping reads these. */
const BASE_ENTRIES = {
  id: v.nullish(v.string()),
  model_id: v.nullish(v.string()),
  name: v.nullish(v.string()),
  created: v.nullish(v.unknown()),
  owned_by: v.nullish(v.string()),
  context_length: v.nullish(v.unknown()),
  context_window: v.nullish(v.unknown()),
  max_model_len: v.nullish(v.unknown()),
  max_context_length: v.nullish(v.unknown()),
  max_tokens: v.nullish(v.unknown()),
  max_completion_tokens: v.nullish(v.unknown()),
  max_output_tokens: v.nullish(v.unknown()),
};

type BaseEntries = typeof BASE_ENTRIES;

/** One parsed list entry: the shared fields plus a provider's own `entries`. */
export type CompatibleEntry<TExtra extends v.ObjectEntries> = v.InferOutput<
  v.LooseObjectSchema<BaseEntries & TExtra, undefined>
>;

/** How a built-in provider uses the shared OpenAI-compatible listing. */
export interface OpenAICompatibleDefinition<TExtra extends v.ObjectEntries> {
  /** The provider id. */
  readonly id: string;
  /** The key: its option value, its environment variables, and whether the provider needs one. */
  readonly apiKey: {
    readonly value: string | undefined;
    readonly env: readonly string[];
    readonly required?: boolean;
  };
  /** The base URL: its option value, its environment variables, and its default (none means required). */
  readonly baseURL: {
    readonly value: string | undefined;
    readonly env: readonly string[];
    readonly default?: string;
  };
  /** The list path under the base URL. Default: `models`. */
  readonly path?: string;
  /** Extra request headers. */
  readonly headers?: Readonly<Record<string, string>> | undefined;
  /** For the default provider set: environment variables that switch the provider on. */
  readonly detectEnv?: readonly string[];
  /** valibot entries for the provider's own fields, parsed tolerantly beside the shared ones. */
  readonly entries?: TExtra;
  /** Provider-specific fields, merged over the shared mapping (an `undefined` value leaves the shared one). */
  readonly mapEntry?: (entry: CompatibleEntry<TExtra>) => Partial<ModelFields>;
}

/**
 * Builds an adapter listing `GET {baseURL}/{path}` the OpenAI way, with a Bearer key when one is set.
 * Used by {@link openaiCompatible} and the built-in providers that copy OpenAI's list.
 *
 * @example
 * ```ts
 * const adapter = createOpenAICompatibleProvider({
 *   id: 'cerebras',
 *   apiKey: { value: undefined, env: ['CEREBRAS_API_KEY'], required: true },
 *   baseURL: { value: undefined, env: ['CEREBRAS_BASE_URL'], default: 'https://api.cerebras.ai/v1' },
 * });
 * ```
 */
export function createOpenAICompatibleProvider<
  const TExtra extends v.ObjectEntries = Record<never, never>,
>(definition: OpenAICompatibleDefinition<TExtra>): ProviderAdapter {
  const { id, apiKey, baseURL } = definition;
  const entrySchema = v.looseObject({ ...BASE_ENTRIES, ...definition.entries } as BaseEntries &
    TExtra);
  const listSchema = v.union([
    v.looseObject({ data: v.array(entrySchema) }),
    v.looseObject({ models: v.array(entrySchema) }),
    v.array(entrySchema),
  ]);
  return {
    id,
    ...(definition.detectEnv ? { detectEnv: definition.detectEnv } : {}),
    ...cacheKeyOf({ headers: definition.headers }),
    settings: {
      apiKey: {
        value: apiKey.value,
        env: apiKey.env,
        required: apiKey.required ?? false,
        secret: true,
        option: 'apiKey',
      },
      baseURL: {
        value: baseURL.value,
        env: baseURL.env,
        ...(baseURL.default === undefined ? { required: true } : { default: baseURL.default }),
        option: 'baseURL',
      },
    },
    async listModels({ http, settings }) {
      const key = settings.apiKey;
      const body = await http.getJson(joinUrl(settings.baseURL!, definition.path ?? 'models'), {
        headers: { ...definition.headers, ...(key ? { authorization: `Bearer ${key}` } : {}) },
      });
      const parsed = parseResponse(listSchema, body, id);
      const list = (
        Array.isArray(parsed) ? parsed : 'data' in parsed ? parsed.data : parsed.models
      ) as CompatibleEntry<TExtra>[];
      const models = [];
      for (const entry of list) {
        const modelId = entry.id || entry.model_id || entry.name;
        if (!modelId) continue;
        const extra = definition.mapEntry?.(entry) ?? {};
        models.push(
          buildModel({ ...sharedFields(entry, modelId, id), ...withoutUndefined(extra) }),
        );
      }
      return { models, skipped: list.length - models.length };
    },
  };
}

/** The OpenAI shape and the extras common to vLLM, SGLang, LiteLLM and friends. */
function sharedFields(
  entry: CompatibleEntry<Record<never, never>>,
  id: string,
  provider: string,
): ModelFields {
  return {
    id,
    provider,
    // `name` is the id on some servers; beside an id it is a display name.
    name: entry.id || entry.model_id ? entry.name : undefined,
    // Epoch 0 (Perplexity, DeepInfra) means "unknown", not 1970.
    created: positiveInteger(entry.created),
    ownedBy: entry.owned_by,
    contextLength: firstPositive(
      entry.context_length,
      entry.context_window,
      entry.max_model_len,
      entry.max_context_length,
    ),
    maxOutputTokens: firstPositive(
      entry.max_tokens,
      entry.max_completion_tokens,
      entry.max_output_tokens,
    ),
  };
}

function firstPositive(...values: unknown[]): number | undefined {
  for (const value of values) {
    const number = positiveInteger(value);
    if (number !== undefined) return number;
  }
  return undefined;
}

function withoutUndefined<T extends object>(fields: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(fields).filter(([, value]) => value !== undefined),
  ) as Partial<T>;
}

function envList(name: string | undefined): string[] {
  return name ? [name] : [];
}
