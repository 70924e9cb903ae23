import * as v from 'valibot';
import { checkOptionNames } from '../core/check-option.js';
import { NotConfiguredError } from '../errors/index.js';
import type { ProviderAdapter } from '../types.js';
import {
  buildModel,
  isoDate,
  joinUrl,
  lifecycleStatus,
  positiveInteger,
  withId,
} from './build-model.js';
import { apiKeySetting, defineBuiltInProvider, setting } from './define-provider.js';
import { parseResponse } from './parse-response.js';

/**
 * Options of {@link azure}.
 *
 * @example
 * ```ts
 * const options: AzureProviderOptions = { apiKey: '...', resourceName: 'my-resource', apiVersion: '2024-10-21' };
 * const catalog = createModelCatalog({ providers: [azure(options)] });
 * ```
 */
export interface AzureProviderOptions {
  /** Resource key, sent as `api-key`. Default: the `AZURE_OPENAI_API_KEY` (openai-node's), else `AZURE_API_KEY` (the AI SDK's) environment variable. */
  readonly apiKey?: string | undefined;
  /**
   * Resource endpoint such as `https://my-resource.openai.azure.com`.
   * Default: `AZURE_OPENAI_ENDPOINT`, else built from the resource name.
   */
  readonly endpoint?: string | undefined;
  /** Resource name, used as `https://{resourceName}.openai.azure.com` when no endpoint is set. Default: `AZURE_RESOURCE_NAME`. */
  readonly resourceName?: string | undefined;
  /** Data-plane API version. Default: `AZURE_OPENAI_API_VERSION`, else `OPENAI_API_VERSION` (openai-node's), else `2024-10-21`. */
  readonly apiVersion?: string | undefined;
  /** Extra request headers. */
  readonly headers?: Readonly<Record<string, string>> | undefined;
}

const ModelListSchema = v.object({
  data: v.array(
    v.looseObject({
      id: v.nullish(v.string()),
      created_at: v.nullish(v.number()),
      lifecycle_status: v.nullish(v.string()),
      deprecation: v.nullish(v.looseObject({ inference: v.nullish(v.number()) })),
      model: v.nullish(v.string()),
      fine_tune: v.nullish(v.string()),
      capabilities: v.nullish(
        v.looseObject({
          chat_completion: v.nullish(v.boolean()),
          completion: v.nullish(v.boolean()),
          embeddings: v.nullish(v.boolean()),
          inference: v.nullish(v.boolean()),
          fine_tune: v.nullish(v.boolean()),
        }),
      ),
    }),
  ),
});

const CAPABILITIES = [
  'chat_completion',
  'completion',
  'embeddings',
  'inference',
  'fine_tune',
] as const;

/** Azure's `lifecycle_status` values, as lifecycle statuses. */
const STATUSES = {
  'generally-available': 'active',
  preview: 'preview',
  deprecating: 'deprecated',
  deprecated: 'deprecated',
  retiring: 'deprecated',
  retired: 'retired',
} as const;

/**
 * The Azure OpenAI provider: `GET {endpoint}/openai/models?api-version=...`
 * with the `api-key` header (no `Authorization`).
 *
 * This lists the models the resource can use, base and fine-tuned, not its
 * deployments (requests name a deployment, which Azure lists only through ARM).
 * Models whose `capabilities.inference` is false can only be fine-tuned and are
 * left out. True capabilities classify the model, `created_at` is its creation
 * time, `lifecycle_status` is the lifecycle status (generally-available: active,
 * preview, deprecating and deprecated: deprecated, retired), and the scheduled end of
 * inference (`deprecation.inference`) is `lifecycle.shutdownAt`: a date as reported, never
 * compared with the clock, so a cached list keeps its meaning. A fine-tuned model (with
 * `fine_tune` and `model`) is `fineTuned`, its `model` the `baseModel`.
 *
 * @example
 * ```ts
 * const catalog = createModelCatalog({
 *   providers: [azure({ apiKey: '...', resourceName: 'my-resource' })],
 * });
 * ```
 */
export function azure(options: AzureProviderOptions = {}): ProviderAdapter {
  checkOptionNames('azure()', options, [
    'apiKey',
    'endpoint',
    'resourceName',
    'apiVersion',
    'headers',
  ]);
  return defineBuiltInProvider({
    id: 'azure',
    headers: options.headers,
    settings: {
      apiKey: apiKeySetting({
        value: options.apiKey,
        env: ['AZURE_OPENAI_API_KEY', 'AZURE_API_KEY'],
      }),
      // A resource name given in code beats an endpoint from the environment.
      endpoint: setting({
        option: 'endpoint',
        value: options.endpoint ?? resourceEndpoint(options.resourceName),
        env: 'AZURE_OPENAI_ENDPOINT',
      }),
      resourceName: setting({
        option: 'resourceName',
        value: options.resourceName,
        env: 'AZURE_RESOURCE_NAME',
        format: 'host-label',
      }),
      apiVersion: setting({
        option: 'apiVersion',
        value: options.apiVersion,
        env: ['AZURE_OPENAI_API_VERSION', 'OPENAI_API_VERSION'],
        default: '2024-10-21',
      }),
    },
    // Azure needs to know which resource to ask: an endpoint, or a resource name.
    requireOneOf: [['endpoint'], ['resourceName']],
    detectEnv: ['AZURE_OPENAI_ENDPOINT', 'AZURE_RESOURCE_NAME'],
    async listModels({ http, settings, headers }) {
      const endpoint = settings.endpoint ?? resourceEndpoint(settings.resourceName);
      if (endpoint === undefined) {
        // The catalog checks `requireOneOf` before listing; this is for a direct call.
        throw new NotConfiguredError(
          'azure',
          'Provider "azure" is not configured: set the `endpoint` or `resourceName` option.',
        );
      }
      const body = await http.getJson(joinUrl(endpoint, 'openai/models'), {
        headers: { ...headers, 'api-key': settings.apiKey },
        searchParams: { 'api-version': settings.apiVersion },
      });
      const { data } = parseResponse(ModelListSchema, body, 'azure');
      const entries = withId(data, 'id');
      return {
        skipped: data.length - entries.length,
        models: entries
          .filter((entry) => entry.capabilities?.inference !== false)
          .map((entry) =>
            buildModel({
              id: entry.id,
              provider: 'azure',
              hints: {
                capabilities: CAPABILITIES.filter((name) => entry.capabilities?.[name] === true),
              },
              created: positiveInteger(entry.created_at),
              lifecycle: {
                status: lifecycleStatus(entry.lifecycle_status, STATUSES),
                // The end of inference: when the model stops answering.
                shutdownAt: isoDate(entry.deprecation?.inference),
              },
              // A fine-tune names the model it was trained from.
              fineTuned: entry.fine_tune || entry.model ? true : undefined,
              baseModel: entry.model,
            }),
          ),
      };
    },
  });
}

function resourceEndpoint(resourceName: string | undefined): string | undefined {
  // Not a string: `defineProvider` throws the TypeError that names the option.
  const name = typeof resourceName === 'string' ? resourceName.trim() : undefined;
  return name ? `https://${name}.openai.azure.com` : undefined;
}
