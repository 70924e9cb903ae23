import * as v from 'valibot';
import { checkOptionNames } from '../core/check-option.js';
import type { Model, ProviderAdapter } from '../types.js';
import {
  apiRoot,
  buildModel,
  flagsFromList,
  inputFlags,
  joinUrl,
  normalizeModalities,
  positiveInteger,
  type WithId,
  withId,
} from './build-model.js';
import {
  apiKeySetting,
  baseURLSetting,
  bearerHeader,
  defineBuiltInProvider,
} from './define-provider.js';
import { parseResponse } from './parse-response.js';

/**
 * Options of {@link groq}.
 *
 * @example
 * ```ts
 * const options: GroqProviderOptions = { apiKey: 'gsk_...' };
 * const catalog = createModelCatalog({ providers: [groq(options)] });
 * ```
 */
export interface GroqProviderOptions {
  /** API key. Default: the `GROQ_API_KEY` environment variable. */
  readonly apiKey?: string | undefined;
  /**
   * The API's host, as in Groq's SDK (`https://api.groq.com`), or its root with the version path
   * (`https://api.groq.com/openai/v1`): a URL that does not end in `/v1` gets `/openai/v1`
   * appended. Default: `GROQ_BASE_URL`, else `https://api.groq.com/openai/v1`.
   */
  readonly baseURL?: string | undefined;
  /** Extra request headers. */
  readonly headers?: Readonly<Record<string, string>> | undefined;
}

/** Groq's output modality words, in the catalog's vocabulary. */
const OUTPUT_MODALITIES: Readonly<Record<string, string>> = {
  speech: 'audio',
  transcription: 'text',
};

/** Groq's `supported_features`, as OpenRouter-style request parameters; unknown features are left out. */
const FEATURE_PARAMETERS: Readonly<Record<string, string>> = {
  tools: 'tools',
  json_mode: 'response_format',
  structured_outputs: 'structured_outputs',
  reasoning: 'reasoning',
};

/** Groq's `supported_features`, by capability flag. */
const FEATURE_FLAGS = {
  tools: ['tools'],
  jsonMode: ['json_mode'],
  structuredOutput: ['structured_outputs'],
  reasoning: ['reasoning'],
};

const ModelListSchema = v.object({
  data: v.array(
    v.looseObject({
      id: v.nullish(v.string()),
      name: v.nullish(v.string()),
      created: v.nullish(v.number()),
      owned_by: v.nullish(v.string()),
      active: v.nullish(v.boolean()),
      context_window: v.nullish(v.number()),
      max_completion_tokens: v.nullish(v.number()),
      input_modalities: v.nullish(v.array(v.string())),
      output_modalities: v.nullish(v.array(v.string())),
      supported_features: v.nullish(v.array(v.string())),
    }),
  ),
});

type GroqModel = v.InferOutput<typeof ModelListSchema>['data'][number];

/**
 * The Groq provider: `GET {baseURL}/models` with `Authorization: Bearer`.
 * Reports context window, output limit, owner (the model's vendor) and, in newer
 * responses, display name, modalities (`transcription` output is speech-to-text,
 * `speech` output is text-to-speech) and supported features, which also answer the `tools`,
 * `jsonMode`, `structuredOutput` and `reasoning` flags; input modalities answer `vision` and
 * `audioInput`. A model Groq marks `active: false` is kept, `lifecycle.status: 'retired'` (it
 * cannot be called) and so `deprecated: true`; `active: true` is `active`.
 *
 * @example
 * ```ts
 * const catalog = createModelCatalog({ providers: [groq({ apiKey: 'gsk_...' })] });
 * ```
 */
export function groq(options: GroqProviderOptions = {}): ProviderAdapter {
  checkOptionNames('groq()', options, ['apiKey', 'baseURL', 'headers']);
  return defineBuiltInProvider({
    id: 'groq',
    headers: options.headers,
    settings: {
      apiKey: apiKeySetting({ value: options.apiKey, env: 'GROQ_API_KEY' }),
      baseURL: baseURLSetting({
        value: options.baseURL,
        env: 'GROQ_BASE_URL',
        default: 'https://api.groq.com/openai/v1',
      }),
    },
    async listModels({ http, settings, headers }) {
      const body = await http.getJson(joinUrl(apiRoot(settings.baseURL, '/openai/v1'), 'models'), {
        headers: { ...headers, ...bearerHeader(settings.apiKey) },
      });
      const { data } = parseResponse(ModelListSchema, body, 'groq');
      const entries = withId(data, 'id');
      return { skipped: data.length - entries.length, models: entries.map(toModel) };
    },
  });
}

function toModel(entry: WithId<GroqModel, 'id'>): Model {
  const outputModalities = entry.output_modalities?.map(
    (value) => OUTPUT_MODALITIES[value.toLowerCase()] ?? value,
  );
  return buildModel({
    id: entry.id,
    provider: 'groq',
    name: entry.name,
    created: entry.created,
    ownedBy: entry.owned_by,
    contextLength: positiveInteger(entry.context_window),
    maxOutputTokens: positiveInteger(entry.max_completion_tokens),
    inputModalities: normalizeModalities(entry.input_modalities),
    outputModalities: normalizeModalities(outputModalities),
    supportedParameters: entry.supported_features
      ?.map((feature) => FEATURE_PARAMETERS[feature.toLowerCase()])
      .filter((parameter): parameter is string => parameter !== undefined),
    // `supported_features` and `input_modalities` are complete lists: what they leave out is a no.
    capabilities: {
      ...flagsFromList(entry.supported_features, FEATURE_FLAGS),
      ...inputFlags(entry.input_modalities),
    },
    // An inactive model is listed but cannot be called.
    lifecycle: {
      status: entry.active === false ? 'retired' : entry.active ? 'active' : undefined,
    },
    // Groq's own words decide: `transcription` is stt, `speech` is tts.
    hints: {
      inputModalities: entry.input_modalities ?? undefined,
      outputModalities: entry.output_modalities ?? undefined,
    },
  });
}
