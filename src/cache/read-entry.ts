import * as v from 'valibot';
import { classifyModel } from '../classify/index.js';
import type { Model } from '../model.js';
import { MODEL_CATEGORIES } from '../model-category.js';
import { CACHE_VERSION, type CacheEntry } from './types.js';

// Tolerant on models (a file in the seed's plain format holds only id, name and
// category), strict on the envelope: wrong version or provider is a miss.
const CachedModelSchema = v.looseObject({
  id: v.pipe(v.string(), v.minLength(1)),
  name: v.nullish(v.string()),
  category: v.nullish(v.string()),
  provider: v.nullish(v.string()),
});

const CacheEntrySchema = v.object({
  version: v.literal(CACHE_VERSION),
  providerId: v.string(),
  fetchedAt: v.pipe(v.string(), v.isoTimestamp()),
  models: v.array(CachedModelSchema),
  fingerprint: v.optional(v.string()),
});

/**
 * Validates what a cache backend returned for a provider. Anything that is not
 * a well-formed entry of this version for this provider is `undefined`, a miss.
 */
export function readCacheEntry(value: unknown, providerId: string): CacheEntry | undefined {
  const result = v.safeParse(CacheEntrySchema, value);
  if (!result.success || result.output.providerId !== providerId) return undefined;
  const models = result.output.models.map((model): Model => {
    const category = MODEL_CATEGORIES.find((known) => known === model.category);
    return {
      ...(model as unknown as Model),
      name: model.name || model.id,
      category: category ?? classifyModel(model.id),
      provider: model.provider || providerId,
    };
  });
  const { fingerprint, fetchedAt } = result.output;
  return {
    version: CACHE_VERSION,
    providerId,
    fetchedAt,
    models,
    ...(fingerprint === undefined ? {} : { fingerprint }),
  };
}
