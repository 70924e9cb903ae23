import { describeError, ModelCatalogError } from '../errors/index.js';
import type {
  CatalogContext,
  CatalogSource,
  Model,
  ProviderErrorInfo,
  ProviderResult,
} from '../types.js';
import { enrichModel, modelFromEntry } from './enrich-model.js';

/** A catalog's data, indexed for joining. */
export interface CatalogData {
  /** When the data was taken, ISO 8601: the fallback's `status.fetchedAt`. */
  readonly fetchedAt: string;
  /** Entries by `<catalog provider>/<model id>`. */
  readonly entries: ReadonlyMap<string, Model>;
  /** The entries of each catalog provider. */
  readonly byProvider: ReadonlyMap<string, readonly Model[]>;
}

/** What loading a catalog's data gave: the data when at hand, the error when it failed. */
export interface LoadedCatalog {
  readonly data?: CatalogData;
  readonly error?: ProviderErrorInfo;
}

/** What a catalog source is made of; `modelsDev()` and `staticCatalog()` differ only in `load`. */
export interface CatalogSourceParts {
  readonly id: string;
  /** Our provider id to the catalog's; `undefined` means the same id on both sides. */
  readonly providerIds: Readonly<Record<string, string>> | undefined;
  /** Loads the data; never rejects but when the listing is cancelled. */
  readonly load: (context: CatalogContext) => Promise<LoadedCatalog>;
}

/**
 * Builds a {@link CatalogSource}: it loads its data while the listing runs, then joins each
 * listed model to the entry of exactly the same id under the mapped provider, and, with
 * `fallback`, answers for a provider that failed from that provider's entries.
 */
export function createCatalogSource({ id, providerIds, load }: CatalogSourceParts): CatalogSource {
  const catalogProviderOf = (provider: string): string | undefined =>
    providerIds === undefined
      ? provider
      : Object.hasOwn(providerIds, provider)
        ? providerIds[provider]
        : undefined;

  return {
    id,
    async join(listing, context) {
      const catalogProvider = catalogProviderOf(context.provider);
      if (catalogProvider === undefined) return listing;
      const loading = load(context);
      loading.catch(() => {}); // awaited below, after the listing; a cancellation must not go unhandled
      let result: ProviderResult;
      try {
        result = await listing;
      } catch (error) {
        if (!context.fallback || isAbort(error)) throw error;
        const loaded = await loading;
        const entries = loaded.data?.byProvider.get(catalogProvider);
        if (!loaded.data || !entries?.length) throw error;
        return withCatalogError(
          {
            provider: context.provider,
            models: entries.map((entry) =>
              modelFromEntry(entry, catalogProvider, context.provider, id),
            ),
            status: {
              source: 'catalog',
              fetchedAt: loaded.data.fetchedAt,
              stale: true,
              error: describeError(error, context.provider),
            },
          },
          id,
          loaded.error,
        );
      }
      const { data, error } = await loading;
      const models = data
        ? result.models.map((model) => {
            const entry = data.entries.get(`${catalogProvider}/${model.id}`);
            return entry ? enrichModel(model, entry, id) : model;
          })
        : result.models;
      return withCatalogError({ ...result, models }, id, error);
    },
  };
}

/** Indexes catalog entries (ids `<catalog provider>/<model id>`) for joining. */
export function indexCatalog(models: readonly Model[], fetchedAt: string): CatalogData {
  const entries = new Map<string, Model>();
  const byProvider = new Map<string, Model[]>();
  for (const model of models) {
    entries.set(model.id, model);
    const list = byProvider.get(model.provider);
    if (list) list.push(model);
    else byProvider.set(model.provider, [model]);
  }
  return { fetchedAt, entries, byProvider };
}

function isAbort(error: unknown): boolean {
  return ModelCatalogError.isInstance(error) && error.kind === 'aborted';
}

function withCatalogError(
  result: ProviderResult,
  id: string,
  error: ProviderErrorInfo | undefined,
): ProviderResult {
  if (!error) return result;
  const catalogErrors = { ...result.status.catalogErrors, [id]: error };
  return { ...result, status: { ...result.status, catalogErrors } };
}
