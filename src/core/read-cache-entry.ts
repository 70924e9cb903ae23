import type { Model, ModelCache } from '../types.js';
import { CACHE_VERSION, type CacheEntry } from '../types.js';
import {
  completeModel,
  dropInvalidValues,
  freezeCleanModel,
  type ModelDraft,
} from './complete-model.js';
import { freezeDeep, freezeThrough } from './freeze-deep.js';

// Strict on the envelope: wrong version or provider is a miss. Checked by hand rather than
// by a schema, because this runs on every cache hit (a per-model object schema would copy
// every field of every model) and keeps the engine's bundle small; `readModel` checks models.
/** An ISO 8601 timestamp with a time and a zone, as `Date.prototype.toISOString` writes. */
const ISO_TIMESTAMP =
  /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])[T ]([01]\d|2[0-3])(:[0-5]\d){2}([.,]\d+)?(Z|[+-]([01]\d|2[0-3])(:?[0-5]\d)?)$/;

/**
 * The checked entry of a value the library froze (an entry it built, a value a built-in cache
 * parsed), held by the value itself under a hidden key: a backend that hands out the same frozen
 * value again, as the memory and file caches do on a hit, costs one lookup instead of a check of
 * every model. A property, not a `WeakMap`: a weak map keyed by a fresh list of hundreds of
 * models costs the garbage collector more than checking the list again.
 */
const CHECKED_ENTRY: unique symbol = Symbol('model-catalog.checked-entry');

/** The time of an entry's `fetchedAt` in milliseconds, parsed once, held beside the mark. */
const FETCH_TIME: unique symbol = Symbol('model-catalog.fetch-time');

type Marked = { readonly [CHECKED_ENTRY]?: CacheEntry; readonly [FETCH_TIME]?: number };

/** Frozen values the library did not freeze (a backend's own), by value, each checked once. */
const checkedValues = new WeakMap<object, CacheEntry>();

function checkedEntryOf(value: object): CacheEntry | undefined {
  return (value as Marked)[CHECKED_ENTRY] ?? checkedValues.get(value);
}

/** Gives `value`, not frozen yet, its checked entry. */
function markChecked(value: object, entry: CacheEntry): void {
  Object.defineProperty(value, CHECKED_ENTRY, { value: entry });
}

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
  const known = checkedEntryOf(value);
  if (known !== undefined) return known.providerId === providerId ? known : undefined;
  const entry = checkEntry(value, providerId);
  // A frozen value cannot change under us: the next time it comes, it is known.
  const { models } = value as { models?: unknown };
  if (entry && Object.isFrozen(value) && Object.isFrozen(models)) checkedValues.set(value, entry);
  return entry;
}

/**
 * The entry of a value, checked model by model with `read` (see {@link readCacheEntry});
 * remembers nothing.
 */
function checkEntry(
  value: object,
  providerId: string,
  read: typeof readModel = readModel,
): CacheEntry | undefined {
  const { version, fetchedAt, models: candidates, fingerprint } = value as Record<string, unknown>;
  const valid =
    version === CACHE_VERSION &&
    (value as CacheEntry).providerId === providerId &&
    typeof fetchedAt === 'string' &&
    ISO_TIMESTAMP.test(fetchedAt) &&
    // The pattern lets through what `Date.parse` cannot read (`,5` fractions, `+01`): such an
    // entry would be valid but never fresh, fetched again on every call.
    !Number.isNaN(Date.parse(fetchedAt)) &&
    Array.isArray(candidates) &&
    (fingerprint === undefined || typeof fingerprint === 'string');
  if (!valid) return undefined;
  const models: Model[] = [];
  const ids = new Set<string>();
  for (const candidate of candidates) {
    const model = read(candidate, providerId);
    if (!model) return undefined;
    // An id listed twice (a file written by hand or by another tool): the first stands, as in a
    // live listing, so that a diff never reports as removed a model that is still listed.
    if (ids.size === ids.add(model.id).size) continue;
    models.push(model);
  }
  return freezeEntry({
    version: CACHE_VERSION,
    providerId,
    fetchedAt,
    models,
    ...(fingerprint === undefined ? {} : { fingerprint }),
  });
}

/**
 * Freezes an entry the catalog built and remembers it as checked, so that a backend keeping it
 * as it is (see {@link isCheckedEntry}) hands it back at the cost of one lookup.
 */
export function freezeEntry(entry: CacheEntry): CacheEntry {
  markChecked(entry, entry);
  Object.defineProperty(entry, FETCH_TIME, { value: Date.parse(entry.fetchedAt) });
  return freezeDeep(entry);
}

/**
 * How far ahead of this host's clock an entry's `fetchedAt` may be (another host's clock) and
 * still be taken at its word: fresh, and ordered by it among the lists of its provider.
 */
export const CLOCK_SKEW_MS = 60_000;

/**
 * `fetchedAt` in milliseconds: parsed when the entry was frozen (a parse costs about as much as
 * the rest of a memory-cache hit), or now for an entry the library did not freeze.
 */
export function fetchTimeOf(entry: CacheEntry): number {
  return (entry as Marked)[FETCH_TIME] ?? Date.parse(entry.fetchedAt);
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
  const { providerId } = record;
  const entry =
    typeof providerId === 'string' ? checkEntry(record, providerId, readParsedModel) : undefined;
  // The check froze the models it kept; what it left (a tool's own fields, the models of no
  // entry) is frozen here, the entry remembered first, while the value can take it.
  if (entry) markChecked(value, entry);
  return freezeDeep(value);
}

/**
 * True for an entry this copy of the library checked and froze: a cache may keep it and hand
 * it out again as it is, without a copy.
 */
export function isCheckedEntry(value: unknown): value is CacheEntry {
  return typeof value === 'object' && value !== null && (value as Marked)[CHECKED_ENTRY] === value;
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
  // Frozen through: a backend's own model may come frozen at the top only.
  return dropInvalidValues(completeModel(freezeThrough(value) as ModelDraft, providerId)).model;
}

/**
 * A model of a value a built-in backend has just parsed: one that needs nothing done (the usual
 * case) is frozen as it is checked, field by field by name; any other is read by
 * {@link readModel}. Only {@link freezeCacheValue} takes this way, so that the check by name
 * stays out of the engine's bundle (the memory cache hands back entries checked already).
 */
function readParsedModel(value: unknown, providerId: string): Model | undefined {
  return freezeCleanModel(value) ?? readModel(value, providerId);
}

function isOptionalString(value: unknown): value is string | null | undefined {
  return value === undefined || value === null || typeof value === 'string';
}

/**
 * The synchronous read of a cache that holds its entries in memory (the built-in memory cache),
 * with the `get` it stands for: see {@link peekOf}.
 */
const PEEK: unique symbol = Symbol('model-catalog.peek');

interface Peek {
  readonly get: ModelCache['get'];
  readonly read: (key: string) => unknown;
}

/**
 * Gives a cache that holds its entries in memory a synchronous `read`, giving what its `get`
 * resolves to without a promise; returns the cache.
 */
export function addPeek<T extends ModelCache>(cache: T, read: (key: string) => unknown): T {
  const peek: Peek = { get: cache.get, read };
  return Object.defineProperty(cache, PEEK, { value: peek });
}

/**
 * The synchronous read of a cache, while its `get` is still the one the read stands for: a `get`
 * replaced, spied on, wrapped or shadowed in an object made from the cache is called as it is. A
 * hit then takes no promise step in the catalog, where each costs about as much as the lookup.
 */
export function peekOf(cache: ModelCache): ((key: string) => unknown) | undefined {
  const peek = (cache as { readonly [PEEK]?: Peek })[PEEK];
  return peek !== undefined && peek.get === cache.get ? peek.read : undefined;
}
