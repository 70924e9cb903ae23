import * as v from 'valibot';
import { checkOptionNames } from '../core/check-option.js';
import type { ProviderAdapter } from '../types.js';
import { buildPricing, positiveInteger, pricePerMillion } from './build-model.js';
import { apiKeySetting, baseURLSetting } from './define-provider.js';
import { createOpenAICompatibleProvider } from './openai-compatible.js';

/**
 * Options of {@link deepinfra}.
 *
 * @example
 * ```ts
 * const options: DeepInfraProviderOptions = { apiKey: '...' };
 * const catalog = createModelCatalog({ providers: [deepinfra(options)] });
 * ```
 */
export interface DeepInfraProviderOptions {
  /** API key. Default: the `DEEPINFRA_API_KEY` environment variable. */
  readonly apiKey?: string | undefined;
  /** API root the `/models` path is appended to. Default: `DEEPINFRA_BASE_URL`, else `https://api.deepinfra.com/v1/openai`. */
  readonly baseURL?: string | undefined;
  /** Extra request headers. */
  readonly headers?: Readonly<Record<string, string>> | undefined;
}

/**
 * The DeepInfra provider: the OpenAI-compatible `GET {baseURL}/models` with `Authorization: Bearer`.
 * When an entry has a `metadata` object, its description, context length, output limit and
 * prices (USD per million tokens) are mapped, and its `tags` `vision`, `reasoning`, `tools` and
 * `prompt_cache` set those flags (a missing tag leaves the flag unknown); `metadata` is null for
 * many non-chat models.
 *
 * @example
 * ```ts
 * const catalog = createModelCatalog({ providers: [deepinfra({ apiKey: '...' })] });
 * ```
 */
export function deepinfra(options: DeepInfraProviderOptions = {}): ProviderAdapter {
  checkOptionNames('deepinfra()', options, ['apiKey', 'baseURL', 'headers']);
  return createOpenAICompatibleProvider({
    id: 'deepinfra',
    apiKey: apiKeySetting({ value: options.apiKey, env: 'DEEPINFRA_API_KEY' }),
    baseURL: baseURLSetting({
      value: options.baseURL,
      env: 'DEEPINFRA_BASE_URL',
      default: 'https://api.deepinfra.com/v1/openai',
    }),
    headers: options.headers,
    entries: {
      metadata: v.nullish(
        v.looseObject({
          description: v.nullish(v.string()),
          context_length: v.nullish(v.unknown()),
          max_tokens: v.nullish(v.unknown()),
          tags: v.nullish(v.array(v.string())),
          pricing: v.nullish(
            v.looseObject({
              input_tokens: v.nullish(v.unknown()),
              output_tokens: v.nullish(v.unknown()),
              cache_read_tokens: v.nullish(v.unknown()),
            }),
          ),
        }),
      ),
    },
    mapEntry: ({ metadata }) => ({
      description: metadata?.description,
      contextLength: positiveInteger(metadata?.context_length),
      maxOutputTokens: positiveInteger(metadata?.max_tokens),
      pricing: buildPricing({
        input: pricePerMillion(metadata?.pricing?.input_tokens, 1),
        output: pricePerMillion(metadata?.pricing?.output_tokens, 1),
        cacheRead: pricePerMillion(metadata?.pricing?.cache_read_tokens, 1),
      }),
      // Tags only ever say yes: an untagged capability stays unknown.
      capabilities: {
        vision: metadata?.tags?.includes('vision') || undefined,
        reasoning: metadata?.tags?.includes('reasoning') || undefined,
        tools: metadata?.tags?.includes('tools') || undefined,
        promptCaching: metadata?.tags?.includes('prompt_cache') || undefined,
      },
    }),
  });
}
