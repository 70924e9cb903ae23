/**
 * The six model categories, in display order.
 *
 * `chat` is every text generator (and the default for ids nothing else claims); `other` holds
 * what fits no other row: moderation, safety, reranking, OCR and video generation.
 *
 * @example
 * ```ts
 * for (const category of MODEL_CATEGORIES) console.log(category); // chat, embedding, image, ...
 * ```
 */
export const MODEL_CATEGORIES = ['chat', 'embedding', 'image', 'tts', 'stt', 'other'] as const;

/**
 * One of {@link MODEL_CATEGORIES}.
 *
 * @example
 * ```ts
 * const category: ModelCategory = 'embedding';
 * ```
 */
export type ModelCategory = (typeof MODEL_CATEGORIES)[number];
