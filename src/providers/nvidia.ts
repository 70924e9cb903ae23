import { checkOptionNames } from '../core/check-option.js';
import type { ProviderAdapter } from '../types.js';
import { apiKeySetting, baseURLSetting } from './define-provider.js';
import { createOpenAICompatibleProvider } from './openai-compatible.js';

/** The `created` the hosted catalog sends for every model: a placeholder, not a date. */
const PLACEHOLDER_CREATED = 735790403;

/**
 * Options of {@link nvidia}.
 *
 * @example
 * ```ts
 * const options: NvidiaProviderOptions = { baseURL: 'http://nim.internal:8000/v1' };
 * const catalog = createModelCatalog({ providers: [nvidia(options)] });
 * ```
 */
export interface NvidiaProviderOptions {
  /** API key. Default: the `NVIDIA_API_KEY` environment variable. */
  readonly apiKey?: string | undefined;
  /** API root the `/models` path is appended to. Default: `NVIDIA_BASE_URL`, else `https://integrate.api.nvidia.com/v1`. */
  readonly baseURL?: string | undefined;
  /** Extra request headers. */
  readonly headers?: Readonly<Record<string, string>> | undefined;
}

/**
 * The NVIDIA NIM provider: `GET {baseURL}/models` with `Authorization: Bearer`. The hosted
 * catalog gives id and vendor; its `created` is the same placeholder (735790403, April 1993) for
 * every model, so it is left out. A self-hosted NIM (set `baseURL`) gives a real creation time
 * and `max_model_len`, mapped to `contextLength`.
 *
 * @example
 * ```ts
 * const catalog = createModelCatalog({ providers: [nvidia({ apiKey: '...' })] });
 * ```
 */
export function nvidia(options: NvidiaProviderOptions = {}): ProviderAdapter {
  checkOptionNames('nvidia()', options, ['apiKey', 'baseURL', 'headers']);
  return createOpenAICompatibleProvider({
    id: 'nvidia',
    apiKey: apiKeySetting({ value: options.apiKey, env: 'NVIDIA_API_KEY' }),
    baseURL: baseURLSetting({
      value: options.baseURL,
      env: 'NVIDIA_BASE_URL',
      default: 'https://integrate.api.nvidia.com/v1',
    }),
    headers: options.headers,
    // `null` overrides the shared mapping; buildModel then leaves the field out.
    mapEntry: (entry) => ({ created: entry.created === PLACEHOLDER_CREATED ? null : undefined }),
  });
}
