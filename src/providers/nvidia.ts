import type { ProviderAdapter } from '../provider.js';
import { createOpenAICompatibleProvider } from './openai-compatible.js';

/** Options of {@link nvidia}. */
export interface NvidiaProviderOptions {
  /** API key. Default: the `NVIDIA_API_KEY` environment variable. */
  readonly apiKey?: string;
  /** API root the `/models` path is appended to. Default: `NVIDIA_BASE_URL`, else `https://integrate.api.nvidia.com/v1`. */
  readonly baseURL?: string;
  /** Extra request headers. */
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * The NVIDIA NIM provider: `GET {baseURL}/models` with `Authorization: Bearer`. The hosted
 * catalog gives id, creation time and vendor; a self-hosted NIM (set `baseURL`) also gives
 * `max_model_len`, mapped to `contextLength`.
 *
 * @example
 * ```ts
 * const catalog = createModelCatalog({ providers: [nvidia({ apiKey: '...' })] });
 * ```
 */
export function nvidia(options: NvidiaProviderOptions = {}): ProviderAdapter {
  return createOpenAICompatibleProvider({
    id: 'nvidia',
    apiKey: { value: options.apiKey, env: ['NVIDIA_API_KEY'], required: true },
    baseURL: {
      value: options.baseURL,
      env: ['NVIDIA_BASE_URL'],
      default: 'https://integrate.api.nvidia.com/v1',
    },
    headers: options.headers,
  });
}
