import { createDefaultCache } from '../cache/default-cache.js';
import { createCatalog } from '../core/catalog.js';
import type { ModelCatalogOptions } from '../core/options.js';
import { defaultProviders } from '../providers/default-providers.js';
import type { ModelCatalog } from '../types.js';

/**
 * Creates a catalog. With no options it uses every built-in provider that the
 * environment configures, a file cache (memory where there is no filesystem) and a 24-hour TTL.
 *
 * @example
 * ```ts
 * const catalog = createModelCatalog({ providers: [openai(), ollama()], cache: createMemoryCache() });
 * const { providers, errors } = await catalog.listModels();
 * const { models } = await catalog.listModels({ provider: 'openai', refresh: true });
 * ```
 */
export function createModelCatalog(options: ModelCatalogOptions = {}): ModelCatalog {
  return createCatalog(options, { providers: defaultProviders, cache: createDefaultCache });
}
