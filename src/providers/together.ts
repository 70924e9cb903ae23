import * as v from 'valibot';
import { checkOptionNames } from '../core/check-option.js';
import type { ProviderAdapter } from '../types.js';
import { buildPricing, pricePerMillion } from './build-model.js';
import { apiKeySetting, baseURLSetting } from './define-provider.js';
import { createOpenAICompatibleProvider } from './openai-compatible.js';

/** Together's model types billed by the token prices its listing reports. */
const TOKEN_BILLED_TYPES = ['chat', 'language', 'code', 'embedding', 'moderation', 'rerank'];

/**
 * Options of {@link together}.
 *
 * @example
 * ```ts
 * const options: TogetherProviderOptions = { apiKey: '...' };
 * const catalog = createModelCatalog({ providers: [together(options)] });
 * ```
 */
export interface TogetherProviderOptions {
  /** API key. Default: the `TOGETHER_API_KEY` (Together's SDK), else `TOGETHER_AI_API_KEY` (the AI SDK's) environment variable. */
  readonly apiKey?: string | undefined;
  /** API root the `/models` path is appended to. Default: `TOGETHER_BASE_URL`, else `https://api.together.xyz/v1`. */
  readonly baseURL?: string | undefined;
  /** Extra request headers. */
  readonly headers?: Readonly<Record<string, string>> | undefined;
}

/**
 * The Together AI provider: `GET {baseURL}/models` with `Authorization: Bearer`. Together answers
 * a bare array whose `type` (chat, language, code, embedding, image, audio, moderation, rerank)
 * decides the category; it also gives a display name, the organization, the context length and
 * prices in USD per million tokens.
 *
 * @example
 * ```ts
 * const catalog = createModelCatalog({ providers: [together({ apiKey: '...' })] });
 * ```
 */
export function together(options: TogetherProviderOptions = {}): ProviderAdapter {
  checkOptionNames('together()', options, ['apiKey', 'baseURL', 'headers']);
  return createOpenAICompatibleProvider({
    id: 'together',
    apiKey: apiKeySetting({
      value: options.apiKey,
      env: ['TOGETHER_API_KEY', 'TOGETHER_AI_API_KEY'],
    }),
    baseURL: baseURLSetting({
      value: options.baseURL,
      env: 'TOGETHER_BASE_URL',
      default: 'https://api.together.xyz/v1',
    }),
    headers: options.headers,
    entries: {
      type: v.nullish(v.string()),
      display_name: v.nullish(v.string()),
      organization: v.nullish(v.string()),
      pricing: v.nullish(
        v.looseObject({ input: v.nullish(v.unknown()), output: v.nullish(v.unknown()) }),
      ),
    },
    mapEntry: (entry) => ({
      name: entry.display_name,
      ownedBy: entry.organization,
      hints: { type: entry.type ?? undefined },
      // Hourly, base and fine-tuning prices are not per-token prices; they are left out.
      pricing: buildPricing(
        {
          input: pricePerMillion(entry.pricing?.input, 1),
          output: pricePerMillion(entry.pricing?.output, 1),
        },
        // Image and audio models are billed by image or second, not by the token prices listed
        // (often 0): whether they are free is not reported.
        entry.type && !TOKEN_BILLED_TYPES.includes(entry.type) ? null : undefined,
      ),
    }),
  });
}
