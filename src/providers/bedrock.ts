import * as v from 'valibot';
import { checkBoolean, checkOptionNames } from '../core/check-option.js';
import { NotConfiguredError } from '../errors/index.js';
import type { HttpClient, HttpRequest, Model, ProviderAdapter } from '../types.js';
import {
  buildModel,
  inputFlags,
  isoDate,
  joinUrl,
  lifecycleStatus,
  normalizeModalities,
  withId,
} from './build-model.js';
import { collectPages } from './collect-pages.js';
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
   * Amazon Bedrock control-plane actions, which include ListFoundationModels and
   * ListInferenceProfiles; this library has not confirmed it against the live API.
   */
  readonly bearerToken?: string | undefined;
  /**
   * API root the `/foundation-models` (and `/inference-profiles`) paths are appended to, such
   * as a VPC endpoint.
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
  /**
   * Also list the region's system-defined inference profiles (ListInferenceProfiles), the ids
   * with a region-group prefix (`us.`, `eu.`, `apac.`, `global.`, ...) through which many models
   * (newer Claude, Llama and Nova models among them) must be called on demand. Each is a model of
   * its own, with the profile's name and description, its foundation model as `baseModel`, and,
   * when the region lists that model, its vendor, modalities and lifecycle. The foundation models
   * stay listed as before, except one that can be called on demand only through a profile
   * (`inferenceTypesSupported` without `ON_DEMAND`) when a listed profile routes to it: its own id
   * would fail, and the profile stands for it (`includeProvisionedOnly` keeps it). Needs the
   * `bedrock:ListInferenceProfiles` permission: a refusal fails the listing, as any request of it
   * does. Default: `false`.
   */
  readonly inferenceProfiles?: boolean | undefined;
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

const InferenceProfilesSchema = v.object({
  // Optional in AWS's API model: a region without profiles may leave it out.
  inferenceProfileSummaries: v.nullish(
    v.array(
      v.looseObject({
        inferenceProfileId: v.nullish(v.string()),
        inferenceProfileName: v.nullish(v.string()),
        description: v.nullish(v.string()),
        type: v.nullish(v.string()),
        models: v.nullish(v.array(v.looseObject({ modelArn: v.nullish(v.string()) }))),
      }),
    ),
  ),
  nextToken: v.nullish(v.string()),
});

/** The most profiles ListInferenceProfiles gives on one page. */
const PROFILES_PER_PAGE = 1000;

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
 * listed under their base id (`anthropic.claude-...`); with `inferenceProfiles: true`, the
 * region's system-defined profiles (ids such as `us.anthropic.claude-...`) are listed too
 * (ListInferenceProfiles, every page), in place of a base id that only a profile can call.
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
    'inferenceProfiles',
  ]);
  for (const name of ['includeProvisionedOnly', 'inferenceProfiles'] as const) {
    if (options[name] !== undefined) checkBoolean(name, options[name]);
  }
  return defineBuiltInProvider({
    id: 'bedrock',
    headers: options.headers,
    listOptions: {
      includeProvisionedOnly: options.includeProvisionedOnly,
      inferenceProfiles: options.inferenceProfiles,
    },
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
    async listModels({ http, settings, headers, maxModels }) {
      const { region, accessKeyId, secretAccessKey, bearerToken } = settings;
      const root = settings.baseURL ?? `https://bedrock.${region}.amazonaws.com`;
      // Keys given in code beat a token from the environment (a token in code beats both).
      const keysInCode = Boolean(options.accessKeyId) && !options.bearerToken;
      let get: (path: string, searchParams?: HttpRequest['searchParams']) => Promise<unknown>;
      if (
        accessKeyId !== undefined &&
        secretAccessKey !== undefined &&
        (keysInCode || bearerToken === undefined)
      ) {
        const signing = { accessKeyId, secretAccessKey, sessionToken: settings.sessionToken };
        get = (path, searchParams) =>
          getSigned(http, joinUrl(root, path), { ...signing, region, headers, searchParams });
      } else if (bearerToken !== undefined) {
        const request = { headers: { ...headers, ...bearerHeader(bearerToken) } };
        get = (path, searchParams) =>
          http.getJson(joinUrl(root, path), { ...request, searchParams });
      } else {
        // The catalog checks `requireOneOf` before listing; this is for a direct call.
        throw new NotConfiguredError(
          'bedrock',
          'Provider "bedrock" is not configured: set an access key pair or a bearer token.',
        );
      }
      const { modelSummaries } = parseResponse(
        FoundationModelsSchema,
        await get('foundation-models'),
        'bedrock',
      );
      const entries = withId(modelSummaries, 'modelId');
      const callable = options.includeProvisionedOnly ? entries : entries.filter(isOnDemand);
      const models = callable.map((entry) => toModel(entry.modelId, entry));
      if (!options.inferenceProfiles) {
        return { skipped: modelSummaries.length - entries.length, models };
      }
      const summaries = await collectPages(
        'bedrock',
        async (cursor) => {
          const page = parseResponse(
            InferenceProfilesSchema,
            await get('inference-profiles', {
              maxResults: PROFILES_PER_PAGE,
              type: 'SYSTEM_DEFINED',
              nextToken: cursor,
            }),
            'bedrock',
            'inference profile list',
          );
          return { items: page.inferenceProfileSummaries ?? [], next: page.nextToken };
        },
        // The catalog holds the whole listing, foundation models and profiles, to `maxModels`.
        maxModels,
      );
      // A profile takes its foundation model's vendor, modalities and lifecycle, found by the id
      // its first model's ARN ends in (`arn:aws:bedrock:us-east-1::foundation-model/<id>`).
      const byId = new Map(entries.map((entry) => [entry.modelId, entry]));
      const identified = withId(summaries, 'inferenceProfileId');
      // An application profile (an account's own) is left out, should AWS send one unasked.
      const profiles = identified
        .filter((profile) => (profile.type ?? 'SYSTEM_DEFINED') === 'SYSTEM_DEFINED')
        .map((profile) => {
          const baseModel = foundationModelId(profile.models?.[0]?.modelArn);
          const base = baseModel === undefined ? undefined : byId.get(baseModel);
          return toModel(profile.inferenceProfileId, base ?? {}, {
            name: profile.inferenceProfileName,
            description: profile.description,
            baseModel,
          });
        });
      // A foundation model called on demand only through a profile is left out when a listed
      // profile routes to it (unless `includeProvisionedOnly` asks for models that cannot be
      // called on demand): its own id fails on demand, the profile's id is the one to call.
      const routed = new Set(profiles.map((profile) => profile.baseModel));
      const kept = options.includeProvisionedOnly
        ? models
        : models.filter(
            (model) => !(routed.has(model.id) && needsProfile(byId.get(model.id) ?? {})),
          );
      return {
        skipped: modelSummaries.length - entries.length + summaries.length - identified.length,
        models: [...kept, ...profiles],
      };
    },
  });
}

type FoundationModel = v.InferOutput<typeof FoundationModelsSchema>['modelSummaries'][number];

/**
 * Builds the model `id` from a foundation model entry; for an inference profile, `profile` gives
 * its own name, description and foundation model, and `entry` is that model's (empty when the
 * region does not list it).
 */
function toModel(
  id: string,
  entry: Partial<FoundationModel>,
  profile?: {
    readonly name: string | null | undefined;
    readonly description: string | null | undefined;
    readonly baseModel: string | undefined;
  },
): Model {
  const inputModalities = modalities(entry.inputModalities);
  const outputModalities = modalities(entry.outputModalities);
  return buildModel({
    id,
    provider: 'bedrock',
    name: profile ? profile.name : entry.modelName,
    description: profile?.description,
    ownedBy: entry.providerName,
    inputModalities,
    outputModalities,
    // `text` alone also covers rerankers and guards: then the id decides.
    hints: outputModalities?.some((modality) => modality !== 'text') ? { outputModalities } : {},
    capabilities: inputFlags(inputModalities),
    lifecycle: {
      status: lifecycleStatus(entry.modelLifecycle?.status, STATUSES),
      deprecatedAt: isoDate(entry.modelLifecycle?.legacyTime),
      shutdownAt: isoDate(entry.modelLifecycle?.endOfLifeTime),
    },
    baseModel: profile?.baseModel,
  });
}

/** The model id a foundation model ARN ends in; undefined for any other ARN. */
function foundationModelId(arn: string | null | undefined): string | undefined {
  const id = arn?.split(':foundation-model/')[1];
  return id ? id : undefined;
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
    readonly searchParams?: HttpRequest['searchParams'];
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
    searchParams: signing.searchParams,
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

/** True for a model whose inference types name profiles and not on-demand calls by its own id. */
function needsProfile(entry: {
  readonly inferenceTypesSupported?: readonly string[] | null | undefined;
}): boolean {
  const types = (entry.inferenceTypesSupported ?? []).map((type) => type.toUpperCase());
  return types.includes('INFERENCE_PROFILE') && !types.includes('ON_DEMAND');
}

function modalities(values: readonly string[] | null | undefined): string[] | undefined {
  return normalizeModalities(values)?.map((value) => MODALITIES[value] ?? value);
}
