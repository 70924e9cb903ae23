import { qualifiedKey, sortModels } from '../entries/server.js';
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
 * page are followed to the end), in the order and with the ids `GET /v1/models` of
 * `createModelsHandler` gives: `<provider>/<id>` when `qualify` (several providers listed).
 */
export function toWireFormat(
  format: WireFormat,
  models: readonly Model[],
  options: { readonly qualify: boolean },
): OpenAIModelList | AnthropicModelList | GeminiModelList | OpenRouterModelList {
  if (format === 'openrouter') return toOpenRouterModelList(sortModels(models, qualifiedKey));
  const ordered = sortModels(
    options.qualify ? models.map((model) => ({ ...model, id: qualifiedKey(model) })) : models,
  );
  if (format === 'openai') return toOpenAIModelList(ordered);
  if (format === 'anthropic') {
    const data: AnthropicModelEntry[] = [];
    let page = toAnthropicModelList(ordered, { limit: LARGEST_PAGE });
    data.push(...page.data);
    while (page.has_more && page.last_id !== null) {
      page = toAnthropicModelList(ordered, { limit: LARGEST_PAGE, afterId: page.last_id });
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
  let page = toGeminiModelList(ordered, { pageSize: LARGEST_PAGE });
  entries.push(...page.models);
  while (page.nextPageToken !== undefined) {
    page = toGeminiModelList(ordered, { pageSize: LARGEST_PAGE, pageToken: page.nextPageToken });
    entries.push(...page.models);
  }
  return { models: entries };
}
