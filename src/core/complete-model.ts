import { type ClassifyHints, classifyModel } from '../classify/index.js';
import { MODEL_CATEGORIES, type Model, type ModelCategory } from '../types.js';

/** A model as an adapter or a cache may hand it over: an id, and any of the other fields. */
export type ModelDraft = Omit<Model, 'name' | 'category' | 'provider'> & {
  readonly name?: string | null | undefined;
  readonly category?: string | null | undefined;
  readonly provider?: string | null | undefined;
};

/**
 * Marks a model built by an adapter with how many values it left out because they were no
 * number (see `buildModel`); not enumerable, so no copy, cache or JSON carries it.
 */
export const DROPPED_VALUES: unique symbol = Symbol.for('model-catalog.dropped-values');

/**
 * Marks a built-in adapter (one made with `defineBuiltInProvider`): every model it returns was
 * made by `buildModel`, which checks each field as it stores it and freezes the model, so the
 * catalog keeps its models as they are, without checking them a second time. The mark holds the
 * adapter's own `listModels`, and counts only while it is still the one called: a built-in
 * adapter whose `listModels` was replaced (assigned, or shadowed in an object made from it) may
 * return anything. An adapter of one's own (and a copy of a built-in one) has no mark: its models
 * are always checked. A property of the adapter, not a weak set of models: registering hundreds
 * of fresh models per listing in a weak set cost about a tenth of a live listing.
 */
export const BUILDS_MODELS: unique symbol = Symbol('model-catalog.builds-models');

/**
 * A model without the values that are none: a price, `created`, `contextLength` or
 * `maxOutputTokens` that is not a finite, non-negative number (`Infinity`, `NaN`, `null`, a
 * string), and any other field of the wrong type (a `description` that is an object, a list
 * that is no list of strings), is left out, and counted, so that nothing is stored as
 * `Infinity`, turned into `null` by a cache, or breaks a renderer. A clean model is returned as
 * it is.
 */
export function dropInvalidValues(model: Model): {
  readonly model: Model;
  readonly dropped: number;
} {
  const record = model as unknown as Record<string, unknown>;
  // One pass over the fields the model has; a copy only when something must go.
  let copy: Record<string, unknown> | undefined;
  let dropped = 0;
  for (const key in record) {
    const type = fieldType(key);
    const value = record[key];
    if (type === undefined || value === undefined) continue;
    if (!isOfType(value, type)) {
      copy ??= { ...record };
      delete copy[key];
      dropped++;
    } else if (key === 'pricing') {
      const prices = validPrices(value as Record<string, unknown>);
      if (prices.dropped === 0) continue;
      copy ??= { ...record };
      if (prices.kept) copy.pricing = prices.kept;
      else delete copy.pricing;
      dropped += prices.dropped;
    }
  }
  if (!copy) return { model, dropped: 0 };
  return { model: copy as unknown as Model, dropped };
}

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
    if (!PRICE_FIELDS.includes(key) || isNumberOrAbsent(pricing[key])) continue;
    kept ??= { ...pricing };
    delete kept[key];
    dropped++;
  }
  if (!kept) return { kept: pricing, dropped };
  return { kept: Object.keys(kept).length > 0 ? kept : undefined, dropped };
}

/**
 * True for a pricing {@link validPrices} and `buildModel` keep as it is: not empty, each price a
 * number of at least 0, and `free` a boolean. One pass, for the pricing of every model built.
 */
export function isValidPricing(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  let empty = true;
  for (const key in value) {
    const entry = (value as Record<string, unknown>)[key];
    if (key === 'free' ? typeof entry !== 'boolean' : !isPrice(key, entry)) return false;
    empty = false;
  }
  return !empty;
}

/** A number of at least 0 under one of the price names. */
function isPrice(key: string, value: unknown): boolean {
  return value !== undefined && isNumberOrAbsent(value) && PRICE_FIELDS.includes(key);
}

const PRICE_FIELDS = [
  'input',
  'output',
  'cacheRead',
  'cacheWrite',
  'reasoning',
  'image',
  'request',
];

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
const FIELD_TYPES: Record<string, FieldType | undefined> = Object.create(null);
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

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Absent, or a finite number of at least 0 (NaN fails both comparisons). */
function isNumberOrAbsent(value: unknown): boolean {
  return value === undefined || (typeof value === 'number' && value >= 0 && value < Infinity);
}

/**
 * Completes a model's required fields: a blank or missing `name` becomes the id, a missing or
 * unknown `category` is classified from the id (and `hints`), and a missing `provider` is the
 * adapter's id. A complete model is returned as it is. Models from hand-written adapters and
 * models read from a cache pass through it; `buildModel` applies the same rules, through
 * {@link missingFields}, as it builds.
 */
export function completeModel(model: ModelDraft, provider: string, hints?: ClassifyHints): Model {
  const missing = missingFields(model, provider, hints);
  return missing ? { ...model, ...missing } : (model as Model);
}

/** The completed `name`, `category` and `provider`, or undefined when none is missing. */
export function missingFields(
  model: ModelDraft,
  provider: string,
  hints: ClassifyHints | undefined,
): Pick<Model, 'name' | 'category' | 'provider'> | undefined {
  const { id, name, category } = model;
  // A hand-written adapter or a cache may hand over anything: only a string names a provider.
  const listedBy = typeof model.provider === 'string' ? model.provider : undefined;
  const named = typeof name === 'string' && name.trim() !== '';
  const known = MODEL_CATEGORIES.includes(category as ModelCategory);
  if (named && known && listedBy) return undefined;
  return {
    name: named ? name : id,
    category: known ? (category as ModelCategory) : classifyModel(id, hints),
    provider: listedBy || provider,
  };
}
