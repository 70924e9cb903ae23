import type { ClassifyHints } from '../classify/index.js';
import { DROPPED_VALUES, missingFields } from '../core/complete-model.js';
import { freezeDeep } from '../core/freeze-deep.js';
import { type FieldType, isOfType, isValidPricing, validPrices } from '../core/model-fields.js';
import type {
  Model,
  ModelCapabilities,
  ModelCapability,
  ModelCategory,
  ModelLifecycle,
  ModelLifecycleStatus,
  ModelPricing,
  ReasoningOptions,
} from '../types.js';

type Nullish<T> = T | null | undefined;

/** Capability flags as an adapter maps them: `null` and `undefined` mean "not reported". */
export type CapabilityFlags = { readonly [Flag in ModelCapability]?: Nullish<boolean> };

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
  readonly capabilities?: Nullish<CapabilityFlags>;
  readonly reasoning?: Nullish<{
    readonly [Key in keyof ReasoningOptions]?: Nullish<ReasoningOptions[Key]>;
  }>;
  readonly lifecycle?: Nullish<{
    readonly [Key in keyof ModelLifecycle]?: Nullish<ModelLifecycle[Key]>;
  }>;
  readonly family?: Nullish<string>;
  readonly releaseDate?: Nullish<string>;
  readonly fineTuned?: Nullish<boolean>;
  readonly baseModel?: Nullish<string>;
  readonly parameterSize?: Nullish<string>;
  readonly quantization?: Nullish<string>;
}

/**
 * Builds a {@link Model}: name defaults to the id, the category comes from the
 * classifier unless given (the rules of `completeModel`, as for every model), and absent or
 * empty metadata is omitted, never invented. A value of the wrong type, or a number that is
 * none (`NaN` from `positiveInteger` or `pricePerMillion`, infinities), is left out and
 * counted, for the catalog's `status.droppedValues`.
 *
 * One pass over the fields, checking each as it is stored, into one object per model, returned
 * frozen (deeply, each value frozen as it is stored): the catalog then keeps it as it is, with no
 * copy and no second walk. The fields come in the order of the `Model` type, each stored by its
 * name: a value of the type its field holds takes a few comparisons, and any other goes through
 * {@link checkedValue}. Only the fields of {@link ModelFields} are read: another key an adapter
 * passes (through a cast) is not stored.
 */
export function buildModel(fields: ModelFields): Model {
  const { id, provider } = fields;
  const draft = { id, name: fields.name?.trim(), category: fields.category, provider };
  const { name, category } = (missingFields(draft, provider, fields.hints) ?? draft) as Model;
  const model: { -readonly [Key in keyof Model]: Model[Key] } = { id, name, category, provider };
  // A model its lifecycle marks deprecated or retired is `deprecated`, whatever that field says.
  const status = (fields.lifecycle as ModelLifecycle | null | undefined)?.status;
  const retiring = status === 'deprecated' || status === 'retired';
  dropped = 0;
  const description = text(fields.description);
  const created = count(fields.created);
  const ownedBy = text(fields.ownedBy);
  const contextLength = count(fields.contextLength);
  const maxOutputTokens = count(fields.maxOutputTokens);
  const inputModalities = strings(fields.inputModalities);
  const outputModalities = strings(fields.outputModalities);
  const prices = pricing(fields.pricing);
  const supportedParameters = strings(fields.supportedParameters);
  const aliases = strings(fields.aliases);
  // When the lifecycle decides, `deprecated` only counts the numbers in it that are none.
  if (retiring) dropped += invalidNumbers(fields.deprecated);
  const deprecated = retiring || flag(fields.deprecated);
  const capabilities = object(fields.capabilities);
  const reasoning = object(fields.reasoning);
  const lifecycle = object(fields.lifecycle);
  const family = text(fields.family);
  const releaseDate = text(fields.releaseDate);
  const fineTuned = flag(fields.fineTuned);
  const baseModel = text(fields.baseModel);
  const parameterSize = text(fields.parameterSize);
  const quantization = text(fields.quantization);
  // Each stored when reported: a value here is never an empty string, a 0 or a `false`, but
  // for the two yes-or-no fields.
  if (description) model.description = description;
  if (created) model.created = created;
  if (ownedBy) model.ownedBy = ownedBy;
  if (contextLength) model.contextLength = contextLength;
  if (maxOutputTokens) model.maxOutputTokens = maxOutputTokens;
  if (inputModalities) model.inputModalities = inputModalities;
  if (outputModalities) model.outputModalities = outputModalities;
  if (prices) model.pricing = prices;
  if (supportedParameters) model.supportedParameters = supportedParameters;
  if (aliases) model.aliases = aliases;
  if (deprecated !== undefined) model.deprecated = deprecated;
  if (capabilities) model.capabilities = capabilities as ModelCapabilities;
  if (reasoning) model.reasoning = reasoning as ReasoningOptions;
  if (lifecycle) model.lifecycle = lifecycle as ModelLifecycle;
  if (family) model.family = family;
  if (releaseDate) model.releaseDate = releaseDate;
  if (fineTuned !== undefined) model.fineTuned = fineTuned;
  if (baseModel) model.baseModel = baseModel;
  if (parameterSize) model.parameterSize = parameterSize;
  if (quantization) model.quantization = quantization;
  if (dropped > 0) Object.defineProperty(model, DROPPED_VALUES, { value: dropped });
  Object.freeze(model);
  return model;
}

/**
 * The values the model {@link buildModel} is building left out, counted as they are met (the
 * build runs to its end without yielding, so one counter serves every build).
 */
let dropped = 0;

/** A text field: a non-empty string as it is; `''` and absent values are no value. */
function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value === '' ? undefined : value;
  return value == null ? undefined : (checkedValue('string', value) as string | undefined);
}

/** A count or time: a positive whole number (see {@link positiveInteger}). */
function count(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) {
    const rounded = Math.round(value);
    return rounded > 0 ? rounded : undefined;
  }
  return value == null ? undefined : (checkedValue('count', value) as number | undefined);
}

/** A yes-or-no field. */
function flag(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  return value == null ? undefined : (checkedValue('boolean', value) as boolean | undefined);
}

/** A list of strings, frozen; an empty list is no value. */
function strings(value: unknown): readonly string[] | undefined {
  if (!Array.isArray(value)) {
    return value == null
      ? undefined
      : (checkedValue('strings', value) as readonly string[] | undefined);
  }
  if (value.length === 0) return undefined;
  for (const item of value) {
    if (typeof item !== 'string')
      return checkedValue('strings', value) as readonly string[] | undefined;
  }
  return Object.freeze(value);
}

/** An object (capabilities, reasoning, lifecycle) that holds only reported values, frozen. */
function object<T extends object>(value: Nullish<T>): T | undefined {
  if (isPlainObject(value) && isReported(value) && isCompact(value)) return freezeDeep(value);
  return value == null ? undefined : (checkedValue('object', value) as T | undefined);
}

/** Prices that are all numbers of at least 0, frozen; a pricing with no price is no value. */
function pricing(value: ModelFields['pricing']): ModelPricing | undefined {
  if (isValidPricing(value)) return Object.freeze(value as ModelPricing);
  return value == null ? undefined : (checkedValue('pricing', value) as ModelPricing | undefined);
}

/**
 * A value of any kind for a field of `type`, with every rule applied: a number that is none, and
 * a value of the wrong type, is no value and counted; an object keeps only its reported values;
 * a count is a positive whole number (a decimal string too). What is left is frozen.
 */
function checkedValue(type: FieldType | 'pricing', reported: unknown): unknown {
  let value = reported;
  if (typeof value === 'number') {
    // A number that is none: left out and counted.
    if (!Number.isFinite(value)) {
      dropped++;
      return undefined;
    }
  } else if (isPlainObject(value) && !isCompact(value)) {
    // Objects (prices, capabilities, lifecycle) keep only what was reported, or go.
    dropped += invalidNumbers(value);
    value = compact(value);
  }
  if (!isReported(value)) return undefined;
  if (type === 'count') {
    // Counts and times are positive whole numbers; 0 and negatives are "unknown" placeholders.
    const count = positiveInteger(value);
    if (Number.isNaN(count)) dropped++;
    return Number.isNaN(count) ? undefined : count;
  }
  // A value of the wrong type, and a price below 0, is left out and counted.
  if (!isOfType(value, type === 'pricing' ? 'object' : type)) {
    dropped++;
    return undefined;
  }
  if (type === 'pricing') {
    const prices = validPrices(value as Record<string, unknown>);
    dropped += prices.dropped;
    return prices.kept && Object.freeze(prices.kept);
  }
  return Array.isArray(value) ? Object.freeze(value) : freezeDeep(value);
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
  if (typeof value === 'string' && (scale === 1e6 || scale === 1)) {
    // Prices as OpenRouter writes them (`"0.0000025"`) take the short way: exact, and the
    // number the rounding below would give, without its cost (`toPrecision` is slow).
    const price = shortDecimal(value, scale === 1 ? 0 : 6);
    if (price !== undefined) return price;
  }
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

/**
 * `text` times 10 to the `exponent`, for a decimal of at most 12 digits without sign,
 * exponent or spaces (`12`, `0.5`, `.5`, `5.`); undefined for any other text. The digits make
 * an exact integer and the power of ten an exact number, so one multiplication or division
 * gives the nearest number to the exact decimal, as `Number()` would, and as the rounding to 12
 * digits in {@link pricePerMillion} does for a value of at most 12 digits.
 */
function shortDecimal(text: string, exponent: number): number | undefined {
  if (text.length === 0 || text.length > 12) return undefined;
  let mantissa = 0;
  let digits = 0;
  let decimals = -1;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === 46) {
      // `.`
      if (decimals >= 0) return undefined;
      decimals = 0;
      continue;
    }
    if (code < 48 || code > 57) return undefined;
    mantissa = mantissa * 10 + (code - 48);
    digits++;
    if (decimals >= 0) decimals++;
  }
  if (digits === 0) return undefined;
  const power = exponent - Math.max(decimals, 0);
  return power >= 0 ? mantissa * POWERS_OF_TEN[power]! : mantissa / POWERS_OF_TEN[-power]!;
}

/** Powers of ten as literals, each exact (`10 ** n` need not be). */
const POWERS_OF_TEN = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12];

/**
 * Builds a pricing object from already converted values, dropping the absent ones. `free` is
 * true when every reported price is zero, false when a price is above zero; `free: true`
 * (the provider marks the model free) makes it true whatever the prices, and `free: null`
 * leaves it out (the listed prices are not what the model is billed by). With no price and no
 * mark there is no pricing at all: unknown is never free.
 */
export function buildPricing(
  pricing: { [K in Exclude<keyof ModelPricing, 'free'>]?: number | undefined },
  free?: true | null,
): ModelPricing | undefined {
  const { input, output, cacheRead, cacheWrite, reasoning, image, request } = pricing;
  // Each price stored by its name, in the order of `ModelPricing`: one shape for most
  // pricings, where a store by a key held in a variable finds its shape afresh each time.
  const result: { -readonly [K in keyof ModelPricing]: ModelPricing[K] } = {};
  if (input !== undefined) result.input = input;
  if (output !== undefined) result.output = output;
  if (cacheRead !== undefined) result.cacheRead = cacheRead;
  if (cacheWrite !== undefined) result.cacheWrite = cacheWrite;
  if (reasoning !== undefined) result.reasoning = reasoning;
  if (image !== undefined) result.image = image;
  if (request !== undefined) result.request = request;
  // Whether any price is reported, and any above 0, without an array of the seven per pricing.
  const prices =
    priceBits(input) |
    priceBits(output) |
    priceBits(cacheRead) |
    priceBits(cacheWrite) |
    priceBits(reasoning) |
    priceBits(image) |
    priceBits(request);
  if (prices === 0 && !free) return undefined;
  if (free !== null) result.free = free === true || (prices & PRICED) === 0;
  return result;
}

/** {@link buildPricing}'s view of one price: 0 when absent, else REPORTED, and PRICED when not 0. */
function priceBits(price: number | undefined): number {
  if (price === undefined) return 0;
  return price === 0 ? REPORTED : REPORTED | PRICED;
}

const REPORTED = 1;
const PRICED = 2;

/** Lower-cases and de-duplicates a modality list; undefined when empty. */
export function normalizeModalities(values: Nullish<readonly string[]>): string[] | undefined {
  if (!values) return undefined;
  const result: string[] = [];
  for (const value of values) {
    if (typeof value !== 'string') continue; // a provider's list may hold anything
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
  // A base URL may carry a query (a gateway's own parameters): the path goes before it.
  const [root, query] = splitQuery(baseURL);
  return `${root.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}${query}`;
}

/**
 * An object of reported values with the unreported left out; undefined when nothing is left.
 * An object with nothing to leave out is returned as it is.
 */
function compact(value: object): object | undefined {
  if (isCompact(value)) return value;
  const kept = Object.entries(value)
    .map(([key, entry]) => [key, isPlainObject(entry) ? compact(entry) : entry])
    .filter(([, entry]) => isReported(entry));
  return kept.length > 0 ? Object.fromEntries(kept) : undefined;
}

/** True when {@link compact} would leave nothing out: not empty, every value reported, nested ones too. */
function isCompact(value: object): boolean {
  let empty = true;
  for (const key in value) {
    const entry = (value as Record<string, unknown>)[key];
    if (!isReported(entry) || (isPlainObject(entry) && !isCompact(entry))) return false;
    empty = false;
  }
  return !empty;
}

/** How many numbers in a reported value are none (NaN, infinities), nested objects included. */
function invalidNumbers(value: unknown): number {
  if (typeof value === 'number') return Number.isFinite(value) ? 0 : 1;
  if (!isPlainObject(value)) return 0;
  let count = 0;
  for (const key in value) count += invalidNumbers((value as Record<string, unknown>)[key]);
  return count;
}

/** False for what stands for "not reported": null, undefined, `''`, `[]`, NaN and infinities. */
function isReported(value: unknown): boolean {
  return (
    value != null &&
    (value as { length?: number }).length !== 0 &&
    (typeof value !== 'number' || Number.isFinite(value))
  );
}

function isPlainObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A date as `YYYY-MM-DD` (UTC), from an ISO 8601 / RFC 3339 string or Unix seconds; undefined
 * for unparsable and epoch-zero ("unknown") values.
 */
export function isoDate(value: unknown): string | undefined {
  const time =
    typeof value === 'number' ? value * 1000 : typeof value === 'string' ? Date.parse(value) : NaN;
  // Dates reach 8.64e15 ms either way; beyond, `toISOString` throws.
  return time > 0 && time <= 8.64e15 ? new Date(time).toISOString().slice(0, 10) : undefined;
}

/**
 * Capability flags from a list the provider gives as complete (supported parameters, features):
 * each flag of `words` is true when one of its words is listed and false when none is.
 * Undefined when there is no list, or an empty one. The flags are added to `into` when given
 * (one object for the flags of several lists, instead of a spread of each). `words` is compiled
 * on its first use and kept (a module constant that does not change).
 */
export function flagsFromList(
  list: Nullish<readonly string[]>,
  words: FlagWords,
  into: { -readonly [Flag in ModelCapability]?: boolean } = {},
): CapabilityFlags | undefined {
  // An empty list says nothing (as `supportedParameters: []` is left out).
  if (!list?.length) return undefined;
  const { flags, byLength } = compiledWords.get(words) ?? compileWords(words);
  // Every flag no, in the table's order, then yes for each listed word.
  for (const flag of flags) into[flag] = false;
  for (const word of list) {
    if (typeof word !== 'string') continue;
    // A table has a few words: only those of the listed word's length (most listed words match
    // none) are compared. That is cheaper than hashing a string the answer's parse just made, and
    // a word is lower-cased only when it is no known word as it is (`toLowerCase` copies every
    // string it is given).
    const candidates = byLength[word.length];
    if (candidates === undefined) continue;
    for (const [known, flag] of candidates) {
      if (known === word || known === word.toLowerCase()) into[flag] = true;
    }
  }
  return into;
}

/** The words (lower case) that answer each capability flag, for {@link flagsFromList}. */
type FlagWords = { readonly [Flag in ModelCapability]?: readonly string[] };

/** A word table of {@link flagsFromList}: its flags, and its words with their flags by length. */
interface CompiledWords {
  readonly flags: readonly ModelCapability[];
  /** At each length, the table's words of that length, each with the flag it answers. */
  readonly byLength: readonly (readonly (readonly [string, ModelCapability])[] | undefined)[];
}

/** The word tables (module constants of the adapters), each compiled on its first use. */
const compiledWords = new WeakMap<object, CompiledWords>();

function compileWords(table: FlagWords): CompiledWords {
  const flags = Object.keys(table) as ModelCapability[];
  const byLength: (readonly [string, ModelCapability])[][] = [];
  for (const flag of flags) {
    for (const word of table[flag] ?? []) {
      const sameLength = byLength[word.length] ?? [];
      sameLength.push([word, flag]);
      byLength[word.length] = sameLength;
    }
  }
  const compiled = { flags, byLength };
  compiledWords.set(table, compiled);
  return compiled;
}

/**
 * The input flags a complete list of input modalities answers: `vision` (image), `audioInput`
 * (audio) and `pdfInput` (file), added to `into` when given. Undefined when no modalities are
 * reported.
 */
export function inputFlags(
  modalities: Nullish<readonly string[]>,
  into?: { -readonly [Flag in ModelCapability]?: boolean },
): CapabilityFlags | undefined {
  return flagsFromList(modalities, INPUT_FLAGS, into);
}

const INPUT_FLAGS = { vision: ['image'], audioInput: ['audio'], pdfInput: ['file'] };

/** A lifecycle status from a provider's word for it, through `statuses`; undefined for other words. */
export function lifecycleStatus(
  word: Nullish<string>,
  statuses: Readonly<Record<string, ModelLifecycleStatus>>,
): ModelLifecycleStatus | undefined {
  // Own keys only: a word such as `__proto__` or `constructor` is no status.
  const key = typeof word === 'string' ? word.toLowerCase() : '';
  return Object.hasOwn(statuses, key) ? statuses[key] : undefined;
}

/**
 * The API root of a base URL given either as its provider's own SDK takes it, the host
 * (`ANTHROPIC_BASE_URL=https://api.anthropic.com`, as in the Anthropic SDK), or as the root with
 * its version path (`https://api.anthropic.com/v1`, as in the Vercel AI SDK): a URL whose path
 * does not end in a version segment (`/v1`, `/v1beta`, `/v1beta1`) gets `versionPath` appended.
 * A query stays last.
 */
export function apiRoot(baseURL: string, versionPath: string): string {
  const [root, query] = splitQuery(baseURL);
  const trimmed = root.replace(/\/+$/, '');
  const versioned = /\/v\d+(?:alpha\d*|beta\d*)?$/.test(trimmed);
  return `${versioned ? trimmed : `${trimmed}${versionPath}`}${query}`;
}

/** A base URL without the version segment (`/v1`, `/v2`) it may end in; a query stays last. */
export function withoutVersion(baseURL: string): string {
  const [root, query] = splitQuery(baseURL);
  return `${root.replace(/\/+$/, '').replace(/\/v\d+$/, '')}${query}`;
}

/** A URL's part before its query (or fragment), and the rest (`?team=a`), which stays last. */
function splitQuery(url: string): [root: string, query: string] {
  const at = url.search(/[?#]/);
  return at === -1 ? [url, ''] : [url.slice(0, at), url.slice(at)];
}
