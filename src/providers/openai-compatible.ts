import * as v from 'valibot';
import { checkOptionNames } from '../core/check-option.js';
import type { ProviderAdapter, ProviderSetting } from '../types.js';
import { apiRoot, buildModel, joinUrl, type ModelFields, positiveInteger } from './build-model.js';
import {
  apiKeySetting,
  baseURLSetting,
  bearerHeader,
  defineBuiltInProvider,
  type ResolvingSetting,
} from './define-provider.js';
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
  readonly baseURL?: string | undefined;
  /** API key, sent as `Authorization: Bearer`. Without one (local servers) no `Authorization` header is sent. */
  readonly apiKey?: string | undefined;
  /** Environment variable holding the API key, read when `apiKey` is not given, e.g. `MY_VLLM_API_KEY`. */
  readonly apiKeyEnv?: string | undefined;
  /** Environment variable holding the base URL, read when `baseURL` is not given, e.g. `MY_VLLM_BASE_URL`. */
  readonly baseURLEnv?: string | undefined;
  /** Extra request headers, sent on every listing. */
  readonly headers?: Readonly<Record<string, string>> | undefined;
  /** A display name for the server. Accepted for your own bookkeeping; the catalog keys everything by `id`. */
  readonly name?: string | undefined;
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
  checkOptionNames('openaiCompatible()', options, [
    'id',
    'baseURL',
    'apiKey',
    'apiKeyEnv',
    'baseURLEnv',
    'headers',
    'name',
  ]);
  if (typeof options?.id !== 'string') {
    throw new TypeError(
      'openaiCompatible() needs an `id`, e.g. openaiCompatible({ id: "my-vllm", baseURL }).',
    );
  }
  return createOpenAICompatibleProvider({
    id: options.id,
    apiKey: apiKeySetting({ value: options.apiKey, env: options.apiKeyEnv ?? [], required: false }),
    baseURL: baseURLSetting({ value: options.baseURL, env: options.baseURLEnv ?? [] }),
    headers: options.headers,
  });
}

/** An optional string field. */
type TextSchema = v.NullishSchema<v.StringSchema<undefined>, undefined>;
/** An optional field of any type, checked where it is read (numbers often come as strings). */
type ValueSchema = v.NullishSchema<v.UnknownSchema, undefined>;

/** The fields every entry may carry; the shared mapping reads these. */
type BaseEntries = {
  readonly id: TextSchema;
  readonly model_id: TextSchema;
  readonly name: TextSchema;
  readonly created: ValueSchema;
  readonly owned_by: TextSchema;
  readonly context_length: ValueSchema;
  readonly context_window: ValueSchema;
  readonly max_model_len: ValueSchema;
  readonly max_context_length: ValueSchema;
  readonly max_tokens: ValueSchema;
  readonly max_completion_tokens: ValueSchema;
  readonly max_output_tokens: ValueSchema;
  readonly parent: TextSchema;
};

// One schema object per kind, shared by every field (valibot schemas are immutable).
const text: TextSchema = v.nullish(v.string());
const value: ValueSchema = v.nullish(v.unknown());

const BASE_ENTRIES: BaseEntries = {
  id: text,
  model_id: text,
  name: text,
  created: value,
  owned_by: text,
  context_length: value,
  context_window: value,
  max_model_len: value,
  max_context_length: value,
  max_tokens: value,
  max_completion_tokens: value,
  max_output_tokens: value,
  parent: text,
};

/** One parsed list entry: the shared fields plus a provider's own `entries`. */
export type CompatibleEntry<TExtra extends v.ObjectEntries> = v.InferOutput<
  v.LooseObjectSchema<BaseEntries & TExtra, undefined>
>;

/** How a built-in provider uses the shared OpenAI-compatible listing. */
export interface OpenAICompatibleDefinition<TExtra extends v.ObjectEntries> {
  /** The provider id. */
  readonly id: string;
  /** The key, from {@link apiKeySetting}; sent as `Authorization: Bearer` when it resolves. */
  readonly apiKey: ProviderSetting;
  /** The base URL, from {@link baseURLSetting}: required, or with a default. */
  readonly baseURL: ResolvingSetting;
  /** The list path under the base URL. Default: `models`. */
  readonly path?: string;
  /**
   * The version part of the API root (`/v1`), when a base URL may be written with it or
   * without it (`https://api.perplexity.ai` and `https://api.perplexity.ai/v1`): added when the
   * base URL does not end in a version, and the path goes under it.
   */
  readonly versionPath?: string;
  /** Extra request headers. */
  readonly headers?: Readonly<Record<string, string>> | undefined;
  /** More settings beside the key and base URL, such as OpenAI's organization and project. */
  readonly settings?: Readonly<Record<string, ProviderSetting>>;
  /** Request headers made from the resolved settings; `headers` win over them. */
  readonly settingHeaders?: (
    settings: Readonly<Record<string, string | undefined>>,
  ) => Readonly<Record<string, string | undefined>>;
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
 *   apiKey: apiKeySetting({ value: options.apiKey, env: 'CEREBRAS_API_KEY' }),
 *   baseURL: baseURLSetting({ value: options.baseURL, env: 'CEREBRAS_BASE_URL', default: 'https://api.cerebras.ai/v1' }),
 * });
 * ```
 */
export function createOpenAICompatibleProvider<
  const TExtra extends v.ObjectEntries = Record<never, never>,
>(definition: OpenAICompatibleDefinition<TExtra>): ProviderAdapter {
  const { id } = definition;
  const entrySchema = v.looseObject({ ...BASE_ENTRIES, ...definition.entries } as BaseEntries &
    TExtra);
  const listSchema = v.array(entrySchema);
  return defineBuiltInProvider({
    id,
    ...(definition.detectEnv ? { detectEnv: definition.detectEnv } : {}),
    headers: definition.headers,
    settings: {
      apiKey: definition.apiKey,
      baseURL: definition.baseURL,
      ...definition.settings,
    },
    async listModels({ http, settings, headers }) {
      const root = definition.versionPath
        ? apiRoot(settings.baseURL, definition.versionPath)
        : settings.baseURL;
      const body = await http.getJson(joinUrl(root, definition.path ?? 'models'), {
        headers: {
          ...definition.settingHeaders?.(settings),
          ...headers,
          ...bearerHeader(settings.apiKey),
        },
      });
      const at = listKey(body);
      const list = parseResponse(
        listSchema,
        at ? (body as Record<string, unknown>)[at] : body,
        id,
        undefined,
        at,
      );
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
  });
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
    // vLLM and SGLang list a LoRA adapter with its base model as `parent` (null for a base model).
    ...(entry.parent ? { baseModel: entry.parent, fineTuned: true } : {}),
  };
}

/**
 * Where the entries are: `data` of `{ data: [...] }` (OpenAI), `models` of `{ models: [...] }`, or
 * undefined for a bare array (or anything else); the schema checks them.
 */
function listKey(body: unknown): 'data' | 'models' | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  return 'data' in body ? 'data' : 'models' in body ? 'models' : undefined;
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
