import * as v from 'valibot';
import { checkOptionNames } from '../core/check-option.js';
import { ModelCatalogError } from '../errors/index.js';
import type { HttpClient, HttpRequest, Model, ProviderAdapter, ProviderListing } from '../types.js';
import {
  buildModel,
  joinUrl,
  type ModelFields,
  positiveInteger,
  withId,
  withoutVersion,
} from './build-model.js';
import {
  apiKeySetting,
  baseURLSetting,
  bearerHeader,
  defineBuiltInProvider,
} from './define-provider.js';
import { parseResponse } from './parse-response.js';

/**
 * Options of {@link lmstudio}.
 *
 * @example
 * ```ts
 * const options: LMStudioProviderOptions = { baseURL: 'http://192.168.1.20:1234' };
 * const catalog = createModelCatalog({ providers: [lmstudio(options)] });
 * ```
 */
export interface LMStudioProviderOptions {
  /**
   * Server root, such as `http://192.168.1.20:1234`; a trailing `/v1` is accepted.
   * Default: `LMSTUDIO_BASE_URL`, else `http://localhost:1234`.
   */
  readonly baseURL?: string | undefined;
  /** API token, sent as `Authorization: Bearer` when set (servers with authentication on, or a proxy). Default: `LMSTUDIO_API_KEY`. */
  readonly apiKey?: string | undefined;
  /** Extra request headers. */
  readonly headers?: Readonly<Record<string, string>> | undefined;
}

/** LM Studio 0.4+ native REST API, `GET /api/v1/models`. */
const NativeListSchema = v.object({
  models: v.array(
    v.looseObject({
      key: v.nullish(v.string()),
      type: v.nullish(v.string()),
      display_name: v.nullish(v.string()),
      publisher: v.nullish(v.string()),
      description: v.nullish(v.string()),
      max_context_length: v.nullish(v.number()),
      architecture: v.nullish(v.string()),
      params_string: v.nullish(v.string()),
      quantization: v.nullish(v.looseObject({ name: v.nullish(v.string()) })),
      capabilities: v.nullish(
        v.looseObject({
          vision: v.nullish(v.boolean()),
          trained_for_tool_use: v.nullish(v.boolean()),
          // Thinking models: the values their reasoning setting allows, and its default.
          reasoning: v.nullish(
            v.looseObject({
              allowed_options: v.nullish(v.array(v.string())),
              default: v.nullish(v.string()),
            }),
          ),
        }),
      ),
    }),
  ),
});

/** The reasoning values that switch thinking on or off rather than set an effort. */
const SWITCHES = ['on', 'off'];

/** LM Studio 0.3.6+ REST API v0, `GET /api/v0/models`. */
const LegacyListSchema = v.object({
  data: v.array(
    v.looseObject({
      id: v.nullish(v.string()),
      type: v.nullish(v.string()),
      publisher: v.nullish(v.string()),
      max_context_length: v.nullish(v.number()),
      arch: v.nullish(v.string()),
      quantization: v.nullish(v.string()),
    }),
  ),
});

/** The OpenAI-compatible `GET /v1/models` every version serves. */
const OpenAIListSchema = v.object({ data: v.array(v.looseObject({ id: v.nullish(v.string()) })) });

/**
 * The LM Studio provider, for a local server; no key by default.
 *
 * It asks the richest listing the server has, in order: the native
 * `/api/v1/models` (LM Studio 0.4+: type, display name, publisher, max context,
 * architecture as `family`, parameter size, quantization, and the `vision`,
 * `trained_for_tool_use` (`tools`) and `reasoning` capabilities, whose allowed options are the
 * `reasoning` efforts and say whether thinking can be switched off), then `/api/v0/models`
 * (0.3.6+: type llm/vlm/embeddings, publisher, max context, architecture, quantization),
 * then the OpenAI-compatible `/v1/models` (ids only). It moves to
 * the next only when the server says the path does not exist (404, 405, or
 * LM Studio's own 200 "Unexpected endpoint" answer); any other failure is
 * reported. Whether a model is loaded is not part of a {@link Model}, so it is
 * not reported. In the default provider set it is used when `LMSTUDIO_BASE_URL` is set.
 *
 * @example
 * ```ts
 * const catalog = createModelCatalog({ providers: [lmstudio({ baseURL: 'http://192.168.1.20:1234' })] });
 * ```
 */
export function lmstudio(options: LMStudioProviderOptions = {}): ProviderAdapter {
  checkOptionNames('lmstudio()', options, ['baseURL', 'apiKey', 'headers']);
  return defineBuiltInProvider({
    id: 'lmstudio',
    headers: options.headers,
    settings: {
      baseURL: baseURLSetting({
        value: options.baseURL,
        env: 'LMSTUDIO_BASE_URL',
        default: 'http://localhost:1234',
      }),
      apiKey: apiKeySetting({ value: options.apiKey, env: 'LMSTUDIO_API_KEY', required: false }),
    },
    detectEnv: ['LMSTUDIO_BASE_URL'],
    async listModels({ http, settings, headers }) {
      const root = withoutVersion(settings.baseURL);
      const request: HttpRequest = {
        headers: {
          ...headers,
          ...bearerHeader(settings.apiKey),
        },
      };
      const native = await getUnlessMissing(http, joinUrl(root, 'api/v1/models'), request);
      if (native !== undefined) return fromNative(native);
      const legacy = await getUnlessMissing(http, joinUrl(root, 'api/v0/models'), request);
      if (legacy !== undefined) return fromLegacy(legacy);
      return fromOpenAI(await http.getJson(joinUrl(root, 'v1/models'), request));
    },
  });
}

/** GETs a URL; undefined when the server says the path does not exist. */
async function getUnlessMissing(
  http: HttpClient,
  url: string,
  request: HttpRequest,
): Promise<unknown> {
  try {
    const body = await http.getJson(url, request);
    // LM Studio answers unknown paths with 200 and {"error":"Unexpected endpoint or method. (GET ...)"}.
    const error = typeof body === 'object' && body !== null && 'error' in body && body.error;
    return typeof error === 'string' && /unexpected endpoint/i.test(error) ? undefined : body;
  } catch (error) {
    const missing =
      ModelCatalogError.isInstance(error) &&
      error.kind === 'http' &&
      (error.status === 404 || error.status === 405);
    if (missing) return undefined;
    throw error;
  }
}

function fromNative(body: unknown): ProviderListing {
  const { models } = parseResponse(NativeListSchema, body, 'lmstudio');
  const entries = withId(models, 'key');
  return {
    skipped: models.length - entries.length,
    models: entries.map((entry) =>
      buildModel({
        id: entry.key,
        provider: 'lmstudio',
        name: entry.display_name,
        hints: { type: entry.type ?? undefined },
        description: entry.description,
        ownedBy: entry.publisher,
        contextLength: positiveInteger(entry.max_context_length),
        inputModalities: entry.capabilities?.vision ? ['text', 'image'] : undefined,
        family: entry.architecture,
        parameterSize: entry.params_string,
        quantization: entry.quantization?.name,
        ...reasoningOf(entry.capabilities?.reasoning),
        capabilities: {
          tools: entry.capabilities?.trained_for_tool_use,
          vision: entry.capabilities?.vision,
          reasoning: entry.capabilities?.reasoning ? true : undefined,
        },
      }),
    ),
  };
}

/**
 * The reasoning options of a thinking model: `low`/`medium`/`high` are efforts, `off` means
 * thinking can be switched off (an `on`/`off` model has no efforts).
 */
function reasoningOf(
  reasoning:
    | {
        readonly allowed_options?: readonly string[] | null | undefined;
        readonly default?: string | null | undefined;
      }
    | null
    | undefined,
): Pick<ModelFields, 'reasoning'> {
  if (!reasoning) return {};
  const allowed = reasoning.allowed_options ?? [];
  const efforts = allowed.filter((option) => !SWITCHES.includes(option));
  return {
    reasoning: {
      efforts,
      defaultEffort:
        reasoning.default && !SWITCHES.includes(reasoning.default) ? reasoning.default : undefined,
      canDisable: reasoning.allowed_options ? allowed.includes('off') : undefined,
    },
  };
}

function fromLegacy(body: unknown): ProviderListing {
  const { data } = parseResponse(LegacyListSchema, body, 'lmstudio');
  const entries = withId(data, 'id');
  return {
    skipped: data.length - entries.length,
    models: entries.map((entry) =>
      buildModel({
        id: entry.id,
        provider: 'lmstudio',
        hints: { type: entry.type ?? undefined },
        ownedBy: entry.publisher,
        contextLength: positiveInteger(entry.max_context_length),
        inputModalities: entry.type === 'vlm' ? ['text', 'image'] : undefined,
        family: entry.arch,
        quantization: entry.quantization,
      }),
    ),
  };
}

function fromOpenAI(body: unknown): ProviderListing {
  const { data } = parseResponse(OpenAIListSchema, body, 'lmstudio');
  const entries = withId(data, 'id');
  return {
    skipped: data.length - entries.length,
    // Its `owned_by` is the placeholder "organization_owner", so only the id is kept.
    models: entries.map((entry) => buildModel({ id: entry.id, provider: 'lmstudio' })),
  };
}
