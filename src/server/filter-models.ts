import { checkOptionNames } from '../core/check-option.js';
import { InvalidParameterError } from '../errors/invalid-parameter-error.js';
import type { Model, ModelCapability, ModelLifecycleStatus } from '../types.js';
import {
  MODEL_CAPABILITIES,
  MODEL_CATEGORIES,
  MODEL_LIFECYCLE_STATUSES,
  type ModelCategory,
} from '../types.js';
import { idKey, type ModelKey, sortModels } from './paginate.js';
import { searchRanker } from './search-models.js';

/**
 * A value list as code or a query string gives it: an array, or one comma-separated string.
 *
 * @example
 * ```ts
 * const outputs: ListFilter = 'text,image'; // the same as ['text', 'image']
 * const visual = filterModels(models, { outputModalities: outputs });
 * ```
 */
export type ListFilter = string | readonly string[] | undefined;

/**
 * What {@link filterModels} keeps. Every field is optional; given fields must all match.
 *
 * @example
 * ```ts
 * const filter: ModelFilter = { category: 'chat', supportedParameters: ['tools'], query: 'llama' };
 * const toolUsers = filterModels(models, filter);
 * ```
 */
export interface ModelFilter {
  /** Categories to keep (any of them): `chat`, `embedding`, `image`, `tts`, `stt`, `other`. */
  readonly category?: ListFilter;
  /** Provider ids to keep (any of them). */
  readonly provider?: ListFilter;
  /**
   * Keeps models that accept any of these inputs; `all` keeps every model. Without reported
   * input modalities, the category's and those of `vision`, `pdfInput` and `audioInput` count.
   */
  readonly inputModalities?: ListFilter;
  /** Keeps models that produce any of these outputs (`text`, `image`, `audio`, `embeddings`); `all` keeps every model. */
  readonly outputModalities?: ListFilter;
  /**
   * Keeps models that support every one of these parameters (`tools`, `reasoning`, ...): those
   * reported, and those a reported capability stands for (`tools` for `capabilities.tools`).
   */
  readonly supportedParameters?: ListFilter;
  /**
   * Words that must all appear in the id, name, family or description, case ignored (see
   * `searchModels`, which also ranks). The order is kept; `sort` orders.
   */
  readonly query?: string | undefined;
  /**
   * Capabilities the model must have, each reported true (see `MODEL_CAPABILITIES`): `tools`,
   * `vision`, `pdfInput`, ... (`pdf_input` is accepted too). A capability not reported does
   * not match.
   */
  readonly capability?: ListFilter;
  /** Least context window, in tokens; a model that reports none does not match. */
  readonly minContext?: number | undefined;
  /**
   * Highest input price, USD per million tokens. A model marked free costs 0; any other model
   * with an unknown price does not match.
   */
  readonly maxInputPrice?: number | undefined;
  /**
   * Highest output price, USD per million tokens. A model marked free costs 0; any other model
   * with an unknown price does not match.
   */
  readonly maxOutputPrice?: number | undefined;
  /** `true`: only models whose pricing is `free`; `false`: only models known not to be free. */
  readonly free?: boolean | undefined;
  /**
   * Lifecycle statuses to keep (`active`, `preview`, `deprecated`, `retired`), or `all`. A model
   * whose provider reports no status counts as `active`, or `deprecated` when it is flagged so.
   */
  readonly lifecycle?: ListFilter;
  /**
   * The order of the result: `id`, `name`, `created`, `releaseDate`, `contextLength`,
   * `inputPrice` or `outputPrice` (snake_case accepted), ascending, or descending with a
   * leading `-`. Models without the value always come last; ties go by id, then provider.
   */
  readonly sort?: string | undefined;
}

/**
 * The fields {@link filterModels} can sort by. A leading `-` sorts descending.
 *
 * @example
 * ```ts
 * const cheapestFirst = filterModels(models, { sort: 'inputPrice' satisfies ModelSortKey });
 * ```
 */
export type ModelSortKey =
  | 'id'
  | 'name'
  | 'created'
  | 'releaseDate'
  | 'contextLength'
  | 'inputPrice'
  | 'outputPrice';

/** Every field of {@link ModelFilter}. */
const FILTER_NAMES = [
  'category',
  'provider',
  'inputModalities',
  'outputModalities',
  'supportedParameters',
  'query',
  'capability',
  'minContext',
  'maxInputPrice',
  'maxOutputPrice',
  'free',
  'lifecycle',
  'sort',
] as const;

/**
 * Keeps the models that match every given filter, across providers. Lists are accepted as
 * arrays or as comma-separated strings, the way OpenRouter's query parameters are
 * (`output_modalities=text,image`). A model that reports no modalities is judged by its category
 * (see {@link modalitiesOf}); a model that does not report a capability, a context length or a
 * price never matches a filter on it. With `sort`, the result is in that order; else in the
 * order given. A field the filter does not have (`categories` for `category`) throws a
 * `TypeError` naming it: a misspelled filter would otherwise keep every model.
 *
 * @example
 * ```ts
 * const embedders = filterModels(models, { outputModalities: 'embeddings' });
 * const agents = filterModels(models, { capability: ['tools', 'vision'], sort: 'inputPrice' });
 * const longest = filterModels(models, { minContext: 200_000, lifecycle: 'active', sort: '-contextLength' });
 * ```
 */
export function filterModels(models: readonly Model[], filter: ModelFilter = {}): Model[] {
  checkOptionNames('filterModels()', filter, FILTER_NAMES);
  const categories = withoutAll(toList(filter.category));
  for (const category of categories) {
    if (!MODEL_CATEGORIES.includes(category as ModelCategory)) {
      throw new InvalidParameterError(
        'category',
        `Unknown category "${category}". Valid categories: ${MODEL_CATEGORIES.join(', ')}.`,
      );
    }
  }
  const providers = toList(filter.provider);
  const inputs = withoutAll(toList(filter.inputModalities));
  const outputs = withoutAll(toList(filter.outputModalities));
  const parameters = withoutAll(toList(filter.supportedParameters));
  const capabilities = toList(filter.capability).map(capabilityNamed);
  const statuses = lifecyclesOf(filter.lifecycle);
  const order = filter.sort === undefined ? undefined : sortPrefix(filter.sort);
  const matches = filter.query === undefined ? undefined : searchRanker(filter.query);
  const { minContext, maxInputPrice, maxOutputPrice, free } = filter;
  const keeps = (model: Model): boolean => {
    if (categories.length > 0 && !categories.includes(model.category)) return false;
    if (providers.length > 0 && !providers.includes(model.provider.toLowerCase())) return false;
    // Modalities and parameters as the OpenRouter format lists them: capabilities count.
    if (inputs.length > 0 && !matchesAny(inputs, inputModalitiesOf(model))) return false;
    if (outputs.length > 0 && !matchesAny(outputs, modalitiesOf(model).output)) return false;
    if (parameters.length > 0) {
      const supported = new Set(
        supportedParametersOf(model).map((parameter) => parameter.toLowerCase()),
      );
      if (!parameters.every((parameter) => supported.has(parameter))) return false;
    }
    if (!capabilities.every((capability) => model.capabilities?.[capability] === true)) {
      return false;
    }
    if (minContext !== undefined && !((model.contextLength ?? -1) >= minContext)) return false;
    if (maxInputPrice !== undefined && !((priceOf(model, 'input') ?? Infinity) <= maxInputPrice)) {
      return false;
    }
    if (
      maxOutputPrice !== undefined &&
      !((priceOf(model, 'output') ?? Infinity) <= maxOutputPrice)
    ) {
      return false;
    }
    if (free !== undefined && model.pricing?.free !== free) return false;
    if (statuses && !statuses.includes(lifecycleStatusOf(model))) return false;
    if (matches && matches(model) === undefined) return false;
    return true;
  };
  // A loop, not `models.filter`: V8's `filter` costs several times more on a frozen list.
  const kept: Model[] = [];
  for (const model of models) if (keeps(model)) kept.push(model);
  return order ? sortModels(kept, (model) => `${order(model)}${model.id}`) : kept;
}

/**
 * A model's lifecycle status: the reported one, else `deprecated` when it is flagged deprecated,
 * else `active`.
 *
 * @example
 * ```ts
 * const usable = models.filter((model) => lifecycleStatusOf(model) !== 'retired');
 * ```
 */
export function lifecycleStatusOf(model: Model): ModelLifecycleStatus {
  return model.lifecycle?.status ?? (model.deprecated ? 'deprecated' : 'active');
}

/**
 * A string that sorts models in `sort` order (see {@link ModelFilter.sort}), models without the
 * value last in either direction. Followed by a model's own key (its id), it makes a paging key
 * (see `sortModels` and `pageByToken`): the handler pages in the order a request sorts by.
 * `idOf` is the id a sort by `id` reads: the id as rendered (`<provider>/<id>` where an answer
 * qualifies its ids).
 */
export function sortPrefix(sort: string, idOf: ModelKey = idKey): ModelKey {
  const descending = sort.trim().startsWith('-');
  const name = sort.trim().replace(/^-/, '');
  const key = SORT_KEYS.find((candidate) => normalized(candidate) === normalized(name));
  if (key === undefined) {
    throw new InvalidParameterError(
      'sort',
      `Unknown sort "${sort}". Sort by ${SORT_KEYS.join(', ')}, with a leading - to reverse.`,
    );
  }
  const sortValue = key === 'id' ? idOf : SORT_VALUES[key];
  return (model) => {
    const value = sortValue(model);
    // `1` puts an unknown value after every known one (`0`), whatever the direction.
    if (value === undefined) return '1\u0000';
    const text = typeof value === 'number' ? sortableNumber(value) : value;
    return `0${descending ? inverted(text) : text}\u0000`;
  };
}

const SORT_KEYS: readonly ModelSortKey[] = [
  'id',
  'name',
  'created',
  'releaseDate',
  'contextLength',
  'inputPrice',
  'outputPrice',
];

const SORT_VALUES: Record<ModelSortKey, (model: Model) => string | number | undefined> = {
  id: (model) => model.id,
  name: (model) => model.name.toLowerCase(),
  created: (model) => model.created,
  releaseDate: (model) => model.releaseDate,
  contextLength: (model) => model.contextLength,
  inputPrice: (model) => priceOf(model, 'input'),
  outputPrice: (model) => priceOf(model, 'output'),
};

/** A price, 0 for a model marked free that reports none; undefined when unknown. */
function priceOf(model: Model, kind: 'input' | 'output'): number | undefined {
  return model.pricing?.[kind] ?? (model.pricing?.free ? 0 : undefined);
}

/**
 * A non-negative number as a fixed-width string that sorts as the number does (to a millionth),
 * up to 1e16 (values above sort as equal, by id). Through `BigInt`: from 1e21 a number's own text
 * is in exponent notation (`1.7e+21`), which sorted a `created` in microseconds (1.7e15 times
 * 1e6) before smaller values. The width stays 22, so that page tokens stay valid across versions.
 */
function sortableNumber(value: number): string {
  const millionths = BigInt(Math.round(Math.min(Math.max(0, value), 1e16) * 1e6));
  return (millionths < SORTABLE_LIMIT ? millionths : SORTABLE_LIMIT - 1n)
    .toString()
    .padStart(22, '0');
}

/** Millionths below this have at most 22 digits. */
const SORTABLE_LIMIT = 10n ** 22n;

/**
 * A string that sorts in the reverse order of `text`: every code unit mirrored, then the
 * highest one, so that a longer text (which sorts after its prefix) comes before it.
 */
function inverted(text: string): string {
  return `${text
    .split('')
    .map((unit) => String.fromCharCode(0xffff - unit.charCodeAt(0)))
    .join('')}\uffff`;
}

function normalized(name: string): string {
  return name.replace(/[_\s-]/g, '').toLowerCase();
}

function capabilityNamed(name: string): ModelCapability {
  const capability = MODEL_CAPABILITIES.find(
    (candidate) => normalized(candidate) === normalized(name),
  );
  if (capability === undefined) {
    throw new InvalidParameterError(
      'capability',
      `Unknown capability "${name}". Valid capabilities: ${MODEL_CAPABILITIES.join(', ')}.`,
    );
  }
  return capability;
}

function lifecyclesOf(filter: ListFilter): readonly ModelLifecycleStatus[] | undefined {
  const wanted = toList(filter);
  // Every value is checked, `all` beside them too: `all,bogus` is a mistake, not `all`.
  for (const status of wanted) {
    if (status !== 'all' && !MODEL_LIFECYCLE_STATUSES.includes(status as ModelLifecycleStatus)) {
      throw new InvalidParameterError(
        'lifecycle',
        `Unknown lifecycle status "${status}". Valid statuses: ${MODEL_LIFECYCLE_STATUSES.join(', ')}, or all.`,
      );
    }
  }
  if (wanted.length === 0 || wanted.includes('all')) return undefined;
  return wanted as ModelLifecycleStatus[];
}

/**
 * The model's input and output modalities: what the provider reported, else what its category
 * implies (chat: text -> text, embedding: text -> embeddings, image: text -> image,
 * tts: text -> audio, stt: audio -> text, other: nothing known).
 *
 * @example
 * ```ts
 * modalitiesOf({ id: 'whisper-1', name: 'whisper-1', category: 'stt', provider: 'openai' }); // { input: ['audio'], output: ['text'] }
 * ```
 */
export function modalitiesOf(model: Model): {
  /** What the model takes: `text`, `image`, `audio`, ... */
  input: readonly string[];
  /** What it gives: `text`, `image`, `audio`, `embeddings`, ... */
  output: readonly string[];
} {
  const implied = IMPLIED_MODALITIES[model.category] ?? { input: [], output: [] };
  return {
    input: model.inputModalities?.length ? model.inputModalities : implied.input,
    output: model.outputModalities?.length ? model.outputModalities : implied.output,
  };
}

const IMPLIED_MODALITIES: Record<
  ModelCategory,
  { input: readonly string[]; output: readonly string[] }
> = {
  chat: { input: ['text'], output: ['text'] },
  embedding: { input: ['text'], output: ['embeddings'] },
  image: { input: ['text'], output: ['image'] },
  tts: { input: ['text'], output: ['audio'] },
  stt: { input: ['audio'], output: ['text'] },
  other: { input: [], output: [] },
};

/**
 * The input modalities reported, else those the category implies and the `vision` (image),
 * `pdfInput` (file) and `audioInput` (audio) capabilities add: what `input_modalities` filters
 * on, and what the OpenRouter format lists.
 */
export function inputModalitiesOf(model: Model): readonly string[] {
  const { input } = modalitiesOf(model);
  if (model.inputModalities?.length) return input;
  const added = INPUT_CAPABILITIES.filter(([capability]) => model.capabilities?.[capability]);
  return [...new Set([...input, ...added.map(([, modality]) => modality)])];
}

const INPUT_CAPABILITIES: readonly [ModelCapability, string][] = [
  ['vision', 'image'],
  ['pdfInput', 'file'],
  ['audioInput', 'audio'],
];

/** The request parameters each capability stands for, in OpenRouter's words. */
const CAPABILITY_PARAMETERS: readonly [ModelCapability, readonly string[]][] = [
  ['tools', ['tools', 'tool_choice']],
  ['reasoning', ['reasoning', 'include_reasoning']],
  ['structuredOutput', ['structured_outputs']],
  ['jsonMode', ['response_format']],
];

/**
 * The parameters the provider reported, and those its reported capabilities stand for: what
 * `supported_parameters` filters on, and what the OpenRouter format lists.
 */
export function supportedParametersOf(model: Model): string[] {
  const parameters = new Set(model.supportedParameters);
  for (const [capability, names] of CAPABILITY_PARAMETERS) {
    if (model.capabilities?.[capability]) for (const name of names) parameters.add(name);
  }
  return [...parameters];
}

/** A list filter with `all` in it keeps everything: no filter (categories, modalities, parameters). */
function withoutAll(wanted: string[]): string[] {
  return wanted.includes('all') ? [] : wanted;
}

function toList(value: ListFilter): string[] {
  if (value === undefined) return [];
  const parts = typeof value === 'string' ? value.split(',') : value;
  return parts.map((part) => part.trim().toLowerCase()).filter((part) => part !== '');
}

function matchesAny(wanted: readonly string[], actual: readonly string[]): boolean {
  return actual.some((modality) => wanted.includes(modality.toLowerCase()));
}
