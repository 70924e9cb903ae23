import {
  type CatalogResult,
  createModelCatalog,
  type ListModelsRequest,
  type ModelCatalog,
  type ProviderResult,
} from './catalog.js';

let defaultCatalog: ModelCatalog | undefined;

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
export function listModels(
  request: ListModelsRequest = {},
): Promise<CatalogResult | ProviderResult> {
  defaultCatalog ??= createModelCatalog();
  return defaultCatalog.listModels(request as ListModelsRequest & { provider: string });
}
