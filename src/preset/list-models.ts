import type { CatalogResult, ListModelsRequest, ModelCatalog, ProviderResult } from '../types.js';
import { createModelCatalog } from './create-model-catalog.js';

let defaultCatalog: ModelCatalog | undefined;

/**
 * The process-wide default catalog behind {@link listModels} (and a models handler given no
 * catalog), built from `process.env` on first use. Internal: not exported from the package.
 */
export function getDefaultCatalog(): ModelCatalog {
  defaultCatalog ??= createModelCatalog();
  return defaultCatalog;
}

/**
 * Lists models with a default catalog: every built-in provider the environment
 * configures, the file cache and a 24-hour TTL. The catalog is built on first use.
 *
 * @example
 * ```ts
 * const { providers, errors } = await listModels();
 * const { models } = await listModels({ provider: 'ollama', refresh: true });
 * ```
 */
export function listModels(
  request?: ListModelsRequest & { readonly provider?: undefined },
): Promise<CatalogResult>;
export function listModels(
  request: ListModelsRequest & { readonly provider: string },
): Promise<ProviderResult>;
export function listModels(request?: ListModelsRequest): Promise<CatalogResult | ProviderResult>;
export function listModels(
  request: ListModelsRequest = {},
): Promise<CatalogResult | ProviderResult> {
  return getDefaultCatalog().listModels(request);
}
