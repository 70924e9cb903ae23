import { type ClassifyHints, classifyModel } from '../classify/index.js';
import { MODEL_CATEGORIES, type Model, type ModelCategory } from '../types.js';

/** A model as an adapter or a cache may hand it over: an id, and any of the other fields. */
export type ModelDraft = Omit<Model, 'name' | 'category' | 'provider'> & {
  readonly name?: string | null | undefined;
  readonly category?: string | null | undefined;
  readonly provider?: string | null | undefined;
};

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
  const { id, name, category, provider: listedBy } = model;
  const named = typeof name === 'string' && name.trim() !== '';
  const known = MODEL_CATEGORIES.includes(category as ModelCategory);
  if (named && known && listedBy) return undefined;
  return {
    name: named ? name : id,
    category: known ? (category as ModelCategory) : classifyModel(id, hints),
    provider: listedBy || provider,
  };
}
