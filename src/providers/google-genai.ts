import * as v from 'valibot';
import { checkOptionNames } from '../core/check-option.js';
import type { HttpClient, HttpRequest, Model, ProviderAdapter } from '../types.js';
import {
  apiRoot,
  buildModel,
  joinUrl,
  positiveInteger,
  unixSeconds,
  withId,
} from './build-model.js';
import { collectPages } from './collect-pages.js';
import { apiKeySetting, baseURLSetting, defineBuiltInProvider } from './define-provider.js';
import { parseResponse } from './parse-response.js';

/**
 * Options of {@link googleGenAI}.
 *
 * @example
 * ```ts
 * const options: GoogleGenAIProviderOptions = { apiKey: 'AIza...' };
 * const catalog = createModelCatalog({ providers: [googleGenAI(options)] });
 * ```
 */
export interface GoogleGenAIProviderOptions {
  /**
   * API key, sent in the `x-goog-api-key` header (never in the URL). Default: the
   * `GOOGLE_GENERATIVE_AI_API_KEY`, else `GOOGLE_API_KEY`, else `GEMINI_API_KEY` environment variable.
   */
  readonly apiKey?: string | undefined;
  /**
   * The API's host, as Google's Gen AI SDK takes it (`https://generativelanguage.googleapis.com`),
   * or its root with the version path (`.../v1beta`): a URL that does not end in a version gets
   * `/v1beta` appended. Default: `GOOGLE_GENERATIVE_AI_BASE_URL`, else `GOOGLE_GEMINI_BASE_URL`
   * (the Gen AI SDK's), else `https://generativelanguage.googleapis.com/v1beta`.
   */
  readonly baseURL?: string | undefined;
  /** Extra request headers. */
  readonly headers?: Readonly<Record<string, string>> | undefined;
  /**
   * Also list the account's tuned models (`GET {baseURL}/tunedModels`), marked `fineTuned`.
   * A key that may not list them lists the base models alone. Default: `true`.
   */
  readonly tunedModels?: boolean | undefined;
}

const PAGE_SIZE = 1000;

/** Methods that generate text or audio tokens; a model with none of them has no real output token limit. */
const GENERATING_METHODS = [
  'generateContent',
  'bidiGenerateContent',
  'generateAnswer',
  'generateText',
  'generateMessage',
];

const ModelPageSchema = v.object({
  models: v.array(
    v.looseObject({
      name: v.nullish(v.string()),
      displayName: v.nullish(v.string()),
      description: v.nullish(v.string()),
      inputTokenLimit: v.nullish(v.number()),
      outputTokenLimit: v.nullish(v.number()),
      supportedGenerationMethods: v.nullish(v.array(v.string())),
      baseModelId: v.nullish(v.string()),
      thinking: v.nullish(v.boolean()),
    }),
  ),
  nextPageToken: v.nullish(v.string()),
});

const TunedModelPageSchema = v.object({
  // Google's JSON leaves empty lists out: an account without tuned models answers `{}`.
  tunedModels: v.optional(
    v.array(
      v.looseObject({
        name: v.nullish(v.string()),
        displayName: v.nullish(v.string()),
        description: v.nullish(v.string()),
        baseModel: v.nullish(v.string()),
        state: v.nullish(v.string()),
        createTime: v.nullish(v.string()),
      }),
    ),
    [],
  ),
  nextPageToken: v.nullish(v.string()),
});

type GoogleModel = v.InferOutput<typeof ModelPageSchema>['models'][number];

/**
 * The Google Gemini (Generative Language API) provider: `GET {baseURL}/models?pageSize=1000`
 * with the key in the `x-goog-api-key` header, following `nextPageToken` to the last page.
 * Ids lose their `models/` prefix; name, description and token limits are reported, and
 * `supportedGenerationMethods` classifies embedding (`embedContent`), image (`predict` on
 * Imagen), video (`predictLongRunning`, as `other`), TTS and live models. `thinking` is
 * `capabilities.reasoning`, `createCachedContent` among the methods is `promptCaching` (false
 * when the methods leave it out), and `baseModelId` is `baseModel`; `version` is not mapped, as
 * Google reuses it across models. The account's tuned models (`GET {baseURL}/tunedModels`, active
 * ones) are listed too, under their `tunedModels/...` names, `fineTuned` with their `baseModel`.
 * The catalog also accepts `gemini` and `google` as this provider's id.
 *
 * @example
 * ```ts
 * const catalog = createModelCatalog({ providers: [googleGenAI({ apiKey: 'AIza...' })] });
 * const { models } = await catalog.listModels({ provider: 'gemini' });
 * ```
 */
export function googleGenAI(options: GoogleGenAIProviderOptions = {}): ProviderAdapter {
  checkOptionNames('googleGenAI()', options, ['apiKey', 'baseURL', 'headers', 'tunedModels']);
  return defineBuiltInProvider({
    id: 'google-genai',
    headers: options.headers,
    listOptions: { withoutTunedModels: options.tunedModels === false },
    aliases: ['gemini', 'google'],
    settings: {
      apiKey: apiKeySetting({
        value: options.apiKey,
        env: ['GOOGLE_GENERATIVE_AI_API_KEY', 'GOOGLE_API_KEY', 'GEMINI_API_KEY'],
      }),
      baseURL: baseURLSetting({
        value: options.baseURL,
        env: ['GOOGLE_GENERATIVE_AI_BASE_URL', 'GOOGLE_GEMINI_BASE_URL'],
        default: 'https://generativelanguage.googleapis.com/v1beta',
      }),
    },
    async listModels({ http, settings, headers, maxModels }) {
      const root = apiRoot(settings.baseURL, '/v1beta');
      const url = joinUrl(root, 'models');
      const request = { headers: { ...headers, 'x-goog-api-key': settings.apiKey } };
      // Asked beside the base models; it never rejects (see listTuned).
      const tuned = options.tunedModels === false ? [] : listTuned(http, root, request);
      const entries = await collectPages(
        'google-genai',
        async (cursor) => {
          const body = await http.getJson(url, {
            ...request,
            searchParams: { pageSize: PAGE_SIZE, pageToken: cursor },
          });
          // Google's JSON leaves empty lists out: a later page may be `{}` or just a next token.
          // Anything else without `models` (an error body, say) stays a wrong shape.
          const emptyLater =
            cursor !== undefined &&
            typeof body === 'object' &&
            body !== null &&
            Object.keys(body).every((key) => key === 'nextPageToken');
          const filled = emptyLater ? { ...body, models: [] } : body;
          const page = parseResponse(ModelPageSchema, filled, 'google-genai');
          return { items: page.models, next: page.nextPageToken };
        },
        maxModels,
      );
      const models = entries.flatMap((entry) => {
        const id = modelId(entry);
        return id ? [toModel(id, entry)] : [];
      });
      return { skipped: entries.length - models.length, models: [...models, ...(await tuned)] };
    },
  });
}

/**
 * The account's active tuned models. Listing them is an addition: any failure (a key that may
 * not list them, an API version without them) leaves the base models alone.
 */
async function listTuned(
  http: HttpClient,
  baseURL: string,
  request: HttpRequest,
): Promise<Model[]> {
  const url = joinUrl(baseURL, 'tunedModels');
  try {
    const entries = await collectPages('google-genai', async (cursor) => {
      const body = await http.getJson(url, {
        ...request,
        searchParams: { pageSize: PAGE_SIZE, pageToken: cursor },
      });
      const page = parseResponse(TunedModelPageSchema, body, 'google-genai', 'tuned model list');
      return { items: page.tunedModels, next: page.nextPageToken };
    });
    return withId(entries, 'name')
      .filter((entry) => !entry.state || entry.state === 'ACTIVE')
      .map((entry) =>
        buildModel({
          id: entry.name,
          provider: 'google-genai',
          name: entry.displayName,
          description: entry.description,
          created: unixSeconds(entry.createTime),
          fineTuned: true,
          baseModel: entry.baseModel?.replace(/^models\//, ''),
        }),
      );
  } catch {
    return [];
  }
}

function toModel(id: string, entry: GoogleModel): Model {
  const methods = entry.supportedGenerationMethods ?? [];
  const generates = methods.some((method) => GENERATING_METHODS.includes(method));
  return buildModel({
    id,
    provider: 'google-genai',
    name: entry.displayName,
    description: entry.description,
    contextLength: positiveInteger(entry.inputTokenLimit),
    // Embedding, Imagen and Veo models report an output limit (1 or 8192) that no request can use.
    maxOutputTokens:
      generates || methods.length === 0 ? positiveInteger(entry.outputTokenLimit) : undefined,
    hints: { capabilities: methods },
    baseModel: entry.baseModelId,
    capabilities: {
      reasoning: entry.thinking,
      promptCaching: entry.supportedGenerationMethods
        ? methods.includes('createCachedContent')
        : undefined,
    },
  });
}

/** `models/gemini-2.5-flash` -> `gemini-2.5-flash`. */
function modelId(entry: GoogleModel): string | undefined {
  return entry.name?.replace(/^models\//, '') || undefined;
}
