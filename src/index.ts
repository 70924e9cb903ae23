export {
  type CatalogResult,
  createModelCatalog,
  type ListModelsRequest,
  type ModelCatalog,
  type ModelChanges,
  type ProviderErrorInfo,
  type ProviderInfo,
  type ProviderResult,
  type ProviderStatus,
} from './catalog.js';
export { listModels } from './list-models.js';
export type { ModelCatalogOptions } from './options.js';
export type { CatalogEvent } from './events.js';
export type { Model, ModelPricing } from './model.js';
export { MODEL_CATEGORIES, type ModelCategory } from './model-category.js';
export { classifyModel, type ClassifyHints } from './classify/index.js';
export type { CacheEntry, ModelCache } from './cache/types.js';
export { createFileCache, type FileCache, type FileCacheOptions } from './cache/file.js';
export { createMemoryCache } from './cache/memory.js';
export type { ModelSource, ProviderAdapter, ProviderContext, ProviderListing } from './provider.js';
export type { ProviderSetting, ResolvedSettings, Environment } from './settings.js';
export type { HttpClient, HttpRequest } from './http.js';
export {
  type ErrorKind,
  InvalidResponseError,
  ModelCatalogError,
  NotConfiguredError,
  ProviderRequestError,
  UnknownProviderError,
} from './errors.js';
export { defaultProviders } from './providers/index.js';
export { openai, type OpenAIProviderOptions } from './providers/openai.js';
// provider exports: add one line per provider below this comment.
export { azure, type AzureProviderOptions } from './providers/azure.js';
export { cohere, type CohereProviderOptions } from './providers/cohere.js';
export { elevenlabs, type ElevenLabsProviderOptions } from './providers/elevenlabs.js';
export { lmstudio, type LMStudioProviderOptions } from './providers/lmstudio.js';
export { mistral, type MistralProviderOptions } from './providers/mistral.js';
export { bedrock, type BedrockProviderOptions } from './providers/bedrock.js';
export { vertex, type VertexProviderOptions } from './providers/vertex.js';
export { anthropic, type AnthropicProviderOptions } from './providers/anthropic.js';
export { googleGenAI, type GoogleGenAIProviderOptions } from './providers/google-genai.js';
export { groq, type GroqProviderOptions } from './providers/groq.js';
export { xai, type XAIProviderOptions } from './providers/xai.js';
export {
  vercelAiGateway,
  type VercelAiGatewayProviderOptions,
} from './providers/vercel-ai-gateway.js';
export { cerebras, type CerebrasProviderOptions } from './providers/cerebras.js';
export { deepinfra, type DeepInfraProviderOptions } from './providers/deepinfra.js';
export { deepseek, type DeepSeekProviderOptions } from './providers/deepseek.js';
export { fireworks, type FireworksProviderOptions } from './providers/fireworks.js';
export { huggingface, type HuggingFaceProviderOptions } from './providers/huggingface.js';
export { nvidia, type NvidiaProviderOptions } from './providers/nvidia.js';
export {
  openaiCompatible,
  type OpenAICompatibleProviderOptions,
} from './providers/openai-compatible.js';
export { parasail, type ParasailProviderOptions } from './providers/parasail.js';
export { perplexity, type PerplexityProviderOptions } from './providers/perplexity.js';
export { sgl, type SglProviderOptions } from './providers/sgl.js';
export { together, type TogetherProviderOptions } from './providers/together.js';
export { ollama, type OllamaProviderOptions } from './providers/ollama.js';
export { openrouter, type OpenRouterProviderOptions } from './providers/openrouter.js';
// serving exports: wire formats, filters, paging and the HTTP handler (add lines below this comment).
export {
  type AnthropicModelEntry,
  type AnthropicModelList,
  type AnthropicPageRequest,
  toAnthropicModelList,
} from './formats/anthropic.js';
export {
  type DetectedModelListFormat,
  detectModelListFormat,
  type FormatDetectionInput,
} from './formats/detect-format.js';
export {
  filterModels,
  type ListFilter,
  type ModelFilter,
  modalitiesOf,
} from './formats/filter-models.js';
export {
  type GeminiModelEntry,
  type GeminiModelList,
  type GeminiPageRequest,
  toGeminiModelList,
} from './formats/gemini.js';
export {
  groupByCategory,
  type ModelsByCategory,
  type ProviderGroup,
} from './formats/group-by-category.js';
export { InvalidParameterError } from './formats/invalid-parameter-error.js';
export {
  type OpenAIModelEntry,
  type OpenAIModelList,
  toOpenAIModelList,
} from './formats/openai.js';
export {
  type OpenRouterModelEntry,
  type OpenRouterModelList,
  type OpenRouterPricing,
  toOpenRouterModelList,
} from './formats/openrouter.js';
export {
  idKey,
  type ModelKey,
  pageByToken,
  qualifiedKey,
  sortModels,
  type TokenPage,
  type TokenPageRequest,
} from './formats/paginate.js';
export {
  createModelsHandler,
  MODEL_LIST_FORMATS,
  type ModelListFormat,
  type ModelsHandler,
  type ModelsHandlerOptions,
} from './handler/create-models-handler.js';
