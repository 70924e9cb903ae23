import * as v from 'valibot';
import { checkOptionNames } from '../core/check-option.js';
import type { ProviderAdapter } from '../types.js';
import { apiRoot, buildModel, joinUrl, withId } from './build-model.js';
import { apiKeySetting, baseURLSetting, defineBuiltInProvider } from './define-provider.js';
import { parseResponse } from './parse-response.js';

/**
 * Options of {@link elevenlabs}.
 *
 * @example
 * ```ts
 * const options: ElevenLabsProviderOptions = { apiKey: '...' };
 * const catalog = createModelCatalog({ providers: [elevenlabs(options)] });
 * ```
 */
export interface ElevenLabsProviderOptions {
  /** API key, sent as `xi-api-key`. Default: the `ELEVENLABS_API_KEY` environment variable. */
  readonly apiKey?: string | undefined;
  /**
   * The API's host, as the ElevenLabs SDK's `baseUrl` (`https://api.elevenlabs.io`), or its root with
   * `/v1`: a URL that does not end in a version path gets `/v1` appended. Default:
   * `ELEVENLABS_BASE_URL`, else `https://api.elevenlabs.io/v1`.
   */
  readonly baseURL?: string | undefined;
  /** Extra request headers. */
  readonly headers?: Readonly<Record<string, string>> | undefined;
}

const ModelListSchema = v.array(
  v.looseObject({
    model_id: v.nullish(v.string()),
    name: v.nullish(v.string()),
    description: v.nullish(v.string()),
    can_do_text_to_speech: v.nullish(v.boolean()),
    can_do_voice_conversion: v.nullish(v.boolean()),
  }),
);

/**
 * The ElevenLabs provider: `GET {baseURL}/models` with the `xi-api-key` header
 * (no `Authorization`). The answer is a bare array keyed by `model_id`.
 *
 * `can_do_text_to_speech` and `can_do_voice_conversion` (speech to speech) make
 * a model `tts`; a speech-to-text model such as `scribe_v1` is `stt` by its id.
 * The listing's limits are in characters, not tokens, so no context length is
 * reported.
 *
 * @example
 * ```ts
 * const catalog = createModelCatalog({ providers: [elevenlabs({ apiKey: '...' })] });
 * ```
 */
export function elevenlabs(options: ElevenLabsProviderOptions = {}): ProviderAdapter {
  checkOptionNames('elevenlabs()', options, ['apiKey', 'baseURL', 'headers']);
  return defineBuiltInProvider({
    id: 'elevenlabs',
    headers: options.headers,
    settings: {
      apiKey: apiKeySetting({ value: options.apiKey, env: 'ELEVENLABS_API_KEY' }),
      baseURL: baseURLSetting({
        value: options.baseURL,
        env: 'ELEVENLABS_BASE_URL',
        default: 'https://api.elevenlabs.io/v1',
      }),
    },
    async listModels({ http, settings, headers }) {
      const body = await http.getJson(joinUrl(apiRoot(settings.baseURL, '/v1'), 'models'), {
        headers: { ...headers, 'xi-api-key': settings.apiKey },
      });
      const data = parseResponse(ModelListSchema, body, 'elevenlabs');
      const entries = withId(data, 'model_id');
      return {
        skipped: data.length - entries.length,
        models: entries.map((entry) =>
          buildModel({
            id: entry.model_id,
            provider: 'elevenlabs',
            name: entry.name,
            description: entry.description,
            hints: {
              capabilities: [
                ...(entry.can_do_text_to_speech ? ['text_to_speech'] : []),
                ...(entry.can_do_voice_conversion ? ['voice_conversion'] : []),
              ],
            },
          }),
        ),
      };
    },
  });
}
