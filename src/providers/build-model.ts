import type { ClassifyHints } from '../classify/index.js';
import {
  completeBuiltModel,
  DROPPED_VALUES,
  dropInvalidNumbers,
  type ModelDraft,
} from '../core/complete-model.js';
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
  // A number that is none (`NaN` from `positiveInteger` or `pricePerMillion`, `Infinity`) is
  // left out here and counted, for the catalog's `status.droppedValues`.
  const built = dropInvalidNumbers(
    completeBuiltModel(model as Record<string, unknown> & ModelDraft, provider, hints),
  );
  if (built.dropped > 0)
    Object.defineProperty(built.model, DROPPED_VALUES, { value: built.dropped });
  return built.model;
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

/**
 * A positive token count or time, or undefined for absent values, 0 and negatives
 * (placeholders). A value that is no decimal number (`"0x10"`, `"1e400"`, `true`) is `NaN`,
 * which the catalog drops from the model and counts in `status.droppedValues`.
 */
export function positiveInteger(value: unknown): number | undefined {
  const number = typeof value === 'string' ? decimalNumber(value) : value;
  if (number === null || number === undefined) return undefined;
  if (typeof number !== 'number' || !Number.isFinite(number)) return Number.NaN;
  const rounded = Math.round(number);
  return rounded > 0 ? rounded : undefined;
}

/**
 * A number written as text: a decimal one (`12`, `0.5`, `2.5e-6`) as it is; one JavaScript
 * would also read (`0x10`, `0b1`, `Infinity`) as `NaN`, to be dropped and counted; a word
 * (`dynamic`, `n/a`) as undefined, no value at all.
 */
function decimalNumber(text: string): number | undefined {
  if (/^\s*[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?\s*$/i.test(text)) return Number(text);
  return !text.trim() || Number.isNaN(Number(text)) ? undefined : Number.NaN;
}

/**
 * Converts a price to USD per million tokens. `scale` is what one unit of the
 * provider's number is worth per million: 1e6 for USD per token, 1 for USD per
 * million, 1e-4 for xAI's cents per 100 million. Absent and negative ("dynamic") prices
 * become undefined; a value that is no decimal number, or too large, `NaN` (dropped and
 * counted by the catalog).
 */
export function pricePerMillion(value: unknown, scale: number): number | undefined {
  const number = typeof value === 'string' ? decimalNumber(value) : value;
  if (number === null || number === undefined) return undefined;
  // No number (`"0x10"`, `true`): NaN, which is dropped and counted.
  if (typeof number !== 'number' || Number.isNaN(number)) return Number.NaN;
  if (number < 0) return undefined; // "dynamic" pricing
  // Free is common (OpenRouter lists many `"0"` prices), and needs no rounding.
  if (number === 0) return 0;
  // Round away binary noise such as 0.0000025 * 1e6 = 2.4999999999999996; `"1e303"` per token
  // is Infinity per million: NaN, dropped and counted.
  const price = Number((number * scale).toPrecision(12));
  return Number.isFinite(price) ? price : Number.NaN;
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
