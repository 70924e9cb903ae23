import type { CatalogSource } from '../types.js';
import { createCatalogSource, indexCatalog, type LoadedCatalog } from './catalog-source.js';
import { readModelsDev } from './read-models-dev.js';

/**
 * Options of {@link staticCatalog}.
 *
 * @example
 * ```ts
 * const options: StaticCatalogOptions = { id: 'acme', fetchedAt: '2026-07-01T00:00:00Z' };
 * ```
 */
export interface StaticCatalogOptions {
  /** What `sources` names for the facts it supplied, e.g. `acme`. */
  readonly id: string;
  /**
   * Our provider id to the key of `data` holding its models, e.g. `MODELS_DEV_PROVIDER_IDS`
   * for data copied from models.dev. Only these providers are joined. Default: the keys of
   * `data` are our provider ids (`openai`, `google-genai`, ...).
   */
  readonly providerIds?: Readonly<Record<string, string>> | undefined;
  /** When the data was taken, ISO 8601: the fallback's `status.fetchedAt`. Default: now. */
  readonly fetchedAt?: string | undefined;
}

/**
 * A catalog source from data in memory, in models.dev's per-provider shape: a company's own
 * catalog, a pinned copy, or a test's. The data is read when this is called, and a model that
 * does not have the shape is a `TypeError` naming where.
 *
 * @example
 * ```ts
 * const acme = staticCatalog(
 *   { openai: { models: { 'gpt-4o': { limit: { context: 128000, output: 16384 }, cost: { input: 2.5, output: 10 } } } } },
 *   { id: 'acme' },
 * );
 * const catalog = createModelCatalog({ catalogs: [acme] });
 * ```
 */
export function staticCatalog(data: unknown, options: StaticCatalogOptions): CatalogSource {
  const { id, providerIds, fetchedAt = new Date().toISOString() } = options ?? {};
  if (typeof id !== 'string' || id.trim() === '' || id === 'override') {
    throw new TypeError("staticCatalog(): `id` must be a non-empty string other than 'override'.");
  }
  if (
    providerIds !== undefined &&
    (typeof providerIds !== 'object' ||
      providerIds === null ||
      Object.values(providerIds).some((value) => typeof value !== 'string'))
  ) {
    throw new TypeError('staticCatalog(): `providerIds` must be an object of strings.');
  }
  if (typeof fetchedAt !== 'string' || Number.isNaN(Date.parse(fetchedAt))) {
    throw new TypeError('staticCatalog(): `fetchedAt` must be an ISO 8601 date.');
  }
  const wanted = providerIds && new Set(Object.values(providerIds));
  const reading = readModelsDev(data, (provider) => wanted?.has(provider) ?? true);
  if (reading.issues.length > 0) {
    throw new TypeError(
      `staticCatalog(): \`data\` does not have models.dev's shape: ${reading.issues.slice(0, 5).join('; ')}.`,
    );
  }
  // Frozen: the entries' arrays and objects reach every listing joined to them (and, through
  // `modelsDevSnapshot()`, every catalog of the process), so no caller may change them.
  const loaded: LoadedCatalog = {
    data: indexCatalog(frozen(reading.models), new Date(fetchedAt).toISOString()),
  };
  return createCatalogSource({ id, providerIds, load: () => Promise.resolve(loaded) });
}

/**
 * The value with every object and array in it frozen, in place (the entries are plain data
 * that `readModelsDev` built). Local, so that `model-catalog/snapshot` loads no engine module.
 */
function frozen<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const item of Object.values(value)) frozen(item);
  }
  return value;
}
