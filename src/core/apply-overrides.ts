import type { ModelLifecycle, ModelOverride, ProviderResult } from '../types.js';

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
    const merged: Record<string, unknown> = { ...model };
    const sources: Record<string, string> = { ...model.sources };
    for (const [field, value] of Object.entries(override)) {
      const nested = typeof value === 'object' && value !== null && !Array.isArray(value);
      merged[field] = nested ? { ...(merged[field] as object), ...value } : value;
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
  });
  return { ...result, models };
}
