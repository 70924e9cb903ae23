/**
 * `model-catalog/server`: the wire-format renderers, filters, format detection, paging and
 * the Fetch API handler, without the built-in providers. `createModelsHandler` here needs a
 * catalog; the one of `model-catalog` falls back to the default catalog.
 *
 * @module model-catalog/server
 */
export { InvalidParameterError } from '../errors/index.js';
export {
  createModelsHandler,
  MODEL_LIST_FORMATS,
  type ModelListFormat,
  type ModelsHandler,
  type ModelsHandlerOptions,
} from '../server/create-models-handler.js';
export {
  type DetectedModelListFormat,
  detectModelListFormat,
  type FormatDetectionInput,
} from '../server/detect-format.js';
export {
  filterModels,
  type ListFilter,
  lifecycleStatusOf,
  type ModelFilter,
  type ModelSortKey,
  modalitiesOf,
} from '../server/filter-models.js';
export {
  type AnthropicCapabilities,
  type AnthropicCapabilitySupport,
  type AnthropicModelEntry,
  type AnthropicModelList,
  type AnthropicPageRequest,
  toAnthropicModelList,
} from '../server/formats/anthropic.js';
export {
  type GeminiModelEntry,
  type GeminiModelList,
  type GeminiPageRequest,
  toGeminiModelList,
} from '../server/formats/gemini.js';
export {
  groupByCategory,
  type ModelsByCategory,
  type ProviderGroup,
} from '../server/formats/grouped.js';
export {
  type OpenAIModelEntry,
  type OpenAIModelList,
  toOpenAIModelList,
} from '../server/formats/openai.js';
export {
  type OpenRouterModelEntry,
  type OpenRouterModelList,
  type OpenRouterPricing,
  toOpenRouterModelList,
} from '../server/formats/openrouter.js';
// Paging, for handlers of your own: stable keys and opaque page tokens that stay correct
// when the list changes between requests.
export {
  idKey,
  type ModelKey,
  pageByToken,
  qualifiedKey,
  sortModels,
  type TokenPage,
  type TokenPageRequest,
} from '../server/paginate.js';
export { searchModels } from '../server/search-models.js';
