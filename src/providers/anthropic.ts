import * as v from 'valibot';
import { checkOptionNames } from '../core/check-option.js';
import { InvalidResponseError } from '../errors/index.js';
import type { Model, ProviderAdapter } from '../types.js';
import {
  apiRoot,
  buildModel,
  isoDate,
  joinUrl,
  lifecycleStatus,
  positiveInteger,
  unixSeconds,
  type WithId,
  withId,
} from './build-model.js';
import { collectPages } from './collect-pages.js';
import {
  apiKeySetting,
  baseURLSetting,
  bearerHeader,
  defineBuiltInProvider,
  setting,
} from './define-provider.js';
import { parseResponse } from './parse-response.js';

/**
 * Options of {@link anthropic}.
 *
 * @example
 * ```ts
 * const options: AnthropicProviderOptions = { apiKey: 'sk-ant-...' };
 * const catalog = createModelCatalog({ providers: [anthropic(options)] });
 * ```
 */
export interface AnthropicProviderOptions {
  /** API key, sent as `x-api-key`. Default: the `ANTHROPIC_API_KEY` environment variable. */
  readonly apiKey?: string | undefined;
  /**
   * A bearer token instead of an API key (a gateway's or an OAuth token), sent as
   * `Authorization: Bearer`. Default: the `ANTHROPIC_AUTH_TOKEN` environment variable. As in the
   * Anthropic SDK, a key or token given here is the only credential used (the other variable
   * is not read); from the environment, and in a call's `credentials`, `ANTHROPIC_API_KEY` (or
   * `apiKey`) wins over `ANTHROPIC_AUTH_TOKEN`. Passing both `apiKey` and `authToken` is a
   * `TypeError`.
   */
  readonly authToken?: string | undefined;
  /**
   * The API's host, as in the Anthropic SDK (`https://api.anthropic.com`), or its root with the
   * version path, as in the Vercel AI SDK (`https://api.anthropic.com/v1`): a URL that does not
   * end in `/v1` gets it appended. Default: `ANTHROPIC_BASE_URL`, else `https://api.anthropic.com/v1`.
   */
  readonly baseURL?: string | undefined;
  /** Extra request headers, such as `anthropic-beta`. */
  readonly headers?: Readonly<Record<string, string>> | undefined;
}

const PAGE_SIZE = 1000;
const API_VERSION = '2023-06-01';

const SupportSchema = v.nullish(v.looseObject({ supported: v.nullish(v.boolean()) }));

/** The effort levels of the Models API, from least to most. */
const EFFORTS = ['low', 'medium', 'high', 'xhigh', 'max'] as const;

const ModelPageSchema = v.object({
  data: v.array(
    v.looseObject({
      id: v.nullish(v.string()),
      display_name: v.nullish(v.string()),
      created_at: v.nullish(v.string()),
      max_input_tokens: v.nullish(v.number()),
      max_tokens: v.nullish(v.number()),
      lifecycle: v.nullish(v.string()),
      deprecated_at: v.nullish(v.string()),
      retires_at: v.nullish(v.string()),
      line: v.nullish(v.string()),
      capabilities: v.nullish(
        v.looseObject({
          image_input: SupportSchema,
          pdf_input: SupportSchema,
          structured_outputs: SupportSchema,
          thinking: v.nullish(
            v.looseObject({
              supported: v.nullish(v.boolean()),
              types: v.nullish(v.looseObject({ disabled: SupportSchema })),
            }),
          ),
          effort: v.nullish(
            v.looseObject({
              supported: v.nullish(v.boolean()),
              low: SupportSchema,
              medium: SupportSchema,
              high: SupportSchema,
              xhigh: SupportSchema,
              max: SupportSchema,
            }),
          ),
        }),
      ),
    }),
  ),
  has_more: v.nullish(v.boolean()),
  last_id: v.nullish(v.string()),
});

type AnthropicModel = v.InferOutput<typeof ModelPageSchema>['data'][number];

/**
 * The Anthropic provider: `GET {baseURL}/models?limit=1000` with `x-api-key` and
 * `anthropic-version: 2023-06-01`, following `has_more` / `after_id` to the last page.
 * Reports display name, release date, context window, output limit and, when the API
 * gives capabilities, image and PDF input. The older short shape (id, display name,
 * date) parses too. Configured by an API key (`x-api-key`) or a bearer token
 * (`ANTHROPIC_AUTH_TOKEN`, sent as `Authorization: Bearer`), as the Anthropic SDK is.
 *
 * @example
 * ```ts
 * const catalog = createModelCatalog({ providers: [anthropic({ apiKey: 'sk-ant-...' })] });
 * ```
 */
export function anthropic(options: AnthropicProviderOptions = {}): ProviderAdapter {
  checkOptionNames('anthropic()', options, ['apiKey', 'authToken', 'baseURL', 'headers']);
  const keyInCode = Boolean(options.apiKey?.trim());
  const tokenInCode = Boolean(options.authToken?.trim());
  if (keyInCode && tokenInCode) {
    throw new TypeError('anthropic(): pass `apiKey` or `authToken`, not both.');
  }
  // A credential given in code is the only one: the other is not read from the environment.
  return defineBuiltInProvider({
    id: 'anthropic',
    headers: options.headers,
    requireOneOf: [['apiKey'], ['authToken']],
    settings: {
      apiKey: apiKeySetting({
        value: options.apiKey,
        env: tokenInCode ? [] : 'ANTHROPIC_API_KEY',
        required: false,
      }),
      authToken: setting({
        option: 'authToken',
        value: options.authToken,
        env: keyInCode ? [] : 'ANTHROPIC_AUTH_TOKEN',
        secret: true,
      }),
      baseURL: baseURLSetting({
        value: options.baseURL,
        env: 'ANTHROPIC_BASE_URL',
        default: 'https://api.anthropic.com/v1',
      }),
    },
    async listModels({ http, settings, headers, maxModels }) {
      const url = joinUrl(apiRoot(settings.baseURL, '/v1'), 'models');
      const { apiKey, authToken } = settings;
      // Both only from one place (the environment, or a call's credentials): the key wins.
      const credential =
        apiKey === undefined && authToken !== undefined
          ? bearerHeader(authToken)
          : { 'x-api-key': apiKey };
      const request = {
        headers: { ...headers, ...credential, 'anthropic-version': API_VERSION },
      };
      const entries = await collectPages(
        'anthropic',
        async (cursor) => {
          const body = await http.getJson(url, {
            ...request,
            searchParams: { limit: PAGE_SIZE, after_id: cursor },
          });
          const page = parseResponse(ModelPageSchema, body, 'anthropic');
          if (page.has_more && !page.last_id) {
            throw new InvalidResponseError(
              'anthropic: a page says `has_more` but gives no `last_id` to continue from.',
              {
                provider: 'anthropic',
              },
            );
          }
          return { items: page.data, next: page.has_more ? page.last_id : undefined };
        },
        maxModels,
      );
      const usable = withId(entries, 'id');
      return { skipped: entries.length - usable.length, models: usable.map(toModel) };
    },
  });
}

function toModel(entry: WithId<AnthropicModel, 'id'>): Model {
  const capabilities = entry.capabilities;
  const inputModalities = capabilities
    ? [
        'text',
        ...(capabilities.image_input?.supported ? ['image'] : []),
        ...(capabilities.pdf_input?.supported ? ['file'] : []),
      ]
    : undefined;
  const thinking = capabilities?.thinking;
  const effort = capabilities?.effort;
  return buildModel({
    id: entry.id,
    provider: 'anthropic',
    name: entry.display_name,
    created: unixSeconds(entry.created_at),
    // `created_at` is the release time ("may be set to an epoch value if unknown").
    releaseDate: isoDate(entry.created_at),
    contextLength: positiveInteger(entry.max_input_tokens),
    maxOutputTokens: positiveInteger(entry.max_tokens),
    inputModalities,
    family: entry.line ? `claude-${entry.line}` : undefined,
    capabilities: {
      vision: capabilities?.image_input?.supported,
      pdfInput: capabilities?.pdf_input?.supported,
      structuredOutput: capabilities?.structured_outputs?.supported,
      reasoning: thinking?.supported,
    },
    reasoning: thinking?.supported
      ? {
          canDisable: thinking.types?.disabled?.supported,
          efforts:
            effort?.supported === true
              ? EFFORTS.filter((level) => effort[level]?.supported === true)
              : undefined,
        }
      : undefined,
    lifecycle: {
      status: lifecycleStatus(entry.lifecycle, STATUSES),
      deprecatedAt: isoDate(entry.deprecated_at),
      shutdownAt: isoDate(entry.retires_at),
    },
  });
}

/** The Models API's `lifecycle` values. */
const STATUSES = { active: 'active', deprecated: 'deprecated', retired: 'retired' } as const;
