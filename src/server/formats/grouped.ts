import { InvalidParameterError } from '../../errors/invalid-parameter-error.js';
import type { CatalogResult, Model, ProviderErrorInfo, ProviderInfo } from '../../types.js';
import { MODEL_CATEGORIES, type ModelCategory } from '../../types.js';
import { queryText, queryWholeNumber } from '../query-parameters.js';
import { groupByProvider, type WireFormat } from './wire-format.js';

/**
 * One provider's models of one category.
 *
 * @example
 * ```ts
 * for (const group of grouped.embedding) console.log(group.provider, group.configured, group.models.length);
 * ```
 */
export interface ProviderGroup {
  /** The provider id. */
  readonly provider: string;
  /** False when the provider lacks its key or endpoint; its `models` is then empty. */
  readonly configured: boolean;
  /** Its models of the category. */
  readonly models: Model[];
  /** Why a configured provider has no list: it failed (no secrets). */
  readonly error?: ProviderErrorInfo;
}

/**
 * Models grouped by category, then by provider, for each of the six categories.
 *
 * @example
 * ```ts
 * const grouped: ModelsByCategory = groupByCategory(await catalog.listModels(), { providers: catalog.listProviders() });
 * console.log(grouped.chat.map((group) => group.provider));
 * ```
 */
export type ModelsByCategory = Record<ModelCategory, ProviderGroup[]>;

/**
 * Groups a catalog result by category: every category lists every provider with a `configured`
 * flag, so configured-but-empty and unconfigured providers show too.
 *
 * @example
 * ```ts
 * const grouped = groupByCategory(await catalog.listModels(), { providers: catalog.listProviders() });
 * grouped.embedding; // [{ provider: 'openai', configured: true, models: [...] }, { provider: 'ollama', configured: false, models: [] }]
 * ```
 */
export function groupByCategory(
  result: Pick<CatalogResult, 'providers'> & Partial<Pick<CatalogResult, 'errors'>>,
  options: { readonly providers: readonly Pick<ProviderInfo, 'id' | 'configured'>[] },
): ModelsByCategory {
  const known = options.providers.map((provider) => ({
    id: provider.id,
    configured: provider.configured,
  }));
  for (const id of [...Object.keys(result.providers), ...Object.keys(result.errors ?? {})]) {
    if (!known.some((provider) => provider.id === id)) known.push({ id, configured: true });
  }
  const grouped = {} as Record<ModelCategory, ProviderGroup[]>;
  for (const category of MODEL_CATEGORIES) {
    grouped[category] = known.map(({ id, configured }) => {
      // Own keys only: a provider named `constructor` or `toString` is data, not a method.
      const error =
        result.errors && Object.hasOwn(result.errors, id) ? result.errors[id] : undefined;
      const listed = Object.hasOwn(result.providers, id) ? result.providers[id] : undefined;
      const models = (listed ?? []).filter((model) => model.category === category);
      return { provider: id, configured, models, ...(error ? { error } : {}) };
    });
  }
  return grouped;
}

/**
 * The grouped format of the models handler: {@link groupByCategory} of the models asked for,
 * listing the catalog's providers (only the one asked for, with `provider`). It does not page:
 * `page_size` or `page_token` is a 400.
 *
 * @example
 * ```ts
 * const body = groupedFormat.render(input, groupedFormat.readQuery(new URLSearchParams()));
 * ```
 */
export const groupedFormat: WireFormat<undefined> = {
  readQuery(query) {
    const pageSize = queryWholeNumber(query, 'page_size');
    if (pageSize !== undefined || queryText(query, 'page_token') !== undefined) {
      throw new InvalidParameterError(
        'page_size',
        'Paging is not available with `format=grouped`.',
      );
    }
    return undefined;
  },
  render(input) {
    // A provider this request listed is configured for it, by the catalog or by the request's
    // own credentials (which the catalog's `listProviders` knows nothing of).
    const listed = new Set(input.providerIds);
    const providers = input
      .catalogProviders()
      .filter((provider) => input.provider === undefined || provider.id === input.provider)
      .map((provider) =>
        listed.has(provider.id) && !provider.configured
          ? { id: provider.id, aliases: provider.aliases, configured: true }
          : provider,
      );
    return groupByCategory(
      { providers: groupByProvider(input.providerIds, input.models('id')), errors: input.errors },
      { providers },
    );
  },
  renderOne: (_input, model) => model,
};
