import type { ModelCategory } from '../model-category.js';
import { HINT_RULES, type HintRule, ID_RULES, UNINFORMATIVE_TYPES } from './rules.js';

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
 * Classifies a model from its id and, when given, what the provider says about it. Hint rules
 * are tried first, then the id's keywords; an id nothing claims is `chat`, except that a model
 * whose `type` is unknown is `other` rather than silently `chat`. Pure: the same input always
 * gives the same category.
 *
 * @example
 * ```ts
 * classifyModel('text-embedding-3-large'); // 'embedding'
 * classifyModel('gpt-4o', { outputModalities: ['image'] }); // 'image'
 * classifyModel('some-new-model'); // 'chat'
 * ```
 */
export function classifyModel(id: string, hints: ClassifyHints = {}): ModelCategory {
  const hinted = HINT_RULES.find((rule) => matches(rule, id, hints));
  if (hinted) return hinted.category;
  const category = ID_RULES.find((rule) => rule.pattern.test(id))?.category ?? 'chat';
  return category === 'chat' && isUnknownType(hints.type) ? 'other' : category;
}

function matches(rule: HintRule, id: string, hints: ClassifyHints): boolean {
  const lists = Object.entries(rule.when) as [keyof ClassifyHints, string][];
  return (
    lists.every(([hint, list]) => holds(list.split(' '), normalize(hints[hint]))) &&
    (rule.idPattern?.test(id) ?? true)
  );
}

/** True when `present` holds any plain value of `list` and none of its `!` values. */
function holds(list: readonly string[], present: readonly string[]): boolean {
  const has = (value: string): boolean => present.includes(value.toLowerCase());
  const wanted = list.filter((value) => !value.startsWith('!'));
  const banned = list.filter((value) => value.startsWith('!')).map((value) => value.slice(1));
  return wanted.some(has) && !banned.some(has);
}

function normalize(hint: string | readonly string[] | undefined): readonly string[] {
  return [hint ?? []].flat().map((value) => value.trim().toLowerCase());
}

function isUnknownType(type: string | undefined): boolean {
  const value = normalize(type)[0];
  return value !== undefined && value !== '' && !UNINFORMATIVE_TYPES.includes(value);
}
