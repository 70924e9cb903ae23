import * as v from 'valibot';
import { checkOptionNames } from '../core/check-option.js';
import type { Model, ModelCapability, ProviderAdapter } from '../types.js';
import {
  buildModel,
  buildPricing,
  isoDate,
  joinUrl,
  normalizeModalities,
  positiveInteger,
  pricePerMillion,
  type WithId,
  withId,
} from './build-model.js';
import {
  apiKeySetting,
  baseURLSetting,
  bearerHeader,
  defineBuiltInProvider,
} from './define-provider.js';
import { parseResponse } from './parse-response.js';

/**
 * Options of {@link vercelAiGateway}.
 *
 * @example
 * ```ts
 * const options: VercelAiGatewayProviderOptions = { apiKey: '...' };
 * const catalog = createModelCatalog({ providers: [vercelAiGateway(options)] });
 * ```
 */
export interface VercelAiGatewayProviderOptions {
  /**
   * API key, sent as `Authorization: Bearer` when set; the public catalog needs none.
   * Default: the `AI_GATEWAY_API_KEY`, else `AIGATEWAY_API_KEY` environment variable.
   */
  readonly apiKey?: string | undefined;
  /** API root that `/models` is appended to. Default: `AI_GATEWAY_BASE_URL`, else `https://ai-gateway.vercel.sh/v1`. */
  readonly baseURL?: string | undefined;
  /** Extra request headers. */
  readonly headers?: Readonly<Record<string, string>> | undefined;
}

/** One unit of the gateway's prices (USD per token), in USD per million tokens. */
const PER_TOKEN = 1e6;

/** Tags that say which inputs a model takes besides text. */
const INPUT_TAGS: Readonly<Record<string, string>> = { vision: 'image', 'file-input': 'file' };

/** Tags that name an OpenRouter-style request parameter. */
const PARAMETER_TAGS: Readonly<Record<string, string>> = {
  'tool-use': 'tools',
  reasoning: 'reasoning',
};

/** Tags that state a capability. */
const TAG_FLAGS: Readonly<Record<string, ModelCapability>> = {
  'tool-use': 'tools',
  vision: 'vision',
  'file-input': 'pdfInput',
  reasoning: 'reasoning',
  'implicit-caching': 'promptCaching',
};

const PriceSchema = v.nullish(v.union([v.string(), v.number()]));

const ModelListSchema = v.object({
  data: v.array(
    v.looseObject({
      id: v.nullish(v.string()),
      name: v.nullish(v.string()),
      description: v.nullish(v.string()),
      created: v.nullish(v.number()),
      released: v.nullish(v.number()),
      owned_by: v.nullish(v.string()),
      context_window: v.nullish(v.number()),
      max_tokens: v.nullish(v.number()),
      type: v.nullish(v.string()),
      tags: v.nullish(v.array(v.string())),
      modalities: v.nullish(
        v.looseObject({
          input: v.nullish(v.array(v.string())),
          output: v.nullish(v.array(v.string())),
        }),
      ),
      pricing: v.nullish(
        v.looseObject({
          input: PriceSchema,
          output: PriceSchema,
          input_cache_read: PriceSchema,
          input_cache_write: PriceSchema,
          image: PriceSchema,
        }),
      ),
    }),
  ),
});

type GatewayModel = v.InferOutput<typeof ModelListSchema>['data'][number];

/**
 * The Vercel AI Gateway provider: `GET {baseURL}/models`, with `Authorization: Bearer`
 * only when a key is set (the catalog is public). Reports name, description, owner,
 * context window, output limit and prices (USD per token strings, converted to USD per
 * million; a negative or "dynamic" price is left out). `type` classifies: `language` is
 * chat, `embedding` and `image` are themselves, and any other type is never silently chat.
 * The `vision` and `file-input` tags add image and file input; `tool-use` and `reasoning`
 * become supported parameters. The tags `tool-use`, `vision`, `file-input`, `reasoning` and
 * `implicit-caching` set the `tools`, `vision`, `pdfInput`, `reasoning` and `promptCaching` flags
 * (a tag only says yes: an untagged capability stays unknown), `free` marks `pricing.free`, and
 * `released` is the `releaseDate`.
 *
 * In the default provider set it is used only when `AI_GATEWAY_API_KEY` or `AIGATEWAY_API_KEY`
 * is set; pass `vercelAiGateway()` in `providers` to list the public catalog without a key.
 *
 * @example
 * ```ts
 * const catalog = createModelCatalog({ providers: [vercelAiGateway()] });
 * const { models } = await catalog.listModels({ provider: 'vercel-ai-gateway' });
 * ```
 */
export function vercelAiGateway(options: VercelAiGatewayProviderOptions = {}): ProviderAdapter {
  checkOptionNames('vercelAiGateway()', options, ['apiKey', 'baseURL', 'headers']);
  return defineBuiltInProvider({
    id: 'vercel-ai-gateway',
    headers: options.headers,
    detectEnv: ['AI_GATEWAY_API_KEY', 'AIGATEWAY_API_KEY'],
    settings: {
      apiKey: apiKeySetting({
        value: options.apiKey,
        env: ['AI_GATEWAY_API_KEY', 'AIGATEWAY_API_KEY'],
        required: false,
      }),
      baseURL: baseURLSetting({
        value: options.baseURL,
        env: 'AI_GATEWAY_BASE_URL',
        default: 'https://ai-gateway.vercel.sh/v1',
      }),
    },
    async listModels({ http, settings, headers }) {
      const body = await http.getJson(joinUrl(settings.baseURL, 'models'), {
        // Without a key, an `authorization` header the caller passed in `headers` is kept.
        headers: { ...headers, ...bearerHeader(settings.apiKey) },
      });
      const { data } = parseResponse(ModelListSchema, body, 'vercel-ai-gateway');
      const entries = withId(data, 'id');
      return { skipped: data.length - entries.length, models: entries.map(toModel) };
    },
  });
}

function toModel(entry: WithId<GatewayModel, 'id'>): Model {
  const tags = entry.tags?.map((tag) => tag.toLowerCase()) ?? [];
  const taggedInputs = tags.flatMap((tag) => INPUT_TAGS[tag] ?? []);
  const inputModalities =
    entry.modalities?.input ?? (taggedInputs.length > 0 ? ['text', ...taggedInputs] : undefined);
  const outputModalities = normalizeModalities(entry.modalities?.output);
  const pricing = entry.pricing;
  return buildModel({
    id: entry.id,
    provider: 'vercel-ai-gateway',
    name: entry.name,
    description: entry.description,
    created: entry.created,
    ownedBy: entry.owned_by,
    contextLength: positiveInteger(entry.context_window),
    maxOutputTokens: positiveInteger(entry.max_tokens),
    inputModalities: normalizeModalities(inputModalities),
    outputModalities,
    supportedParameters: tags.flatMap((tag) => PARAMETER_TAGS[tag] ?? []),
    pricing: buildPricing(
      {
        input: pricePerMillion(pricing?.input, PER_TOKEN),
        output: pricePerMillion(pricing?.output, PER_TOKEN),
        cacheRead: pricePerMillion(pricing?.input_cache_read, PER_TOKEN),
        cacheWrite: pricePerMillion(pricing?.input_cache_write, PER_TOKEN),
        // Already USD per image.
        image: pricePerMillion(pricing?.image, 1),
      },
      tags.includes('free') || undefined,
    ),
    releaseDate: isoDate(entry.released),
    // Tags only ever say yes: a missing tag is not a no.
    capabilities: Object.fromEntries(
      Object.entries(TAG_FLAGS).flatMap(([tag, flag]) =>
        tags.includes(tag) ? [[flag, true]] : [],
      ),
    ),
    // The gateway's own `type` decides; modalities only when it gives none (`text` would outvote `image`).
    hints: entry.type ? { type: entry.type } : { outputModalities },
  });
}
