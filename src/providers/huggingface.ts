import * as v from 'valibot';
import { checkOptionNames } from '../core/check-option.js';
import type { ModelPricing, ProviderAdapter } from '../types.js';
import {
  buildPricing,
  inputFlags,
  normalizeModalities,
  positiveInteger,
  pricePerMillion,
} from './build-model.js';
import { apiKeySetting, baseURLSetting } from './define-provider.js';
import { createOpenAICompatibleProvider } from './openai-compatible.js';

/**
 * Options of {@link huggingface}.
 *
 * @example
 * ```ts
 * const options: HuggingFaceProviderOptions = { apiKey: 'hf_...' };
 * const catalog = createModelCatalog({ providers: [huggingface(options)] });
 * ```
 */
export interface HuggingFaceProviderOptions {
  /** Access token. Default: the `HF_TOKEN` (Hugging Face's libraries), else `HUGGINGFACE_API_KEY` (the AI SDK's) environment variable. */
  readonly apiKey?: string | undefined;
  /** API root the `/models` path is appended to. Default: `HF_BASE_URL`, else `https://router.huggingface.co/v1`. */
  readonly baseURL?: string | undefined;
  /** Extra request headers. */
  readonly headers?: Readonly<Record<string, string>> | undefined;
}

const ProviderEntrySchema = v.looseObject({
  status: v.nullish(v.string()),
  context_length: v.nullish(v.unknown()),
  supports_tools: v.nullish(v.boolean()),
  supports_structured_output: v.nullish(v.boolean()),
  pricing: v.nullish(
    v.looseObject({ input: v.nullish(v.unknown()), output: v.nullish(v.unknown()) }),
  ),
});

type ProviderEntry = v.InferOutput<typeof ProviderEntrySchema>;

/**
 * The Hugging Face Inference Providers router: the OpenAI-compatible `GET {baseURL}/models` with
 * `Authorization: Bearer <HF_TOKEN>`. Modalities come from `architecture`. Context length and
 * prices differ per inference provider, so they are set only when every live provider that
 * serves the model reports the same value. Input modalities answer `vision` and `audioInput`;
 * `supports_tools` and `supports_structured_output` are true when a live provider supports them
 * and false when every live provider that reports them says no.
 *
 * @example
 * ```ts
 * const catalog = createModelCatalog({ providers: [huggingface({ apiKey: 'hf_...' })] });
 * ```
 */
export function huggingface(options: HuggingFaceProviderOptions = {}): ProviderAdapter {
  checkOptionNames('huggingface()', options, ['apiKey', 'baseURL', 'headers']);
  return createOpenAICompatibleProvider({
    id: 'huggingface',
    apiKey: apiKeySetting({ value: options.apiKey, env: ['HF_TOKEN', 'HUGGINGFACE_API_KEY'] }),
    baseURL: baseURLSetting({
      value: options.baseURL,
      env: 'HF_BASE_URL',
      default: 'https://router.huggingface.co/v1',
    }),
    headers: options.headers,
    entries: {
      architecture: v.nullish(
        v.looseObject({
          input_modalities: v.nullish(v.array(v.string())),
          output_modalities: v.nullish(v.array(v.string())),
        }),
      ),
      providers: v.nullish(v.array(ProviderEntrySchema)),
    },
    mapEntry: ({ architecture, providers }) => {
      const inputModalities = normalizeModalities(architecture?.input_modalities);
      const outputModalities = normalizeModalities(architecture?.output_modalities);
      const live = (providers ?? []).filter((provider) => provider.status === 'live');
      return {
        inputModalities,
        outputModalities,
        hints: { inputModalities, outputModalities },
        contextLength: agreed(live.map((provider) => positiveInteger(provider.context_length))),
        pricing: agreedPricing(live),
        capabilities: {
          ...inputFlags(inputModalities),
          tools: anyProvider(live.map((provider) => provider.supports_tools)),
          structuredOutput: anyProvider(
            live.map((provider) => provider.supports_structured_output),
          ),
        },
      };
    },
  });
}

/**
 * A flag of the model across its live providers: true when one of them supports it (requests
 * can be routed there), false when every one that reports it says no, undefined when none reports it.
 */
function anyProvider(flags: readonly (boolean | null | undefined)[]): boolean | undefined {
  const reported = flags.filter((flag) => typeof flag === 'boolean');
  return reported.length > 0 ? reported.includes(true) : undefined;
}

/** The one value every item holds, or undefined when any is missing or two differ. */
function agreed(values: readonly (number | undefined)[]): number | undefined {
  const first = values[0];
  return first !== undefined && values.every((value) => value === first) ? first : undefined;
}

function agreedPricing(live: readonly ProviderEntry[]): ModelPricing | undefined {
  return buildPricing({
    input: agreed(live.map((provider) => pricePerMillion(provider.pricing?.input, 1))),
    output: agreed(live.map((provider) => pricePerMillion(provider.pricing?.output, 1))),
  });
}
