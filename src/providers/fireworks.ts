import * as v from 'valibot';
import { checkOptionNames } from '../core/check-option.js';
import type { ProviderAdapter } from '../types.js';
import { apiKeySetting, baseURLSetting } from './define-provider.js';
import { createOpenAICompatibleProvider } from './openai-compatible.js';

/**
 * Options of {@link fireworks}.
 *
 * @example
 * ```ts
 * const options: FireworksProviderOptions = { apiKey: 'fw_...' };
 * const catalog = createModelCatalog({ providers: [fireworks(options)] });
 * ```
 */
export interface FireworksProviderOptions {
  /** API key. Default: the `FIREWORKS_API_KEY` environment variable. */
  readonly apiKey?: string | undefined;
  /** API root the `/models` path is appended to. Default: `FIREWORKS_BASE_URL`, else `https://api.fireworks.ai/inference/v1`. */
  readonly baseURL?: string | undefined;
  /** Extra request headers. */
  readonly headers?: Readonly<Record<string, string>> | undefined;
}

/**
 * The Fireworks AI provider: the OpenAI-compatible inference listing `GET {baseURL}/models`
 * with `Authorization: Bearer`. Ids such as `accounts/fireworks/models/llama-v3p1-8b-instruct`
 * are kept whole, since that is what requests take; the last segment becomes the `name`.
 * `supports_tools` and `supports_image_input`, when sent, are the `tools` and `vision` flags.
 *
 * @example
 * ```ts
 * const catalog = createModelCatalog({ providers: [fireworks({ apiKey: 'fw_...' })] });
 * ```
 */
export function fireworks(options: FireworksProviderOptions = {}): ProviderAdapter {
  checkOptionNames('fireworks()', options, ['apiKey', 'baseURL', 'headers']);
  return createOpenAICompatibleProvider({
    id: 'fireworks',
    apiKey: apiKeySetting({ value: options.apiKey, env: 'FIREWORKS_API_KEY' }),
    baseURL: baseURLSetting({
      value: options.baseURL,
      env: 'FIREWORKS_BASE_URL',
      default: 'https://api.fireworks.ai/inference/v1',
    }),
    headers: options.headers,
    entries: {
      supports_tools: v.nullish(v.boolean()),
      supports_image_input: v.nullish(v.boolean()),
    },
    mapEntry: (entry) => ({
      name: (entry.id ?? '').split('/').pop(),
      capabilities: { tools: entry.supports_tools, vision: entry.supports_image_input },
    }),
  });
}
