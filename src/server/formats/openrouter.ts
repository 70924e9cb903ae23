import type { Model, ModelPricing } from '../../types.js';
import { inputModalitiesOf, modalitiesOf, supportedParametersOf } from '../filter-models.js';
import { type ModelKey, pageByToken, qualifiedKey, type TokenPageRequest } from '../paginate.js';
import { queryTokenPage } from '../query-parameters.js';
import { wholeSeconds } from './openai.js';
import { errorsField, type WireFormat } from './wire-format.js';

/**
 * OpenRouter's prices: decimal strings in USD per token (per image and per request for those two).
 *
 * @example
 * ```ts
 * const pricing: OpenRouterPricing | undefined = toOpenRouterModelList(models).data[0]?.pricing;
 * // { prompt: '0.0000025', completion: '0.00001' }: USD per token
 * ```
 */
export interface OpenRouterPricing {
  /** USD per input token. */
  readonly prompt?: string;
  /** USD per output token. */
  readonly completion?: string;
  /** USD per request. */
  readonly request?: string;
  /** USD per image. */
  readonly image?: string;
  /** USD per reasoning token. */
  readonly internal_reasoning?: string;
  /** USD per input token read from the prompt cache. */
  readonly input_cache_read?: string;
  /** USD per input token written to the prompt cache. */
  readonly input_cache_write?: string;
}

/**
 * One entry of OpenRouter's `GET /api/v1/models`, as a gateway serves it.
 *
 * @example
 * ```ts
 * const entry: OpenRouterModelEntry | undefined = toOpenRouterModelList(models).data[0];
 * // { id: 'openai/gpt-4o', canonical_slug: 'gpt-4o', name: 'GPT-4o', ... }
 * ```
 */
export interface OpenRouterModelEntry {
  /** `<provider>/<id>`. */
  readonly id: string;
  /** The provider's own id. */
  readonly canonical_slug: string;
  /** The display name. */
  readonly name: string;
  /** Unix seconds; 0 when unknown. */
  readonly created: number;
  /** The description, when known. */
  readonly description?: string;
  /** Who makes the model; the provider id when unknown. */
  readonly owned_by: string;
  /** The context window; null when unknown. */
  readonly context_length: number | null;
  /** The most output tokens, when known. */
  readonly max_output_tokens?: number;
  /** What the model takes and gives. */
  readonly architecture: {
    /** `text`, `image`, `file`, `audio`, ... */
    readonly input_modalities: string[];
    /** `text`, `image`, `audio`, `embeddings`, ... */
    readonly output_modalities: string[];
    /** `text+image->text`; null when no modality is known. */
    readonly modality: string | null;
  };
  /** Absent when the provider reports no price: a missing price is not a free model. */
  readonly pricing?: OpenRouterPricing;
  /** The limits of the serving provider. */
  readonly top_provider: {
    /** The context window; null when unknown. */
    readonly context_length: number | null;
    /** The most output tokens; null when unknown. */
    readonly max_completion_tokens: number | null;
  };
  /** Always null, as OpenRouter sends it. */
  readonly per_request_limits: null;
  /** Absent when neither the provider's parameters nor its capabilities say. */
  readonly supported_parameters?: string[];
  /** The date the model goes away (`YYYY-MM-DD`); null when none is announced or known. */
  readonly expiration_date: string | null;
}

/**
 * OpenRouter's model list body, with a gateway's `next_page_token`.
 *
 * @example
 * ```ts
 * const body: OpenRouterModelList = toOpenRouterModelList(sortModels(models, qualifiedKey), { pageSize: 100 });
 * ```
 */
export interface OpenRouterModelList {
  /** The page's models. */
  readonly data: OpenRouterModelEntry[];
  /** Present when more models follow. */
  readonly next_page_token?: string;
}

/**
 * Renders models in OpenRouter's rich shape: `id` is `<provider>/<id>` (`canonical_slug` the
 * provider's own id), prices are USD-per-token decimal strings without float noise, modalities
 * come from the provider or else from the category (and the `vision`, `pdfInput` and
 * `audioInput` capabilities), `supported_parameters` are the reported ones and those the
 * capabilities stand for (`tools` and `tool_choice`, `reasoning` and `include_reasoning`,
 * `structured_outputs`, `response_format`), and `expiration_date` is the lifecycle's shutdown
 * date. Fields OpenRouter declares nullable are null when unknown; others are absent. Pages only
 * when `pageSize` or `pageToken` is given, in `keyOf` order; give the list in
 * `sortModels(models, keyOf)` order (`<provider>/<id>` by default).
 *
 * Departures from OpenRouter's own schema, so that nothing is invented: `pricing` and
 * `supported_parameters` are absent when the provider gave none (a missing price is not a free
 * model), and `links`, `default_parameters` and `top_provider.is_moderated` are never written
 * (a {@link Model} does not carry them). `per_request_limits` is null, as OpenRouter's API sends it.
 *
 * @example
 * ```ts
 * const body = toOpenRouterModelList(models, { pageSize: 50 }); // { data: [...], next_page_token? }
 * ```
 */
export function toOpenRouterModelList(
  models: readonly Model[],
  page: TokenPageRequest = {},
  keyOf: ModelKey = qualifiedKey,
): OpenRouterModelList {
  const { models: slice, nextPageToken } = pageByToken(models, keyOf, page, {
    scope: 'openrouter',
  });
  const data = slice.map(openrouterEntry);
  return nextPageToken === undefined ? { data } : { data, next_page_token: nextPageToken };
}

/** One model as an entry of OpenRouter's list, its id `<provider>/<id>`. */
function openrouterEntry(model: Model): OpenRouterModelEntry {
  const { output } = modalitiesOf(model);
  const input = inputModalitiesOf(model);
  const pricing = model.pricing ? toOpenRouterPricing(model.pricing) : undefined;
  const parameters = supportedParametersOf(model);
  return {
    id: qualifiedKey(model),
    canonical_slug: model.id,
    name: model.name,
    created: wholeSeconds(model.created),
    ...(model.description ? { description: model.description } : {}),
    owned_by: model.ownedBy || model.provider,
    context_length: model.contextLength ?? null,
    ...(model.maxOutputTokens ? { max_output_tokens: model.maxOutputTokens } : {}),
    architecture: {
      input_modalities: [...input],
      output_modalities: [...output],
      modality:
        input.length > 0 && output.length > 0 ? `${input.join('+')}->${output.join('+')}` : null,
    },
    ...(pricing ? { pricing } : {}),
    top_provider: {
      context_length: model.contextLength ?? null,
      max_completion_tokens: model.maxOutputTokens ?? null,
    },
    per_request_limits: null,
    ...(parameters.length > 0 ? { supported_parameters: parameters } : {}),
    expiration_date: model.lifecycle?.shutdownAt ?? null,
  };
}

/** Our USD-per-million prices as OpenRouter's USD-per-token strings; image and request stay as they are. */
function toOpenRouterPricing(pricing: ModelPricing): OpenRouterPricing | undefined {
  const fields: [keyof OpenRouterPricing, number | undefined, number][] = [
    ['prompt', pricing.input, 6],
    ['completion', pricing.output, 6],
    ['request', pricing.request, 0],
    ['image', pricing.image, 0],
    ['internal_reasoning', pricing.reasoning, 6],
    ['input_cache_read', pricing.cacheRead, 6],
    ['input_cache_write', pricing.cacheWrite, 6],
  ];
  const result: Record<string, string> = {};
  for (const [name, value, places] of fields) {
    if (value !== undefined && Number.isFinite(value) && value >= 0)
      result[name] = shiftDecimal(value, places);
  }
  return Object.keys(result).length > 0 ? result : undefined;
}

/**
 * `value / 10^places` as a plain decimal string, computed on the digits so no float noise
 * appears: 2.5 shifted by 6 is `0.0000025`, never `2.4999999999999998e-6`.
 */
export function shiftDecimal(value: number, places: number): string {
  if (value === 0) return '0';
  const [mantissa = '0', exponent = '0'] = value.toExponential().split('e');
  const [whole = '0', fraction = ''] = mantissa.split('.');
  const digits = whole + fraction;
  const point = whole.length + Number(exponent) - places;
  if (point <= 0) return `0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return digits + '0'.repeat(point - digits.length);
  return `${digits.slice(0, point)}.${digits.slice(point)}`;
}

/**
 * The OpenRouter format of the models handler: {@link toOpenRouterModelList} over the list
 * ordered by `<provider>/<id>`, paged with `page_size` and `page_token`.
 *
 * @example
 * ```ts
 * const body = openrouterFormat.render(input, openrouterFormat.readQuery(url.searchParams));
 * ```
 */
export const openrouterFormat: WireFormat<TokenPageRequest> = {
  readQuery: queryTokenPage,
  render: (input, page) => ({
    ...toOpenRouterModelList(
      input.models('qualified'),
      { ...page, scope: input.scope },
      input.pageKey('qualified'),
    ),
    ...errorsField(input),
  }),
  renderOne: (_input, model) => openrouterEntry(model),
};
