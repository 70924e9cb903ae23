import { checkOptionNames } from '../core/check-option.js';
import { ModelCatalogError } from '../errors/index.js';
import type { ProviderAdapter } from '../types.js';
import { buildModel } from './build-model.js';
import { apiKeySetting, baseURLSetting, markBuiltIn } from './define-provider.js';
import { createOpenAICompatibleProvider } from './openai-compatible.js';

/**
 * Perplexity's documented Sonar chat models, served as a built-in list (`source: 'static'`)
 * when the API answers 404 to the list call, as older deployments of it did.
 */
const SONAR_MODELS: readonly string[] = [
  'sonar',
  'sonar-pro',
  'sonar-reasoning',
  'sonar-reasoning-pro',
  'sonar-deep-research',
];

/**
 * Options of {@link perplexity}.
 *
 * @example
 * ```ts
 * const options: PerplexityProviderOptions = { apiKey: 'pplx-...' };
 * const catalog = createModelCatalog({ providers: [perplexity(options)] });
 * ```
 */
export interface PerplexityProviderOptions {
  /** API key. Default: the `PERPLEXITY_API_KEY` environment variable. */
  readonly apiKey?: string | undefined;
  /** API host the `/v1/models` path is appended to. Default: `PERPLEXITY_BASE_URL`, else `https://api.perplexity.ai`. */
  readonly baseURL?: string | undefined;
  /** Extra request headers. */
  readonly headers?: Readonly<Record<string, string>> | undefined;
}

/**
 * The Perplexity provider: `GET {baseURL}/v1/models` with `Authorization: Bearer`, the documented
 * List Models endpoint of the Agent API (OpenAI list format). Ids are `provider/model`, such as
 * `perplexity/sonar` or `openai/gpt-5.5`; `created` is always 0, so it is left out. The Sonar chat
 * completions ids (`sonar`, `sonar-pro`, ...) are not part of that list. Where the list call
 * answers 404, the documented Sonar models are returned instead, marked `source: 'static'`.
 *
 * @example
 * ```ts
 * const catalog = createModelCatalog({ providers: [perplexity({ apiKey: 'pplx-...' })] });
 * ```
 */
export function perplexity(options: PerplexityProviderOptions = {}): ProviderAdapter {
  checkOptionNames('perplexity()', options, ['apiKey', 'baseURL', 'headers']);
  const live = createOpenAICompatibleProvider({
    id: 'perplexity',
    apiKey: apiKeySetting({ value: options.apiKey, env: 'PERPLEXITY_API_KEY' }),
    baseURL: baseURLSetting({
      value: options.baseURL,
      env: 'PERPLEXITY_BASE_URL',
      default: 'https://api.perplexity.ai',
    }),
    versionPath: '/v1',
    headers: options.headers,
  });
  // Its models are all made by buildModel, live or not: marked, they are not checked again.
  return markBuiltIn({
    ...live,
    async listModels(context) {
      try {
        return await live.listModels(context);
      } catch (error) {
        if (!(ModelCatalogError.isInstance(error) && error.status === 404)) throw error;
        return {
          source: 'static',
          models: SONAR_MODELS.map((id) =>
            buildModel({ id, provider: 'perplexity', ownedBy: 'perplexity' }),
          ),
        };
      }
    },
  });
}
