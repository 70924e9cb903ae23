/**
 * `model-catalog`: everything in one entry. The engine with its defaults (every built-in
 * provider, the file cache), the classifier, the caches, the errors, every provider factory
 * and the serving tools. Smaller entries: `model-catalog/core`, `/classify`, `/server`,
 * `/providers`; the built-in models.dev data is `/snapshot`, the `node:http` adapter `/node`.
 *
 * @module model-catalog
 */

// The catalog, with its defaults.
export type { ModelCatalogOptions } from './core/options.js';
export { createModelCatalog } from './preset/create-model-catalog.js';
export { listModels } from './preset/list-models.js';
// Catalogs of model facts joined into listings (the snapshot is `model-catalog/snapshot`).
export { type ModelsDevOptions, modelsDev } from './catalogs/models-dev.js';
export { MODELS_DEV_PROVIDER_IDS } from './catalogs/models-dev-provider-ids.js';
export { type StaticCatalogOptions, staticCatalog } from './catalogs/static-catalog.js';
// The contracts.
export {
  type CacheEntry,
  type CatalogChange,
  type CatalogContext,
  type CatalogEvent,
  type Credentials,
  type CatalogResult,
  type CatalogSource,
  type Environment,
  type ErrorKind,
  type HttpClient,
  type HttpRequest,
  type ListModelsRequest,
  MODEL_CAPABILITIES,
  MODEL_CATEGORIES,
  MODEL_LIFECYCLE_STATUSES,
  type Model,
  type ModelCache,
  type ModelCapabilities,
  type ModelCapability,
  type ModelCatalog,
  type ModelCategory,
  type ModelChange,
  type ModelChanges,
  type ModelFieldChange,
  type ModelLifecycle,
  type ModelLifecycleStatus,
  type ModelOverride,
  type ModelOverrides,
  type ModelPricing,
  type ModelSource,
  type ProviderAdapter,
  type ProviderContext,
  type ProviderCredentials,
  type ProviderErrorInfo,
  type ProviderInfo,
  type ProviderListing,
  type ProviderResult,
  type ProviderSetting,
  type ProviderStatus,
  type ReasoningOptions,
  type ResolvedSettings,
  type WatchOptions,
} from './types.js';
// The classifier.
export { type ClassifyHints, classifyModel } from './classify/index.js';
// Caches.
export { createFileCache, type FileCache, type FileCacheOptions } from './cache/file.js';
export { createMemoryCache, type MemoryCacheOptions } from './cache/memory.js';
export {
  createStorageCache,
  type StorageCacheOptions,
  type UnstorageStorage,
} from './cache/storage.js';
// Errors.
export {
  AdapterError,
  InvalidParameterError,
  InvalidResponseError,
  ListingAbortedError,
  ModelCatalogError,
  type ModelCatalogErrorOptions,
  NotConfiguredError,
  ProviderRequestError,
  type ProviderRequestKind,
  UnknownProviderError,
} from './errors/index.js';
// Providers.
export * from './providers/index.js';
// Serving: wire formats, filters and the HTTP handler.
export { createModelsHandler } from './preset/create-models-handler.js';
export {
  type AnthropicCapabilities,
  type AnthropicCapabilitySupport,
  type AnthropicModelEntry,
  type AnthropicModelList,
  type AnthropicPageRequest,
  toAnthropicModelList,
} from './server/formats/anthropic.js';
export {
  MODEL_LIST_FORMATS,
  type ModelListFormat,
  type ModelsHandler,
  type ModelsHandlerOptions,
} from './server/create-models-handler.js';
export {
  type DetectedModelListFormat,
  detectModelListFormat,
  type FormatDetectionInput,
} from './server/detect-format.js';
export {
  filterModels,
  lifecycleStatusOf,
  type ListFilter,
  modalitiesOf,
  type ModelFilter,
  type ModelSortKey,
} from './server/filter-models.js';
export { searchModels } from './server/search-models.js';
export {
  type GeminiModelEntry,
  type GeminiModelList,
  type GeminiPageRequest,
  toGeminiModelList,
} from './server/formats/gemini.js';
export {
  groupByCategory,
  type ModelsByCategory,
  type ProviderGroup,
} from './server/formats/grouped.js';
export {
  type OpenAIModelEntry,
  type OpenAIModelList,
  toOpenAIModelList,
} from './server/formats/openai.js';
export {
  type OpenRouterModelEntry,
  type OpenRouterModelList,
  type OpenRouterPricing,
  toOpenRouterModelList,
} from './server/formats/openrouter.js';
export type { TokenPageRequest } from './server/paginate.js';
