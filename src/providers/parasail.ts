import { checkOptionNames } from '../core/check-option.js';
import type { ProviderAdapter } from '../types.js';
import { apiKeySetting, baseURLSetting } from './define-provider.js';
import { createOpenAICompatibleProvider } from './openai-compatible.js';

/**
 * Options of {@link parasail}.
 *
 * @example
 * ```ts
 * const options: ParasailProviderOptions = { apiKey: '...' };
 * const catalog = createModelCatalog({ providers: [parasail(options)] });
 * ```
 */
export interface ParasailProviderOptions {
  /** API key. Default: the `PARASAIL_API_KEY` environment variable. */
  readonly apiKey?: string | undefined;
  /** API root the `/models` path is appended to. Default: `PARASAIL_BASE_URL`, else `https://api.parasail.io/v1`. */
  readonly baseURL?: string | undefined;
  /** Extra request headers. */
  readonly headers?: Readonly<Record<string, string>> | undefined;
}

/**
 * The Parasail provider: `GET {baseURL}/models` with `Authorization: Bearer`, OpenAI-compatible.
 * Context and output limits are mapped when an entry carries them.
 *
 * @example
 * ```ts
 * const catalog = createModelCatalog({ providers: [parasail({ apiKey: '...' })] });
 * ```
 */
export function parasail(options: ParasailProviderOptions = {}): ProviderAdapter {
  checkOptionNames('parasail()', options, ['apiKey', 'baseURL', 'headers']);
  return createOpenAICompatibleProvider({
    id: 'parasail',
    apiKey: apiKeySetting({ value: options.apiKey, env: 'PARASAIL_API_KEY' }),
    baseURL: baseURLSetting({
      value: options.baseURL,
      env: 'PARASAIL_BASE_URL',
      default: 'https://api.parasail.io/v1',
    }),
    headers: options.headers,
  });
}
