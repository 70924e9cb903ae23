/**
 * `model-catalog/snapshot`: `modelsDevSnapshot()`, a models.dev catalog built into the package
 * (about 40 KB gzipped), for listings enriched without reaching models.dev. Its own entry point,
 * so that the data reaches a bundle only when imported from here.
 *
 * @module model-catalog/snapshot
 */
export {
  MODELS_DEV_SNAPSHOT_INFO,
  modelsDevSnapshot,
} from '../catalogs/models-dev-snapshot.js';
