/**
 * Which models.dev provider holds the models of each built-in provider: our provider id on
 * the left, the key of models.dev's `api.json` on the right. A listed model is joined to
 * the entry of the same id under that key, and only there: no fuzzy matching, no prefix
 * guessing. Providers left out have no models.dev counterpart with the same model ids
 * (`ollama` lists local tags, `elevenlabs`, `parasail` and `sgl` are not in models.dev), so
 * their models are never joined. Add your own adapters with `modelsDev({ providerIds })`.
 *
 * | ours | models.dev | ours | models.dev |
 * |---|---|---|---|
 * | anthropic | anthropic | huggingface | huggingface |
 * | azure | azure | lmstudio | lmstudio |
 * | bedrock | amazon-bedrock | mistral | mistral |
 * | cerebras | cerebras | nvidia | nvidia |
 * | cohere | cohere | openai | openai |
 * | deepinfra | deepinfra | openrouter | openrouter |
 * | deepseek | deepseek | perplexity | perplexity-agent |
 * | fireworks | fireworks-ai | together | togetherai |
 * | google-genai | google | vercel-ai-gateway | vercel |
 * | groq | groq | vertex | google-vertex |
 * | xai | xai | | |
 *
 * @example
 * ```ts
 * MODELS_DEV_PROVIDER_IDS['google-genai']; // 'google'
 * const catalog = createModelCatalog({
 *   catalogs: [modelsDev({ providerIds: { 'my-gateway': 'openrouter' } })], // added to this table
 * });
 * ```
 */
export const MODELS_DEV_PROVIDER_IDS: Readonly<Record<string, string>> = Object.freeze({
  anthropic: 'anthropic',
  azure: 'azure',
  bedrock: 'amazon-bedrock',
  cerebras: 'cerebras',
  cohere: 'cohere',
  deepinfra: 'deepinfra',
  deepseek: 'deepseek',
  fireworks: 'fireworks-ai',
  'google-genai': 'google',
  groq: 'groq',
  huggingface: 'huggingface',
  lmstudio: 'lmstudio',
  mistral: 'mistral',
  nvidia: 'nvidia',
  openai: 'openai',
  openrouter: 'openrouter',
  perplexity: 'perplexity-agent',
  together: 'togetherai',
  'vercel-ai-gateway': 'vercel',
  vertex: 'google-vertex',
  xai: 'xai',
});
