import type { ProviderAdapter } from '../types.js';
import { anthropic } from './anthropic.js';
// built-in provider imports: keep one line per provider, alphabetical within each group.
import { azure } from './azure.js';
import { bedrock } from './bedrock.js';
import { cerebras } from './cerebras.js';
import { cohere } from './cohere.js';
import { deepinfra } from './deepinfra.js';
import { deepseek } from './deepseek.js';
import { elevenlabs } from './elevenlabs.js';
import { fireworks } from './fireworks.js';
import { googleGenAI } from './google-genai.js';
import { groq } from './groq.js';
import { huggingface } from './huggingface.js';
import { lmstudio } from './lmstudio.js';
import { mistral } from './mistral.js';
import { nvidia } from './nvidia.js';
import { ollama } from './ollama.js';
import { openai } from './openai.js';
import { openrouter } from './openrouter.js';
import { parasail } from './parasail.js';
import { perplexity } from './perplexity.js';
import { sgl } from './sgl.js';
import { together } from './together.js';
import { vercelAiGateway } from './vercel-ai-gateway.js';
import { vertex } from './vertex.js';
import { xai } from './xai.js';

/**
 * One adapter of every built-in provider, with default options. The catalog
 * uses each only when the environment configures it.
 *
 * @example
 * ```ts
 * const catalog = createModelCatalog({ providers: [...defaultProviders(), myServer()] });
 * ```
 */
export function defaultProviders(): ProviderAdapter[] {
  return [
    openai(),
    // built-in providers: add one line per provider below this comment.
    mistral(),
    cohere(),
    azure(),
    elevenlabs(),
    lmstudio(),
    bedrock(),
    vertex(),
    anthropic(),
    googleGenAI(),
    groq(),
    xai(),
    vercelAiGateway(),
    deepseek(),
    together(),
    fireworks(),
    cerebras(),
    perplexity(),
    deepinfra(),
    parasail(),
    sgl(),
    huggingface(),
    nvidia(),
    openrouter(),
    ollama(),
  ];
}
