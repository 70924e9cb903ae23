import * as v from 'valibot';
import { checkOptionNames } from '../core/check-option.js';
import { ModelCatalogError } from '../errors/index.js';
import type { Model, ModelCapability, ProviderAdapter } from '../types.js';
import {
  buildModel,
  buildPricing,
  flagsFromList,
  inputFlags,
  isoDate,
  joinUrl,
  normalizeModalities,
  positiveInteger,
  pricePerMillion,
} from './build-model.js';
import {
  apiKeySetting,
  baseURLSetting,
  bearerHeader,
  defineBuiltInProvider,
} from './define-provider.js';
import { parseResponse } from './parse-response.js';

/**
 * Options of {@link openrouter}.
 *
 * @example
 * ```ts
 * const options: OpenRouterProviderOptions = { headers: { 'HTTP-Referer': 'https://example.com', 'X-Title': 'My app' } };
 * const catalog = createModelCatalog({ providers: [openrouter(options)] });
 * ```
 */
export interface OpenRouterProviderOptions {
  /**
   * API key, sent as `Authorization: Bearer` when set. Optional: the model
   * listing is public. Default: the `OPENROUTER_API_KEY` environment variable.
   */
  readonly apiKey?: string | undefined;
  /**
   * API root the `/models` and `/embeddings/models` paths are appended to.
   * Default: `OPENROUTER_BASE_URL`, else `https://openrouter.ai/api/v1`.
   */
  readonly baseURL?: string | undefined;
  /** Extra request headers, such as OpenRouter's `HTTP-Referer` and `X-Title`. */
  readonly headers?: Readonly<Record<string, string>> | undefined;
}

const ModelListSchema = v.object({
  data: v.array(
    v.looseObject({
      id: v.nullish(v.string()),
      name: v.nullish(v.string()),
      description: v.nullish(v.string()),
      created: v.nullish(v.number()),
      context_length: v.nullish(v.number()),
      expiration_date: v.nullish(v.string()),
      architecture: v.nullish(
        v.looseObject({
          input_modalities: v.nullish(v.array(v.string())),
          output_modalities: v.nullish(v.array(v.string())),
        }),
      ),
      // Decimal strings in USD per token (USD per image / per request for those two).
      pricing: v.nullish(
        v.looseObject({
          prompt: v.optional(v.unknown()),
          completion: v.optional(v.unknown()),
          input_cache_read: v.optional(v.unknown()),
          input_cache_write: v.optional(v.unknown()),
          internal_reasoning: v.optional(v.unknown()),
          image: v.optional(v.unknown()),
          request: v.optional(v.unknown()),
        }),
      ),
      top_provider: v.nullish(
        v.looseObject({
          context_length: v.nullish(v.number()),
          max_completion_tokens: v.nullish(v.number()),
        }),
      ),
      supported_parameters: v.nullish(v.array(v.string())),
    }),
  ),
});

type OpenRouterModel = v.InferOutput<typeof ModelListSchema>['data'][number];

/** The parameters that switch a model's reasoning on or show it. */
const REASONING_PARAMETERS: readonly string[] = ['reasoning', 'include_reasoning'];

/** `supported_parameters`, by capability flag: a request parameter left out is a no. */
const PARAMETER_FLAGS = {
  tools: ['tools'],
  // `structured_outputs`: a JSON schema as `response_format`; `response_format` alone: JSON mode.
  structuredOutput: ['structured_outputs'],
  jsonMode: ['response_format'],
};

/**
 * The OpenRouter provider. It fetches `GET {baseURL}/models?output_modalities=all`
 * (chat, image and audio models; without the filter OpenRouter hides non-text
 * outputs) and `GET {baseURL}/embeddings/models` in parallel, and merges them
 * by id. Both listings are public: a key is sent as `Authorization: Bearer`
 * only when one is set. Categories come from `architecture.output_modalities`.
 *
 * Mapped: name, description, created, context length, max output tokens,
 * modalities, prices (converted from USD per token to USD per million tokens;
 * `"-1"`, a dynamic price, is left out), supported parameters, and `ownedBy`
 * from the `author` part of the documented `author/slug` id. `supported_parameters` answer
 * the `tools`, `structuredOutput` (`structured_outputs`) and `jsonMode` (`response_format`)
 * flags, and set `reasoning` when they list `reasoning` or `include_reasoning` (leaving it out says
 * nothing: o3 and Gemini 2.5 Pro think without listing either), input modalities answer
 * `vision`, `pdfInput` (`file`) and `audioInput`, and a cache price sets `promptCaching`. A model
 * with an `expiration_date` is `deprecated`, that date its `lifecycle.shutdownAt`. Variants such as
 * `:free` are separate models, as they are separate ids to call; a `:free` one is `pricing.free`.
 *
 * @example
 * ```ts
 * const catalog = createModelCatalog({ providers: [openrouter()] });
 * const { models } = await catalog.listModels({ provider: 'openrouter' });
 * ```
 */
export function openrouter(options: OpenRouterProviderOptions = {}): ProviderAdapter {
  checkOptionNames('openrouter()', options, ['apiKey', 'baseURL', 'headers']);
  return defineBuiltInProvider({
    id: 'openrouter',
    headers: options.headers,
    settings: {
      apiKey: apiKeySetting({
        value: options.apiKey,
        env: 'OPENROUTER_API_KEY',
        required: false,
      }),
      baseURL: baseURLSetting({
        value: options.baseURL,
        env: 'OPENROUTER_BASE_URL',
        default: 'https://openrouter.ai/api/v1',
      }),
    },
    detectEnv: ['OPENROUTER_API_KEY'],
    async listModels({ http, settings, headers }) {
      const request = { headers: { ...headers, ...bearerHeader(settings.apiKey) } };
      const [models, embeddings] = await Promise.all([
        http.getJson(joinUrl(settings.baseURL, 'models'), {
          ...request,
          searchParams: { output_modalities: 'all' },
        }),
        http
          .getJson(joinUrl(settings.baseURL, 'embeddings/models'), request)
          .catch(noEmbeddingList),
      ]);
      const listed = parseResponse(ModelListSchema, models, 'openrouter').data;
      const embeddingList = parseResponse(
        ModelListSchema,
        embeddings,
        'openrouter',
        'embedding model list',
      ).data;
      // A model both lists hold is kept once, as the main list has it: a set of the few
      // embedding ids, not of every id. An id one list repeats is the catalog's to count as
      // skipped, as for every provider.
      const embeddingIds = new Set<string>();
      for (const entry of embeddingList) if (entry.id) embeddingIds.add(entry.id);
      const inBoth = new Set<string>();
      const merged: Model[] = [];
      let skipped = 0;
      for (const entry of listed) {
        if (!entry.id) skipped++;
        else {
          if (embeddingIds.size > 0 && embeddingIds.has(entry.id)) inBoth.add(entry.id);
          merged.push(toModel(entry, entry.id, false));
        }
      }
      for (const entry of embeddingList) {
        if (!entry.id) skipped++;
        // The first of an id the main list holds is merged into it; a repeat goes on, for the
        // catalog to count.
        else if (!inBoth.delete(entry.id)) merged.push(toModel(entry, entry.id, true));
      }
      return { skipped, models: merged };
    },
  });
}

function toModel(entry: OpenRouterModel, id: string, fromEmbeddingList: boolean): Model {
  const architecture = entry.architecture;
  const inputModalities = normalizeModalities(architecture?.input_modalities);
  const outputModalities = normalizeModalities(architecture?.output_modalities);
  const pricing = entry.pricing;
  const prices = pricing
    ? {
        input: pricePerMillion(pricing.prompt, 1e6),
        output: pricePerMillion(pricing.completion, 1e6),
        cacheRead: pricePerMillion(pricing.input_cache_read, 1e6),
        cacheWrite: pricePerMillion(pricing.input_cache_write, 1e6),
        // "0" says reasoning tokens are billed as output tokens, not that they are free.
        reasoning: pricePerMillion(pricing.internal_reasoning, 1e6) || undefined,
        image: pricePerMillion(pricing.image, 1),
        request: pricePerMillion(pricing.request, 1),
      }
    : undefined;
  // `supported_parameters` is the complete list of request parameters: one it leaves out is a no.
  const capabilities: { -readonly [Flag in ModelCapability]?: boolean } = {};
  flagsFromList(entry.supported_parameters, PARAMETER_FLAGS, capabilities);
  // Reasoning is no parameter of every model that reasons: only its presence says something.
  if (entry.supported_parameters?.some((name) => REASONING_PARAMETERS.includes(name))) {
    capabilities.reasoning = true;
  }
  inputFlags(architecture?.input_modalities, capabilities);
  // A cache read or write price says the model caches prompts.
  if (prices && (prices.cacheRead !== undefined || prices.cacheWrite !== undefined)) {
    capabilities.promptCaching = true;
  }
  const topProvider = entry.top_provider;
  const slash = id.indexOf('/');
  return buildModel({
    id,
    provider: 'openrouter',
    name: entry.name,
    // The embeddings endpoint decides the category when an entry reports no output modalities.
    hints: {
      inputModalities,
      outputModalities: outputModalities ?? (fromEmbeddingList ? ['embeddings'] : undefined),
    },
    description: entry.description,
    created: positiveInteger(entry.created),
    ownedBy: slash >= 0 ? id.slice(0, slash) : undefined,
    contextLength:
      positiveInteger(entry.context_length) ?? positiveInteger(topProvider?.context_length),
    maxOutputTokens: positiveInteger(topProvider?.max_completion_tokens),
    inputModalities,
    outputModalities,
    // A `:free` variant is free whatever else it reports.
    pricing: prices ? buildPricing(prices, id.endsWith(':free') || undefined) : undefined,
    supportedParameters: entry.supported_parameters,
    capabilities,
    lifecycle: entry.expiration_date
      ? { status: 'deprecated', shutdownAt: isoDate(entry.expiration_date) }
      : undefined,
  });
}

/** A server without the embeddings listing (404, e.g. an OpenRouter-compatible proxy) has no embedding models. */
function noEmbeddingList(error: unknown): { data: [] } {
  if (ModelCatalogError.isInstance(error) && error.kind === 'http' && error.status === 404) {
    return { data: [] };
  }
  throw error;
}
