import { checkOptionNames } from '../core/check-option.js';
import { describeError, InvalidResponseError } from '../errors/index.js';
import type { CatalogContext, CatalogSource, ProviderAdapter } from '../types.js';
import {
  type CatalogData,
  createCatalogSource,
  indexCatalog,
  type LoadedCatalog,
} from './catalog-source.js';
import { MODELS_DEV_PROVIDER_IDS } from './models-dev-provider-ids.js';
import { readModelsDev } from './read-models-dev.js';

/**
 * Options of {@link modelsDev}.
 *
 * @example
 * ```ts
 * const options: ModelsDevOptions = { baseURL: 'https://models.example.com', headers: { authorization: 'Bearer ...' } };
 * ```
 */
export interface ModelsDevOptions {
  /** Where `api.json` is served, e.g. a mirror. Default `https://models.dev`. */
  readonly baseURL?: string | undefined;
  /** Extra request headers; their values are scrubbed from errors like keys. */
  readonly headers?: Readonly<Record<string, string>> | undefined;
  /**
   * More of our provider ids and the models.dev provider holding their models, added to
   * (and replacing entries of) {@link MODELS_DEV_PROVIDER_IDS}, e.g. `{ 'my-gateway': 'openrouter' }`.
   */
  readonly providerIds?: Readonly<Record<string, string>> | undefined;
}

/** The id `sources` names for facts from models.dev, and its entry in the cache. */
const ID = 'models.dev';

/**
 * A catalog source reading models.dev's `api.json` (`${baseURL}/api.json`, MIT licence):
 * limits, modalities, capabilities, reasoning options, prices, family, dates and lifecycle of
 * thousands of models. It is fetched through the catalog's HTTP client (time budget, retries,
 * size cap, scrubbing) and kept in the catalog's cache under `models.dev`, with the same TTL,
 * last good copy, shared fetches and back-off as a provider's list; only the models.dev
 * providers of {@link MODELS_DEV_PROVIDER_IDS} are kept. When it cannot be read, listings are
 * served without its facts and `status.catalogErrors['models.dev']` says why.
 *
 * @example
 * ```ts
 * const catalog = createModelCatalog({ catalogs: [modelsDev()] });
 * const { models } = await catalog.listModels({ provider: 'openai' });
 * const gpt4o = models.find((model) => model.id === 'gpt-4o');
 * console.log(gpt4o?.contextLength, gpt4o?.sources?.contextLength); // 128000 'models.dev'
 * ```
 */
export function modelsDev(options: ModelsDevOptions = {}): CatalogSource {
  checkOptionNames('modelsDev()', options, ['baseURL', 'headers', 'providerIds']);
  checkRecord('headers', options.headers);
  checkRecord('providerIds', options.providerIds);
  const providerIds = { ...MODELS_DEV_PROVIDER_IDS, ...options.providerIds };
  const wanted = new Set(Object.values(providerIds));
  const headers = options.headers ?? {};
  // Header values may carry tokens: scrubbed from errors whole and without a scheme (`Bearer `).
  const secrets = Object.values(headers).flatMap((value) => [value, value.replace(/^\w+\s+/, '')]);
  const adapter: ProviderAdapter = {
    id: ID,
    // The headers and the providers kept change what the cached copy holds.
    cacheKey: JSON.stringify([Object.entries(headers).sort(), [...wanted].sort()]),
    settings: {
      baseURL: { option: 'baseURL', value: options.baseURL, default: 'https://models.dev' },
    },
    async listModels({ http, settings }) {
      const url = `${settings.baseURL!.replace(/\/+$/, '')}/api.json`;
      const body = await http.getJson(url, { headers, secrets });
      const reading = readModelsDev(body, (provider) => wanted.has(provider));
      // An object holding none of the mapped providers (an error body, another API's answer)
      // is no catalog: kept, it would stand for models.dev, empty, for the whole TTL.
      const issues =
        reading.models.length === 0 && reading.skipped === 0 && !holdsAnyOf(body, wanted)
          ? ['(root): expected an object of providers holding at least one mapped provider']
          : reading.issues;
      if (reading.models.length === 0 && (reading.skipped > 0 || issues.length > 0)) {
        throw new InvalidResponseError(
          `${ID}: ${url} does not have the models.dev shape (${issues.slice(0, 5).join('; ')}).`,
          { provider: ID, issues },
        );
      }
      return { models: reading.models, skipped: reading.skipped };
    },
  };
  // The data last loaded through each catalog (one `context.load` per catalog), reused while
  // fresh so that a listing of many providers, and every listing after it, indexes it once.
  const loaded = new WeakMap<CatalogContext['load'], { data: CatalogData; freshUntil: number }>();

  const load = async (context: CatalogContext): Promise<LoadedCatalog> => {
    const last = loaded.get(context.load);
    if (last && context.now() < last.freshUntil) return { data: last.data };
    try {
      const result = await context.load(adapter, context.signal);
      const { fetchedAt, stale, error } = result.status;
      // Concurrent listings share one fetch: the first of them to get here indexes it.
      const current = loaded.get(context.load);
      const data =
        current?.data.fetchedAt === fetchedAt
          ? current.data
          : indexCatalog(result.models, fetchedAt);
      const freshUntil = stale ? 0 : Date.parse(fetchedAt) + context.ttlMs;
      loaded.set(context.load, { data, freshUntil });
      return { data, ...(error ? { error } : {}) };
    } catch (error) {
      if (context.signal?.aborted) throw error;
      // The last data loaded is still good to join with, as a provider's stale list is.
      return { ...(last ? { data: last.data } : {}), error: describeError(error, ID) };
    }
  };

  return createCatalogSource({ id: ID, providerIds, load });
}

/** True when `data` is an object with at least one of the `providers` as its own key. */
function holdsAnyOf(data: unknown, providers: ReadonlySet<string>): boolean {
  return (
    typeof data === 'object' &&
    data !== null &&
    !Array.isArray(data) &&
    Object.keys(data).some((key) => providers.has(key))
  );
}

function checkRecord(name: string, value: unknown): void {
  const valid =
    value === undefined ||
    (typeof value === 'object' &&
      value !== null &&
      Object.values(value).every((entry) => typeof entry === 'string'));
  if (!valid) throw new TypeError(`modelsDev(): \`${name}\` must be an object of strings.`);
}
