import { InvalidParameterError } from '../errors/invalid-parameter-error.js';
import type { Model } from '../types.js';
import { MODEL_CATEGORIES, type ModelCategory } from '../types.js';

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
  /** Keeps models that accept any of these inputs; `all` keeps every model. */
  readonly inputModalities?: ListFilter;
  /** Keeps models that produce any of these outputs (`text`, `image`, `audio`, `embeddings`); `all` keeps every model. */
  readonly outputModalities?: ListFilter;
  /** Keeps models that report every one of these parameters (`tools`, `reasoning`, ...). */
  readonly supportedParameters?: ListFilter;
  /** Case-insensitive text looked up in id and name. */
  readonly query?: string | undefined;
}

/**
 * Keeps the models that match every given filter. Lists are accepted as arrays or as
 * comma-separated strings, the way OpenRouter's query parameters are (`output_modalities=text,image`).
 * A model that reports no modalities is judged by its category (see {@link modalitiesOf}).
 *
 * @example
 * ```ts
 * const embedders = filterModels(models, { outputModalities: 'embeddings' });
 * const agents = filterModels(models, { category: 'chat', supportedParameters: 'tools,reasoning' });
 * ```
 */
export function filterModels(models: readonly Model[], filter: ModelFilter = {}): Model[] {
  const categories = toList(filter.category);
  for (const category of categories) {
    if (!MODEL_CATEGORIES.includes(category as ModelCategory)) {
      throw new InvalidParameterError(
        'category',
        `Unknown category "${category}". Valid categories: ${MODEL_CATEGORIES.join(', ')}.`,
      );
    }
  }
  const providers = toList(filter.provider);
  const inputs = toList(filter.inputModalities);
  const outputs = toList(filter.outputModalities);
  const parameters = toList(filter.supportedParameters);
  const query = filter.query?.trim().toLowerCase() ?? '';
  return models.filter((model) => {
    if (categories.length > 0 && !categories.includes(model.category)) return false;
    if (providers.length > 0 && !providers.includes(model.provider.toLowerCase())) return false;
    const modalities = modalitiesOf(model);
    if (!matchesAny(inputs, modalities.input)) return false;
    if (!matchesAny(outputs, modalities.output)) return false;
    if (parameters.length > 0) {
      const supported = new Set(
        model.supportedParameters?.map((parameter) => parameter.toLowerCase()),
      );
      if (!parameters.every((parameter) => supported.has(parameter))) return false;
    }
    if (query && !`${model.id}\n${model.name}`.toLowerCase().includes(query)) return false;
    return true;
  });
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
  input: readonly string[];
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

function toList(value: ListFilter): string[] {
  if (value === undefined) return [];
  const parts = typeof value === 'string' ? value.split(',') : value;
  return parts.map((part) => part.trim().toLowerCase()).filter((part) => part !== '');
}

function matchesAny(wanted: readonly string[], actual: readonly string[]): boolean {
  if (wanted.length === 0 || wanted.includes('all')) return true;
  return actual.some((modality) => wanted.includes(modality.toLowerCase()));
}
