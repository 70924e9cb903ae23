import { checkOptionNames } from '../core/check-option.js';
import type { ProviderAdapter } from '../types.js';
import { apiKeySetting, baseURLSetting } from './define-provider.js';
import { createOpenAICompatibleProvider } from './openai-compatible.js';

/**
 * Options of {@link deepseek}.
 *
 * @example
 * ```ts
 * const options: DeepSeekProviderOptions = { apiKey: '...' };
 * const catalog = createModelCatalog({ providers: [deepseek(options)] });
 * ```
 */
export interface DeepSeekProviderOptions {
  /** API key. Default: the `DEEPSEEK_API_KEY` environment variable. */
  readonly apiKey?: string | undefined;
  /** API root the `/models` path is appended to. Default: `DEEPSEEK_BASE_URL`, else `https://api.deepseek.com`. */
  readonly baseURL?: string | undefined;
  /** Extra request headers. */
  readonly headers?: Readonly<Record<string, string>> | undefined;
}

/**
 * The DeepSeek provider: `GET {baseURL}/models` with `Authorization: Bearer`.
 * DeepSeek reports only id and owner (no `created`), so categories come from the id.
 *
 * @example
 * ```ts
 * const catalog = createModelCatalog({ providers: [deepseek({ apiKey: '...' })] });
 * ```
 */
export function deepseek(options: DeepSeekProviderOptions = {}): ProviderAdapter {
  checkOptionNames('deepseek()', options, ['apiKey', 'baseURL', 'headers']);
  return createOpenAICompatibleProvider({
    id: 'deepseek',
    apiKey: apiKeySetting({ value: options.apiKey, env: 'DEEPSEEK_API_KEY' }),
    baseURL: baseURLSetting({
      value: options.baseURL,
      env: 'DEEPSEEK_BASE_URL',
      default: 'https://api.deepseek.com',
    }),
    headers: options.headers,
  });
}
