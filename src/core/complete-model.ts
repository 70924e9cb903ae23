import { type ClassifyHints, classifyModel } from '../classify/index.js';
import { MODEL_CATEGORIES, type Model, type ModelCategory } from '../types.js';
import { freezeDeep } from './freeze-deep.js';
import {
  FIELD_TYPES,
  fieldType,
  isNumberOrAbsent,
  isObject,
  isOfType,
  isValidPricing,
  validPrices,
} from './model-fields.js';

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
 * A model a cache backend has just parsed, frozen and returned when it needs nothing done:
 * `id`, `name`, `category` and `provider` complete, every other field one of the `Model` type
 * and of the type it holds, every price valid, and no other key. Otherwise undefined (parts may
 * be frozen by then), and the model takes the full way of {@link completeModel} and
 * {@link dropInvalidValues}, which give a model like this one back as it is.
 *
 * Each field is read by its name, and each object or list frozen as it is checked: the models of
 * a parsed list share one shape, so this costs about a third of walking each model's keys to
 * check them and again to freeze them (it runs for every model of every cache file read).
 */
export function freezeCleanModel(value: unknown): Model | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const model = value as { readonly [Key in keyof Model]?: unknown };
  const { id, name, category, provider } = model;
  const complete =
    typeof id === 'string' &&
    id !== '' &&
    typeof name === 'string' &&
    name.trim() !== '' &&
    MODEL_CATEGORIES.includes(category as ModelCategory) &&
    typeof provider === 'string' &&
    provider !== '';
  if (!complete) return undefined;
  // Each clean field adds 1 (an absent one 0), any other value NaN: the sum is the number of
  // keys of a clean model, which the count of its keys then confirms (no key unknown).
  const fields =
    4 +
    countText(model.description) +
    countNumber(model.created) +
    countText(model.ownedBy) +
    countNumber(model.contextLength) +
    countNumber(model.maxOutputTokens) +
    countList(model.inputModalities) +
    countList(model.outputModalities) +
    countPricing(model.pricing) +
    countList(model.supportedParameters) +
    countList(model.aliases) +
    countFlag(model.deprecated) +
    countObject(model.capabilities) +
    countObject(model.reasoning) +
    countObject(model.lifecycle) +
    countText(model.family) +
    countText(model.releaseDate) +
    countFlag(model.fineTuned) +
    countText(model.baseModel) +
    countText(model.parameterSize) +
    countText(model.quantization) +
    countText(model.knowledgeCutoff) +
    countFlag(model.openWeights) +
    countObject(model.sources);
  // Read by name, a field may also come from the prototype, or be an own key not enumerable:
  // only when every own key names a field does the count say that no other key is there.
  const keys = Object.keys(model);
  if (fields !== keys.length || !onlyModelKeys(keys)) return undefined;
  return Object.freeze(model) as Model;
}

/**
 * True when every key of a list names a field of the `Model` type. The list last found so is
 * remembered: the models of one answer share their keys, so most lists are compared with it, key
 * by key, not looked up.
 */
function onlyModelKeys(keys: readonly string[]): boolean {
  let same = keys.length === cleanKeys.length;
  for (let index = 0; same && index < keys.length; index++) same = keys[index] === cleanKeys[index];
  if (same) return true;
  modelKeys ??= new Set(['id', 'name', 'category', 'provider', ...Object.keys(FIELD_TYPES)]);
  for (const key of keys) if (!modelKeys.has(key)) return false;
  cleanKeys = keys;
  return true;
}

let cleanKeys: readonly string[] = [];
let modelKeys: ReadonlySet<string> | undefined;

// The counts of a clean object's fields: each adds 1 for a value of its field's type, 0 when it
// is absent, and NaN for any other value, so that one wrong value makes the sum no count.

function countText(value: unknown): number {
  return value === undefined ? 0 : typeof value === 'string' ? 1 : Number.NaN;
}

function countNumber(value: unknown): number {
  return value === undefined ? 0 : isNumberOrAbsent(value) ? 1 : Number.NaN;
}

function countFlag(value: unknown): number {
  return value === undefined ? 0 : typeof value === 'boolean' ? 1 : Number.NaN;
}

/** A list of strings, frozen. */
function countList(value: unknown): number {
  if (value === undefined) return 0;
  if (!Array.isArray(value)) return Number.NaN;
  for (let index = 0; index < value.length; index++) {
    if (typeof value[index] !== 'string') return Number.NaN;
  }
  Object.freeze(value);
  return 1;
}

/** An object, frozen deeply. */
function countObject(value: unknown): number {
  if (value === undefined) return 0;
  if (!isObject(value)) return Number.NaN;
  freezeDeep(value);
  return 1;
}

/** A valid pricing (see {@link isValidPricing}), frozen. */
function countPricing(value: unknown): number {
  if (value === undefined) return 0;
  if (!isValidPricing(value)) return Number.NaN;
  Object.freeze(value);
  return 1;
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
