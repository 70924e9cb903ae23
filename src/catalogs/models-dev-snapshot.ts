import type { CatalogSource } from '../types.js';
import { MODELS_DEV_PROVIDER_IDS } from './models-dev-provider-ids.js';
import { MODELS_DEV_SNAPSHOT_INFO, MODELS_DEV_SNAPSHOT_JSON } from './models-dev-snapshot-data.js';
import { staticCatalog } from './static-catalog.js';

export { MODELS_DEV_SNAPSHOT_INFO } from './models-dev-snapshot-data.js';

let snapshot: CatalogSource | undefined;

/**
 * A catalog source built into the package from models.dev data: the honest offline floor.
 * It holds the providers of `MODELS_DEV_PROVIDER_IDS` and the fields the catalog reads, as
 * they were on `MODELS_DEV_SNAPSHOT_INFO.takenAt`; its facts are named `models.dev` in
 * `sources`, and with `fallback: 'catalog'` its date is the `status.fetchedAt` of a provider
 * answered from it. Put it after `modelsDev()` to fill in whenever models.dev cannot be
 * reached. The data is models.dev's, under the MIT licence in `MODELS_DEV_SNAPSHOT_INFO.license`.
 * It is parsed on the first call, and every call returns the same source.
 *
 * @example
 * ```ts
 * import { createModelCatalog, modelsDev } from 'model-catalog';
 * import { modelsDevSnapshot } from 'model-catalog/snapshot';
 *
 * const catalog = createModelCatalog({
 *   catalogs: [modelsDev(), modelsDevSnapshot()], // live models.dev first, the snapshot fills the gaps
 *   fallback: 'catalog',
 * });
 * ```
 */
export function modelsDevSnapshot(): CatalogSource {
  snapshot ??= staticCatalog(JSON.parse(MODELS_DEV_SNAPSHOT_JSON), {
    id: 'models.dev',
    providerIds: MODELS_DEV_PROVIDER_IDS,
    fetchedAt: MODELS_DEV_SNAPSHOT_INFO.takenAt,
  });
  return snapshot;
}
