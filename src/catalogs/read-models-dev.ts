import * as v from 'valibot';
import { classifyModel } from '../classify/index.js';
import type {
  Model,
  ModelCapabilities,
  ModelCategory,
  ModelLifecycle,
  ModelPricing,
  ReasoningOptions,
} from '../types.js';

/*
 * The models.dev `api.json` shape, as far as we read it (the generator's schema is
 * `packages/core/src/schema.ts` in anomalyco/models.dev; checked against a generated file of
 * 2026-07-01, 147 providers, 5,276 models):
 *
 *   { [providerId]: { id, name, env, npm, api?, doc, models: { [modelId]: Model } } }
 *
 * Of each model we read: `name`; `family`; `tool_call`, `reasoning` and `structured_output`
 * (booleans, the last one optional); `reasoning_options` (a list of `{ type: 'effort', values }`,
 * `{ type: 'toggle' }` and `{ type: 'budget_tokens', min?, max? }`); `modalities.input` and
 * `.output` (text, image, audio, video, pdf); `limit.context` and `.output` (tokens); `cost`
 * `input`, `output`, `cache_read`, `cache_write`, `reasoning` (USD per million tokens);
 * `knowledge` (YYYY-MM or YYYY-MM-DD); `release_date`; `open_weights`; `status` (`alpha`,
 * `beta`, `deprecated`). Everything else (`attachment`, `temperature`, `last_updated`,
 * `interleaved`, `limit.input`, `cost.tiers`, `cost.context_over_200k`, audio prices,
 * `experimental`, per-model `provider` overrides) is ignored, as are unknown fields.
 */

const NumberSchema = v.nullish(v.number());
const StringListSchema = v.nullish(v.array(v.string()));

const ModelsDevModelSchema = v.object({
  name: v.nullish(v.string()),
  family: v.nullish(v.string()),
  tool_call: v.nullish(v.boolean()),
  reasoning: v.nullish(v.boolean()),
  structured_output: v.nullish(v.boolean()),
  reasoning_options: v.nullish(
    v.array(
      v.object({
        type: v.string(),
        values: StringListSchema,
        min: NumberSchema,
        max: NumberSchema,
      }),
    ),
  ),
  modalities: v.nullish(v.object({ input: StringListSchema, output: StringListSchema })),
  limit: v.nullish(v.object({ context: NumberSchema, output: NumberSchema })),
  cost: v.nullish(
    v.object({
      input: NumberSchema,
      output: NumberSchema,
      cache_read: NumberSchema,
      cache_write: NumberSchema,
      reasoning: NumberSchema,
    }),
  ),
  knowledge: v.nullish(v.string()),
  release_date: v.nullish(v.string()),
  open_weights: v.nullish(v.boolean()),
  status: v.nullish(v.string()),
});

type ModelsDevModel = v.InferOutput<typeof ModelsDevModelSchema>;

const ProviderSchema = v.object({ models: v.record(v.string(), v.unknown()) });

/** What {@link readModelsDev} made of the data: the entries, and where entries were unusable. */
export interface ModelsDevReading {
  /** One entry per usable model: `id` is `<models.dev provider>/<model id>`, `provider` the models.dev provider. */
  readonly models: Model[];
  /** Models (and providers) left out because they did not have the shape above. */
  readonly skipped: number;
  /** Where the data did not have the shape above, as `path: expected ...` (never values). */
  readonly issues: string[];
}

/**
 * Reads models.dev's `api.json` (or data in its shape) into catalog entries, keeping only the
 * providers `wanted` names. A model that does not have the documented shape is left out and
 * reported in `issues`; the data as a whole must be an object of providers.
 */
export function readModelsDev(
  data: unknown,
  wanted: (providerId: string) => boolean,
): ModelsDevReading {
  const models: Model[] = [];
  const issues: string[] = [];
  let skipped = 0;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { models, skipped: 1, issues: ['(root): expected an object of providers'] };
  }
  for (const [providerId, provider] of Object.entries(data)) {
    if (!wanted(providerId)) continue;
    const parsed = v.safeParse(ProviderSchema, provider);
    if (!parsed.success) {
      skipped++;
      issues.push(...describeIssues(parsed.issues, providerId));
      continue;
    }
    for (const [modelId, candidate] of Object.entries(parsed.output.models)) {
      const model = v.safeParse(ModelsDevModelSchema, candidate);
      if (model.success) {
        models.push(toEntry(providerId, modelId, model.output));
      } else {
        skipped++;
        issues.push(...describeIssues(model.issues, `${providerId}.models.${modelId}`));
      }
    }
  }
  return { models, skipped, issues };
}

/**
 * The models.dev data trimmed to what {@link readModelsDev} reads: the same shape, only the
 * fields above. The snapshot script writes this, so the snapshot holds nothing we ignore.
 */
export function trimModelsDev(data: unknown, wanted: (providerId: string) => boolean): unknown {
  const trimmed: Record<string, { models: Record<string, unknown> }> = {};
  if (typeof data !== 'object' || data === null) return trimmed;
  for (const [providerId, provider] of Object.entries(data)) {
    if (!wanted(providerId)) continue;
    const parsed = v.safeParse(ProviderSchema, provider);
    if (!parsed.success) continue;
    const models: Record<string, unknown> = {};
    for (const [modelId, candidate] of Object.entries(parsed.output.models)) {
      const model = v.safeParse(ModelsDevModelSchema, candidate);
      if (model.success) models[modelId] = withoutNullish(model.output);
    }
    trimmed[providerId] = { models };
  }
  return trimmed;
}

function describeIssues(issues: readonly v.BaseIssue<unknown>[], prefix: string): string[] {
  return issues.slice(0, 3).map((issue) => {
    const path = v.getDotPath(issue);
    // Never `issue.received`: it may quote the value.
    const problem =
      issue.received === 'undefined' ? 'missing' : `expected ${issue.expected ?? issue.kind}`;
    return `${prefix}${path ? `.${path}` : ''}: ${problem}`;
  });
}

/** One catalog entry in our model shape, with only what models.dev said. */
function toEntry(provider: string, modelId: string, model: ModelsDevModel): Model {
  const inputModalities = model.modalities?.input?.map(modality);
  const outputModalities = model.modalities?.output?.map(modality);
  const inputs = model.modalities?.input;
  const category = catalogCategory(modelId, classifyModel(modelId), {
    inputModalities,
    outputModalities,
  });
  const entry: Record<string, unknown> = {
    id: `${provider}/${modelId}`,
    name: model.name?.trim() || modelId,
    category,
    provider,
    contextLength: positiveInteger(model.limit?.context),
    // An embedding model's output "limit" is the size of its vectors, not a count of tokens.
    maxOutputTokens: category === 'embedding' ? undefined : positiveInteger(model.limit?.output),
    inputModalities,
    outputModalities,
    capabilities: compact<ModelCapabilities>({
      tools: model.tool_call,
      vision: inputs?.includes('image'),
      pdfInput: inputs?.includes('pdf'),
      audioInput: inputs?.includes('audio'),
      reasoning: model.reasoning,
      structuredOutput: model.structured_output,
      // A price for cached input means the provider caches prompts; no price says nothing.
      promptCaching: typeof model.cost?.cache_read === 'number' ? true : undefined,
    }),
    reasoning: model.reasoning === false ? undefined : reasoningOptions(model.reasoning_options),
    pricing: pricing(model.cost),
    family: model.family?.trim() || undefined,
    releaseDate: matching(model.release_date, /^\d{4}-\d{2}-\d{2}$/),
    knowledgeCutoff: matching(model.knowledge, /^\d{4}-\d{2}(-\d{2})?$/),
    openWeights: model.open_weights,
    lifecycle: compact<ModelLifecycle>({ status: lifecycleStatus(model.status) }),
    deprecated: model.status === 'deprecated' ? true : undefined,
  };
  return withoutNullish(entry) as unknown as Model;
}

/**
 * The category a catalog's modalities suggest, given the one the id (and the live listing)
 * gave. Catalog modalities only ever move a model out of `chat`: catalogs tag embedding
 * models and rerankers as text output, so any other category is kept.
 */
export function catalogCategory(
  id: string,
  category: ModelCategory,
  modalities: {
    readonly inputModalities?: readonly string[] | undefined;
    readonly outputModalities?: readonly string[] | undefined;
  },
): ModelCategory {
  return category === 'chat' ? classifyModel(id, modalities) : category;
}

const LIFECYCLE: Readonly<Record<string, ModelLifecycle['status']>> = {
  alpha: 'preview',
  beta: 'preview',
  deprecated: 'deprecated',
};

/** The lifecycle status of a models.dev `status`; own keys only (`constructor` is no status). */
function lifecycleStatus(status: string | null | undefined): ModelLifecycle['status'] {
  return status && Object.hasOwn(LIFECYCLE, status) ? LIFECYCLE[status] : undefined;
}

/** models.dev says `pdf` where our modalities say `file`. */
function modality(value: string): string {
  const lower = value.toLowerCase();
  return lower === 'pdf' ? 'file' : lower;
}

function pricing(cost: ModelsDevModel['cost']): ModelPricing | undefined {
  if (!cost) return undefined;
  const prices = compact<ModelPricing>({
    input: price(cost.input),
    output: price(cost.output),
    cacheRead: price(cost.cache_read),
    cacheWrite: price(cost.cache_write),
    reasoning: price(cost.reasoning),
  });
  if (!prices || prices.input === undefined || prices.output === undefined) return prices;
  // Free only when every billed price is known to be zero; unknown is never free.
  return { ...prices, free: Object.values(prices).every((value) => value === 0) };
}

function reasoningOptions(
  options: ModelsDevModel['reasoning_options'],
): ReasoningOptions | undefined {
  const result: { -readonly [Key in keyof ReasoningOptions]: ReasoningOptions[Key] } = {};
  for (const option of options ?? []) {
    if (option.type === 'effort' && option.values?.length) result.efforts = option.values;
    if (option.type === 'toggle') result.canDisable = true;
    if (option.type === 'budget_tokens') {
      const budget = compact({
        min: positiveInteger(option.min),
        max: positiveInteger(option.max),
      });
      if (budget) result.budgetTokens = budget;
    }
  }
  return Object.keys(result).length > 0 ? result : undefined;
}

function price(value: number | null | undefined): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

function positiveInteger(value: number | null | undefined): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value > 0
    ? Math.round(value)
    : undefined;
}

function matching(value: string | null | undefined, pattern: RegExp): string | undefined {
  return value && pattern.test(value) ? value : undefined;
}

/** The object without its undefined fields, or undefined when none is left. */
function compact<T extends object>(fields: { [Key in keyof T]?: T[Key] | null | undefined }) {
  const result = withoutNullish(fields) as T;
  return Object.keys(result).length > 0 ? result : undefined;
}

function withoutNullish(fields: object): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value !== undefined && value !== null) result[key] = value;
  }
  return result;
}
