import * as v from 'valibot';
import { checkOptionNames } from '../core/check-option.js';
import { NotConfiguredError, ProviderRequestError } from '../errors/index.js';
import { redactSecrets } from '../errors/redact.js';
import type { ProviderAdapter } from '../types.js';
import { buildModel, joinUrl, lifecycleStatus, withId } from './build-model.js';
import { collectPages } from './collect-pages.js';
import { baseURLSetting, bearerHeader, defineBuiltInProvider, setting } from './define-provider.js';
import { parseResponse } from './parse-response.js';

/**
 * Options of {@link vertex}.
 *
 * @example
 * ```ts
 * const options: VertexProviderOptions = { project: 'my-project', location: 'europe-west4', accessToken: 'ya29....' };
 * const catalog = createModelCatalog({ providers: [vertex(options)] });
 * ```
 */
export interface VertexProviderOptions {
  /**
   * Google Cloud project, sent as the quota project (`x-goog-user-project`). Default:
   * `GOOGLE_VERTEX_PROJECT`, else `GOOGLE_CLOUD_PROJECT` (the Gen AI SDK's).
   */
  readonly project?: string | undefined;
  /**
   * Vertex AI location; `global` uses the global endpoint. Default: `GOOGLE_VERTEX_LOCATION`, else
   * `GOOGLE_CLOUD_LOCATION` (the Gen AI SDK's), else `us-central1`.
   */
  readonly location?: string | undefined;
  /** OAuth 2 access token (scope `cloud-platform`). Default: the `GOOGLE_VERTEX_ACCESS_TOKEN` environment variable. */
  readonly accessToken?: string | undefined;
  /**
   * Returns a fresh access token; called on each listing that reaches the API. Wins over
   * `GOOGLE_VERTEX_ACCESS_TOKEN`, not over the `accessToken` option.
   */
  readonly getAccessToken?: (() => Promise<string> | string) | undefined;
  /** Model Garden publisher whose models are listed. Default: `google`. */
  readonly publisher?: string | undefined;
  /**
   * API root, version included, the `publishers/{publisher}/models` path is appended to.
   * Default: `GOOGLE_VERTEX_BASE_URL`, else `https://{location}-aiplatform.googleapis.com/v1beta1`.
   */
  readonly baseURL?: string | undefined;
  /** Extra request headers; they may replace `x-goog-user-project`. */
  readonly headers?: Readonly<Record<string, string>> | undefined;
}

const PAGE_SIZE = 100;

/** Model Garden launch stages, as lifecycle statuses. */
const LAUNCH_STAGES = {
  ga: 'active',
  public_preview: 'preview',
  private_preview: 'preview',
  experimental: 'preview',
  deprecated: 'deprecated',
} as const;

const PublisherModelsSchema = v.union([
  v.looseObject({
    publisherModels: v.array(
      v.looseObject({ name: v.nullish(v.string()), launchStage: v.nullish(v.string()) }),
    ),
    nextPageToken: v.nullish(v.string()),
  }),
  // Google's JSON leaves empty lists out: `{}` is an empty last page, and a page with only a
  // `nextPageToken` an empty page with more to come.
  v.strictObject({ nextPageToken: v.optional(v.string()) }),
]);

/**
 * The Google Vertex AI provider: the Model Garden listing
 * `GET https://{location}-aiplatform.googleapis.com/v1beta1/publishers/google/models`, followed
 * page by page, with an OAuth 2 bearer token. Vertex reports ids, publishers and launch stages
 * (`GA`: active, previews and experiments: preview) only: no display name, context window,
 * prices or deprecation date, so categories come from the id.
 *
 * It needs a project and an access token. To get tokens from Application Default Credentials,
 * install `google-auth-library` yourself (this package does not depend on it) and pass
 * `getAccessToken`, as below.
 *
 * @example
 * ```ts
 * import { GoogleAuth } from 'google-auth-library';
 *
 * const auth = new GoogleAuth({ scopes: 'https://www.googleapis.com/auth/cloud-platform' });
 * const catalog = createModelCatalog({
 *   providers: [vertex({ project: 'my-project', getAccessToken: async () => (await auth.getAccessToken())! })],
 * });
 * ```
 */
export function vertex(options: VertexProviderOptions = {}): ProviderAdapter {
  checkOptionNames('vertex()', options, [
    'project',
    'location',
    'accessToken',
    'getAccessToken',
    'publisher',
    'baseURL',
    'headers',
  ]);
  return defineBuiltInProvider({
    id: 'vertex',
    // The default publisher is no extra key: `vertex()` and `vertex({ publisher: 'google' })` match.
    headers: options.headers,
    listOptions: { publisher: options.publisher === 'google' ? undefined : options.publisher },
    detectEnv: ['GOOGLE_VERTEX_ACCESS_TOKEN'],
    settings: {
      project: setting({
        option: 'project',
        value: options.project,
        env: ['GOOGLE_VERTEX_PROJECT', 'GOOGLE_CLOUD_PROJECT'],
        required: true,
      }),
      location: setting({
        option: 'location',
        value: options.location,
        env: ['GOOGLE_VERTEX_LOCATION', 'GOOGLE_CLOUD_LOCATION'],
        default: 'us-central1',
        format: 'host-label',
      }),
      accessToken: setting({
        option: 'accessToken',
        value: options.accessToken,
        env: 'GOOGLE_VERTEX_ACCESS_TOKEN',
        required: options.getAccessToken === undefined,
        secret: true,
      }),
      baseURL: baseURLSetting({
        value: options.baseURL,
        env: 'GOOGLE_VERTEX_BASE_URL',
        required: false,
      }),
    },
    async listModels({ http, settings, headers, maxModels }) {
      const { location } = settings;
      const host =
        location === 'global'
          ? 'aiplatform.googleapis.com'
          : `${location}-aiplatform.googleapis.com`;
      const publisher = options.publisher ?? 'google';
      const url = joinUrl(
        settings.baseURL ?? `https://${host}/v1beta1`,
        `publishers/${encodeURIComponent(publisher)}/models`,
      );
      const { getAccessToken } = options;
      // A call with its own credentials (`resolveCredentialSettings` marks its settings) lists
      // with its token alone: the catalog's `getAccessToken` would list the catalog's account for
      // it, and send that token to an endpoint the call chose.
      const callerAccount = Symbol.for('model-catalog.caller-account') in settings;
      const token =
        getAccessToken && !options.accessToken && !callerAccount
          ? await callGetAccessToken(getAccessToken)
          : settings.accessToken;
      if (token === undefined) {
        // The catalog requires `accessToken` when there is no `getAccessToken`; this is for a
        // direct call, or credentials that bring no token.
        throw new NotConfiguredError(
          'vertex',
          callerAccount
            ? 'Provider "vertex" is not configured for this call: its credentials give no `accessToken`.'
            : 'Provider "vertex" is not configured: set the `accessToken` or `getAccessToken` option.',
        );
      }
      const entries = await collectPages(
        'vertex',
        async (cursor) => {
          const body = await http.getJson(url, {
            headers: {
              'x-goog-user-project': settings.project,
              ...headers,
              ...bearerHeader(token),
            },
            searchParams: { pageSize: PAGE_SIZE, pageToken: cursor },
            // A token from `getAccessToken` is no setting: the catalog could not scrub it.
            secrets: [token],
          });
          const page = parseResponse(PublisherModelsSchema, body, 'vertex');
          return {
            items: 'publisherModels' in page ? page.publisherModels : [],
            next: page.nextPageToken,
          };
        },
        maxModels,
      );
      const named = withId(entries, 'name');
      return {
        skipped: entries.length - named.length,
        models: named.map((entry) => {
          const { id, owner } = splitName(entry.name);
          return buildModel({
            id,
            provider: 'vertex',
            ownedBy: owner,
            lifecycle: { status: lifecycleStatus(entry.launchStage, LAUNCH_STAGES) },
          });
        }),
      };
    },
  });
}

async function callGetAccessToken(getAccessToken: () => Promise<string> | string): Promise<string> {
  let token: unknown;
  try {
    token = await getAccessToken();
  } catch (error) {
    const detail = redactSecrets(error instanceof Error ? error.message : String(error));
    throw new ProviderRequestError(`vertex: \`getAccessToken\` failed: ${detail}`, {
      kind: 'auth',
      provider: 'vertex',
      cause: error,
    });
  }
  if (typeof token !== 'string' || token.trim() === '') {
    throw new ProviderRequestError('vertex: `getAccessToken` returned no token.', {
      kind: 'auth',
      provider: 'vertex',
    });
  }
  return token.trim();
}

/** `publishers/google/models/gemini-2.5-pro` -> id `gemini-2.5-pro`, owner `google`. */
function splitName(name: string): { id: string; owner: string | undefined } {
  const [, owner, id] = /^publishers\/([^/]+)\/models\/(.+)$/.exec(name) ?? [];
  return id ? { id, owner } : { id: name, owner: undefined };
}
