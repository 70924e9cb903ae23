import type { Model } from '../types.js';
import { CACHE_VERSION, type CacheEntry } from '../types.js';
import { completeModel, type ModelDraft } from './complete-model.js';

// Strict on the envelope: wrong version or provider is a miss. Checked by hand rather than
// by a schema, because this runs on every cache hit (a per-model object schema would copy
// every field of every model) and keeps the engine's bundle small; `readModel` checks models.
/** An ISO 8601 timestamp with a time and a zone, as `Date.prototype.toISOString` writes. */
const ISO_TIMESTAMP =
  /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])[T ]([01]\d|2[0-3])(:[0-5]\d){2}([.,]\d+)?(Z|[+-]([01]\d|2[0-3])(:?[0-5]\d)?)$/;

/**
 * Validates what a cache backend returned for a provider. Anything that is not
 * a well-formed entry of this version for this provider is `undefined`, a miss.
 * Models are read tolerantly: only `id` is required (a file in the seed's plain
 * format holds only id, name and category); a missing name, category or provider
 * is filled in, and a model without an id makes the whole entry a miss.
 */
export function readCacheEntry(value: unknown, providerId: string): CacheEntry | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { version, fetchedAt, models: candidates, fingerprint } = value as Record<string, unknown>;
  const valid =
    version === CACHE_VERSION &&
    (value as CacheEntry).providerId === providerId &&
    typeof fetchedAt === 'string' &&
    ISO_TIMESTAMP.test(fetchedAt) &&
    Array.isArray(candidates) &&
    (fingerprint === undefined || typeof fingerprint === 'string');
  if (!valid) return undefined;
  const models: Model[] = [];
  for (const candidate of candidates) {
    const model = readModel(candidate, providerId);
    if (!model) return undefined;
    models.push(model);
  }
  return {
    version: CACHE_VERSION,
    providerId,
    fetchedAt,
    models,
    ...(fingerprint === undefined ? {} : { fingerprint }),
  };
}

/**
 * One cached model: an object with a non-empty string `id`, and `name`, `category`
 * and `provider` strings or absent. A complete model is returned as it is (the
 * backends hand back freshly parsed values); an incomplete one is completed in a copy
 * by {@link completeModel}, as a model from an adapter is.
 */
function readModel(value: unknown, providerId: string): Model | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { id, name, category, provider } = value as Record<string, unknown>;
  if (typeof id !== 'string' || id === '') return undefined;
  if (!isOptionalString(name) || !isOptionalString(category) || !isOptionalString(provider)) {
    return undefined;
  }
  return completeModel(value as ModelDraft, providerId);
}

function isOptionalString(value: unknown): value is string | null | undefined {
  return value === undefined || value === null || typeof value === 'string';
}
