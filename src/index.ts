export {
  type CatalogResult,
  createModelCatalog,
  type ListModelsRequest,
  type ModelCatalog,
  type ProviderErrorInfo,
  type ProviderInfo,
  type ProviderResult,
  type ProviderStatus,
} from './catalog.js';
export { listModels } from './list-models.js';
export type { ModelCatalogOptions } from './options.js';
export type { CatalogEvent } from './events.js';
export type { Model, ModelPricing } from './model.js';
export { MODEL_CATEGORIES, type ModelCategory } from './model-category.js';
export { classifyModel, type ClassifyHints } from './classify/index.js';
export type { CacheEntry, ModelCache } from './cache/types.js';
export { createFileCache, type FileCache, type FileCacheOptions } from './cache/file.js';
export { createMemoryCache } from './cache/memory.js';
export type { ModelSource, ProviderAdapter, ProviderContext, ProviderListing } from './provider.js';
export type { ProviderSetting, ResolvedSettings, Environment } from './settings.js';
export type { HttpClient, HttpRequest } from './http.js';
export {
  type ErrorKind,
  InvalidResponseError,
  ModelCatalogError,
  NotConfiguredError,
  ProviderRequestError,
  UnknownProviderError,
} from './errors.js';
export { defaultProviders } from './providers/index.js';
export { openai, type OpenAIProviderOptions } from './providers/openai.js';
// provider exports: add one line per provider below this comment.
