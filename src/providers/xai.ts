import * as v from 'valibot';
import { checkOptionNames } from '../core/check-option.js';
import type { Model, ProviderAdapter } from '../types.js';
import {
  buildModel,
  buildPricing,
  inputFlags,
  joinUrl,
  normalizeModalities,
  pricePerMillion,
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
 * Options of {@link xai}.
 *
 * @example
 * ```ts
 * const options: XAIProviderOptions = { apiKey: 'xai-...' };
 * const catalog = createModelCatalog({ providers: [xai(options)] });
 * ```
 */
export interface XAIProviderOptions {
  /** API key. Default: the `XAI_API_KEY` environment variable. */
  readonly apiKey?: string | undefined;
  /** API root that `/models` is appended to. Default: `XAI_BASE_URL`, else `https://api.x.ai/v1`. */
  readonly baseURL?: string | undefined;
  /** Extra request headers. */
  readonly headers?: Readonly<Record<string, string>> | undefined;
}

/** One unit of xAI's prices (US cents per 100 million tokens), in USD per million tokens. */
const CENTS_PER_100M = 1e-4;

const ModelListSchema = v.object({
  data: v.array(
    v.looseObject({
      id: v.nullish(v.string()),
      created: v.nullish(v.number()),
      owned_by: v.nullish(v.string()),
    }),
  ),
});

const DetailListSchema = v.object({
  models: v.array(
    v.looseObject({
      id: v.nullish(v.string()),
      created: v.nullish(v.number()),
      input_modalities: v.nullish(v.array(v.string())),
      output_modalities: v.nullish(v.array(v.string())),
      aliases: v.nullish(v.array(v.string())),
      prompt_text_token_price: v.nullish(v.number()),
      cached_prompt_text_token_price: v.nullish(v.number()),
      completion_text_token_price: v.nullish(v.number()),
    }),
  ),
});

type XAIDetail = v.InferOutput<typeof DetailListSchema>['models'][number];

/** A detail entry and what the endpoint that listed it tells about it. */
interface Detail {
  readonly entry: XAIDetail;
  readonly imageGenerator: boolean;
}

/**
 * The xAI provider: `GET {baseURL}/models` with `Authorization: Bearer`, enriched from
 * `/language-models` and `/image-generation-models` (fetched in parallel) with modalities,
 * aliases and prices, converted from US cents per 100 million tokens to USD per million; input
 * modalities also answer the `vision` and `audioInput` flags.
 * `/models` decides which models are listed; when an enrichment endpoint fails, the plain
 * list is still returned.
 *
 * @example
 * ```ts
 * const catalog = createModelCatalog({ providers: [xai({ apiKey: 'xai-...' })] });
 * ```
 */
export function xai(options: XAIProviderOptions = {}): ProviderAdapter {
  checkOptionNames('xai()', options, ['apiKey', 'baseURL', 'headers']);
  return defineBuiltInProvider({
    id: 'xai',
    headers: options.headers,
    settings: {
      apiKey: apiKeySetting({ value: options.apiKey, env: 'XAI_API_KEY' }),
      baseURL: baseURLSetting({
        value: options.baseURL,
        env: 'XAI_BASE_URL',
        default: 'https://api.x.ai/v1',
      }),
    },
    async listModels({ http, settings, headers }) {
      const get = (path: string): Promise<unknown> =>
        http.getJson(joinUrl(settings.baseURL, path), {
          headers: { ...headers, ...bearerHeader(settings.apiKey) },
        });
      const [body, languageModels, imageModels] = await Promise.all([
        get('models'),
        fetchDetails(get, 'language-models'),
        fetchDetails(get, 'image-generation-models'),
      ]);
      const { data } = parseResponse(ModelListSchema, body, 'xai');
      const details = new Map<string, Detail>();
      for (const entry of languageModels)
        if (entry.id) details.set(entry.id, { entry, imageGenerator: false });
      for (const entry of imageModels)
        if (entry.id) details.set(entry.id, { entry, imageGenerator: true });
      const entries = withId(data, 'id');
      return {
        skipped: data.length - entries.length,
        models: entries.map((entry) => {
          const detail = details.get(entry.id);
          return toModel(entry.id, entry.created ?? detail?.entry.created, entry.owned_by, detail);
        }),
      };
    },
  });
}

/** The entries of an enrichment endpoint, or none when it fails in any way: it only adds detail. */
async function fetchDetails(
  get: (path: string) => Promise<unknown>,
  path: string,
): Promise<XAIDetail[]> {
  try {
    return parseResponse(DetailListSchema, await get(path), 'xai', path).models;
  } catch {
    return [];
  }
}

function toModel(
  id: string,
  created: number | null | undefined,
  ownedBy: string | null | undefined,
  detail: Detail | undefined,
): Model {
  const entry = detail?.entry;
  const outputModalities = normalizeModalities(entry?.output_modalities);
  return buildModel({
    id,
    provider: 'xai',
    created,
    ownedBy,
    inputModalities: normalizeModalities(entry?.input_modalities),
    capabilities: inputFlags(normalizeModalities(entry?.input_modalities)),
    outputModalities,
    aliases: entry?.aliases,
    pricing: buildPricing({
      input: pricePerMillion(entry?.prompt_text_token_price, CENTS_PER_100M),
      output: pricePerMillion(entry?.completion_text_token_price, CENTS_PER_100M),
      cacheRead: pricePerMillion(entry?.cached_prompt_text_token_price, CENTS_PER_100M),
    }),
    // Being listed by /image-generation-models says what the model does, even without modalities.
    hints: {
      outputModalities: outputModalities ?? (detail?.imageGenerator ? ['image'] : undefined),
    },
  });
}
