import type { HttpClient } from './http.js';
import type { Model } from './model.js';
import type { ProviderSetting, ResolvedSettings } from './settings.js';

/**
 * What the catalog hands an adapter each time it lists.
 *
 * @example
 * ```ts
 * async function listModels({ http, settings }: ProviderContext): Promise<Model[]> {
 *   const body = (await http.getJson(`${settings.baseURL}/models`)) as { data: { id: string }[] };
 *   return body.data.map((entry) => ({ id: entry.id, name: entry.id, category: 'chat', provider: 'my-server' }));
 * }
 * ```
 */
export interface ProviderContext {
  /** The adapter's settings, resolved from options, environment and defaults. */
  readonly settings: ResolvedSettings;
  /** JSON GET with the catalog's timeout, retries, size cap and error mapping. */
  readonly http: HttpClient;
  /** Aborted when the caller cancels. */
  readonly signal?: AbortSignal | undefined;
}

/**
 * Where a provider's list came from. `static` is a built-in list for an API without a list endpoint.
 *
 * @example
 * ```ts
 * const { status } = await catalog.listModels({ provider: 'perplexity' });
 * const source: ModelSource = status.source; // 'live', 'cache' or 'static'
 * ```
 */
export type ModelSource = 'live' | 'cache' | 'static';

/**
 * What an adapter returns: the models, and optionally how many entries it had to skip.
 *
 * @example
 * ```ts
 * const listing: ProviderListing = { models, skipped: 2 }; // two entries had no id
 * ```
 */
export interface ProviderListing {
  readonly models: readonly Model[];
  /** Entries the provider sent that could not be used (no id); counted, not fatal. */
  readonly skipped?: number;
  /** `static` when the list is built in rather than fetched; `live` otherwise. */
  readonly source?: 'live' | 'static';
}

/**
 * A provider adapter: a plain object with an id and a `listModels` function.
 * Built-in factories such as `openai()` return one; you can write your own.
 *
 * @example
 * ```ts
 * const local: ProviderAdapter = {
 *   id: 'my-server',
 *   settings: { baseURL: { option: 'baseURL', env: ['MY_SERVER_URL'], required: true } },
 *   async listModels({ http, settings }) {
 *     const body = (await http.getJson(`${settings.baseURL}/models`)) as { data: { id: string }[] };
 *     return body.data.map((entry) => ({ id: entry.id, name: entry.id, category: 'chat', provider: 'my-server' }));
 *   },
 * };
 * ```
 */
export interface ProviderAdapter {
  /** Lower-case id matching `^[a-z0-9][a-z0-9._-]*$`; also the cache file name. */
  readonly id: string;
  /** Values the adapter needs; the catalog resolves them lazily, on each listing. */
  readonly settings?: Readonly<Record<string, ProviderSetting>>;
  /**
   * For the default provider set only: the provider is used when one of these
   * environment variables is set. Without it, when every required setting resolves.
   */
  readonly detectEnv?: readonly string[];
  /**
   * Settings that are needed as alternatives, such as `[['accessKeyId', 'secretAccessKey'],
   * ['bearerToken']]`: the provider is configured when every setting of one group resolves.
   */
  readonly requireOneOf?: readonly (readonly string[])[];
  /** Other ids that name this provider in `listModels({ provider })`, such as `gemini`. An exact id wins over an alias. */
  readonly aliases?: readonly string[];
  /**
   * Anything besides the settings that changes what the list holds (extra headers, a
   * publisher, a filter). It is hashed into the cache fingerprint, so a change is a miss.
   */
  readonly cacheKey?: string;
  /** Lists the provider's models. Throw a `ModelCatalogError` on failure. */
  listModels(context: ProviderContext): Promise<ProviderListing | readonly Model[]>;
}
