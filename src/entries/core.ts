/**
 * `model-catalog/core`: the engine without the built-in providers. Pass the adapters you use
 * (from `model-catalog/providers` or your own) and a cache; a bundle then carries only those.
 *
 * @module model-catalog/core
 */
import { createMemoryCache } from '../cache/memory.js';
import { createCatalog } from '../core/catalog.js';
import type { ModelCatalogOptions } from '../core/options.js';
import type { ModelCatalog } from '../types.js';

export { createMemoryCache, type MemoryCacheOptions } from '../cache/memory.js';
export {
  createStorageCache,
  type StorageCacheOptions,
  type UnstorageStorage,
} from '../cache/storage.js';
export type { ModelCatalogOptions } from '../core/options.js';
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
} from '../errors/index.js';
export * from '../types.js';

/**
 * Creates a catalog over the adapters in `providers` only (none by default: nothing is listed
 * until you pass some). The cache defaults to a memory cache; pass `createFileCache()` from
 * `model-catalog` for files, or any {@link ModelCache}. Every other option is as in
 * `model-catalog`'s `createModelCatalog`.
 *
 * @example
 * ```ts
 * import { createModelCatalog } from 'model-catalog/core';
 * import { openai } from 'model-catalog/providers';
 *
 * const catalog = createModelCatalog({ providers: [openai()] });
 * const { models } = await catalog.listModels({ provider: 'openai' });
 * ```
 */
export function createModelCatalog(options: ModelCatalogOptions = {}): ModelCatalog {
  return createCatalog(options, { cache: () => createMemoryCache() });
}
