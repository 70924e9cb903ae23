import type { ClassifyHints } from '../classify/index.js';
import { completeBuiltModel, type ModelDraft } from '../core/complete-model.js';
import type { Model, ModelCategory, ModelPricing } from '../types.js';

type Nullish<T> = T | null | undefined;

/** What an adapter knows about one model; `null` and `undefined` fields are left out of the result. */
export interface ModelFields {
  readonly id: string;
  readonly provider: string;
  readonly name?: Nullish<string>;
  /** Set when the adapter knows better than the classifier; otherwise classified from id and hints. */
  readonly category?: Nullish<ModelCategory>;
  readonly hints?: ClassifyHints;
  readonly description?: Nullish<string>;
  readonly created?: Nullish<number>;
  readonly ownedBy?: Nullish<string>;
  readonly contextLength?: Nullish<number>;
  readonly maxOutputTokens?: Nullish<number>;
  readonly inputModalities?: Nullish<readonly string[]>;
  readonly outputModalities?: Nullish<readonly string[]>;
  readonly pricing?: Nullish<ModelPricing>;
  readonly supportedParameters?: Nullish<readonly string[]>;
  readonly aliases?: Nullish<readonly string[]>;
  readonly deprecated?: Nullish<boolean>;
}

/**
 * Builds a {@link Model}: name defaults to the id, the category comes from the
 * classifier unless given (both through `completeModel`, as for every model), and absent or
 * empty metadata is omitted, never invented.
 */
export function buildModel(fields: ModelFields): Model {
  const { hints, category, name, id, provider } = fields;
  // One object, built once: the metadata in the order the adapter gave it, then completed in
  // place (a copy per model would double the work of a long list).
  const model: Record<string, unknown> = { id, name: name?.trim(), category, provider };
  for (const key in fields) {
    if (key === 'hints' || key === 'category' || key === 'name' || key === 'id') continue;
    if (key === 'provider') continue;
    const value = fields[key as keyof ModelFields];
    if (value === null || value === undefined || value === '') continue;
    if (Array.isArray(value) && value.length === 0) continue;
    if (typeof value === 'number' && !Number.isFinite(value)) continue;
    if (key === 'pricing' && Object.keys(value as object).length === 0) continue;
    // Counts and times are positive whole numbers; 0 and negatives are "unknown" placeholders.
    if (key === 'created' || key === 'contextLength' || key === 'maxOutputTokens') {
      const count = positiveInteger(value);
      if (count !== undefined) model[key] = count;
      continue;
    }
    model[key] = value;
  }
  // The name defaults to the id; the category comes from the classifier, with the hints.
  return completeBuiltModel(model as Record<string, unknown> & ModelDraft, provider, hints);
}

/** An entry whose `key` field holds a non-empty string. */
export type WithId<TEntry, TKey extends keyof TEntry> = TEntry & { readonly [K in TKey]: string };

/** The entries whose `key` field is a non-empty string, the ones that can become models, typed so. */
export function withId<TEntry, TKey extends keyof TEntry>(
  entries: readonly TEntry[],
  key: TKey,
): WithId<TEntry, TKey>[] {
  return entries.filter(
    (entry): entry is WithId<TEntry, TKey> => typeof entry[key] === 'string' && entry[key] !== '',
  );
}

/** A positive token count, or undefined for 0, negatives and non-numbers (placeholders, unknowns). */
export function positiveInteger(value: unknown): number | undefined {
  const number = typeof value === 'string' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isFinite(number)) return undefined;
  const rounded = Math.round(number);
  return rounded > 0 ? rounded : undefined;
}

/**
 * Converts a price to USD per million tokens. `scale` is what one unit of the
 * provider's number is worth per million: 1e6 for USD per token, 1 for USD per
 * million, 1e-4 for xAI's cents per 100 million. Negative ("dynamic") and
 * unparsable prices become undefined.
 */
export function pricePerMillion(value: unknown, scale: number): number | undefined {
  const number = typeof value === 'string' ? Number(value.trim() || Number.NaN) : value;
  if (typeof number !== 'number' || !Number.isFinite(number) || number < 0) return undefined;
  // Free is common (OpenRouter lists many `"0"` prices), and needs no rounding.
  if (number === 0) return 0;
  // Round away binary noise such as 0.0000025 * 1e6 = 2.4999999999999996.
  return Number((number * scale).toPrecision(12));
}

/** Builds a pricing object from already converted values, dropping the absent ones. */
export function buildPricing(
  pricing: { [K in keyof ModelPricing]?: number | undefined },
): ModelPricing | undefined {
  const result: Record<string, number> = {};
  let any = false;
  for (const key in pricing) {
    const value = pricing[key as keyof ModelPricing];
    if (value === undefined) continue;
    result[key] = value;
    any = true;
  }
  return any ? (result as ModelPricing) : undefined;
}

/** Lower-cases and de-duplicates a modality list; undefined when empty. */
export function normalizeModalities(values: Nullish<readonly string[]>): string[] | undefined {
  if (!values) return undefined;
  const result: string[] = [];
  for (const value of values) {
    const normalized = value.trim().toLowerCase();
    if (normalized && !result.includes(normalized)) result.push(normalized);
  }
  return result.length > 0 ? result : undefined;
}

/** Unix seconds from an RFC 3339 string; undefined for unparsable or epoch-zero ("unknown") dates. */
export function unixSeconds(value: Nullish<string>): number | undefined {
  if (!value) return undefined;
  const milliseconds = Date.parse(value);
  return Number.isNaN(milliseconds) || milliseconds <= 0
    ? undefined
    : Math.floor(milliseconds / 1000);
}

/** Joins a base URL and a path, accepting a trailing slash on the base. */
export function joinUrl(baseURL: string, path: string): string {
  return `${baseURL.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}
