import { sameList } from '../core/same-list.js';
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

  // The same model joined to the same entry is the same object on every listing, so that an
  // unchanged join gives the same list again (see `sameList`).
  const enriched = new WeakMap<Model, WeakMap<Model, Model>>();
  const enrichOnce = (model: Model, entry: Model): Model => {
    let byEntry = enriched.get(model);
    if (byEntry === undefined) {
      byEntry = new WeakMap();
      enriched.set(model, byEntry);
    }
    let joined = byEntry.get(entry);
    if (joined === undefined) {
      joined = enrichModel(model, entry, id);
      byEntry.set(entry, joined);
    }
    return joined;
  };
  // A fallback answer from the same entries is the same list too.
  const answered = new WeakMap<readonly Model[], Map<string, Model[]>>();
  const answerFrom = (entries: readonly Model[], catalogProvider: string, provider: string) => {
    let byProvider = answered.get(entries);
    if (byProvider === undefined) {
      byProvider = new Map();
      answered.set(entries, byProvider);
    }
    let models = byProvider.get(provider);
    if (models === undefined) {
      // Frozen: later sources and callers get this same list.
      models = Object.freeze(
        entries.map((entry) => modelFromEntry(entry, catalogProvider, provider, id)),
      ) as Model[];
      byProvider.set(provider, models);
    }
    return models;
  };
  const built = new WeakMap<readonly Model[], Model[]>();

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
        const earlier = isObject(error) ? pendingCatalogErrors.get(error) : undefined;
        if (!loaded.data || !entries?.length) {
          // A later catalog may answer instead: it reports why this one could not be read.
          if (loaded.error && isObject(error)) {
            pendingCatalogErrors.set(error, { ...earlier, [id]: loaded.error });
          }
          throw error;
        }
        const models = answerFrom(entries, catalogProvider, context.provider);
        return marked(
          withCatalogError(
            {
              provider: context.provider,
              models,
              status: {
                source: 'catalog',
                fetchedAt: loaded.data.fetchedAt,
                stale: true,
                error: describeError(error, context.provider),
                ...(earlier ? { catalogErrors: earlier } : {}),
              },
            },
            id,
            loaded.error,
          ),
          undefined,
          id,
          models.map((model) => model.id),
        );
      }
      const { data, error } = await loading;
      // The models an earlier catalog of the same id (live models.dev before the snapshot of
      // it) was joined to: that one's copy is the newer, and what it leaves out it does not say.
      const joinedBefore = joinedIds.get(result)?.get(id);
      const joined: string[] = [];
      const models = data
        ? sameList(
            built,
            result.models,
            result.models.map((model) => {
              if (joinedBefore?.has(model.id)) return model;
              const entry = data.entries.get(`${catalogProvider}/${model.id}`);
              if (!entry) return model;
              joined.push(model.id);
              return enrichOnce(model, entry);
            }),
          )
        : result.models;
      return marked(withCatalogError({ ...result, models }, id, error), result, id, joined);
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

/**
 * By result of a join: for each catalog id, the ids of the models a catalog of that id was
 * joined to (or answered), so that a later catalog of the same id leaves them alone.
 */
const joinedIds = new WeakMap<ProviderResult, ReadonlyMap<string, ReadonlySet<string>>>();

/** The result, marked with what the listing it came from was marked with, and `ids` under `id`. */
function marked(
  result: ProviderResult,
  from: ProviderResult | undefined,
  id: string,
  ids: readonly string[],
): ProviderResult {
  const marks = new Map(from ? joinedIds.get(from) : undefined);
  marks.set(id, new Set([...(marks.get(id) ?? []), ...ids]));
  joinedIds.set(result, marks);
  return result;
}

/**
 * The load errors of the catalogs that passed a failed listing on to the next one for the
 * fallback, by the listing's error: the catalog that answers reports them with its own.
 */
const pendingCatalogErrors = new WeakMap<object, Readonly<Record<string, ProviderErrorInfo>>>();

function isObject(value: unknown): value is object {
  return (typeof value === 'object' && value !== null) || typeof value === 'function';
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
