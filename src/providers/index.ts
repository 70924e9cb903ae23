/**
 * Every built-in provider factory, `openaiCompatible()` for any OpenAI-style server,
 * `defaultProviders()`, and `defineProvider()` with its setting helpers for writing your own.
 * This module is the `model-catalog/providers` entry point.
 */
export { anthropic, type AnthropicProviderOptions } from './anthropic.js';
export { azure, type AzureProviderOptions } from './azure.js';
export { bedrock, type BedrockProviderOptions } from './bedrock.js';
export { cerebras, type CerebrasProviderOptions } from './cerebras.js';
export { cohere, type CohereProviderOptions } from './cohere.js';
export { deepinfra, type DeepInfraProviderOptions } from './deepinfra.js';
export { deepseek, type DeepSeekProviderOptions } from './deepseek.js';
export { defaultProviders } from './default-providers.js';
export {
  apiKeySetting,
  baseURLSetting,
  bearerHeader,
  type DeclaredSetting,
  type DefinedProviderContext,
  defineProvider,
  type ProviderDefinition,
  type ResolvedSettingsOf,
  type ResolvingSetting,
  type SettingGroups,
  type SettingOptions,
  type SettingsDeclaration,
  setting,
} from './define-provider.js';
export { elevenlabs, type ElevenLabsProviderOptions } from './elevenlabs.js';
export { fireworks, type FireworksProviderOptions } from './fireworks.js';
export { googleGenAI, type GoogleGenAIProviderOptions } from './google-genai.js';
export { groq, type GroqProviderOptions } from './groq.js';
export { huggingface, type HuggingFaceProviderOptions } from './huggingface.js';
export { lmstudio, type LMStudioProviderOptions } from './lmstudio.js';
export { mistral, type MistralProviderOptions } from './mistral.js';
export { nvidia, type NvidiaProviderOptions } from './nvidia.js';
export { ollama, type OllamaProviderOptions } from './ollama.js';
export { openai, type OpenAIProviderOptions } from './openai.js';
export {
  openaiCompatible,
  type OpenAICompatibleProviderOptions,
} from './openai-compatible.js';
export { openrouter, type OpenRouterProviderOptions } from './openrouter.js';
export { parasail, type ParasailProviderOptions } from './parasail.js';
export { perplexity, type PerplexityProviderOptions } from './perplexity.js';
export { sgl, type SglProviderOptions } from './sgl.js';
export { together, type TogetherProviderOptions } from './together.js';
export { vercelAiGateway, type VercelAiGatewayProviderOptions } from './vercel-ai-gateway.js';
export { vertex, type VertexProviderOptions } from './vertex.js';
export { xai, type XAIProviderOptions } from './xai.js';
