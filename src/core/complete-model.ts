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
 * A model without the values that are none: a price, `created`, `contextLength` or
 * `maxOutputTokens` that is not a finite, non-negative number (`Infinity`, `NaN`, `null`, a
 * string), and any other field of the wrong type (a `description` that is an object, a list
 * that is no list of strings), is left out, and counted, with what its adapter already left
 * out, so that nothing is stored as `Infinity`, turned into `null` by a cache, or breaks a
 * renderer. A clean model is returned as it is.
 */
export function dropInvalidValues(model: Model): {
  readonly model: Model;
  readonly dropped: number;
} {
  const record = model as unknown as Record<string, unknown>;
  const marked = (model as { [DROPPED_VALUES]?: number })[DROPPED_VALUES] ?? 0;
  const pricing = record.pricing;
  const bad = FIELDS.filter(
    ([key, type]) => record[key] !== undefined && !isOfType(record[key], type),
  );
  // A pricing that is no object is dropped whole, above; one that is, price by price.
  const badPrices = isObject(pricing)
    ? PRICE_FIELDS.filter((key) => !isNumberOrAbsent(pricing[key]))
    : [];
  if (bad.length + badPrices.length === 0) return { model, dropped: marked };
  const copy: Record<string, unknown> = { ...record };
  for (const [key] of bad) delete copy[key];
  if (badPrices.length > 0) {
    const prices = { ...(pricing as Record<string, unknown>) };
    for (const key of badPrices) delete prices[key];
    if (Object.keys(prices).length > 0) copy.pricing = prices;
    else delete copy.pricing;
  }
  return { model: copy as unknown as Model, dropped: marked + bad.length + badPrices.length };
}

type FieldType = 'count' | 'string' | 'boolean' | 'strings' | 'object';

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
/** Each optional field of a `Model` with its type. */
const FIELDS: readonly (readonly [string, FieldType])[] = Object.entries(FIELDS_BY_TYPE).flatMap(
  ([type, keys]) => keys.map((key) => [key, type as FieldType] as const),
);
const PRICE_FIELDS = [
  'input',
  'output',
  'cacheRead',
  'cacheWrite',
  'reasoning',
  'image',
  'request',
];

function isOfType(value: unknown, type: FieldType): boolean {
  if (type === 'count') return isNumberOrAbsent(value);
  if (type === 'strings') {
    return Array.isArray(value) && value.every((item) => typeof item === 'string');
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
 * Completes a model's required fields, the one place that does: a blank or missing `name`
 * becomes the id, a missing or unknown `category` is classified from the id (and `hints`),
 * and a missing `provider` is the adapter's id. A complete model is returned as it is.
 * Built-in adapters (through `buildModel`), models from hand-written adapters and models read
 * from a cache all pass through it.
 */
export function completeModel(model: ModelDraft, provider: string, hints?: ClassifyHints): Model {
  const missing = missingFields(model, provider, hints);
  return missing ? { ...model, ...missing } : (model as Model);
}

/**
 * Completes a model the caller has just built and alone holds (`buildModel` does), by the
 * rules of {@link completeModel}, in place: one object per model, no copy.
 */
export function completeBuiltModel(
  model: Record<string, unknown> & ModelDraft,
  provider: string,
  hints?: ClassifyHints,
): Model {
  const missing = missingFields(model, provider, hints);
  if (missing) Object.assign(model, missing);
  return model as Model;
}

/** The completed `name`, `category` and `provider`, or undefined when none is missing. */
function missingFields(
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
