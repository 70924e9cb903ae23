import { MODEL_CATEGORIES, type Model, type ModelCategory } from '../index.js';
import { compareText } from '../server/paginate.js';

/**
 * The capabilities the CLI filters on and shows, as a table: each names the `model.capabilities`
 * flag that states it, and the facts a provider already reports (a request parameter, an input
 * modality, a price) that show it when that flag is absent. The browse page evaluates the same
 * table, so the terminal and the page always agree.
 */
export const CAPABILITY_RULES = {
  tools: { label: 'tools', parameters: ['tools', 'tool_choice'] },
  vision: { label: 'vision', inputModalities: ['image'] },
  pdfInput: { label: 'pdf', inputModalities: ['file'] },
  audioInput: { label: 'audio', inputModalities: ['audio'] },
  reasoning: { label: 'reasoning', parameters: ['reasoning', 'include_reasoning'] },
  structuredOutput: { label: 'structured', parameters: ['structured_outputs'] },
  jsonMode: { label: 'json', parameters: ['response_format'] },
  promptCaching: { label: 'caching', pricing: ['cacheRead', 'cacheWrite'] },
} as const satisfies Record<string, CapabilityRule>;

/** One capability: `tools`, `vision`, `pdfInput`, ... */
export type Capability = keyof typeof CAPABILITY_RULES;

/** Every capability name, in display order. */
export const CAPABILITIES = Object.keys(CAPABILITY_RULES) as Capability[];

/** How a capability shows in what a provider reports. */
export interface CapabilityRule {
  readonly label: string;
  readonly parameters?: readonly string[];
  readonly inputModalities?: readonly string[];
  readonly pricing?: readonly string[];
}

/** What a model may carry beyond today's `Model`: fields other parts of the library are adding. */
interface ModelExtras {
  readonly capabilities?: Partial<Record<string, unknown>>;
  readonly pricing?: { readonly free?: unknown };
}

/** The sort keys of `--sort`, each with the direction that reads best by default. */
export const SORT_KEYS = {
  provider: 'asc',
  id: 'asc',
  name: 'asc',
  category: 'asc',
  context: 'desc',
  price: 'asc',
  'output-price': 'asc',
  created: 'desc',
} as const;

/** One of {@link SORT_KEYS}. */
export type SortKey = keyof typeof SORT_KEYS;

/** A sort key and its direction. */
export interface SortOrder {
  readonly key: SortKey;
  readonly direction: 'asc' | 'desc';
}

/** What `model-catalog list` keeps and in which order; every field is optional. */
export interface ModelQuery {
  /** Words that must all appear in the id, name, provider, owner, aliases or description. */
  readonly search?: string | undefined;
  readonly categories?: readonly ModelCategory[] | undefined;
  /** Capabilities the model must all have. */
  readonly capabilities?: readonly Capability[] | undefined;
  /** Least context window, in tokens; a model that reports none is left out. */
  readonly minContext?: number | undefined;
  /** Highest input price, USD per million tokens; a model that reports none is left out. */
  readonly maxPrice?: number | undefined;
  /** Only models whose reported input and output prices are zero (or marked free). */
  readonly free?: boolean | undefined;
  readonly sort?: SortOrder | undefined;
}

/** Thrown for a value the user typed that cannot be read; the CLI answers it with exit code 2. */
export class QueryValueError extends Error {
  override readonly name = 'QueryValueError';
}

/**
 * The capabilities of a model: `model.capabilities` where it states them, else what the model's
 * reported parameters, input modalities and prices show. `undefined` means not known.
 */
export function capabilitiesOf(model: Model): Partial<Record<Capability, boolean>> {
  const declared = (model as Model & ModelExtras).capabilities;
  const result: Partial<Record<Capability, boolean>> = {};
  for (const name of CAPABILITIES) {
    const stated = declared && typeof declared === 'object' ? declared[name] : undefined;
    if (typeof stated === 'boolean') {
      result[name] = stated;
      continue;
    }
    const rule: CapabilityRule = CAPABILITY_RULES[name];
    const pricing = model.pricing as Readonly<Record<string, unknown>> | undefined;
    const shown =
      rule.parameters?.some((parameter) => model.supportedParameters?.includes(parameter)) ||
      rule.inputModalities?.some((modality) => model.inputModalities?.includes(modality)) ||
      rule.pricing?.some((field) => typeof pricing?.[field] === 'number');
    if (shown) result[name] = true;
  }
  return result;
}

/** The capabilities a model is known to have, in display order. */
export function capabilityList(model: Model): Capability[] {
  const known = capabilitiesOf(model);
  return CAPABILITIES.filter((name) => known[name] === true);
}

/** True when the model is free to use: marked so, or every price it reports for tokens is zero. */
export function isFree(model: Model): boolean {
  const pricing = model.pricing as (Model['pricing'] & ModelExtras['pricing']) | undefined;
  if (pricing?.free === true) return true;
  const prices = [pricing?.input, pricing?.output].filter((price) => price !== undefined);
  return prices.length > 0 && prices.every((price) => price === 0);
}

/** The models matching every part of the query, in the order it asks for (else as given). */
export function queryModels(models: readonly Model[], query: ModelQuery): Model[] {
  const words = (query.search ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  const kept = models.filter((model) => {
    if (query.categories?.length && !query.categories.includes(model.category)) return false;
    if (query.capabilities?.length) {
      const known = capabilitiesOf(model);
      if (!query.capabilities.every((name) => known[name] === true)) return false;
    }
    if (query.minContext !== undefined && !((model.contextLength ?? -1) >= query.minContext))
      return false;
    // A model marked free that reports no price costs 0, as the handler's `max_input_price` counts it.
    const input = model.pricing?.input ?? (model.pricing?.free ? 0 : Infinity);
    if (query.maxPrice !== undefined && !(input <= query.maxPrice)) return false;
    if (query.free && !isFree(model)) return false;
    if (words.length > 0) {
      const text = searchText(model);
      if (!words.every((word) => text.includes(word))) return false;
    }
    return true;
  });
  return query.sort ? sortBy(kept, query.sort) : kept;
}

/** A stable sort; models without the key's value always come last, whatever the direction. */
export function sortBy(models: readonly Model[], order: SortOrder): Model[] {
  const keyOf = SORT_VALUES[order.key];
  const sign = order.direction === 'asc' ? 1 : -1;
  return models
    .map((model, index) => ({ model, index, value: keyOf(model) }))
    .sort((a, b) => {
      if (a.value === undefined || b.value === undefined) {
        if (a.value === b.value) return a.index - b.index;
        return a.value === undefined ? 1 : -1;
      }
      const compared =
        typeof a.value === 'number' && typeof b.value === 'number'
          ? a.value - b.value
          : compareText(String(a.value), String(b.value));
      return compared === 0 ? a.index - b.index : sign * compared;
    })
    .map((entry) => entry.model);
}

/** Reads `--sort`: a key, optionally followed by `:asc` or `:desc`. */
export function parseSort(text: string): SortOrder {
  const [key = '', direction, extra] = text.trim().toLowerCase().split(':');
  // Own keys only: `in` would take `constructor` or `__proto__` for sort keys.
  if (!Object.hasOwn(SORT_KEYS, key) || extra !== undefined) {
    throw new QueryValueError(
      `Unknown sort "${text}". Sort by ${Object.keys(SORT_KEYS).join(', ')}, optionally with :asc or :desc.`,
    );
  }
  if (direction !== undefined && direction !== 'asc' && direction !== 'desc') {
    throw new QueryValueError(`Unknown sort direction "${direction}": use asc or desc.`);
  }
  return { key: key as SortKey, direction: direction ?? SORT_KEYS[key as SortKey] };
}

/** Reads a comma list of categories. */
export function parseCategories(text: string): ModelCategory[] {
  return commaList(text).map((category) => {
    const found = MODEL_CATEGORIES.find((known) => known === category.toLowerCase());
    if (!found) {
      throw new QueryValueError(
        `Unknown category "${category}". Categories: ${MODEL_CATEGORIES.join(', ')}.`,
      );
    }
    return found;
  });
}

/** Reads a comma list of capabilities; `pdf-input`, `pdf_input` and `pdfinput` all name `pdfInput`. */
export function parseCapabilities(text: string): Capability[] {
  const squash = (name: string): string => name.toLowerCase().replace(/[-_\s]/g, '');
  return commaList(text).map((name) => {
    const found = CAPABILITIES.find(
      (known) => squash(known) === squash(name) || CAPABILITY_RULES[known].label === name,
    );
    if (!found) {
      throw new QueryValueError(
        `Unknown capability "${name}". Capabilities: ${CAPABILITIES.join(', ')}.`,
      );
    }
    return found;
  });
}

/** Reads a token count such as `128000`, `128k` or `1m`. */
export function parseTokenCount(name: string, text: string): number {
  const match = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(text.trim().replace(/[_,]/g, ''));
  if (!match) {
    throw new QueryValueError(
      `\`--${name}\` takes a number of tokens such as 32000, 128k or 1m, got "${text}".`,
    );
  }
  const unit = match[2]?.toLowerCase();
  return Math.round(Number(match[1]) * (unit === 'k' ? 1_000 : unit === 'm' ? 1_000_000 : 1));
}

/** Reads a price in USD per million tokens, with or without a `$`. */
export function parsePrice(name: string, text: string): number {
  const value = Number(text.trim().replace(/^\$/, ''));
  if (text.trim() === '' || !Number.isFinite(value) || value < 0) {
    throw new QueryValueError(
      `\`--${name}\` takes a price in USD per million tokens such as 0.5, got "${text}".`,
    );
  }
  return value;
}

function commaList(text: string): string[] {
  return text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
}

function searchText(model: Model): string {
  return [
    model.id,
    model.name,
    model.provider,
    model.ownedBy,
    model.description,
    ...(model.aliases ?? []),
  ]
    .filter((part) => part !== undefined)
    .join('\n')
    .toLowerCase();
}

const SORT_VALUES: Record<SortKey, (model: Model) => string | number | undefined> = {
  provider: (model) => model.provider,
  id: (model) => model.id,
  name: (model) => model.name,
  category: (model) => model.category,
  context: (model) => model.contextLength,
  price: (model) => model.pricing?.input,
  'output-price': (model) => model.pricing?.output,
  created: (model) => model.created,
};
