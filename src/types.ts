/**
 * The contracts every layer shares: the model, a provider adapter, the cache, results, statuses
 * and events. This module imports nothing: every other module may depend on it.
 */

/**
 * The six model categories, in display order.
 *
 * `chat` is every text generator (and the default for ids nothing else claims); `other` holds
 * what fits no other row: moderation, safety, reranking, OCR and video generation.
 *
 * @example
 * ```ts
 * for (const category of MODEL_CATEGORIES) console.log(category); // chat, embedding, image, ...
 * ```
 */
export const MODEL_CATEGORIES = ['chat', 'embedding', 'image', 'tts', 'stt', 'other'] as const;

/**
 * One of {@link MODEL_CATEGORIES}.
 *
 * @example
 * ```ts
 * const category: ModelCategory = 'embedding';
 * ```
 */
export type ModelCategory = (typeof MODEL_CATEGORIES)[number];

/**
 * Prices in US dollars per million tokens (per million characters for the few
 * providers that bill by character). `image` and `request` are US dollars per
 * image and per request. A field is absent when the provider does not report
 * it or reports a dynamic price; it is never negative.
 *
 * @example
 * ```ts
 * const pricing: ModelPricing = { input: 2.5, output: 10, cacheRead: 1.25 }; // USD per million tokens
 * const cost = ((model.pricing?.input ?? 0) * promptTokens) / 1e6;
 * ```
 */
export interface ModelPricing {
  /** USD per million input (prompt) tokens. */
  readonly input?: number;
  /** USD per million output (completion) tokens. */
  readonly output?: number;
  /** USD per million cached input tokens read. */
  readonly cacheRead?: number;
  /** USD per million input tokens written to the cache. */
  readonly cacheWrite?: number;
  /** USD per million reasoning tokens, when billed apart from output. */
  readonly reasoning?: number;
  /** USD per generated or input image. */
  readonly image?: number;
  /** USD per request. */
  readonly request?: number;
  /**
   * True only when the provider reports zero for every price it bills (or marks the model
   * free, as OpenRouter's `:free` ids and the AI Gateway's `free` tag do); false when it
   * reports a price above zero. Absent when the prices are unknown: unknown is never free.
   */
  readonly free?: boolean;
}

/**
 * The capability flags of {@link ModelCapabilities}, in display order.
 *
 * @example
 * ```ts
 * for (const capability of MODEL_CAPABILITIES) console.log(capability, model.capabilities?.[capability]);
 * ```
 */
export const MODEL_CAPABILITIES = [
  'tools',
  'vision',
  'pdfInput',
  'audioInput',
  'reasoning',
  'structuredOutput',
  'jsonMode',
  'promptCaching',
] as const;

/**
 * One of {@link MODEL_CAPABILITIES}.
 *
 * @example
 * ```ts
 * const wanted: ModelCapability[] = ['tools', 'vision'];
 * ```
 */
export type ModelCapability = (typeof MODEL_CAPABILITIES)[number];

/**
 * What a model can do, as its provider reports it. Each flag is `true` when the provider says
 * yes, `false` when it says no, and absent when it does not say: unknown is never "no".
 * Nothing here is guessed from the id.
 *
 * @example
 * ```ts
 * const canAct = model.capabilities?.tools === true && model.capabilities.vision === true;
 * ```
 */
export interface ModelCapabilities {
  /** Calls tools (functions). */
  readonly tools?: boolean;
  /** Reads images. */
  readonly vision?: boolean;
  /** Reads PDF (or other file) input. */
  readonly pdfInput?: boolean;
  /** Reads audio input. */
  readonly audioInput?: boolean;
  /** Thinks before answering (reasoning, extended thinking). */
  readonly reasoning?: boolean;
  /** Follows a JSON schema for its output (structured outputs). */
  readonly structuredOutput?: boolean;
  /** Returns valid JSON on request (JSON mode, `response_format`). */
  readonly jsonMode?: boolean;
  /** Caches prompts (explicitly or implicitly), usually at a lower price. */
  readonly promptCaching?: boolean;
}

/**
 * How a model's thinking can be controlled, when the provider reports it.
 *
 * @example
 * ```ts
 * const options: ReasoningOptions = { efforts: ['low', 'medium', 'high'], canDisable: true };
 * ```
 */
export interface ReasoningOptions {
  /** The effort levels the model accepts, e.g. `['low', 'medium', 'high']`. */
  readonly efforts?: readonly string[];
  /** The effort used when a request names none. */
  readonly defaultEffort?: string;
  /** True when thinking can be switched off, false when it cannot. */
  readonly canDisable?: boolean;
  /** The thinking budget a request may set, in tokens. */
  readonly budgetTokens?: {
    /** The smallest budget accepted. */
    readonly min?: number;
    /** The largest budget accepted. */
    readonly max?: number;
    /** The budget used when a request sets none. */
    readonly default?: number;
  };
}

/**
 * The lifecycle statuses of {@link ModelLifecycle}: `preview` (available, not yet stable),
 * `active`, `deprecated` (still callable, headed for retirement) and `retired` (no longer callable).
 *
 * @example
 * ```ts
 * const kept = MODEL_LIFECYCLE_STATUSES.filter((status) => status !== 'retired');
 * ```
 */
export const MODEL_LIFECYCLE_STATUSES = ['active', 'preview', 'deprecated', 'retired'] as const;

/**
 * One of {@link MODEL_LIFECYCLE_STATUSES}.
 *
 * @example
 * ```ts
 * const status: ModelLifecycleStatus = model.lifecycle?.status ?? 'active';
 * ```
 */
export type ModelLifecycleStatus = (typeof MODEL_LIFECYCLE_STATUSES)[number];

/**
 * Where a model stands in its provider's lifecycle, when the provider reports it.
 *
 * @example
 * ```ts
 * if (model.lifecycle?.shutdownAt) console.warn(`${model.id} shuts down on ${model.lifecycle.shutdownAt}`);
 * ```
 */
export interface ModelLifecycle {
  /** The status the provider reports. */
  readonly status?: ModelLifecycleStatus;
  /** When the model was (or will be) deprecated, ISO 8601 date (`YYYY-MM-DD`). */
  readonly deprecatedAt?: string;
  /** When the model stops (or stopped) answering, ISO 8601 date (`YYYY-MM-DD`). */
  readonly shutdownAt?: string;
  /** The id the provider says to use instead. */
  readonly replacement?: string;
}

/**
 * One model, in the same shape whichever provider listed it.
 *
 * `id`, `name`, `category` and `provider` are always set. Every other field is
 * present only when the provider reported it: nothing is guessed or filled in.
 *
 * @example
 * ```ts
 * const model: Model = { id: 'gpt-4o', name: 'gpt-4o', category: 'chat', provider: 'openai', ownedBy: 'system' };
 * ```
 */
export interface Model {
  /** The provider's own id, cleaned of prefixes such as Gemini's `models/`. */
  readonly id: string;
  /** Display name; the id when the provider gives none. */
  readonly name: string;
  /** What the model does: chat, embedding, image, tts, stt or other. */
  readonly category: ModelCategory;
  /** The id of the provider adapter that listed it, e.g. `openai`. */
  readonly provider: string;
  /** The provider's description. */
  readonly description?: string;
  /** Creation or release time, in Unix seconds. */
  readonly created?: number;
  /** Owner or vendor as the provider names it (`owned_by`). */
  readonly ownedBy?: string;
  /** Context window, in tokens. */
  readonly contextLength?: number;
  /** Largest output per request, in tokens. */
  readonly maxOutputTokens?: number;
  /** Input modalities, lower case: text, image, audio, video, file. */
  readonly inputModalities?: readonly string[];
  /** Output modalities, lower case: text, image, audio, embeddings, video. */
  readonly outputModalities?: readonly string[];
  /** Prices in USD per million tokens; see {@link ModelPricing}. */
  readonly pricing?: ModelPricing;
  /** Request parameters the provider says the model accepts (OpenRouter style: tools, reasoning, ...). */
  readonly supportedParameters?: readonly string[];
  /** Other ids the provider accepts for this same model. */
  readonly aliases?: readonly string[];
  /**
   * True when the provider marks the model deprecated, inactive or legacy; also whenever
   * `lifecycle.status` is `deprecated` or `retired`.
   */
  readonly deprecated?: boolean;
  /** What the model can do, as the provider reports it; only the flags it reported. */
  readonly capabilities?: ModelCapabilities;
  /** How thinking can be controlled, when reported. */
  readonly reasoning?: ReasoningOptions;
  /** Status, deprecation and shutdown dates and replacement, when reported. */
  readonly lifecycle?: ModelLifecycle;
  /** The model family or line as the provider names it, e.g. `qwen3`, `claude-sonnet`. */
  readonly family?: string;
  /** Release date, `YYYY-MM-DD`, only when the provider reports one (never a listing time). */
  readonly releaseDate?: string;
  /** True for the account's own fine-tuned models. */
  readonly fineTuned?: boolean;
  /** The model a fine-tune or variant derives from, as the provider names it. */
  readonly baseModel?: string;
  /** Parameter count as reported, for local models: `32.8B`. */
  readonly parameterSize?: string;
  /** Quantization as reported, for local models: `Q4_K_M`. */
  readonly quantization?: string;
  /** The training data cutoff, YYYY-MM or YYYY-MM-DD; from a catalog (see `catalogs`). */
  readonly knowledgeCutoff?: string;
  /** True when the weights are published; from a catalog (see `catalogs`). */
  readonly openWeights?: boolean;
  /**
   * Provenance: each field path that did not come from the live listing (`contextLength`,
   * `capabilities.tools`, `pricing.input`, `category`...) mapped to what supplied it: a
   * catalog's id such as `models.dev`, or `override`. Absent when everything came from the
   * live listing.
   */
  readonly sources?: Readonly<Record<string, string>>;
}

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
  /**
   * Most models the listing may hold (the catalog's `maxModels`): a paged adapter stops as soon
   * as its pages pass it, rather than reading every page first.
   */
  readonly maxModels?: number | undefined;
}

/**
 * Where a provider's list came from. `static` is a built-in list for an API without a list
 * endpoint; `catalog` is the opt-in fallback (`fallback: 'catalog'`) answering for a provider
 * that failed with no cached list, from the catalogs' models for it.
 *
 * @example
 * ```ts
 * const { status } = await catalog.listModels({ provider: 'perplexity' });
 * const source: ModelSource = status.source; // 'live', 'cache', 'static' or 'catalog'
 * ```
 */
export type ModelSource = 'live' | 'cache' | 'static' | 'catalog';

/**
 * What an adapter returns: the models, and optionally how many entries it had to skip.
 *
 * @example
 * ```ts
 * const listing: ProviderListing = { models, skipped: 2 }; // two entries had no id
 * ```
 */
export interface ProviderListing {
  /** The models the provider listed. */
  readonly models: readonly Model[];
  /** Entries the provider sent that could not be used (no id); counted, not fatal. */
  readonly skipped?: number;
  /** Values left out of the models (no finite, non-negative number, or of the wrong type); set by the catalog. */
  readonly droppedValues?: number;
  /**
   * Models listed without details a per-model request should have added (an Ollama
   * `/api/show` that failed): they keep what the listing said; counted, not fatal.
   */
  readonly incomplete?: number;
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
  readonly settings?: Readonly<Record<string, ProviderSetting>> | undefined;
  /**
   * For the default provider set only: the provider is used when one of these
   * environment variables is set. Without it, when every required setting resolves.
   */
  readonly detectEnv?: readonly string[] | undefined;
  /**
   * Settings that are needed as alternatives, such as `[['accessKeyId', 'secretAccessKey'],
   * ['bearerToken']]`: the provider is configured when every setting of one group resolves.
   */
  readonly requireOneOf?: readonly (readonly string[])[] | undefined;
  /** Other ids that name this provider in `listModels({ provider })`, such as `gemini`. An exact id wins over an alias. */
  readonly aliases?: readonly string[] | undefined;
  /**
   * Anything besides the settings that changes what the list holds (extra headers, a
   * publisher, a filter). It is hashed into the cache fingerprint, so a change is a miss.
   */
  readonly cacheKey?: string | undefined;
  /** Lists the provider's models. Throw a `ModelCatalogError` on failure. */
  listModels(context: ProviderContext): Promise<ProviderListing | readonly Model[]>;
}

/**
 * One value a provider adapter needs (a key, a base URL, a region), and where
 * to find it: the factory option first, then the environment, then a default.
 *
 * @example
 * ```ts
 * const apiKey: ProviderSetting = {
 *   option: 'apiKey',
 *   value: options.apiKey,
 *   env: ['MY_SERVER_API_KEY'],
 *   required: true,
 *   secret: true,
 * };
 * ```
 */
export interface ProviderSetting {
  /** The value given to the factory in code; wins over the environment. */
  readonly value?: string | undefined;
  /** Environment variables to read, in order; the first non-empty one wins. */
  readonly env?: readonly string[] | undefined;
  /** Used when neither the option nor the environment has a value. */
  readonly default?: string | undefined;
  /** When true and no value is found, the provider is not configured. */
  readonly required?: boolean | undefined;
  /** Secrets are scrubbed from every error and never written to a cache. */
  readonly secret?: boolean | undefined;
  /** The factory option that sets it, named in "not configured" messages, e.g. `apiKey`. */
  readonly option: string;
  /**
   * `host-label` for a value that becomes part of a host name (a region, a resource name): it
   * must be a DNS label, else the factory throws a `TypeError` (for an option) or the provider
   * is not configured (for an environment variable).
   */
  readonly format?: 'host-label' | undefined;
}

/**
 * Resolved setting values, keyed like the adapter's `settings`.
 *
 * @example
 * ```ts
 * const settings: ResolvedSettings = { apiKey: 'sk-...', baseURL: 'https://api.example.com/v1' };
 * ```
 */
export type ResolvedSettings = Readonly<Record<string, string | undefined>>;

/**
 * The environment the catalog reads: `process.env` or one the caller passed.
 *
 * @example
 * ```ts
 * const env: Environment = { OPENAI_API_KEY: 'sk-...' };
 * const catalog = createModelCatalog({ env });
 * ```
 */
export type Environment = Readonly<Record<string, string | undefined>>;

/**
 * What a provider adapter may set on one GET request.
 *
 * @example
 * ```ts
 * const request: HttpRequest = { headers: { 'x-api-key': settings.apiKey }, searchParams: { limit: 1000 } };
 * const body = await http.getJson(`${settings.baseURL}/models`, request);
 * ```
 */
export interface HttpRequest {
  /**
   * Request headers. Names are case-insensitive: a later entry replaces an earlier one of
   * any case, and an `undefined` value is left out without removing an earlier one.
   */
  readonly headers?: Readonly<Record<string, string | undefined>> | undefined;
  /** Query parameters; `undefined` values are left out. */
  readonly searchParams?:
    | Readonly<Record<string, string | number | boolean | undefined>>
    | undefined;
  /** Rewrites the final request just before it is sent, for example to sign it (AWS SigV4). */
  readonly signRequest?: ((request: Request) => Promise<Request> | Request) | undefined;
  /**
   * Secrets of this request that are no setting, such as a token from a callback or a
   * signature: scrubbed from its errors like the settings' secrets. Read when an error is
   * made, so a list `signRequest` fills in is honoured.
   */
  readonly secrets?: readonly string[] | undefined;
}

/**
 * The HTTP client the catalog hands to each provider adapter: one JSON GET with
 * the catalog's timeout, retries, size cap and error mapping. It never throws
 * anything but a {@link ModelCatalogError}, with secrets scrubbed.
 *
 * @example
 * ```ts
 * async function listModels({ http, settings }: { http: HttpClient; settings: ResolvedSettings }) {
 *   return http.getJson(`${settings.baseURL}/models`, { headers: { authorization: `Bearer ${settings.apiKey}` } });
 * }
 * ```
 */
export interface HttpClient {
  /** GETs a URL and returns its parsed JSON body. */
  getJson(url: string, request?: HttpRequest): Promise<unknown>;
}

/** The cache format version this library writes and reads. */
export const CACHE_VERSION = 1;

/**
 * One provider's cached list, in the plain versioned format:
 * `{ version: 1, providerId, fetchedAt, models }`. The file cache writes exactly this as JSON.
 *
 * @example
 * ```ts
 * const entry: CacheEntry = {
 *   version: 1,
 *   providerId: 'openai',
 *   fetchedAt: new Date().toISOString(),
 *   models: [{ id: 'gpt-4o', name: 'gpt-4o', category: 'chat', provider: 'openai' }],
 * };
 * ```
 */
export interface CacheEntry {
  /** The format's version; always 1. */
  readonly version: 1;
  /** The provider the list is of, e.g. `openai`. */
  readonly providerId: string;
  /** When the list was fetched, ISO 8601. */
  readonly fetchedAt: string;
  /** The models as the provider listed them. */
  readonly models: readonly Model[];
  /**
   * Who the list was fetched for: a one-way hash of the endpoint and key, never
   * the key. Entries without one are in the plain format, which other tools also write.
   */
  readonly fingerprint?: string;
}

/**
 * Where the catalog keeps lists between calls. Backends only store: the catalog
 * decides freshness from `fetchedAt` and validates what `get` returns, so a
 * backend may hand back anything it read and the catalog treats a bad value as a miss.
 *
 * Keys name a provider and an account: the catalog's own account uses the provider id
 * (`openai`), any other account (per-request credentials) `<provider id>@<fingerprint>`, where
 * the fingerprint is a one-way hash of the endpoint and key. Keys match
 * `^[a-z0-9][a-z0-9._-]*(@[0-9a-f]+)?$`, so they are safe as file names.
 *
 * @example
 * ```ts
 * const map = new Map<string, CacheEntry>();
 * const cache: ModelCache = {
 *   async get(key) { return map.get(key); },
 *   async set(key, entry) { map.set(key, entry); },
 * };
 * ```
 */
export interface ModelCache {
  /** The stored entry under a key, or undefined. */
  get(key: string): Promise<CacheEntry | undefined>;
  /** Stores (replaces) the entry under a key. */
  set(key: string, entry: CacheEntry): Promise<void>;
  /** Optional: removes one entry. */
  delete?(key: string): Promise<void>;
  /** Optional: removes every entry. */
  clear?(): Promise<void>;
  /**
   * Optional: takes a lock shared by every process using the store, for `ttlMs` at most, and
   * resolves to the function that releases it; resolves to undefined when another holder has
   * it. With it, one process of a fleet fetches a list while the others wait for its entry.
   * `createStorageCache` has it on Redis (`SET NX PX`); without it, fetches are shared within
   * a process only.
   */
  lock?(key: string, ttlMs: number): Promise<(() => Promise<void>) | undefined>;
  /**
   * Optional: `true` keys the catalog's own account by fingerprint too (`openai@<fingerprint>`),
   * as other accounts always are, so that catalogs with different keys share one store without
   * evicting each other. `createStorageCache` sets it; without it the catalog's own account
   * uses the plain provider id, which the file cache writes as `<provider>.json`.
   */
  readonly accountKeys?: boolean;
}

/**
 * What the catalog reports through the `onEvent` option, so a server can log and
 * measure without the library logging on its own. Messages are free of secrets.
 *
 * @example
 * ```ts
 * const catalog = createModelCatalog({
 *   onEvent(event: CatalogEvent) {
 *     if (event.type === 'fetch:success') console.log(event.provider, event.latencyMs, event.modelCount);
 *     if (event.type === 'fetch:error') console.warn(event.provider, event.kind, event.message);
 *   },
 * });
 * ```
 */
export type CatalogEvent =
  /** A provider request is starting. */
  | {
      /** The event's name. */
      readonly type: 'fetch:start';
      /** The provider id. */
      readonly provider: string;
    }
  /** A provider answered; `changes` when the answer replaced a cached list. */
  | {
      /** The event's name. */
      readonly type: 'fetch:success';
      /** The provider id. */
      readonly provider: string;
      /** Milliseconds from the start of the listing to its end, pages and retries included. */
      readonly latencyMs: number;
      /** How many models the list holds. */
      readonly modelCount: number;
      /** `live`, or `static` for a built-in list. */
      readonly source: ModelSource;
      /** What differs from the cached list this one replaced; computed when first read. */
      readonly changes?: ModelChanges;
    }
  /** A provider request failed (after retries). */
  | {
      /** The event's name. */
      readonly type: 'fetch:error';
      /** The provider id. */
      readonly provider: string;
      /** Why it failed. */
      readonly kind: ErrorKind;
      /** The HTTP status, when the provider answered. */
      readonly status?: number;
      /** What went wrong, free of secrets. */
      readonly message: string;
    }
  /** A fresh cached list was served. */
  | {
      /** The event's name. */
      readonly type: 'cache:hit';
      /** The provider id. */
      readonly provider: string;
      /** When the cached list was fetched, ISO 8601. */
      readonly fetchedAt: string;
    }
  /** No fresh cached list for this provider and account. */
  | {
      /** The event's name. */
      readonly type: 'cache:miss';
      /** The provider id. */
      readonly provider: string;
    }
  /** The cache backend failed to read; treated as a miss. */
  | {
      /** The event's name. */
      readonly type: 'cache:read-error';
      /** The provider id. */
      readonly provider: string;
      /** What the backend said, free of secrets. */
      readonly message: string;
    }
  /** The cache backend failed to write; the list is still returned. */
  | {
      /** The event's name. */
      readonly type: 'cache:write-error';
      /** The provider id. */
      readonly provider: string;
      /** What the backend said, free of secrets. */
      readonly message: string;
    }
  /**
   * The default cache keeps lists in memory instead of files, because the filesystem does not
   * work here: `reason` says why (no filesystem in a browser, worker or edge build, a `node:fs`
   * replaced by a bundler's stub, Deno without permissions, a directory that cannot be written).
   * Sent once per catalog, on first use of the cache. Never sent for a cache you pass.
   */
  | {
      /** The event's name. */
      readonly type: 'cache:fallback';
      /** The cache used instead of files. */
      readonly cache: 'memory';
      /** Why the filesystem cannot be used. */
      readonly reason: string;
    };

/**
 * The stable reason codes a {@link ModelCatalogError} carries.
 *
 * @example
 * ```ts
 * const { errors } = await catalog.listModels();
 * const kind: ErrorKind | undefined = errors.openai?.kind; // 'auth', 'rate_limit', ...
 * ```
 */
export type ErrorKind =
  | 'unknown_provider'
  | 'not_configured'
  | 'auth'
  | 'rate_limit'
  | 'timeout'
  | 'network'
  | 'http'
  | 'invalid_response'
  | 'aborted'
  /** A hand-written adapter threw something that is no error of this library, or returned no list. */
  | 'adapter'
  /** A request parameter of the models handler or a renderer that cannot be used. */
  | 'invalid_parameter';

/**
 * A provider failure as reported in results (`errors`, `status.error`): no secrets, no stack.
 *
 * @example
 * ```ts
 * const { errors } = await catalog.listModels();
 * for (const [provider, error] of Object.entries(errors)) console.warn(provider, error.kind, error.status);
 * ```
 */
export interface ProviderErrorInfo {
  /** Why it failed. */
  readonly kind: ErrorKind;
  /** What went wrong, free of secrets. */
  readonly message: string;
  /** The HTTP status, when the provider answered. */
  readonly status?: number;
  /** Milliseconds the provider asked us to wait (`Retry-After`), when it said. */
  readonly retryAfterMs?: number;
}

/**
 * A model-list diff: ids present now and not before, the reverse, and the models in both
 * whose fields changed.
 *
 * @example
 * ```ts
 * const { status } = await catalog.listModels({ provider: 'openai', refresh: true });
 * console.log(status.changes?.added, status.changes?.removed);
 * for (const { id, fields } of status.changes?.changed ?? []) {
 *   for (const { field, before, after } of fields) console.log(id, field, before, '->', after);
 * }
 * ```
 */
export interface ModelChanges {
  /** Ids listed now and not before. */
  readonly added: readonly string[];
  /** Ids listed before and not now. */
  readonly removed: readonly string[];
  /** Models listed before and now whose fields differ, in the order of the new list. */
  readonly changed: readonly ModelChange[];
}

/**
 * One model whose fields changed between two lists.
 *
 * @example
 * ```ts
 * const change: ModelChange = {
 *   id: 'gpt-4o',
 *   fields: [{ field: 'pricing.input', before: 5, after: 2.5 }],
 * };
 * ```
 */
export interface ModelChange {
  /** The model's id. */
  readonly id: string;
  /** Each field that changed. */
  readonly fields: readonly ModelFieldChange[];
}

/**
 * One changed field of a model: its path (`name`, `contextLength`, `pricing.input`; the
 * fields of nested objects are reported one by one), its old value and its new one. A
 * value is `undefined` when the field was absent.
 *
 * @example
 * ```ts
 * const change: ModelFieldChange = { field: 'contextLength', before: 128000, after: 200000 };
 * ```
 */
export interface ModelFieldChange {
  /** The field's path, e.g. `pricing.input`. */
  readonly field: string;
  /** The old value; `undefined` when the field was absent. */
  readonly before: unknown;
  /** The new value; `undefined` when the field is gone. */
  readonly after: unknown;
}

/**
 * What `catalog.onChange` listeners receive: a provider's list of the catalog's own account
 * differs from the one seen before.
 *
 * @example
 * ```ts
 * catalog.onChange(({ provider, changes }: CatalogChange) => {
 *   for (const id of changes.added) console.log(`new on ${provider}: ${id}`);
 * });
 * ```
 */
export interface CatalogChange {
  /** The provider id. */
  readonly provider: string;
  /** When the new list was fetched, ISO 8601. */
  readonly fetchedAt: string;
  /** What differs from the list seen before. */
  readonly changes: ModelChanges;
}

/**
 * Settings of one provider for one call, overriding the catalog's own: any setting the adapter
 * declares (`apiKey`, `baseURL`, `region`, ...), and `headers` sent with each of its requests.
 * When a call gives credentials for a provider, the catalog's own secrets for it (keys from
 * options or the environment) are never used, so a request naming another endpoint cannot
 * receive them.
 *
 * @example
 * ```ts
 * const credentials: ProviderCredentials = { apiKey: userKey, headers: { 'OpenAI-Organization': 'org-1' } };
 * ```
 */
export interface ProviderCredentials {
  /** The key to list with. */
  readonly apiKey?: string;
  /** The API root to list from. */
  readonly baseURL?: string;
  /** Extra request headers; their values are treated as secrets. */
  readonly headers?: Readonly<Record<string, string>>;
  readonly [setting: string]: string | Readonly<Record<string, string>> | undefined;
}

/**
 * Per-call credentials, by provider id (or alias).
 *
 * @example
 * ```ts
 * const credentials: Credentials = { openai: { apiKey: userKey }, anthropic: { apiKey: otherKey } };
 * const { providers } = await catalog.listModels({ credentials });
 * ```
 */
export type Credentials = Readonly<Record<string, ProviderCredentials>>;

/**
 * What one `listModels` call asks for.
 *
 * @example
 * ```ts
 * const request: ListModelsRequest = { refresh: ['openai', 'anthropic'], signal: AbortSignal.timeout(10_000) };
 * const { providers } = await catalog.listModels(request);
 * ```
 */
export interface ListModelsRequest {
  /** Only this provider (an id or alias such as `gemini`). Omit for every configured provider. */
  readonly provider?: string | undefined;
  /**
   * Skip a fresh cache entry and fetch; the entry is replaced only when the fetch succeeds.
   * `true` refreshes every provider asked for; a list of ids refreshes only those.
   */
  readonly refresh?: boolean | readonly string[] | undefined;
  /** Cancels every request under way. */
  readonly signal?: AbortSignal | undefined;
  /**
   * Credentials for this call only, by provider id: the user's own keys (bring your own
   * key). Their lists are cached, shared and backed off per account, apart from the
   * catalog's own, and keys are kept only as one-way fingerprints. Without a `provider`, the
   * call lists the providers configured by the catalog or by these credentials.
   */
  readonly credentials?: Credentials | undefined;
}

/**
 * Where one provider's list came from, and when it was fetched.
 *
 * @example
 * ```ts
 * const { status } = await catalog.listModels({ provider: 'openai' });
 * if (status.stale) console.warn(`served the list of ${status.fetchedAt}:`, status.error?.message);
 * ```
 */
export interface ProviderStatus {
  /**
   * `live` (fetched now), `cache` (served from the cache), `static` (a built-in list) or
   * `catalog` (the provider failed; its models come from the catalogs, with `stale` and `error`).
   */
  readonly source: ModelSource;
  /** When the list was fetched, ISO 8601; for `catalog`, when the catalog's data was taken. */
  readonly fetchedAt: string;
  /** Entries the provider sent without a usable id, or repeating an id already listed. */
  readonly skipped?: number;
  /** Models listed without some of their details, because a per-model request failed. */
  readonly incomplete?: number;
  /**
   * Values left out of its models: prices and limits that are no finite, non-negative number
   * (`"1e303"`, `Infinity`, a hex string), and fields of the wrong type (a list that is no list
   * of strings).
   */
  readonly droppedValues?: number;
  /**
   * Set when this is not a fresh answer: the fetch failed or was skipped during a
   * back-off (`error` says why), the provider returned an empty list, or the list
   * is being refreshed in the background (`revalidating`).
   */
  readonly stale?: boolean;
  /** Set with `stale` when a background refresh is under way. */
  readonly revalidating?: boolean;
  /** Why a stale list was served. */
  readonly error?: ProviderErrorInfo;
  /**
   * When a live fetch replaced a cached list: the ids added and removed, and the fields that
   * changed. Computed when first read (of the status or of the `fetch:success` event, which
   * share it), then kept.
   */
  readonly changes?: ModelChanges;
  /**
   * Catalogs that could not be loaded for this answer, by catalog id. With the catalog's
   * last good data at hand the models are still enriched from it; without, they carry
   * nothing from that catalog. The listing itself never fails because of a catalog.
   */
  readonly catalogErrors?: Readonly<Record<string, ProviderErrorInfo>>;
}

/**
 * The answer for every configured provider: one failing never hides the others.
 *
 * @example
 * ```ts
 * const { providers, errors, status }: CatalogResult = await catalog.listModels();
 * ```
 */
export interface CatalogResult {
  /**
   * Models of each configured provider that answered, from the cache or live. Each list is
   * frozen, and shared with every caller served from the same cache entry (copy it to sort it).
   */
  readonly providers: Record<string, readonly Model[]>;
  /**
   * Each configured provider that failed, with why. A provider served from a stale
   * cache entry appears both here and in `providers`.
   */
  readonly errors: Record<string, ProviderErrorInfo>;
  /** For each provider in `providers`: where its list came from and its `fetchedAt`. */
  readonly status: Record<string, ProviderStatus>;
}

/**
 * The answer for one provider.
 *
 * @example
 * ```ts
 * const { provider, models, status }: ProviderResult = await catalog.listModels({ provider: 'openai' });
 * ```
 */
export interface ProviderResult {
  /** The provider's id (an alias asked for is resolved to it). */
  readonly provider: string;
  /**
   * Its models: frozen, array and models alike, and shared with every caller served from the
   * same cache entry. Copy the array to sort or change it (`[...models]`, `models.toSorted(...)`).
   */
  readonly models: readonly Model[];
  /** Where the list came from, when it was fetched, and what was left out. */
  readonly status: ProviderStatus;
}

/**
 * One adapter of the catalog and whether it can list now.
 *
 * @example
 * ```ts
 * for (const info of catalog.listProviders()) {
 *   if (!info.configured) console.log(info.id, info.reason);
 * }
 * ```
 */
export interface ProviderInfo {
  /** The provider id. */
  readonly id: string;
  /** Other ids that name it, such as `gemini` for `google-genai`. */
  readonly aliases: readonly string[];
  /** True when its required settings resolve, so it lists. */
  readonly configured: boolean;
  /** Why it is not configured: which option or environment variable to set. */
  readonly reason?: string;
}

/**
 * A model catalog: providers, cache and classifier wired together.
 *
 * @example
 * ```ts
 * const catalog: ModelCatalog = createModelCatalog({ cache: createMemoryCache() });
 * ```
 */
export interface ModelCatalog {
  /** Lists every configured provider's models; never rejects because one provider failed. */
  listModels(
    request?: ListModelsRequest & { readonly provider?: undefined },
  ): Promise<CatalogResult>;
  /** Lists one provider's models, or rejects with a typed error. */
  listModels(request: ListModelsRequest & { readonly provider: string }): Promise<ProviderResult>;
  /**
   * With a `provider` that may be `undefined` (`process.env.PROVIDER`): one provider's result
   * when it is set, every provider's when it is not; tell them apart with `'models' in result`.
   */
  listModels(request?: ListModelsRequest): Promise<CatalogResult | ProviderResult>;
  /** The catalog's providers, configured or not, without calling any of them. */
  listProviders(): ProviderInfo[];
  /**
   * Refreshes lists on a schedule in the background, reporting changes to `onChange`
   * listeners; returns the function that stops it. It never keeps a process alive.
   */
  watch(options: WatchOptions): () => void;
  /**
   * Calls `listener` whenever a list of the catalog's own account differs from the one seen
   * before (a refresh, a watch, or an entry another process wrote); returns the function that
   * removes it. Lists fetched with per-request credentials are not reported here.
   */
  onChange(listener: (change: CatalogChange) => void): () => void;
}

/**
 * Options of `catalog.watch()`.
 *
 * @example
 * ```ts
 * const stop = catalog.watch({ intervalMs: 60 * 60_000, providers: ['openai', 'anthropic'] });
 * process.on('SIGTERM', stop);
 * ```
 */
export interface WatchOptions {
  /** Time between two refreshes of a provider, in milliseconds. */
  readonly intervalMs: number;
  /**
   * How much each wait may vary, as a fraction of `intervalMs`: `0.1` waits 90% to 110% of
   * it, so that a fleet's instances spread their refreshes. From 0 to 0.5. Default 0.1.
   */
  readonly jitter?: number | undefined;
  /** The providers to refresh (ids or aliases). Default: every configured provider. */
  readonly providers?: readonly string[] | undefined;
  /** Stops the watch when aborted, as the returned function does. */
  readonly signal?: AbortSignal | undefined;
  /** Receives each change, as an `onChange` listener would, while the watch runs. */
  readonly onChange?: ((change: CatalogChange) => void) | undefined;
}

/**
 * A source of model facts joined into live listings, such as `modelsDev()` or
 * `staticCatalog()`. The catalog calls `join` once per provider listing, with the listing
 * still under way; the source loads its data meanwhile, fills what the listing did not
 * report and records it in each model's `sources`. A source never adds a model the listing
 * did not return, and a source that fails never fails the listing: it adds `catalogErrors`
 * to the status instead.
 *
 * @example
 * ```ts
 * const catalog = createModelCatalog({ catalogs: [modelsDev(), staticCatalog(ourFacts, { id: 'acme' })] });
 * const { models } = await catalog.listModels({ provider: 'openai' });
 * console.log(models[0]?.contextLength, models[0]?.sources); // 128000 { contextLength: 'models.dev', ... }
 * ```
 */
export interface CatalogSource {
  /** What `sources` names for the facts it supplied, such as `models.dev`. */
  readonly id: string;
  /**
   * Joins this source's facts into one provider's listing once it settles. When the listing
   * failed and `context.fallback` is set, may answer from its own models for that provider
   * (`status.source: 'catalog'`); otherwise rejects as the listing did.
   */
  join(listing: Promise<ProviderResult>, context: CatalogContext): Promise<ProviderResult>;
}

/**
 * What the catalog hands a {@link CatalogSource} with each listing.
 *
 * @example
 * ```ts
 * const source: CatalogSource = {
 *   id: 'acme',
 *   async join(listing, context: CatalogContext) {
 *     const result = await listing;
 *     return context.provider === 'openai' ? result : result;
 *   },
 * };
 * ```
 */
export interface CatalogContext {
  /** The id of the provider listed, such as `google-genai`. */
  readonly provider: string;
  /** True with `fallback: 'catalog'`: a provider that failed may be answered from the catalog. */
  readonly fallback: boolean;
  /** Aborted when the caller cancels. */
  readonly signal: AbortSignal | undefined;
  /**
   * Loads a list through the catalog's loader, as a provider's: from the cache under the
   * adapter's id with the same TTL, last good list, shared fetches and back-off, and through
   * the same HTTP client (time budget, retries, size cap, scrubbing). One function per catalog.
   */
  readonly load: (
    adapter: ProviderAdapter,
    signal: AbortSignal | undefined,
  ) => Promise<ProviderResult>;
  /** The catalog's clock, in milliseconds since the epoch. */
  readonly now: () => number;
  /** How long a loaded list stays fresh, in milliseconds (the catalog's `ttlMs`). */
  readonly ttlMs: number;
}

/**
 * Facts the user sets on a model, winning over the live listing and every catalog. Objects
 * (`pricing`, `capabilities`, `lifecycle`, `reasoning`) are merged field by field.
 *
 * @example
 * ```ts
 * const override: ModelOverride = { contextLength: 128_000, pricing: { input: 2 } };
 * ```
 */
export type ModelOverride = Partial<Omit<Model, 'id' | 'provider' | 'sources'>>;

/**
 * The `overrides` option: provider id, then model id, then the fields to set.
 *
 * @example
 * ```ts
 * const overrides: ModelOverrides = { openai: { 'gpt-4o': { contextLength: 128_000 } } };
 * const catalog = createModelCatalog({ overrides });
 * ```
 */
export type ModelOverrides = Readonly<Record<string, Readonly<Record<string, ModelOverride>>>>;
