import { describe, expect, it } from 'vitest';
import { createModelCatalog, defaultProviders } from '../../src/index.js';

/** Each provider of the gateway issue, with an environment that configures it alone. */
const GATEWAY_PROVIDERS: readonly [string, Record<string, string>][] = [
  ['mistral', { MISTRAL_API_KEY: 'k' }],
  ['cohere', { COHERE_API_KEY: 'k' }],
  ['deepseek', { DEEPSEEK_API_KEY: 'k' }],
  ['together', { TOGETHER_API_KEY: 'k' }],
  ['fireworks', { FIREWORKS_API_KEY: 'k' }],
  ['cerebras', { CEREBRAS_API_KEY: 'k' }],
  ['perplexity', { PERPLEXITY_API_KEY: 'k' }],
  ['deepinfra', { DEEPINFRA_API_KEY: 'k' }],
  ['parasail', { PARASAIL_API_KEY: 'k' }],
  ['sgl', { SGL_BASE_URL: 'http://127.0.0.1:30000/v1' }],
  ['lmstudio', { LMSTUDIO_BASE_URL: 'http://127.0.0.1:1234' }],
  ['huggingface', { HF_TOKEN: 'k' }],
  ['nvidia', { NVIDIA_API_KEY: 'k' }],
  ['elevenlabs', { ELEVENLABS_API_KEY: 'k' }],
  ['azure', { AZURE_OPENAI_API_KEY: 'k', AZURE_RESOURCE_NAME: 'contoso' }],
  ['bedrock', { AWS_ACCESS_KEY_ID: 'k', AWS_SECRET_ACCESS_KEY: 's', AWS_REGION: 'us-west-2' }],
  ['bedrock', { AWS_BEARER_TOKEN_BEDROCK: 'k' }],
  ['vertex', { GOOGLE_VERTEX_PROJECT: 'p', GOOGLE_VERTEX_ACCESS_TOKEN: 't' }],
];

describe('the default provider set', () => {
  it('holds every provider of the gateway seed and the popular ones past it', () => {
    const ids = defaultProviders().map((adapter) => adapter.id);
    for (const [id] of GATEWAY_PROVIDERS) expect(ids).toContain(id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each(GATEWAY_PROVIDERS)('configures %s from its environment variables alone', (id, env) => {
    const providers = createModelCatalog({ env, cache: false }).listProviders();
    expect(
      providers.filter((provider) => provider.configured).map((provider) => provider.id),
    ).toEqual([id]);
  });
});
