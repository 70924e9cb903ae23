import { checkOptionNames } from '../core/check-option.js';
import type { ProviderAdapter } from '../types.js';
import { apiKeySetting, baseURLSetting } from './define-provider.js';
import { createOpenAICompatibleProvider } from './openai-compatible.js';

/**
 * Options of {@link sgl}.
 *
 * @example
 * ```ts
 * const options: SglProviderOptions = { baseURL: 'http://127.0.0.1:30000/v1' };
 * const catalog = createModelCatalog({ providers: [sgl(options)] });
 * ```
 */
export interface SglProviderOptions {
  /** The server's API root, e.g. `http://127.0.0.1:30000/v1`. Default: the `SGL_BASE_URL` environment variable; required. */
  readonly baseURL?: string | undefined;
  /** The key set with SGLang's `--api-key`, if any. Default: the `SGL_API_KEY` environment variable. */
  readonly apiKey?: string | undefined;
  /** Extra request headers. */
  readonly headers?: Readonly<Record<string, string>> | undefined;
}

/**
 * A self-hosted SGLang server: `GET {baseURL}/models`, OpenAI-compatible, with a Bearer key only
 * when one is set. Configured by its base URL, like Ollama; `max_model_len` becomes `contextLength`.
 *
 * @example
 * ```ts
 * const catalog = createModelCatalog({ providers: [sgl({ baseURL: 'http://127.0.0.1:30000/v1' })] });
 * ```
 */
export function sgl(options: SglProviderOptions = {}): ProviderAdapter {
  checkOptionNames('sgl()', options, ['baseURL', 'apiKey', 'headers']);
  return createOpenAICompatibleProvider({
    id: 'sgl',
    detectEnv: ['SGL_BASE_URL'],
    apiKey: apiKeySetting({ value: options.apiKey, env: 'SGL_API_KEY', required: false }),
    baseURL: baseURLSetting({ value: options.baseURL, env: 'SGL_BASE_URL' }),
    headers: options.headers,
  });
}
