import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type ClassifyHints, classifyModel } from '../../src/classify/index.js';
import { keywords } from '../../src/classify/rules.js';
import type { ModelCategory } from '../../src/types.js';

type IdCase = readonly [id: string, category: ModelCategory];
type HintCase = readonly [id: string, hints: ClassifyHints, category: ModelCategory];

describe('classifyModel by id, the seed table', () => {
  it.each<IdCase>([
    ['nomic-embed-text', 'embedding'],
    ['mxbai-embed-large', 'embedding'],
    ['embed-english-v3.0', 'embedding'],
    ['text-embedding-3-large', 'embedding'],
    ['text-embedding-3-small', 'embedding'],
    ['dall-e-3', 'image'],
    ['dalle-mini', 'image'],
    ['imagen-4.0-generate-001', 'image'],
    ['stable-diffusion-xl', 'image'],
    ['midjourney', 'image'],
    ['black-forest-labs/flux.1-schnell', 'image'],
    ['flux-pro', 'image'],
    ['tts-1-hd', 'tts'],
    ['playai-tts', 'tts'],
    ['acme-text-to-speech-v1', 'tts'],
    ['eleven_multilingual_v2', 'tts'],
    ['eleven_flash_v2_5', 'tts'],
    ['whisper-1', 'stt'],
    ['whisper-large-v3-turbo', 'stt'],
    ['distil-whisper', 'stt'],
    ['acme-stt-v2', 'stt'],
    ['gpt-4o-transcribe', 'stt'],
    ['omni-moderation-latest', 'other'],
    ['text-moderation-stable', 'other'],
    ['llama-guard-3-8b', 'other'],
    ['llama-prompt-guard-2-86m', 'other'],
    ['nvidia/llama-3.1-nemoguard-8b-content-safety', 'other'],
    ['gpt-4o', 'chat'],
    ['gpt-5-mini', 'chat'],
    ['claude-opus-4-7', 'chat'],
  ])('classifies %s as %s', (id, category) => {
    expect(classifyModel(id)).toBe(category);
  });

  it('classifies an empty id as chat, the default', () => {
    expect(classifyModel('')).toBe('chat');
  });

  it('ignores case', () => {
    expect(classifyModel('Text-Embedding-3-LARGE')).toBe('embedding');
    expect(classifyModel('WHISPER-1')).toBe('stt');
  });
});

describe('classifyModel by id goes past the seed table, which calls these chat', () => {
  it.each<IdCase>([
    ['gpt-image-1', 'image'],
    ['gpt-image-1-mini', 'image'],
    ['chatgpt-image-latest', 'image'],
    ['dall-e-2', 'image'],
    ['imagen-3.0-generate-002', 'image'],
    ['grok-2-image-1212', 'image'],
    ['grok-imagine-image', 'image'],
    ['gemini-2.5-flash-image', 'image'],
    ['gemini-2.0-flash-preview-image-generation', 'image'],
    ['recraft-v3', 'image'],
    ['ideogram-v3', 'image'],
    ['seedream-4', 'image'],
    ['HiDream-ai/HiDream-I1-Full', 'image'],
    ['sdxl-turbo', 'image'],
    ['sd3.5-large', 'image'],
    ['playground-v2.5', 'image'],
    ['kandinsky-3', 'image'],
    ['amazon.nova-canvas-v1:0', 'image'],
    ['imagegeneration@006', 'image'],
  ])('classifies the image generator %s as %s', (id, category) => {
    expect(classifyModel(id)).toBe(category);
  });

  it.each<IdCase>([
    ['gpt-4o-mini-tts', 'tts'],
    ['tts-1', 'tts'],
    ['gemini-2.5-flash-preview-tts', 'tts'],
    ['canopylabs/orpheus-v1-english', 'tts'],
    ['hexgrad/Kokoro-82M', 'tts'],
    ['@cf/myshell-ai/melotts', 'tts'],
    ['@cf/deepgram/aura-1', 'tts'],
    ['workers-ai/@cf/deepgram/aura-2-en', 'tts'],
  ])('classifies the speech generator %s as %s', (id, category) => {
    expect(classifyModel(id)).toBe(category);
  });

  it.each<IdCase>([
    ['gpt-4o-mini-transcribe', 'stt'],
    ['gpt-4o-transcribe-diarize', 'stt'],
    ['voxtral-mini-transcribe', 'stt'],
    ['acme-transcription-v1', 'stt'],
    ['acme-speech-to-text', 'stt'],
    ['scribe_v1', 'stt'],
    ['chirp-2', 'stt'],
    ['@cf/deepgram/nova-3', 'stt'],
  ])('classifies the transcriber %s as %s', (id, category) => {
    expect(classifyModel(id)).toBe(category);
  });

  it.each<IdCase>([
    ['omni-moderation-2024-09-26', 'other'],
    ['llama-guard-4-12b', 'other'],
    ['meta-llama/llama-guard-3-8b', 'other'],
    ['llama-guard3:8b', 'other'],
    ['ibm-granite/granite-guardian-3.0-8b', 'other'],
    ['openai/gpt-oss-safeguard-20b', 'other'],
    ['google/shieldgemma-2-4b-it', 'other'],
    ['rerank-v3.5', 'other'],
    ['bge-reranker-v2-m3', 'other'],
    ['jina-reranker-m0', 'other'],
    ['voyage/rerank-2.5', 'other'],
  ])('classifies the safety or reranking model %s as %s', (id, category) => {
    expect(classifyModel(id)).toBe(category);
  });

  it.each<IdCase>([
    ['sora-2', 'other'],
    ['sora-2-pro', 'other'],
    ['veo-3.0-generate-001', 'other'],
    ['veo-2.0-generate-001', 'other'],
    ['veo3', 'other'],
    ['kling-v2.1-master', 'other'],
    ['Wan-AI/Wan2.1-T2V-14B', 'other'],
    ['wan2.2-t2v-plus', 'other'],
    ['runway-gen4-turbo', 'other'],
    ['MiniMax-Hailuo-02', 'other'],
    ['seedance-1-0-pro', 'other'],
    ['grok-imagine-video', 'other'],
    ['amazon.nova-reel-v1:0', 'other'],
    ['google/lyria-3-pro-preview', 'other'],
    ['lyria-002', 'other'],
    ['elevenlabs/elevenlabs-music', 'other'],
    ['@cf/pipecat-ai/smart-turn-v2', 'other'],
  ])(
    'classifies the video, music or turn-detection model %s as %s, there being no category for it',
    (id, category) => {
      expect(classifyModel(id)).toBe(category);
    },
  );

  it.each<IdCase>([
    ['text-embedding-ada-002', 'embedding'],
    // NVIDIA NIM lists ids only: embedqa and embedcode are embedding models.
    ['nvidia/nv-embedqa-mistral-7b-v2', 'embedding'],
    ['nvidia/llama-3.2-nv-embedqa-1b-v2', 'embedding'],
    ['nvidia/nv-embedcode-7b-v1', 'embedding'],
    ['google/embeddinggemma-300m', 'embedding'],
    ['gemini-embedding-001', 'embedding'],
    ['models/embedding-001', 'embedding'],
    ['text-embedding-004', 'embedding'],
    ['qwen3-embedding-8b', 'embedding'],
    ['voyage-3', 'embedding'],
    ['voyage-code-3', 'embedding'],
    ['bge-m3', 'embedding'],
    ['BAAI/bge-large-en-v1.5', 'embedding'],
    ['intfloat/multilingual-e5-large', 'embedding'],
    ['thenlper/gte-large', 'embedding'],
    ['all-minilm', 'embedding'],
    ['@cf/sentence-transformers/all-mpnet-base-v2', 'embedding'],
    ['multi-qa-mpnet-base-dot-v1', 'embedding'],
    ['mistral-embed', 'embedding'],
    ['codestral-embed', 'embedding'],
    ['cohere/embed-v4.0', 'embedding'],
    ['jina-embeddings-v3', 'embedding'],
    ['amazon.titan-embed-image-v1', 'embedding'],
    ['textembedding-gecko@003', 'embedding'],
    ['multimodalembedding@001', 'embedding'],
  ])('classifies the embedding model %s as %s', (id, category) => {
    expect(classifyModel(id)).toBe(category);
  });
});

describe('classifyModel keeps chat models as chat', () => {
  it.each([
    'gpt-4o',
    'gpt-5',
    'gpt-5-mini',
    'o3',
    'o4-mini',
    'gpt-4o-audio-preview',
    'gpt-4o-realtime-preview',
    'claude-opus-4-7',
    'anthropic/claude-sonnet-4.5',
    'gemini-2.5-pro',
    'gemini-2.5-flash-live',
    'gemini-2.5-flash-native-audio-preview-09-2025',
    'llama-3.3-70b-versatile',
    'mistral-large-latest',
    'voxtral-small-latest',
    'deepseek-chat',
    'deepseek-reasoner',
    'grok-4',
    'qwen3-32b',
    'command-a-03-2025',
    'codestral-latest',
    'pixtral-large-latest',
    'openai/gpt-oss-120b',
    'moonshotai/kimi-k2-instruct',
    'groq/compound',
    'gemma-3n-e4b-it',
  ])('classifies %s as chat', (id) => {
    expect(classifyModel(id)).toBe('chat');
  });
});

describe('classifyModel handles ids that do not exist yet', () => {
  it.each<IdCase>([
    ['gpt-7-turbo', 'chat'],
    ['claude-haiku-9', 'chat'],
    ['gemini-4-ultra', 'chat'],
    ['text-embedding-4-xl', 'embedding'],
    ['whisper-v5', 'stt'],
    ['gpt-6-mini-tts', 'tts'],
    ['gpt-image-2', 'image'],
    ['flux-2-max', 'image'],
    ['sora-3', 'other'],
    ['omni-moderation-2027', 'other'],
  ])('classifies %s as %s', (id, category) => {
    expect(classifyModel(id)).toBe(category);
  });
});

describe('classifyModel matches keywords only as whole id segments', () => {
  it.each<IdCase>([
    ['embeddedness-7b', 'chat'],
    ['reembed-13b', 'chat'],
    ['firefluxion', 'chat'],
    ['fluxion-8b', 'chat'],
    ['buttstock-llm', 'chat'],
    ['attsomething', 'chat'],
    ['lasttsnap', 'chat'],
    ['sttransformer', 'chat'],
    ['distiller-7b', 'chat'],
    ['vanguard-7b', 'chat'],
    ['mistralguardian', 'chat'],
    ['safetyculture-llm', 'chat'],
    ['imagenet-classifier', 'chat'],
    ['videogame-llm', 'chat'],
    ['wander-13b', 'chat'],
    ['soraya-7b', 'chat'],
    ['laura-7b', 'chat'],
    ['aurora-7b', 'chat'],
    ['amazon/nova-2-lite-v1', 'chat'],
    ['nova-3', 'chat'],
    ['Qwen3.5-27B-Musica-v1', 'chat'],
    ['lyrical-7b', 'chat'],
  ])('classifies %s as %s, the keyword being inside another word', (id, category) => {
    expect(classifyModel(id)).toBe(category);
  });

  it.each<IdCase>([
    ['gpt-4o-mini-stt', 'stt'],
    ['acme:tts', 'tts'],
    ['acme@whisper', 'stt'],
    ['acme embed', 'embedding'],
    ['llama-guard3', 'other'],
    ['guardrails-7b', 'other'],
  ])(
    'classifies %s as %s, the keyword being its own segment or a segment prefix',
    (id, category) => {
      expect(classifyModel(id)).toBe(category);
    },
  );

  it('builds patterns where a trailing * marks a segment prefix', () => {
    expect(keywords('rerank*').test('bge-reranker-v2-m3')).toBe(true);
    expect(keywords('rerank').test('bge-reranker-v2-m3')).toBe(false);
    expect(keywords('sd3').test('sd3.5-large')).toBe(true);
    expect(keywords('sd3').test('sd35')).toBe(false);
  });
});

describe('classifyModel lets output and input modalities win over the id', () => {
  it.each<HintCase>([
    ['gpt-4o', { outputModalities: ['image'] }, 'image'],
    ['acme-model', { outputModalities: ['text'] }, 'chat'],
    ['text-embedding-foo', { outputModalities: ['text'] }, 'chat'],
    ['google/gemini-2.5-flash-image', { outputModalities: ['image', 'text'] }, 'chat'],
    ['openai/gpt-4o-audio-preview', { outputModalities: ['text', 'audio'] }, 'chat'],
    ['acme-model', { outputModalities: ['image'] }, 'image'],
    ['acme-model', { outputModalities: ['audio'] }, 'tts'],
    ['playai-tts', { outputModalities: ['speech'] }, 'tts'],
    ['acme-model', { outputModalities: ['tts'] }, 'tts'],
    ['acme-model', { outputModalities: ['embeddings'] }, 'embedding'],
    ['amazon.titan-embed-text-v2:0', { outputModalities: ['EMBEDDING'] }, 'embedding'],
    ['whisper-large-v3', { outputModalities: ['transcription'] }, 'stt'],
    ['whisper-large-v3', { outputModalities: ['text', 'transcription'] }, 'stt'],
    ['acme-model', { outputModalities: ['rerank'] }, 'other'],
    ['acme-model', { outputModalities: ['video'] }, 'other'],
    ['acme-model', { outputModalities: ['TEXT'], inputModalities: ['AUDIO'] }, 'stt'],
    ['acme-model', { outputModalities: ['text'], inputModalities: ['audio', 'text'] }, 'chat'],
    // Safety classifiers answer in text; text output must not make them chat.
    ['meta-llama/llama-guard-4-12b', { outputModalities: ['text'] }, 'other'],
    [
      'omni-moderation-latest',
      { outputModalities: ['text'], inputModalities: ['text', 'image'] },
      'other',
    ],
    ['llama-guard3:8b', { capabilities: ['completion'] }, 'other'],
  ])('classifies %s with %o as %s', (id, hints, category) => {
    expect(classifyModel(id, hints)).toBe(category);
  });
});

describe('classifyModel lets the listing type win over the id', () => {
  it.each<HintCase>([
    ['text-embedding-foo', { type: 'language' }, 'chat'],
    ['acme-model', { type: 'chat' }, 'chat'],
    ['acme-model', { type: 'code' }, 'chat'],
    ['acme-model', { type: 'llm' }, 'chat'],
    ['acme-model', { type: 'VLM' }, 'chat'],
    ['acme-model', { type: 'embedding' }, 'embedding'],
    ['acme-model', { type: 'embeddings' }, 'embedding'],
    ['acme-model', { type: 'image' }, 'image'],
    ['acme-model', { type: 'speech' }, 'tts'],
    ['cartesia/sonic-2', { type: 'audio' }, 'tts'],
    ['acme-model', { type: 'transcription' }, 'stt'],
    ['openai/whisper-large-v3', { type: 'transcribe' }, 'stt'],
    ['meta-llama/Llama-Guard-4-12B', { type: 'moderation' }, 'other'],
    ['acme-model', { type: 'rerank' }, 'other'],
    ['acme-model', { type: 'reranking' }, 'other'],
    ['acme-model', { type: 'video' }, 'other'],
    ['acme-model', { type: 'classify' }, 'other'],
  ])('classifies %s with %o as %s', (id, hints, category) => {
    expect(classifyModel(id, hints)).toBe(category);
  });

  it.each<HintCase>([
    ['acme-model', { type: 'hologram' }, 'other'],
    ['gpt-4o', { type: 'quantum' }, 'other'],
    ['text-embedding-foo', { type: 'hologram' }, 'embedding'],
    ['whisper-1', { type: 'hologram' }, 'stt'],
  ])('never silently calls an unknown type chat: %s with %o is %s', (id, hints, category) => {
    expect(classifyModel(id, hints)).toBe(category);
  });

  it.each<HintCase>([
    ['mistral-large-latest', { type: 'base' }, 'chat'],
    ['ft:open-mistral-7b:acme', { type: 'fine-tuned' }, 'chat'],
    ['mistral-embed', { type: 'base' }, 'embedding'],
    ['claude-opus-4-7', { type: 'model' }, 'chat'],
    ['acme-model', { type: '' }, 'chat'],
  ])(
    'reads a type that says nothing of the kind as no type: %s with %o is %s',
    (id, hints, category) => {
      expect(classifyModel(id, hints)).toBe(category);
    },
  );
});

describe('classifyModel lets capabilities win over the id', () => {
  it.each<HintCase>([
    ['nomic-embed-text', { capabilities: ['embedding'] }, 'embedding'],
    ['llama3.2', { capabilities: ['completion', 'tools'] }, 'chat'],
    ['text-embedding-foo', { capabilities: ['completion'] }, 'chat'],
    ['acme-model', { capabilities: ['completion', 'embedding'] }, 'chat'],
    ['gemini-embedding-001', { capabilities: ['embedContent', 'countTextTokens'] }, 'embedding'],
    ['embedding-gecko-001', { capabilities: ['embedText'] }, 'embedding'],
    ['acme-model', { capabilities: ['embed', 'classify'] }, 'embedding'],
    ['acme-model', { capabilities: ['embed_image'] }, 'embedding'],
    ['text-embedding-ada-002', { capabilities: ['embeddings', 'inference'] }, 'embedding'],
    ['imagen-4.0-generate-001', { capabilities: ['predict'] }, 'image'],
    ['veo-3.0-generate-001', { capabilities: ['predictLongRunning'] }, 'other'],
    ['acme-model', { capabilities: ['predictLongRunning'] }, 'other'],
    ['acme-live-model', { capabilities: ['bidiGenerateContent'] }, 'chat'],
    ['whisper-live', { capabilities: ['bidiGenerateContent', 'countTokens'] }, 'chat'],
    ['gemini-2.5-pro', { capabilities: ['generateContent', 'countTokens'] }, 'chat'],
    ['acme-model', { capabilities: ['audio_speech'] }, 'tts'],
    ['eleven_multilingual_sts_v2', { capabilities: ['voice_conversion'] }, 'tts'],
    ['acme-model', { capabilities: ['text_to_speech'] }, 'tts'],
    ['acme-model', { capabilities: ['audio_transcription'] }, 'stt'],
    ['acme-model', { capabilities: ['speech_to_text'] }, 'stt'],
    ['acme-model', { capabilities: ['transcriptions'] }, 'stt'],
    ['rerank-v3.5', { capabilities: ['rerank'] }, 'other'],
    ['mistral-ocr-latest', { capabilities: ['ocr'] }, 'other'],
    ['mistral-moderation-latest', { capabilities: ['moderation'] }, 'other'],
    ['acme-model', { capabilities: ['classification'] }, 'other'],
    ['acme-model', { capabilities: ['chat', 'rerank'] }, 'chat'],
    ['voxtral-mini-latest', { capabilities: ['completion_chat', 'audio_transcription'] }, 'chat'],
    ['gpt-4o', { capabilities: ['chat_completion', 'fine_tune'] }, 'chat'],
    ['acme-model', { capabilities: ['COMPLETION_CHAT'] }, 'chat'],
  ])('classifies %s with %o as %s', (id, hints, category) => {
    expect(classifyModel(id, hints)).toBe(category);
  });
});

describe('classifyModel falls back to the id when hints are inconclusive', () => {
  it.each<HintCase>([
    ['gemini-2.5-flash-preview-tts', { capabilities: ['generateContent', 'countTokens'] }, 'tts'],
    ['gemini-2.5-flash-image', { capabilities: ['generateContent', 'countTokens'] }, 'image'],
    ['acme-embedding-model', { capabilities: ['embedContent', 'generateContent'] }, 'embedding'],
    ['acme-model', { capabilities: ['embedContent', 'generateContent'] }, 'chat'],
    ['acme-model', { capabilities: ['predict'] }, 'chat'],
    ['gemini-2.5-flash-preview-tts', { capabilities: ['predict'] }, 'tts'],
    ['dall-e-3', { capabilities: ['inference'] }, 'image'],
    ['whisper-1', { capabilities: ['vision', 'tools'] }, 'stt'],
    ['whisper-1', { outputModalities: [] }, 'stt'],
    ['whisper-1', { outputModalities: ['hologram'] }, 'stt'],
    ['text-embedding-3-large', { inputModalities: ['text'] }, 'embedding'],
    ['whisper-1', {}, 'stt'],
    ['gpt-4o', { outputModalities: undefined, type: undefined, capabilities: undefined }, 'chat'],
  ])('classifies %s with %o as %s', (id, hints, category) => {
    expect(classifyModel(id, hints)).toBe(category);
  });
});

describe('src/classify stays pure', () => {
  const folder = new URL('../../src/classify/', import.meta.url);
  const files = readdirSync(folder).filter((file) => file.endsWith('.ts'));

  it.each(files)('%s imports only its own folder and ../types', (file) => {
    const source = readFileSync(new URL(file, folder), 'utf8');
    const pattern =
      /\bfrom\s+['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)|^import\s+['"]([^'"]+)/gm;
    const imports = [...source.matchAll(pattern)].map((match) => match[1] ?? match[2] ?? match[3]);
    expect(imports.length).toBeGreaterThan(0);
    for (const specifier of imports) {
      expect(specifier).toMatch(/^(\.\/[\w-]+\.js|\.\.\/types\.js)$/);
    }
  });

  it('has types.ts, where the categories are, importing nothing', () => {
    const source = readFileSync(new URL('../../src/types.ts', import.meta.url), 'utf8');
    expect(source).not.toMatch(/^\s*import\b/m);
  });
});
