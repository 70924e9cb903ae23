import type { ModelCategory } from '../types.js';

/**
 * What a provider says about a model, beyond its id. Every field is optional and every value is
 * compared ignoring case. When a hint decides, it wins over the id's keywords.
 *
 * @example
 * ```ts
 * const hints: ClassifyHints = { outputModalities: ['embeddings'] };
 * ```
 */
export interface ClassifyHints {
  /** Output modalities the provider reports: OpenRouter `architecture.output_modalities` (text, image, audio, embeddings, video, rerank, tts), Groq (text, speech, transcription), Bedrock (TEXT, IMAGE, EMBEDDING, SPEECH, VIDEO), Vercel modalities. Case-insensitive. */
  readonly outputModalities?: readonly string[] | undefined;
  /** Input modalities reported (text, image, audio, file, video). Audio-in + text-out with no text input suggests stt. */
  readonly inputModalities?: readonly string[] | undefined;
  /** The listing's own type/kind: Vercel (language, embedding, image, speech, video, transcription, reranking), Together (chat, language, code, image, embedding, moderation, rerank, audio, transcribe, video), LM Studio (llm, vlm, embeddings). Mistral's `base`/`fine-tuned` and Anthropic's `model` are ignored; any other unknown type is never classified as chat. Case-insensitive. */
  readonly type?: string | undefined;
  /** Capability / method names the provider reports: Ollama capabilities (completion, tools, vision, embedding, thinking, insert), Gemini supportedGenerationMethods (generateContent, embedContent, embedText, predict, predictLongRunning, bidiGenerateContent, countTokens...), Cohere endpoints (chat, embed, rerank, classify, generate, summarize, embed_image, transcriptions), Mistral capability names that are true (completion_chat, function_calling, vision, ocr, classification, moderation, audio, audio_transcription, audio_speech, fine_tuning, completion_fim), Azure capabilities that are true (chat_completion, completion, embeddings, inference, fine_tune), ElevenLabs (text_to_speech, speech_to_text, voice_conversion). */
  readonly capabilities?: readonly string[] | undefined;
}

/**
 * A rule over the provider's hints. Each entry of `when` is a space-separated word list; it matches
 * when the hint holds any plain word and no `!` word, ignoring case (a `type` is a one-word list).
 * The rule fires when every entry matches, and `idPattern` too when given.
 *
 * @example
 * ```ts
 * const rule: HintRule = { category: 'embedding', when: { capabilities: 'embedding !completion' } };
 * ```
 */
export interface HintRule {
  readonly category: ModelCategory;
  readonly when: { readonly [Hint in keyof ClassifyHints]?: string };
  readonly idPattern?: RegExp;
}

/**
 * A rule over the id alone.
 *
 * @example
 * ```ts
 * const rule: IdRule = { category: 'stt', pattern: keywords('whisper') };
 * ```
 */
export interface IdRule {
  readonly category: ModelCategory;
  readonly pattern: RegExp;
}

/**
 * Builds a case-insensitive pattern matching any of the space-separated keywords as a whole segment
 * of an id. Segments end at `/ : - _ . @`, a space, or where letters meet digits (`wan2.1`,
 * `llama-guard3`), so a keyword never fires inside another word (`tts` in `buttstock`). A trailing
 * `*` makes a keyword a segment prefix: `rerank*` matches `bge-reranker-v2-m3`.
 *
 * @example
 * ```ts
 * keywords('tts stt').test('gpt-4o-mini-tts'); // true
 * keywords('tts stt').test('buttstock-llm'); // false
 * ```
 */
export function keywords(list: string): RegExp {
  const alternatives = list.split(' ').map((word) => {
    const body = word.replace(/\*$/, '');
    const literal = body.replace(/[.+?^$()|[\]\\]/g, '\\$&');
    const end = word.endsWith('*') ? '' : `(?=$|${boundary(body.slice(-1))})`;
    // The keyword first and the boundary before it checked after, looking back over it: an
    // alternative that starts with a letter fails at once where the id does not have it, where
    // one that starts with a lookbehind runs the lookbehind at every position (ten times slower).
    return `${literal}(?<=(?:^|${boundary(body.charAt(0))})${literal})${end}`;
  });
  return new RegExp(alternatives.join('|'), 'i');
}

/** Image generators: an id rule, and the only ids the Gemini `predict` hint rule trusts. */
const IMAGE_KEYWORDS =
  'image imagen dall-e dalle stable-diffusion sdxl sd3 midjourney flux recraft ideogram seedream ' +
  'hidream playground kandinsky nova-canvas imagegeneration';

/** Safety classifiers: they answer in text, so a text-output or chat hint must not make them chat. */
const SAFETY_KEYWORDS = 'moderation* guard* safeguard safety shieldgemma';

/**
 * Rules over provider hints, tried in order before any id rule; the first match wins. Order:
 * safety classifiers that report text output or a chat capability (`llama-guard-4-12b` on Groq),
 * output modalities (OpenRouter's rule: `text` before the rest), then `type`, then
 * capabilities. A chat capability decides first, except Gemini's `generateContent`, which its TTS
 * and image models list too: it only keeps the embedding and live rules from firing.
 *
 * @example
 * ```ts
 * HINT_RULES[4]; // { category: 'chat', when: { outputModalities: 'text' } }
 * ```
 */
export const HINT_RULES: readonly HintRule[] = [
  { category: 'other', when: { outputModalities: 'text' }, idPattern: keywords(SAFETY_KEYWORDS) },
  {
    category: 'other',
    when: { capabilities: 'completion chat completion_chat chat_completion' },
    idPattern: keywords(SAFETY_KEYWORDS),
  },
  // Groq's whisper reports `transcription`, maybe beside `text`; audio in, text out is stt too.
  { category: 'stt', when: { outputModalities: 'transcription' } },
  { category: 'stt', when: { outputModalities: 'text', inputModalities: 'audio !text' } },
  { category: 'chat', when: { outputModalities: 'text' } },
  { category: 'image', when: { outputModalities: 'image' } },
  { category: 'tts', when: { outputModalities: 'audio speech tts' } },
  { category: 'embedding', when: { outputModalities: 'embeddings embedding' } },
  { category: 'other', when: { outputModalities: 'rerank video' } },
  // Vercel, Together (whose `audio` is text-to-speech), LM Studio, Hugging Face pipeline tags.
  { category: 'chat', when: { type: 'language chat code llm vlm text-generation' } },
  { category: 'embedding', when: { type: 'embedding embeddings feature-extraction' } },
  { category: 'image', when: { type: 'image text-to-image' } },
  { category: 'tts', when: { type: 'speech tts audio text-to-speech' } },
  { category: 'stt', when: { type: 'transcription transcribe stt' } },
  { category: 'other', when: { type: 'moderation rerank reranking video classify' } },
  // Ollama, Gemini, Cohere, Mistral, Azure and ElevenLabs capabilities or methods.
  { category: 'chat', when: { capabilities: 'completion chat completion_chat chat_completion' } },
  { category: 'chat', when: { capabilities: 'bidiGenerateContent !generateContent' } },
  {
    category: 'embedding',
    when: {
      capabilities:
        'embedding embeddings embed embed_image embedContent embedText !generateContent',
    },
  },
  { category: 'image', when: { capabilities: 'predict' }, idPattern: keywords(IMAGE_KEYWORDS) },
  { category: 'tts', when: { capabilities: 'audio_speech text_to_speech voice_conversion' } },
  { category: 'stt', when: { capabilities: 'audio_transcription speech_to_text transcriptions' } },
  {
    category: 'other',
    when: { capabilities: 'predictLongRunning rerank ocr moderation classification classify' },
  },
];

/**
 * `type` values that say where a model came from, not what it does (Mistral's `base` and
 * `fine-tuned`, Anthropic's `model`): they decide nothing and are not unknown types either.
 *
 * @example
 * ```ts
 * UNINFORMATIVE_TYPES.includes('base'); // true
 * ```
 */
export const UNINFORMATIVE_TYPES: readonly string[] = ['base', 'fine-tuned', 'model'];

/**
 * Rules over the id (the common keywords of model ids, and more), tried in order when no hint
 * decides; the first match wins and `chat` is the default. Order: safety, moderation and reranking
 * first (`bge-reranker` is no embedding), then stt, tts, embedding (before image:
 * `titan-embed-image-v1`), image, and video, music and turn detection last: there is no category
 * for them, so they are `other`.
 * ElevenLabs' `eleven_` ids match the `eleven` segment; `text-embedding` ids match `embedding`.
 *
 * @example
 * ```ts
 * ID_RULES.find((rule) => rule.pattern.test('whisper-1'))?.category; // 'stt'
 * ```
 */
export const ID_RULES: readonly IdRule[] = (
  [
    ['other', `${SAFETY_KEYWORDS} rerank*`],
    // Deepgram's `nova-3` transcribes and its `aura` speaks; Amazon's `nova-2-lite` is chat.
    ['stt', 'whisper stt transcrib* transcription* speech-to-text scribe chirp deepgram/nova'],
    ['tts', 'tts text-to-speech eleven orpheus kokoro melotts aura'],
    [
      'embedding',
      // NVIDIA's `embedqa` and `embedcode`, Google's `embeddinggemma`: whole words of their own.
      'embed embedding embeddings embedqa embedcode embeddinggemma textembedding* multimodalembedding* voyage bge e5 gte minilm mpnet',
    ],
    ['image', IMAGE_KEYWORDS],
    // No video, music or turn-detection category either (`lyria`, `elevenlabs-music`, `smart-turn`).
    ['other', 'video sora veo kling runway hailuo seedance wan nova-reel lyria music smart-turn'],
  ] as const
).map(([category, list]) => ({ category, pattern: keywords(list) }));

/** What may touch a keyword's first or last `char`: a separator, or a digit beside a letter. */
function boundary(char: string): string {
  return /\d/.test(char) ? '[/:\\-_.@ ]' : '[/:\\-_.@ \\d]';
}
