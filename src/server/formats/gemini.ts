import type { Model, ModelCategory } from '../../types.js';
import { idKey, type ModelKey, pageByToken, type TokenPageRequest } from '../paginate.js';
import { queryText, queryWholeNumber } from '../query-parameters.js';
import { errorsField, type WireFormat } from './wire-format.js';

/**
 * One entry of Gemini's `GET /v1beta/models`. Unknown fields are absent, never null.
 *
 * @example
 * ```ts
 * const entry: GeminiModelEntry | undefined = toGeminiModelList(models).models[0];
 * // { name: 'models/gemini-2.5-flash', baseModelId: 'gemini-2.5-flash', displayName: 'Gemini 2.5 Flash', ... }
 * ```
 */
export interface GeminiModelEntry {
  /** `models/<id>`. */
  readonly name: string;
  /** The model id. */
  readonly baseModelId: string;
  /** The display name. */
  readonly displayName: string;
  /** The description, when known. */
  readonly description?: string;
  /** The context window, when known. */
  readonly inputTokenLimit?: number;
  /** The most output tokens, when known. */
  readonly outputTokenLimit?: number;
  /** The methods the model answers, from its category (`generateContent`, `embedContent`, `predict`). */
  readonly supportedGenerationMethods?: string[];
  /** Whether the model thinks, when known. */
  readonly thinking?: boolean;
}

/**
 * Gemini's `GET /v1beta/models` body.
 *
 * @example
 * ```ts
 * const { models: page, nextPageToken }: GeminiModelList = toGeminiModelList(models, { pageSize: 50 });
 * ```
 */
export interface GeminiModelList {
  /** The page's models. */
  readonly models: GeminiModelEntry[];
  /** Present when more models follow. */
  readonly nextPageToken?: string;
}

/**
 * Gemini's paging parameters.
 *
 * @example
 * ```ts
 * const page: GeminiPageRequest = { pageSize: 10, pageToken: url.searchParams.get('pageToken') ?? undefined };
 * const body = toGeminiModelList(models, page);
 * ```
 */
export interface GeminiPageRequest extends TokenPageRequest {
  /** Models per page, 1 to 1000. Default 50, as Gemini's API. */
  readonly pageSize?: number | undefined;
  /** The `nextPageToken` of the previous page. */
  readonly pageToken?: string | undefined;
}

const DEFAULT_PAGE_SIZE = 50;

/** What a Gemini client may call on a model of each category; absent for stt and other. */
const GENERATION_METHODS: Partial<Record<ModelCategory, string[]>> = {
  chat: ['generateContent'],
  embedding: ['embedContent'],
  image: ['predict'],
  tts: ['generateContent'],
};

/**
 * Renders models as Gemini's model list: `name` carries the `models/` prefix, unknown fields
 * are left out (not null), `supportedGenerationMethods` follows the category (`generateContent`
 * for chat and tts, `embedContent` for embeddings, `predict` for images), and `thinking` is the
 * reasoning capability when known. Pages of 50 by default, in `keyOf` order (the id);
 * `nextPageToken` is absent on the last page.
 *
 * @example
 * ```ts
 * const first = toGeminiModelList(models, { pageSize: 10 });
 * const second = toGeminiModelList(models, { pageSize: 10, pageToken: first.nextPageToken });
 * ```
 */
export function toGeminiModelList(
  models: readonly Model[],
  page: GeminiPageRequest = {},
  keyOf: ModelKey = idKey,
): GeminiModelList {
  const paged = pageByToken(models, keyOf, page, GEMINI_PAGING);
  return geminiPage(paged.models, paged.nextPageToken);
}

/** Gemini's paging: 50 models a page unless asked, the token in `pageToken`. */
const GEMINI_PAGING = {
  pageSize: DEFAULT_PAGE_SIZE,
  scope: 'gemini',
  tokenParameter: 'pageToken',
} as const;

/** One page of the Gemini format: its models as entries, and the token of the next. */
function geminiPage(models: readonly Model[], nextPageToken: string | undefined): GeminiModelList {
  const entries = models.map(geminiEntry);
  return nextPageToken === undefined ? { models: entries } : { models: entries, nextPageToken };
}

/** One model as an entry of Gemini's list (and the body of `GET /v1beta/models/{model}`). */
function geminiEntry(model: Model): GeminiModelEntry {
  const methods = GENERATION_METHODS[model.category];
  return {
    // A tuned model's resource is `tunedModels/...` itself, not under `models/`.
    name: model.id.startsWith('tunedModels/') ? model.id : `models/${model.id}`,
    baseModelId: model.id,
    displayName: model.name,
    ...(model.description ? { description: model.description } : {}),
    ...(model.contextLength ? { inputTokenLimit: model.contextLength } : {}),
    ...(model.maxOutputTokens ? { outputTokenLimit: model.maxOutputTokens } : {}),
    ...(methods ? { supportedGenerationMethods: [...methods] } : {}),
    ...(model.capabilities?.reasoning === undefined
      ? {}
      : { thinking: model.capabilities.reasoning }),
  };
}

/**
 * The Gemini format of the models handler: {@link toGeminiModelList}, paged with `pageSize` and
 * `pageToken` (or `page_size` and `page_token`); ids are `<provider>/<id>` when the answer spans
 * providers (option `qualifyIds`).
 *
 * @example
 * ```ts
 * const body = geminiFormat.render(input, geminiFormat.readQuery(new URLSearchParams('pageSize=10')));
 * ```
 */
export const geminiFormat: WireFormat<GeminiPageRequest> = {
  readQuery: (query) => ({
    // 0 is Google's "unspecified" (AIP-158): the default page size.
    pageSize: /^0+$/.test(queryText(query, 'pageSize', 'page_size') ?? '')
      ? undefined
      : queryWholeNumber(query, 'pageSize', 'page_size'),
    pageToken: queryText(query, 'pageToken', 'page_token'),
  }),
  render(input, page) {
    const paged = pageByToken(
      input.models('rendered'),
      input.pageKey('rendered'),
      { ...page, scope: input.scope },
      GEMINI_PAGING,
    );
    return {
      ...geminiPage(input.rendered(paged.models), paged.nextPageToken),
      ...errorsField(input),
    };
  },
  renderOne: (input, model) => geminiEntry(input.rendered([model])[0]!),
};
