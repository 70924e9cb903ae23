import type { ModelCategory } from './model-category.js';

export { MODEL_CATEGORIES, type ModelCategory } from './model-category.js';

/**
 * Prices in US dollars per million tokens (per million characters for the few
 * providers that bill by character). `image` and `request` are US dollars per
 * image and per request. A field is absent when the provider does not report
 * it or reports a dynamic price; it is never negative.
 *
 * @example
 * ```ts
 * const pricing: ModelPricing = { input: 2.5, output: 10, cacheRead: 1.25 }; // USD per million tokens
 * const cost = ((model.pricing?.input ?? 0) * promptTokens) / 1e6;
 * ```
 */
export interface ModelPricing {
  /** USD per million input (prompt) tokens. */
  readonly input?: number;
  /** USD per million output (completion) tokens. */
  readonly output?: number;
  /** USD per million cached input tokens read. */
  readonly cacheRead?: number;
  /** USD per million input tokens written to the cache. */
  readonly cacheWrite?: number;
  /** USD per million reasoning tokens, when billed apart from output. */
  readonly reasoning?: number;
  /** USD per generated or input image. */
  readonly image?: number;
  /** USD per request. */
  readonly request?: number;
}

/**
 * One model, in the same shape whichever provider listed it.
 *
 * `id`, `name`, `category` and `provider` are always set. Every other field is
 * present only when the provider reported it: nothing is guessed or filled in.
 *
 * @example
 * ```ts
 * const model: Model = { id: 'gpt-4o', name: 'gpt-4o', category: 'chat', provider: 'openai', ownedBy: 'system' };
 * ```
 */
export interface Model {
  /** The provider's own id, cleaned of prefixes such as Gemini's `models/`. */
  readonly id: string;
  /** Display name; the id when the provider gives none. */
  readonly name: string;
  /** What the model does: chat, embedding, image, tts, stt or other. */
  readonly category: ModelCategory;
  /** The id of the provider adapter that listed it, e.g. `openai`. */
  readonly provider: string;
  /** The provider's description. */
  readonly description?: string;
  /** Creation or release time, in Unix seconds. */
  readonly created?: number;
  /** Owner or vendor as the provider names it (`owned_by`). */
  readonly ownedBy?: string;
  /** Context window, in tokens. */
  readonly contextLength?: number;
  /** Largest output per request, in tokens. */
  readonly maxOutputTokens?: number;
  /** Input modalities, lower case: text, image, audio, video, file. */
  readonly inputModalities?: readonly string[];
  /** Output modalities, lower case: text, image, audio, embeddings, video. */
  readonly outputModalities?: readonly string[];
  /** Prices in USD per million tokens; see {@link ModelPricing}. */
  readonly pricing?: ModelPricing;
  /** Request parameters the provider says the model accepts (OpenRouter style: tools, reasoning, ...). */
  readonly supportedParameters?: readonly string[];
  /** Other ids the provider accepts for this same model. */
  readonly aliases?: readonly string[];
  /** True when the provider marks the model deprecated, inactive or legacy. */
  readonly deprecated?: boolean;
}
