import { checkOptionNames } from '../core/check-option.js';
import type { ProviderAdapter } from '../types.js';
import { apiKeySetting, baseURLSetting } from './define-provider.js';
import { createOpenAICompatibleProvider } from './openai-compatible.js';

/**
 * Options of {@link cerebras}.
 *
 * @example
 * ```ts
 * const options: CerebrasProviderOptions = { apiKey: '...' };
 * const catalog = createModelCatalog({ providers: [cerebras(options)] });
 * ```
 */
export interface CerebrasProviderOptions {
  /** API key. Default: the `CEREBRAS_API_KEY` environment variable. */
  readonly apiKey?: string | undefined;
  /**
   * The API's host, as in Cerebras's SDK (`https://api.cerebras.ai`), or its root with the version
   * path (`https://api.cerebras.ai/v1`): a URL that does not end in `/v1` gets it appended.
   * Default: `CEREBRAS_BASE_URL`, else `https://api.cerebras.ai/v1`.
   */
  readonly baseURL?: string | undefined;
  /** Extra request headers. */
  readonly headers?: Readonly<Record<string, string>> | undefined;
}

/**
 * The Cerebras provider: `GET {baseURL}/models` with `Authorization: Bearer`.
 * Cerebras reports id, creation time and owner, so categories come from the id.
 *
 * @example
 * ```ts
 * const catalog = createModelCatalog({ providers: [cerebras({ apiKey: '...' })] });
 * ```
 */
export function cerebras(options: CerebrasProviderOptions = {}): ProviderAdapter {
  checkOptionNames('cerebras()', options, ['apiKey', 'baseURL', 'headers']);
  return createOpenAICompatibleProvider({
    id: 'cerebras',
    apiKey: apiKeySetting({ value: options.apiKey, env: 'CEREBRAS_API_KEY' }),
    baseURL: baseURLSetting({
      value: options.baseURL,
      env: 'CEREBRAS_BASE_URL',
      default: 'https://api.cerebras.ai/v1',
    }),
    versionPath: '/v1',
    headers: options.headers,
  });
}
