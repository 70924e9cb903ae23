import type { ProviderAdapter } from '../types.js';
import { apiKeySetting, baseURLSetting } from './define-provider.js';
import { createOpenAICompatibleProvider } from './openai-compatible.js';

/**
 * Options of {@link openai}.
 *
 * @example
 * ```ts
 * const options: OpenAIProviderOptions = { apiKey: 'sk-...', headers: { 'OpenAI-Project': 'proj_...' } };
 * const catalog = createModelCatalog({ providers: [openai(options)] });
 * ```
 */
export interface OpenAIProviderOptions {
  /** API key. Default: the `OPENAI_API_KEY` environment variable. */
  readonly apiKey?: string;
  /** API root the `/models` path is appended to. Default: `OPENAI_BASE_URL`, else `https://api.openai.com/v1`. */
  readonly baseURL?: string;
  /** Extra request headers, such as `OpenAI-Organization` or `OpenAI-Project`. */
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * The OpenAI provider: `GET {baseURL}/models` with `Authorization: Bearer`.
 * OpenAI reports only id, creation time and owner, so categories come from the id.
 *
 * @example
 * ```ts
 * const catalog = createModelCatalog({ providers: [openai({ apiKey: 'sk-...' })] });
 * ```
 */
export function openai(options: OpenAIProviderOptions = {}): ProviderAdapter {
  return createOpenAICompatibleProvider({
    id: 'openai',
    apiKey: apiKeySetting({ value: options.apiKey, env: 'OPENAI_API_KEY' }),
    baseURL: baseURLSetting({
      value: options.baseURL,
      env: 'OPENAI_BASE_URL',
      default: 'https://api.openai.com/v1',
    }),
    headers: options.headers,
  });
}
