import * as v from 'valibot';
import type { ProviderAdapter } from '../provider.js';
import { buildModel, joinUrl } from './build-model.js';
import { parseResponse } from './parse-response.js';

/** Options of {@link openai}. */
export interface OpenAIProviderOptions {
  /** API key. Default: the `OPENAI_API_KEY` environment variable. */
  readonly apiKey?: string;
  /** API root the `/models` path is appended to. Default: `OPENAI_BASE_URL`, else `https://api.openai.com/v1`. */
  readonly baseURL?: string;
  /** Extra request headers, such as `OpenAI-Organization` or `OpenAI-Project`. */
  readonly headers?: Readonly<Record<string, string>>;
}

const ModelListSchema = v.object({
  data: v.array(
    v.looseObject({
      id: v.nullish(v.string()),
      created: v.nullish(v.number()),
      owned_by: v.nullish(v.string()),
    }),
  ),
});

/**
 * The OpenAI provider: `GET {baseURL}/models` with `Authorization: Bearer`.
 * OpenAI reports only id, creation time and owner, so categories come from the id.
 *
 * @example
 * ```ts
 * const catalog = createModelCatalog({ providers: [openai({ apiKey: 'sk-...' })] });
 * ```
 */
export function openai(options: OpenAIProviderOptions = {}): ProviderAdapter {
  return {
    id: 'openai',
    settings: {
      apiKey: {
        value: options.apiKey,
        env: ['OPENAI_API_KEY'],
        required: true,
        secret: true,
        option: 'apiKey',
      },
      baseURL: {
        value: options.baseURL,
        env: ['OPENAI_BASE_URL'],
        default: 'https://api.openai.com/v1',
        option: 'baseURL',
      },
    },
    async listModels({ http, settings }) {
      const body = await http.getJson(joinUrl(settings.baseURL!, 'models'), {
        headers: { ...options.headers, authorization: `Bearer ${settings.apiKey}` },
      });
      const { data } = parseResponse(ModelListSchema, body, 'openai');
      const entries = data.filter((entry) => entry.id);
      return {
        skipped: data.length - entries.length,
        models: entries.map((entry) =>
          buildModel({
            id: entry.id!,
            provider: 'openai',
            created: entry.created,
            ownedBy: entry.owned_by,
          }),
        ),
      };
    },
  };
}
