import type { ProviderAdapter } from '../types.js';
import { isoDate } from './build-model.js';
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
  readonly apiKey?: string | undefined;
  /** API root the `/models` path is appended to. Default: `OPENAI_BASE_URL`, else `https://api.openai.com/v1`. */
  readonly baseURL?: string | undefined;
  /** Extra request headers, such as `OpenAI-Organization` or `OpenAI-Project`. */
  readonly headers?: Readonly<Record<string, string>> | undefined;
}

/**
 * The OpenAI provider: `GET {baseURL}/models` with `Authorization: Bearer`.
 * OpenAI reports id, creation time and owner, so categories come from the id; a
 * `shutdown_date` (when announced) becomes `lifecycle.shutdownAt` with status `deprecated`,
 * and the account's fine-tunes (`ft:<base>:<org>::<id>`) are `fineTuned` with their `baseModel`.
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
    // `shutdown_date` needs no schema: entries keep unknown fields, and isoDate checks it.
    mapEntry: ({ id, shutdown_date }) => {
      const shutdownAt = isoDate(shutdown_date);
      // `ft:<base>:<organization>::<suffix>`
      const base = id?.startsWith('ft:') ? id.split(':')[1] : undefined;
      return {
        lifecycle: shutdownAt ? { status: 'deprecated', shutdownAt } : undefined,
        fineTuned: base ? true : undefined,
        baseModel: base,
      };
    },
  });
}
