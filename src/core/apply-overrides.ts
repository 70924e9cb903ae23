import type { Model, ModelLifecycle, ModelOverride, ProviderResult } from '../types.js';
import { overrideProblem } from './model-fields.js';
import { sameList } from './same-list.js';

/**
 * Each model an override was applied to, with the override (the object, and its JSON) and the
 * result: the same model under the same override is the same object on every listing, so that
 * an unchanged list stays the same list (see `sameList`), while an override changed in place
 * still shows.
 */
const overridden = new WeakMap<
  Model,
  { readonly source: ModelOverride; readonly override: string; readonly model: Model }
>();
const built = new WeakMap<readonly Model[], Model[]>();

/**
 * Sets the user's own facts on a provider's models, over the live listing and the catalogs,
 * and records each field set as `override` in `model.sources`. Objects such as `pricing` are
 * merged field by field; a model the listing did not return is never added. The fields that
 * follow others follow the override too: `pricing.free` the prices it sets, `deprecated` a
 * `deprecated` or `retired` status it sets (unless the override sets them itself).
 */
export function applyOverrides(
  result: ProviderResult,
  overrides: Readonly<Record<string, ModelOverride>> | undefined,
): ProviderResult {
  if (!overrides) return result;
  const models = result.models.map((model) => {
    const override = overrides[model.id];
    if (!override) return model;
    const text = JSON.stringify(override);
    const kept = overridden.get(model);
    if (kept?.source === override && kept.override === text) return kept.model;
    // Checked with the options; one changed in place since to a value its field cannot hold is
    // not applied, so that no listing serves it.
    const applied = overrideProblem(override) ? model : applyOverride(model, override);
    overridden.set(model, { source: override, override: text, model: applied });
    return applied;
  });
  return { ...result, models: sameList(built, result.models, models) };
}

/** One model with its override set on it (see {@link applyOverrides}). */
function applyOverride(model: Model, override: ModelOverride): Model {
  const merged: Record<string, unknown> = { ...model };
  const sources: Record<string, string> = { ...model.sources };
  for (const [field, value] of Object.entries(override)) {
    const nested = typeof value === 'object' && value !== null && !Array.isArray(value);
    // `null` (as JSON writes it) clears a field or a price, as `undefined` does.
    merged[field] = nested
      ? { ...(merged[field] as object), ...withoutNulls(value) }
      : (value ?? undefined);
    for (const key of nested ? Object.keys(value) : ['']) {
      sources[key ? `${field}.${key}` : field] = 'override';
    }
  }
  const pricing = merged.pricing as Record<string, unknown> | undefined;
  if (override.pricing && !('free' in override.pricing) && pricing && 'free' in pricing) {
    let free = true;
    for (const key in pricing) if (key !== 'free' && (pricing[key] as number) > 0) free = false;
    merged.pricing = { ...pricing, free };
    sources['pricing.free'] = 'override';
  }
  const status = (merged.lifecycle as ModelLifecycle | undefined)?.status;
  if (
    override.lifecycle &&
    override.deprecated === undefined &&
    (status === 'deprecated' || status === 'retired')
  ) {
    merged.deprecated = true;
    sources.deprecated = 'override';
  }
  return { ...merged, sources } as typeof model;
}

/** `value` with its `null` fields as `undefined`. */
function withoutNulls(value: object): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...value };
  for (const key in copy) if (copy[key] === null) copy[key] = undefined;
  return copy;
}
