import type { Model } from '../types.js';
import { CACHE_VERSION, type CacheEntry } from '../types.js';
import { completeModel, dropInvalidValues, type ModelDraft } from './complete-model.js';
import { freezeDeep } from './freeze-deep.js';

// Strict on the envelope: wrong version or provider is a miss. Checked by hand rather than
// by a schema, because this runs on every cache hit (a per-model object schema would copy
// every field of every model) and keeps the engine's bundle small; `readModel` checks models.
/** An ISO 8601 timestamp with a time and a zone, as `Date.prototype.toISOString` writes. */
const ISO_TIMESTAMP =
  /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])[T ]([01]\d|2[0-3])(:[0-5]\d){2}([.,]\d+)?(Z|[+-]([01]\d|2[0-3])(:?[0-5]\d)?)$/;

/**
 * Checked entries, by the value a backend returned (or by themselves, for the entries the
 * catalog builds): a backend that hands out the same frozen entry again, as the memory and
 * file caches do on a hit, costs one lookup instead of a check of every model.
 */
const checked = new WeakMap<object, CacheEntry>();

/**
 * Validates what a cache backend returned for a provider. Anything that is not
 * a well-formed entry of this version for this provider is `undefined`, a miss.
 * Models are read tolerantly: only `id` is required (a file in the plain versioned
 * format holds only id, name and category); a missing name, category or provider
 * is filled in, and a model without an id makes the whole entry a miss.
 *
 * The entry returned is frozen, models included (see {@link freezeDeep}); complete models are
 * frozen in place rather than copied (models that come frozen, as the built-in caches give
 * them, are not walked again). A frozen value is checked once: the same value given again
 * returns the same entry.
 */
export function readCacheEntry(value: unknown, providerId: string): CacheEntry | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const known = checked.get(value);
  if (known !== undefined) return known.providerId === providerId ? known : undefined;
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
  const entry = freezeEntry({
    version: CACHE_VERSION,
    providerId,
    fetchedAt,
    models,
    ...(fingerprint === undefined ? {} : { fingerprint }),
  });
  // A frozen value cannot change under us: the next time it comes, it is known.
  if (Object.isFrozen(value) && Object.isFrozen(candidates)) checked.set(value, entry);
  return entry;
}

/**
 * Freezes an entry the catalog built and remembers it as checked, so that a backend keeping it
 * as it is (see {@link isCheckedEntry}) hands it back at the cost of one lookup.
 */
export function freezeEntry(entry: CacheEntry): CacheEntry {
  checked.set(freezeDeep(entry), entry);
  return entry;
}

/**
 * Freezes a value a cache backend has just parsed, deeply (so that no caller of its `get` can
 * change what the next one gets), checking it as an entry of its `providerId` in the same pass
 * over each model: the catalog's {@link readCacheEntry} of the value is then one lookup. A value
 * that is no valid entry is frozen all the same, and the catalog takes it for a miss.
 *
 * @example
 * ```ts
 * const value = freezeCacheValue(JSON.parse(text));
 * ```
 */
export function freezeCacheValue<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  const record = value as Record<string, unknown>;
  const { providerId, models } = record;
  // The envelope and the list first: `readCacheEntry` remembers a frozen value as checked.
  Object.freeze(value);
  if (Array.isArray(models)) Object.freeze(models);
  if (typeof providerId === 'string' && readCacheEntry(value, providerId) !== undefined) {
    // The check froze the models; the envelope's other fields (a tool's own) are frozen here.
    for (const key in record) if (key !== 'models') freezeDeep(record[key]);
    return value;
  }
  // No entry: what the check left unfrozen (the list was frozen above, so it is walked here).
  for (const key in record) freezeDeep(record[key]);
  if (Array.isArray(models)) for (const model of models) freezeDeep(model);
  return value;
}

/**
 * True for an entry this copy of the library checked and froze: a cache may keep it and hand
 * it out again as it is, without a copy.
 */
export function isCheckedEntry(value: unknown): value is CacheEntry {
  return typeof value === 'object' && value !== null && checked.get(value) === value;
}

/**
 * One cached model: an object with a non-empty string `id`, and `name`, `category`
 * and `provider` strings or absent. A complete model is returned as it is; an
 * incomplete one is completed in a copy by {@link completeModel}, as a model from an
 * adapter is. The model read is frozen as it is checked, while it is at hand (and so is the one
 * a copy was made from, so that it cannot change under a remembered entry either).
 */
function readModel(value: unknown, providerId: string): Model | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { id, name, category, provider } = value as Record<string, unknown>;
  if (typeof id !== 'string' || id === '') return undefined;
  if (!isOptionalString(name) || !isOptionalString(category) || !isOptionalString(provider)) {
    return undefined;
  }
  // An entry written by an older version, or by hand, may hold `null` prices: left out.
  return dropInvalidValues(completeModel(freezeDeep(value) as ModelDraft, providerId)).model;
}

function isOptionalString(value: unknown): value is string | null | undefined {
  return value === undefined || value === null || typeof value === 'string';
}
