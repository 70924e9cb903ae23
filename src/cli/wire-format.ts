import { idKey, type ModelKey, qualifiedKey, sortModels } from '../entries/server.js';
import {
  type AnthropicModelEntry,
  type AnthropicModelList,
  type GeminiModelEntry,
  type GeminiModelList,
  type Model,
  type OpenAIModelList,
  type OpenRouterModelList,
  toAnthropicModelList,
  toGeminiModelList,
  toOpenAIModelList,
  toOpenRouterModelList,
} from '../index.js';

/** The wire formats `--format` prints. */
export const WIRE_FORMATS = ['openai', 'anthropic', 'gemini', 'openrouter'] as const;

/** One of {@link WIRE_FORMATS}. */
export type WireFormat = (typeof WIRE_FORMATS)[number];

const LARGEST_PAGE = 1000;

/**
 * The models as one document of a provider's list format, every model in it (the formats that
 * page are followed to the end), with the ids `GET /v1/models` of `createModelsHandler` gives:
 * `<provider>/<id>` when `qualify` (several providers listed). In the handler's order, or in the
 * order given when `keepOrder` (the user's `--sort`).
 */
export function toWireFormat(
  format: WireFormat,
  models: readonly Model[],
  options: { readonly qualify: boolean; readonly keepOrder: boolean },
): OpenAIModelList | AnthropicModelList | GeminiModelList | OpenRouterModelList {
  if (format === 'openrouter') {
    return toOpenRouterModelList(options.keepOrder ? models : sortModels(models, qualifiedKey));
  }
  const listed = options.qualify
    ? models.map((model) => ({ ...model, id: qualifiedKey(model) }))
    : models;
  const ordered = options.keepOrder ? listed : sortModels(listed);
  // The formats page by the key the list is sorted by: the id, or else each model's place.
  const keyOf = options.keepOrder ? placeKey(ordered) : idKey;
  if (format === 'openai') return toOpenAIModelList(ordered);
  if (format === 'anthropic') {
    const data: AnthropicModelEntry[] = [];
    let page = toAnthropicModelList(ordered, { limit: LARGEST_PAGE }, keyOf);
    data.push(...page.data);
    while (page.has_more && page.last_id !== null) {
      page = toAnthropicModelList(ordered, { limit: LARGEST_PAGE, afterId: page.last_id }, keyOf);
      data.push(...page.data);
    }
    return {
      data,
      has_more: false,
      first_id: data[0]?.id ?? null,
      last_id: data.at(-1)?.id ?? null,
    };
  }
  const entries: GeminiModelEntry[] = [];
  let page = toGeminiModelList(ordered, { pageSize: LARGEST_PAGE }, keyOf);
  entries.push(...page.models);
  while (page.nextPageToken !== undefined) {
    const next = { pageSize: LARGEST_PAGE, pageToken: page.nextPageToken };
    page = toGeminiModelList(ordered, next, keyOf);
    entries.push(...page.models);
  }
  return { models: entries };
}

/** A key that sorts the models in the order given: each one's place, zero-padded. */
function placeKey(models: readonly Model[]): ModelKey {
  const places = new Map(models.map((model, index) => [model, String(index).padStart(10, '0')]));
  return (model) => places.get(model) ?? '';
}
