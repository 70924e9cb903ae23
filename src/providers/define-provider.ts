import { checkHeaders, settingProblem } from '../core/check-option.js';
import { BUILDS_MODELS } from '../core/complete-model.js';
import { CALLER_ENDPOINT } from '../core/settings.js';
import type {
  Model,
  ProviderAdapter,
  ProviderContext,
  ProviderListing,
  ProviderSetting,
} from '../types.js';

/**
 * The settings an adapter declares, by name.
 *
 * @example
 * ```ts
 * const settings: SettingsDeclaration = { apiKey: apiKeySetting({ value: undefined, env: 'MY_API_KEY' }) };
 * ```
 */
export type SettingsDeclaration = Readonly<Record<string, ProviderSetting>>;

/**
 * What each declared setting holds when `listModels` runs: `string` for a setting that is
 * required or has a default (the catalog does not call an adapter whose required settings are
 * missing), `string | undefined` for any other.
 *
 * @example
 * ```ts
 * type Resolved = ResolvedSettingsOf<{
 *   apiKey: ProviderSetting & { readonly required: true };
 *   organization: ProviderSetting;
 * }>; // { readonly apiKey: string; readonly organization: string | undefined }
 * ```
 */
export type ResolvedSettingsOf<TSettings extends SettingsDeclaration> = {
  readonly [Name in keyof TSettings]: TSettings[Name] extends
    | {
        /** The setting must resolve, or the provider is not configured. */
        readonly required: true;
      }
    | {
        /** The value used when neither option nor environment has one. */
        readonly default: string;
      }
    ? string
    : string | undefined;
};

/**
 * Groups of setting names that are alternatives (see `ProviderAdapter.requireOneOf`).
 *
 * @example
 * ```ts
 * const groups: SettingGroups<'accessKeyId' | 'secretAccessKey' | 'bearerToken'> = [
 *   ['accessKeyId', 'secretAccessKey'],
 *   ['bearerToken'],
 * ];
 * ```
 */
export type SettingGroups<TName extends string> = readonly (readonly TName[])[];

/**
 * What `listModels` of a {@link defineProvider} definition receives: the catalog's context
 * with the settings typed as declared, and the declared extra headers.
 *
 * @example
 * ```ts
 * async function listModels({ http, settings, headers }: DefinedProviderContext<{ baseURL: string }>) {
 *   return http.getJson(`${settings.baseURL}/models`, { headers });
 * }
 * ```
 */
export interface DefinedProviderContext<TResolved> extends Omit<ProviderContext, 'settings'> {
  /** Each declared setting, resolved from option, environment and default. */
  readonly settings: TResolved;
  /** The definition's extra `headers`, to send with each request. */
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * A provider adapter as a typed definition; see {@link defineProvider}.
 *
 * @example
 * ```ts
 * const definition: ProviderDefinition<{ baseURL: ProviderSetting & { readonly required: true } }> = {
 *   id: 'my-server',
 *   settings: { baseURL: baseURLSetting({ value: undefined, env: 'MY_SERVER_URL' }) },
 *   async listModels({ settings }) {
 *     return [{ id: 'local', name: 'local', category: 'chat', provider: 'my-server' }];
 *   },
 * };
 * ```
 */
export interface ProviderDefinition<TSettings extends SettingsDeclaration> {
  /** Lower-case id matching `^[a-z0-9][a-z0-9._-]*$`; also the cache file name. */
  readonly id: string;
  /** The values the adapter needs, each made with {@link setting}, {@link apiKeySetting} or {@link baseURLSetting}. */
  readonly settings: TSettings;
  /** Extra request headers (a factory's `headers` option): handed to `listModels`, and part of the cache key. */
  readonly headers?: Readonly<Record<string, string>> | undefined;
  /**
   * Factory options besides settings and headers that change what the list holds (a
   * publisher, a filter): part of the cache key, so a change is a cache miss. Unset, `false`
   * and empty values count as not given.
   */
  readonly listOptions?: Readonly<Record<string, string | boolean | undefined>> | undefined;
  /**
   * As `ProviderAdapter.requireOneOf`: groups of setting names, one of which must resolve
   * whole. Their settings stay `string | undefined` in `listModels`: test which group is set.
   */
  readonly requireOneOf?: SettingGroups<keyof TSettings & string> | undefined;
  /** As `ProviderAdapter.detectEnv`. */
  readonly detectEnv?: readonly string[] | undefined;
  /** As `ProviderAdapter.aliases`. */
  readonly aliases?: readonly string[] | undefined;
  /** Lists the provider's models, with the settings typed as declared. */
  listModels(
    context: DefinedProviderContext<ResolvedSettingsOf<TSettings>>,
  ): Promise<ProviderListing | readonly Model[]>;
}

/**
 * Builds a {@link ProviderAdapter} from a typed definition. The resolved settings reach
 * `listModels` typed as declared (a required setting or one with a default is a `string`,
 * any other `string | undefined`), so an adapter needs no non-null assertion, and the cache
 * key comes from the declared `headers` and `listOptions` rather than being written by hand.
 * The result is a plain adapter object; hand-written adapters keep working beside it.
 *
 * @example
 * ```ts
 * const myServer = (options: { apiKey?: string; baseURL?: string } = {}): ProviderAdapter =>
 *   defineProvider({
 *     id: 'my-server',
 *     settings: {
 *       apiKey: apiKeySetting({ value: options.apiKey, env: 'MY_SERVER_API_KEY', required: false }),
 *       baseURL: baseURLSetting({ value: options.baseURL, env: 'MY_SERVER_URL', default: 'http://127.0.0.1:8000/v1' }),
 *     },
 *     async listModels({ http, settings, headers }) {
 *       // settings.baseURL: string; settings.apiKey: string | undefined
 *       const body = await http.getJson(`${settings.baseURL}/models`, {
 *         headers: { ...headers, ...bearerHeader(settings.apiKey) },
 *       });
 *       return (body as { data: { id: string }[] }).data.map((entry) => ({
 *         id: entry.id, name: entry.id, category: 'chat' as const, provider: 'my-server',
 *       }));
 *     },
 *   });
 * ```
 */
export function defineProvider<const TSettings extends SettingsDeclaration>(
  definition: ProviderDefinition<TSettings>,
): ProviderAdapter {
  const { listModels, headers = {}, listOptions, ...adapter } = definition;
  // Options of the wrong type, or a host name part that is no DNS label, fail here, at the
  // factory, naming the option, before any request.
  for (const declared of Object.values(definition.settings ?? {})) {
    const problem = settingProblem(declared, declared.value);
    if (problem) throw new TypeError(`${definition.id}(): ${problem}`);
  }
  checkHeaders(`${definition.id}(): `, headers);
  const cacheKey = cacheKeyOf(listOptions, headers);
  return {
    ...adapter,
    ...(cacheKey ? { cacheKey } : {}),
    // The catalog resolved the settings against the declaration and does not call an adapter
    // whose required settings are missing: the declared types hold.
    // The headers it was configured with are not sent to an endpoint a call's credentials chose.
    listModels: (context) =>
      listModels({
        ...context,
        headers: (context as { [CALLER_ENDPOINT]?: boolean })[CALLER_ENDPOINT] ? {} : headers,
      } as DefinedProviderContext<ResolvedSettingsOf<TSettings>>),
  };
}

/**
 * {@link defineProvider} for this library's own adapters, marked (see `BUILDS_MODELS`): each model
 * such an adapter returns is made by `buildModel`, so the catalog does not check it again. Not
 * exported from the package: an adapter made with `defineProvider` elsewhere is always checked.
 *
 * @example
 * ```ts
 * return defineBuiltInProvider({ id: 'openrouter', settings, listModels });
 * ```
 */
export function defineBuiltInProvider<const TSettings extends SettingsDeclaration>(
  definition: ProviderDefinition<TSettings>,
): ProviderAdapter {
  return markBuiltIn(defineProvider(definition));
}

/**
 * Marks a built-in adapter whose `listModels` returns only models made by `buildModel` (see
 * {@link defineBuiltInProvider}); a wrapper around a marked adapter marks itself again.
 *
 * @example
 * ```ts
 * return markBuiltIn({ ...live, listModels: (context) => live.listModels(context) });
 * ```
 */
export function markBuiltIn(adapter: ProviderAdapter): ProviderAdapter {
  return Object.defineProperty(adapter, BUILDS_MODELS, { value: adapter.listModels });
}

/**
 * How to find one setting: the factory option's value, then environment variables, then a default.
 *
 * @example
 * ```ts
 * const options: SettingOptions = { option: 'region', value: undefined, env: ['AWS_REGION'], default: 'us-east-1' };
 * ```
 */
export interface SettingOptions {
  /** The factory option that sets it, named in "not configured" messages, e.g. `region`. */
  readonly option: string;
  /** The value given to the factory; wins over the environment. */
  readonly value?: string | undefined;
  /** Environment variables to read, in order; the first non-empty one wins. */
  readonly env?: string | readonly string[] | undefined;
  /** Used when neither the option nor the environment has a value. */
  readonly default?: string | undefined;
  /** When true and no value is found, the provider is not configured. */
  readonly required?: boolean | undefined;
  /** Scrubbed from every error and never written to a cache. */
  readonly secret?: boolean | undefined;
  /** `host-label` when the value becomes part of a host name: it must then be a DNS label. */
  readonly format?: 'host-label' | undefined;
}

/**
 * A setting that always resolves: required, or with a default. {@link ResolvedSettingsOf}
 * makes it a `string`.
 *
 * @example
 * ```ts
 * const baseURL: ResolvingSetting = baseURLSetting({ value: undefined, env: 'MY_BASE_URL', default: 'https://api.example.com/v1' });
 * ```
 */
export type ResolvingSetting = ProviderSetting &
  (
    | {
        /** The setting must resolve, or the provider is not configured. */
        readonly required: true;
      }
    | {
        /** The value used when neither option nor environment has one. */
        readonly default: string;
      }
  );

/**
 * The declared type of a {@link setting}: a {@link ResolvingSetting} when its options say
 * `required: true` or give a `default`, else a plain {@link ProviderSetting}.
 *
 * @example
 * ```ts
 * const region: DeclaredSetting<{ option: 'region'; default: 'us-east-1' }> = setting({ option: 'region', default: 'us-east-1' });
 * ```
 */
export type DeclaredSetting<TOptions> = TOptions extends {
  /** The options say the setting is required. */
  readonly required: true;
}
  ? ProviderSetting & {
      /** The setting must resolve, or the provider is not configured. */
      readonly required: true;
    }
  : TOptions extends {
        /** The options give a default. */
        readonly default: string;
      }
    ? ProviderSetting & {
        /** The value used when neither option nor environment has one. */
        readonly default: string;
      }
    : ProviderSetting;

/**
 * Declares one setting: the option's value, then the first non-empty environment variable,
 * then the default. A setting with a default is never missing.
 *
 * @example
 * ```ts
 * const region = setting({ option: 'region', value: options.region, env: ['AWS_REGION', 'AWS_DEFAULT_REGION'], default: 'us-east-1' });
 * ```
 */
export function setting<const TOptions extends SettingOptions>(
  options: TOptions,
): NoInfer<DeclaredSetting<TOptions>> {
  const { env = [] } = options;
  const declared: ProviderSetting = { ...options, env: typeof env === 'string' ? [env] : env };
  return declared as DeclaredSetting<TOptions>;
}

/** The options of {@link apiKeySetting} and {@link baseURLSetting}. */
interface NamedSettingOptions {
  readonly value: string | undefined;
  readonly env: string | readonly string[];
  readonly required?: boolean;
}

/** Options that do not say `required` (nor give a default) are required. */
type RequiredUnlessSaid<TOptions> = TOptions extends
  | { readonly required: boolean }
  | { readonly default: string }
  ? TOptions
  : TOptions & { readonly required: true };

/**
 * Declares the `apiKey` setting: a secret, required unless `required: false`.
 *
 * @example
 * ```ts
 * const apiKey = apiKeySetting({ value: options.apiKey, env: 'MY_SERVER_API_KEY' }); // resolves to a string
 * ```
 */
export function apiKeySetting<const TOptions extends NamedSettingOptions>(
  options: TOptions,
): NoInfer<DeclaredSetting<RequiredUnlessSaid<TOptions>>> {
  const declared: ProviderSetting = setting({
    required: true,
    ...options,
    option: 'apiKey',
    secret: true,
  });
  return declared as DeclaredSetting<RequiredUnlessSaid<TOptions>>;
}

/**
 * Declares the `baseURL` setting: required unless it has a `default` or `required: false`.
 *
 * @example
 * ```ts
 * const baseURL = baseURLSetting({ value: options.baseURL, env: 'MY_BASE_URL', default: 'https://api.example.com/v1' });
 * ```
 */
export function baseURLSetting<
  const TOptions extends NamedSettingOptions & {
    /** The public endpoint, used when neither option nor environment names one. */
    readonly default?: string;
  },
>(options: TOptions): NoInfer<DeclaredSetting<RequiredUnlessSaid<TOptions>>> {
  // With a default the setting is never missing, so it is not marked required.
  const declared: ProviderSetting = setting({
    ...(options.default === undefined ? { required: true } : {}),
    ...options,
    option: 'baseURL',
  });
  return declared as DeclaredSetting<RequiredUnlessSaid<TOptions>>;
}

/**
 * The `Authorization: Bearer` header for a token, or no header at all when there is none, so
 * that spread after the caller's `headers` it keeps an `authorization` they passed (in any case).
 *
 * @example
 * ```ts
 * await http.getJson(url, { headers: { ...headers, ...bearerHeader(settings.apiKey) } });
 * ```
 */
export function bearerHeader(token: string | undefined): {
  /** `Bearer <token>`; absent without a token. */
  readonly authorization?: string;
} {
  return token ? { authorization: `Bearer ${token}` } : {};
}

/**
 * The cache key of the declared list options and headers. Unset, `false` and empty values are
 * left out, and header names are compared without case or order, so a plain adapter keeps
 * honouring plain cache files and equal options give equal keys.
 */
function cacheKeyOf(
  listOptions: Readonly<Record<string, unknown>> = {},
  headers: Readonly<Record<string, string>>,
): string | undefined {
  const kept: [string, unknown][] = Object.entries(listOptions).filter(
    ([, value]) => value !== undefined && value !== false && value !== '',
  );
  const headerEntries = Object.entries(headers)
    .map(([name, value]) => [name.toLowerCase(), value])
    .sort();
  if (headerEntries.length > 0) kept.push(['headers', headerEntries]);
  return kept.length > 0 ? JSON.stringify(kept) : undefined;
}
