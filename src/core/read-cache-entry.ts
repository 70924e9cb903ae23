import * as v from 'valibot';
import type { Model } from '../types.js';
import { CACHE_VERSION, type CacheEntry } from '../types.js';
import { completeModel, type ModelDraft } from './complete-model.js';

// Strict on the envelope: wrong version or provider is a miss. The models are
// checked by `readModel` below rather than by a schema, because this runs on every
// cache hit and a per-model object schema copies every field of every model.
const CacheEntrySchema = v.object({
  version: v.literal(CACHE_VERSION),
  providerId: v.string(),
  fetchedAt: v.pipe(v.string(), v.isoTimestamp()),
  models: v.array(v.unknown()),
  fingerprint: v.optional(v.string()),
});

/**
 * Validates what a cache backend returned for a provider. Anything that is not
 * a well-formed entry of this version for this provider is `undefined`, a miss.
 * Models are read tolerantly: only `id` is required (a file in the seed's plain
 * format holds only id, name and category); a missing name, category or provider
 * is filled in, and a model without an id makes the whole entry a miss.
 */
export function readCacheEntry(value: unknown, providerId: string): CacheEntry | undefined {
  const result = v.safeParse(CacheEntrySchema, value);
  if (!result.success || result.output.providerId !== providerId) return undefined;
  const models: Model[] = [];
  for (const candidate of result.output.models) {
    const model = readModel(candidate, providerId);
    if (!model) return undefined;
    models.push(model);
  }
  const { fingerprint, fetchedAt } = result.output;
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
