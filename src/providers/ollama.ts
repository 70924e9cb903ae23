import * as v from 'valibot';
import type { ProviderAdapter } from '../types.js';
import { buildModel, joinUrl, unixSeconds } from './build-model.js';
import { apiKeySetting, baseURLSetting, bearerHeader, defineProvider } from './define-provider.js';
import { parseResponse } from './parse-response.js';

/**
 * Options of {@link ollama}.
 *
 * @example
 * ```ts
 * const options: OllamaProviderOptions = { baseURL: 'http://gpu-box:11434' };
 * const catalog = createModelCatalog({ providers: [ollama(options)] });
 * ```
 */
export interface OllamaProviderOptions {
  /**
   * Server root the `/api/tags` path is appended to.
   * Default: `OLLAMA_BASE_URL`, else `http://localhost:11434`.
   */
  readonly baseURL?: string;
  /**
   * Key for ollama.com or an authenticating proxy, sent as `Authorization: Bearer`
   * when set. A local server needs none. Default: the `OLLAMA_API_KEY` environment variable.
   */
  readonly apiKey?: string;
  /** Extra request headers. */
  readonly headers?: Readonly<Record<string, string>>;
}

const TagListSchema = v.object({
  models: v.array(
    v.looseObject({
      name: v.nullish(v.string()),
      model: v.nullish(v.string()),
      modified_at: v.nullish(v.string()),
      details: v.nullish(
        v.looseObject({
          family: v.nullish(v.string()),
          parameter_size: v.nullish(v.string()),
          quantization_level: v.nullish(v.string()),
        }),
      ),
      capabilities: v.nullish(v.array(v.string())),
    }),
  ),
});

/**
 * The Ollama provider: `GET {baseURL}/api/tags`, the models pulled on a server.
 * No key is needed locally; one is sent as `Authorization: Bearer` when set.
 *
 * The id is the tag's `name` as given (with `:latest`, the id you call). The
 * description joins the reported family, parameter size and quantization, as in
 * `qwen3 · 32.8B · Q4_K_M`; `created` is the `modified_at` time. Newer servers
 * report `capabilities` (completion, embedding, vision, ...), which decide the
 * category; older ones do not, and the id decides. In the default provider set
 * Ollama is used only when `OLLAMA_BASE_URL` is set; `ollama()` passed in
 * `providers` uses the local default address.
 *
 * @example
 * ```ts
 * const catalog = createModelCatalog({ providers: [ollama({ baseURL: 'http://gpu-box:11434' })] });
 * ```
 */
export function ollama(options: OllamaProviderOptions = {}): ProviderAdapter {
  return defineProvider({
    id: 'ollama',
    headers: options.headers,
    settings: {
      baseURL: baseURLSetting({
        value: options.baseURL,
        env: 'OLLAMA_BASE_URL',
        default: 'http://localhost:11434',
      }),
      apiKey: apiKeySetting({ value: options.apiKey, env: 'OLLAMA_API_KEY', required: false }),
    },
    detectEnv: ['OLLAMA_BASE_URL'],
    async listModels({ http, settings, headers }) {
      const body = await http.getJson(joinUrl(settings.baseURL, 'api/tags'), {
        headers: {
          ...headers,
          ...bearerHeader(settings.apiKey),
        },
      });
      const { models } = parseResponse(TagListSchema, body, 'ollama');
      const entries = models.flatMap((entry) => {
        const id = entry.name || entry.model;
        return id ? [{ id, entry }] : [];
      });
      return {
        skipped: models.length - entries.length,
        models: entries.map(({ id, entry }) => {
          const details = entry.details;
          const description = [
            details?.family,
            details?.parameter_size,
            details?.quantization_level,
          ]
            .filter((part) => part?.trim())
            .join(' · ');
          return buildModel({
            id,
            provider: 'ollama',
            hints: { capabilities: entry.capabilities ?? undefined },
            description,
            created: unixSeconds(entry.modified_at),
          });
        }),
      };
    },
  });
}
