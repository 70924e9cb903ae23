import * as v from 'valibot';
import { checkOptionNames } from '../core/check-option.js';
import type { ProviderAdapter } from '../types.js';
import {
  buildModel,
  flagsFromList,
  joinUrl,
  positiveInteger,
  withId,
  withoutVersion,
} from './build-model.js';
import { collectPages } from './collect-pages.js';
import {
  apiKeySetting,
  baseURLSetting,
  bearerHeader,
  defineBuiltInProvider,
} from './define-provider.js';
import { parseResponse } from './parse-response.js';

/**
 * Options of {@link cohere}.
 *
 * @example
 * ```ts
 * const options: CohereProviderOptions = { apiKey: '...' };
 * const catalog = createModelCatalog({ providers: [cohere(options)] });
 * ```
 */
export interface CohereProviderOptions {
  /** API key. Default: the `COHERE_API_KEY` (the AI SDK's), else `CO_API_KEY` (Cohere's SDK) environment variable. */
  readonly apiKey?: string | undefined;
  /**
   * The API's host, as in Cohere's SDKs (`https://api.cohere.com`); `/v1/models` is appended, and a
   * version path at the end (`/v1`, or the AI SDK's `/v2`) is replaced by it. Default:
   * `COHERE_BASE_URL`, else Cohere's Python SDK's `CO_API_URL`, else `https://api.cohere.com`.
   */
  readonly baseURL?: string | undefined;
  /** Extra request headers, such as `X-Client-Name`. */
  readonly headers?: Readonly<Record<string, string>> | undefined;
}

/** The most models Cohere returns per page. */
const PAGE_SIZE = 1000;

const ModelPageSchema = v.object({
  models: v.array(
    v.looseObject({
      name: v.nullish(v.string()),
      endpoints: v.nullish(v.array(v.string())),
      features: v.nullish(v.array(v.string())),
      context_length: v.nullish(v.number()),
      is_deprecated: v.nullish(v.boolean()),
      finetuned: v.nullish(v.boolean()),
    }),
  ),
  next_page_token: v.nullish(v.string()),
});

/** Cohere's `features`, by capability flag. */
const FEATURE_FLAGS = {
  tools: ['tools'],
  // `strict_tools` holds tool calls to their JSON schema: structured output, as `json_schema`.
  structuredOutput: ['json_schema', 'strict_tools'],
  jsonMode: ['json_mode'],
  vision: ['vision'],
  reasoning: ['reasoning'],
};

/**
 * The Cohere provider: `GET {baseURL}/v1/models` with `Authorization: Bearer`,
 * following `page_token` / `next_page_token` to the last page.
 *
 * The id is the model's `name`. Its `endpoints` (chat, embed, embed_image,
 * rerank, classify, transcriptions, ...) classify it, the `vision` feature adds
 * image input, `context_length` is the context window (0 means unknown) and
 * `is_deprecated` marks it deprecated (`lifecycle.status`; `active` when false). Its
 * `features` answer the `tools`, `structuredOutput` (`json_schema`, `strict_tools`),
 * `jsonMode`, `vision` and `reasoning` flags: a model with a feature list and without one of
 * them does not have it; a model without a list (`features: null`) reports none. A `finetuned`
 * model is `fineTuned`. Cohere gives no display name.
 *
 * @example
 * ```ts
 * const catalog = createModelCatalog({ providers: [cohere({ apiKey: '...' })] });
 * ```
 */
export function cohere(options: CohereProviderOptions = {}): ProviderAdapter {
  checkOptionNames('cohere()', options, ['apiKey', 'baseURL', 'headers']);
  return defineBuiltInProvider({
    id: 'cohere',
    headers: options.headers,
    settings: {
      apiKey: apiKeySetting({ value: options.apiKey, env: ['COHERE_API_KEY', 'CO_API_KEY'] }),
      baseURL: baseURLSetting({
        value: options.baseURL,
        env: ['COHERE_BASE_URL', 'CO_API_URL'],
        default: 'https://api.cohere.com',
      }),
    },
    async listModels({ http, settings, headers, maxModels }) {
      // The models list is a v1 endpoint only: a version path given with the host is replaced.
      const host = withoutVersion(settings.baseURL);
      const url = joinUrl(host, 'v1/models');
      const entries = await collectPages(
        'cohere',
        async (cursor) => {
          const body = await http.getJson(url, {
            headers: { ...headers, ...bearerHeader(settings.apiKey) },
            searchParams: { page_size: PAGE_SIZE, page_token: cursor },
          });
          const page = parseResponse(ModelPageSchema, body, 'cohere');
          return { items: page.models, next: page.next_page_token };
        },
        maxModels,
      );
      const named = withId(entries, 'name');
      return {
        skipped: entries.length - named.length,
        models: named.map((entry) =>
          buildModel({
            id: entry.name,
            provider: 'cohere',
            hints: { capabilities: entry.endpoints ?? undefined },
            contextLength: positiveInteger(entry.context_length),
            inputModalities: entry.features?.includes('vision') ? ['text', 'image'] : undefined,
            // `features` lists everything a model supports: a feature it leaves out is a no.
            capabilities: flagsFromList(entry.features, FEATURE_FLAGS),
            lifecycle: {
              status:
                entry.is_deprecated === undefined || entry.is_deprecated === null
                  ? undefined
                  : entry.is_deprecated
                    ? 'deprecated'
                    : 'active',
            },
            fineTuned: entry.finetuned || undefined,
          }),
        ),
      };
    },
  });
}
