import * as v from 'valibot';
import { checkOptionNames } from '../core/check-option.js';
import { NotConfiguredError } from '../errors/index.js';
import type { HttpClient, ProviderAdapter } from '../types.js';
import {
  buildModel,
  inputFlags,
  isoDate,
  joinUrl,
  lifecycleStatus,
  normalizeModalities,
  withId,
} from './build-model.js';
import { baseURLSetting, bearerHeader, defineBuiltInProvider, setting } from './define-provider.js';
import { parseResponse } from './parse-response.js';

/**
 * Options of {@link bedrock}.
 *
 * @example
 * ```ts
 * const options: BedrockProviderOptions = { region: 'eu-central-1', accessKeyId: 'AKIA...', secretAccessKey: '...' };
 * const catalog = createModelCatalog({ providers: [bedrock(options)] });
 * ```
 */
export interface BedrockProviderOptions {
  /** AWS access key id. Default: the `AWS_ACCESS_KEY_ID` environment variable. */
  readonly accessKeyId?: string | undefined;
  /** AWS secret access key. Default: the `AWS_SECRET_ACCESS_KEY` environment variable. */
  readonly secretAccessKey?: string | undefined;
  /** Session token of temporary credentials. Default: the `AWS_SESSION_TOKEN` environment variable. */
  readonly sessionToken?: string | undefined;
  /** AWS region whose catalog is listed. Default: `AWS_REGION`, else `AWS_DEFAULT_REGION`, else `us-east-1`. */
  readonly region?: string | undefined;
  /**
   * Amazon Bedrock API key, sent as `Authorization: Bearer` instead of a SigV4 signature.
   * Default: the `AWS_BEARER_TOKEN_BEDROCK` environment variable. AWS documents these keys for
   * Amazon Bedrock control-plane actions, which include ListFoundationModels; this library has
   * not confirmed it against the live API.
   */
  readonly bearerToken?: string | undefined;
  /**
   * API root the `/foundation-models` path is appended to, such as a VPC endpoint.
   * Default: `AWS_ENDPOINT_URL_BEDROCK`, else `https://bedrock.{region}.amazonaws.com`.
   */
  readonly baseURL?: string | undefined;
  /** Extra request headers (signed with the request). */
  readonly headers?: Readonly<Record<string, string>> | undefined;
  /**
   * Keep models that only support provisioned throughput (such as the `:200k` context variants),
   * which cannot be called on demand. Default: `false`.
   */
  readonly includeProvisionedOnly?: boolean | undefined;
}

const FoundationModelsSchema = v.object({
  modelSummaries: v.array(
    v.looseObject({
      modelId: v.nullish(v.string()),
      modelName: v.nullish(v.string()),
      providerName: v.nullish(v.string()),
      inputModalities: v.nullish(v.array(v.string())),
      outputModalities: v.nullish(v.array(v.string())),
      inferenceTypesSupported: v.nullish(v.array(v.string())),
      modelLifecycle: v.nullish(
        v.looseObject({
          status: v.nullish(v.string()),
          // Timestamps: epoch seconds in AWS's JSON, read as ISO strings too; anything else is left out.
          legacyTime: v.optional(v.unknown()),
          endOfLifeTime: v.optional(v.unknown()),
        }),
      ),
    }),
  ),
});

/** Bedrock's `modelLifecycle.status` values: `LEGACY` models are headed for retirement. */
const STATUSES = { active: 'active', legacy: 'deprecated' } as const;

/** Bedrock's modality names, in the vocabulary of {@link Model} (`embeddings`, `audio`). */
const MODALITIES: Readonly<Record<string, string>> = { embedding: 'embeddings', speech: 'audio' };

/**
 * The Amazon Bedrock provider: `GET https://bedrock.{region}.amazonaws.com/foundation-models`
 * (ListFoundationModels), signed with AWS SigV4 (service `bedrock`) or sent with a Bedrock API
 * key as a bearer token. It reports name, vendor, modalities (input modalities also as the
 * `vision` and `audioInput` flags) and lifecycle (`ACTIVE`: active, `LEGACY`: deprecated; the
 * legacy and end-of-life times as `deprecatedAt` and `shutdownAt`); no context
 * window, prices or model access (entitlements). Models that need an inference profile are
 * listed under their base id (`anthropic.claude-...`), not the `us.`/`eu.`/`global.` profile ids.
 *
 * Configured by an access key pair or a bearer token. An API key wins over access keys, except
 * that access keys passed in code win over an API key from the environment. In the default
 * provider set it is used when `AWS_ACCESS_KEY_ID` or `AWS_BEARER_TOKEN_BEDROCK` is set.
 *
 * @example
 * ```ts
 * const catalog = createModelCatalog({
 *   providers: [bedrock({ region: 'eu-central-1', accessKeyId: 'AKIA...', secretAccessKey: '...' })],
 * });
 * ```
 */
export function bedrock(options: BedrockProviderOptions = {}): ProviderAdapter {
  checkOptionNames('bedrock()', options, [
    'accessKeyId',
    'secretAccessKey',
    'sessionToken',
    'region',
    'bearerToken',
    'baseURL',
    'headers',
    'includeProvisionedOnly',
  ]);
  return defineBuiltInProvider({
    id: 'bedrock',
    headers: options.headers,
    listOptions: { includeProvisionedOnly: options.includeProvisionedOnly },
    detectEnv: ['AWS_ACCESS_KEY_ID', 'AWS_BEARER_TOKEN_BEDROCK'],
    requireOneOf: [['accessKeyId', 'secretAccessKey'], ['bearerToken']],
    settings: {
      accessKeyId: setting({
        option: 'accessKeyId',
        value: options.accessKeyId,
        env: 'AWS_ACCESS_KEY_ID',
        secret: true,
      }),
      secretAccessKey: setting({
        option: 'secretAccessKey',
        value: options.secretAccessKey,
        env: 'AWS_SECRET_ACCESS_KEY',
        secret: true,
      }),
      sessionToken: setting({
        option: 'sessionToken',
        value: options.sessionToken,
        env: 'AWS_SESSION_TOKEN',
        secret: true,
      }),
      region: setting({
        option: 'region',
        value: options.region,
        env: ['AWS_REGION', 'AWS_DEFAULT_REGION'],
        default: 'us-east-1',
        format: 'host-label',
      }),
      bearerToken: setting({
        option: 'bearerToken',
        value: options.bearerToken,
        env: 'AWS_BEARER_TOKEN_BEDROCK',
        secret: true,
      }),
      baseURL: baseURLSetting({
        value: options.baseURL,
        env: 'AWS_ENDPOINT_URL_BEDROCK',
        required: false,
      }),
    },
    async listModels({ http, settings, headers }) {
      const { region, accessKeyId, secretAccessKey, bearerToken } = settings;
      const url = joinUrl(
        settings.baseURL ?? `https://bedrock.${region}.amazonaws.com`,
        'foundation-models',
      );
      // Keys given in code beat a token from the environment (a token in code beats both).
      const keysInCode = Boolean(options.accessKeyId) && !options.bearerToken;
      let body: unknown;
      if (
        accessKeyId !== undefined &&
        secretAccessKey !== undefined &&
        (keysInCode || bearerToken === undefined)
      ) {
        const { sessionToken } = settings;
        body = await getSigned(http, url, {
          accessKeyId,
          secretAccessKey,
          sessionToken,
          region,
          headers,
        });
      } else if (bearerToken !== undefined) {
        body = await http.getJson(url, { headers: { ...headers, ...bearerHeader(bearerToken) } });
      } else {
        // The catalog checks `requireOneOf` before listing; this is for a direct call.
        throw new NotConfiguredError(
          'bedrock',
          'Provider "bedrock" is not configured: set an access key pair or a bearer token.',
        );
      }
      const { modelSummaries } = parseResponse(FoundationModelsSchema, body, 'bedrock');
      const entries = withId(modelSummaries, 'modelId');
      const callable = options.includeProvisionedOnly ? entries : entries.filter(isOnDemand);
      return {
        skipped: modelSummaries.length - entries.length,
        models: callable.map((entry) => {
          const inputModalities = modalities(entry.inputModalities);
          const outputModalities = modalities(entry.outputModalities);
          return buildModel({
            id: entry.modelId,
            provider: 'bedrock',
            name: entry.modelName,
            ownedBy: entry.providerName,
            inputModalities,
            outputModalities,
            // `text` alone also covers rerankers and guards: then the id decides.
            hints: outputModalities?.some((modality) => modality !== 'text')
              ? { outputModalities }
              : {},
            capabilities: inputFlags(inputModalities),
            lifecycle: {
              status: lifecycleStatus(entry.modelLifecycle?.status, STATUSES),
              deprecatedAt: isoDate(entry.modelLifecycle?.legacyTime),
              shutdownAt: isoDate(entry.modelLifecycle?.endOfLifeTime),
            },
          });
        }),
      };
    },
  });
}

/** GETs `url` signed with SigV4 for the `bedrock` service; aws4fetch is loaded only here. */
async function getSigned(
  http: HttpClient,
  url: string,
  signing: {
    readonly accessKeyId: string;
    readonly secretAccessKey: string;
    readonly sessionToken: string | undefined;
    readonly region: string;
    readonly headers: Readonly<Record<string, string>> | undefined;
  },
): Promise<unknown> {
  const { AwsClient } = await import('aws4fetch');
  const client = new AwsClient({
    accessKeyId: signing.accessKeyId,
    secretAccessKey: signing.secretAccessKey,
    ...(signing.sessionToken ? { sessionToken: signing.sessionToken } : {}),
    retries: 0,
  });
  // A signature the provider echoes back in an error is scrubbed like a key.
  const signatures: string[] = [];
  return http.getJson(url, {
    headers: { ...signing.headers },
    secrets: signatures,
    signRequest: async (request) => {
      // Keep ky's signal on the signed copy, so timeouts and aborts still cancel the call.
      const signed = await client.sign(request, {
        signal: request.signal,
        aws: { service: 'bedrock', region: signing.region },
      });
      const signature = /Signature=([0-9a-f]+)/.exec(signed.headers.get('authorization') ?? '');
      if (signature?.[1]) signatures.push(signature[1]);
      return signed;
    },
  });
}

/** False only for a model that lists its inference types and provisioned throughput is all of them. */
function isOnDemand(entry: {
  readonly inferenceTypesSupported?: readonly string[] | null | undefined;
}): boolean {
  const types = entry.inferenceTypesSupported ?? [];
  return types.length === 0 || types.some((type) => type.toUpperCase() !== 'PROVISIONED');
}

function modalities(values: readonly string[] | null | undefined): string[] | undefined {
  return normalizeModalities(values)?.map((value) => MODALITIES[value] ?? value);
}
