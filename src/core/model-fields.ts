import { MODEL_CATEGORIES, type ModelCategory } from '../types.js';
import { optionError } from './check-option.js';

/**
 * The optional fields of a `Model`, the type each holds, and the checks of a value against
 * it: shared by the cleaning of listed and cached models and the check of `overrides`
 * ({@link overrideProblem}).
 */

/**
 * The prices of a pricing object that are numbers of at least 0: `kept` is the pricing
 * itself when all are (`dropped` 0), a copy without the others otherwise, and undefined when
 * nothing is left.
 */
export function validPrices(pricing: Record<string, unknown>): {
  readonly kept: Record<string, unknown> | undefined;
  readonly dropped: number;
} {
  // Over the keys the pricing has (a few), not the names it may have: a missing name is a
  // slow lookup.
  let kept: Record<string, unknown> | undefined;
  let dropped = 0;
  for (const key in pricing) {
    if (!PRICE_NAMES.has(key) || isNumberOrAbsent(pricing[key])) continue;
    kept ??= { ...pricing };
    delete kept[key];
    dropped++;
  }
  if (!kept) return { kept: pricing, dropped };
  return { kept: Object.keys(kept).length > 0 ? kept : undefined, dropped };
}

/**
 * True for a pricing {@link validPrices} and `buildModel` keep as it is: not empty, each price a
 * number of at least 0, and `free` a boolean. One pass over its keys, for the pricing of every
 * model built or read from a cache file.
 */
export function isValidPricing(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  let empty = true;
  for (const key in value) {
    const entry = (value as Record<string, unknown>)[key];
    const valid =
      key === 'free' ? typeof entry === 'boolean' : entry !== undefined && isPrice(key, entry);
    if (!valid) return false;
    empty = false;
  }
  return !empty;
}

/** A number of at least 0 under one of the price names (a set: no list searched per key). */
function isPrice(key: string, value: unknown): boolean {
  return isNumberOrAbsent(value) && PRICE_NAMES.has(key);
}

/** The names of the prices of a `ModelPricing`. */
export const PRICE_NAMES: ReadonlySet<string> = new Set([
  'input',
  'output',
  'cacheRead',
  'cacheWrite',
  'reasoning',
  'image',
  'request',
]);

/** The type each optional field of a `Model` must have. */
export type FieldType = 'count' | 'string' | 'boolean' | 'strings' | 'object';

/** The optional fields of a `Model`, by type. */
const FIELDS_BY_TYPE: { readonly [Type in FieldType]: readonly string[] } = {
  count: ['created', 'contextLength', 'maxOutputTokens'],
  string: [
    'description',
    'ownedBy',
    'family',
    'releaseDate',
    'baseModel',
    'parameterSize',
    'quantization',
    'knowledgeCutoff',
  ],
  boolean: ['deprecated', 'fineTuned', 'openWeights'],
  strings: ['inputModalities', 'outputModalities', 'supportedParameters', 'aliases'],
  object: ['pricing', 'capabilities', 'reasoning', 'lifecycle', 'sources'],
};

/**
 * The type of each optional field, by name, in an object without a prototype (so `toString`
 * is no field): one lookup per field of every model listed or read from a cache.
 */
export const FIELD_TYPES: Record<string, FieldType | undefined> = Object.create(null);
for (const [type, names] of Object.entries(FIELDS_BY_TYPE)) {
  for (const name of names) FIELD_TYPES[name] = type as FieldType;
}

/** The type an optional field of a `Model` holds, by name; undefined for any other name. */
export function fieldType(name: string): FieldType | undefined {
  return FIELD_TYPES[name];
}

/** True when `value` has the type a field of `type` holds. */
export function isOfType(value: unknown, type: FieldType): boolean {
  if (type === 'count') return isNumberOrAbsent(value);
  if (type === 'strings') {
    if (!Array.isArray(value)) return false;
    // A loop, not `every`: this runs for each list of every model listed or read.
    for (const item of value) if (typeof item !== 'string') return false;
    return true;
  }
  return type === 'object' ? isObject(value) : typeof value === type;
}

/** A plain object's shape: an object, not `null` and not an array. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Absent, or a finite number of at least 0 (NaN fails both comparisons). */
export function isNumberOrAbsent(value: unknown): boolean {
  return value === undefined || (typeof value === 'number' && value >= 0 && value < Infinity);
}

/** What a value of each field type must be, as a message says it. */
const EXPECTED: Readonly<Record<FieldType, string>> = {
  count: 'a finite number of at least 0',
  string: 'a string',
  boolean: 'true or false',
  strings: 'an array of strings',
  object: 'an object',
};

/**
 * The first problem of one model's override (see `ModelOverride`), as a message: a field no
 * override sets (`id`, `provider` and `sources` are the listing's own, and any name a model does
 * not have), or a value the field cannot hold (one a listing would leave out). `undefined`, and
 * `null` as JSON writes it, clear an optional field or price; `name` and `category`, which every
 * model has, cannot be cleared. Undefined when there is no problem.
 */
export function overrideProblem(override: object): string | undefined {
  for (const [field, value] of Object.entries(override)) {
    if (field === 'name') {
      if (typeof value !== 'string' || value.trim() === '') {
        return optionError(field, 'a non-empty string', value).message;
      }
    } else if (field === 'category') {
      if (!MODEL_CATEGORIES.includes(value as ModelCategory)) {
        return optionError(field, `one of ${MODEL_CATEGORIES.join(', ')}`, value).message;
      }
    } else {
      const type = field === 'sources' ? undefined : fieldType(field);
      if (type === undefined) {
        return `\`${field.slice(0, 100)}\` is not a field an override sets (id, provider and sources are the listing's own).`;
      }
      if (value === undefined || value === null) continue;
      if (!isOfType(value, type)) return optionError(field, EXPECTED[type], value).message;
      const problem = field === 'pricing' ? pricesProblem(value as object) : undefined;
      if (problem) return problem;
    }
  }
  return undefined;
}

/** The first price of an override's `pricing` that is none (see `ModelPricing`). */
function pricesProblem(pricing: object): string | undefined {
  for (const [name, price] of Object.entries(pricing)) {
    if (name === 'free') {
      if (price !== undefined && price !== null && typeof price !== 'boolean')
        return optionError('pricing.free', 'true or false', price).message;
    } else if (!PRICE_NAMES.has(name)) {
      return `\`pricing.${name.slice(0, 100)}\` is not a price (${[...PRICE_NAMES].join(', ')}, free).`;
    } else if (price !== null && !isOfType(price, 'count')) {
      return optionError(`pricing.${name}`, EXPECTED.count, price).message;
    }
  }
  return undefined;
}
