import { checkFunction, checkNumber, checkOneOf } from '../core/check-option.js';
import { ModelCatalogError } from '../errors/index.js';
import { InvalidParameterError } from '../errors/invalid-parameter-error.js';
import type {
  CatalogResult,
  Model,
  ModelCatalog,
  ProviderResult,
  ProviderStatus,
} from '../types.js';
import { toAnthropicModelList } from './anthropic.js';
import { detectModelListFormat, FORMAT_DETECTION_HEADERS } from './detect-format.js';
import { filterModels } from './filter-models.js';
import { toGeminiModelList } from './gemini.js';
import { groupByCategory } from './group-by-category.js';
import { toOpenAIModelList } from './openai.js';
import { toOpenRouterModelList } from './openrouter.js';
import {
  hashText,
  idKey,
  type ModelKey,
  pageByToken,
  qualifiedKey,
  sortModels,
} from './paginate.js';

/**
 * The answer formats of the models handler; `native` is seed 000's `{ providers }` / `{ provider, models }`.
 *
 * @example
 * ```ts
 * MODEL_LIST_FORMATS; // ['native', 'openai', 'anthropic', 'gemini', 'openrouter', 'grouped']
 * ```
 */
export const MODEL_LIST_FORMATS = [
  'native',
  'openai',
  'anthropic',
  'gemini',
  'openrouter',
  'grouped',
] as const;

/**
 * One of {@link MODEL_LIST_FORMATS}.
 *
 * @example
 * ```ts
 * const format: ModelListFormat = 'openrouter';
 * const handler = createModelsHandler(createModelCatalog(), { format });
 * ```
 */
export type ModelListFormat = (typeof MODEL_LIST_FORMATS)[number];

/**
 * Options of {@link createModelsHandler}. Every field is optional.
 *
 * @example
 * ```ts
 * const options: ModelsHandlerOptions = {
 *   detectFormat: true,
 *   minRefreshIntervalMs: 5 * 60_000,
 *   authorize: (request) => request.headers.get('authorization') === `Bearer ${process.env.MODELS_TOKEN}`,
 * };
 * const handler = createModelsHandler(createModelCatalog(), options);
 * ```
 */
export interface ModelsHandlerOptions {
  /**
   * When the request has no `format` parameter, pick OpenAI, Anthropic or Gemini format from its
   * headers (seed 002's rule, see `detectModelListFormat`). Default `false`: the `format` option.
   */
  readonly detectFormat?: boolean;
  /** The format when the request names none (and `detectFormat` is off). Default `native`. */
  readonly format?: ModelListFormat;
  /** Least time between two refreshes of one provider, in milliseconds. Default 60 000. */
  readonly minRefreshIntervalMs?: number;
  /**
   * Decides whether a request may list models: `true` lets it through, `false` answers 401,
   * a `Response` is sent as is. Default: every request may.
   */
  readonly authorize?: (request: Request) => boolean | Response | Promise<boolean | Response>;
  /** `Cache-Control` of successful answers. Default `private, max-age=60`. */
  readonly cacheControl?: string;
  /**
   * Write ids as `<provider>/<id>` in the OpenAI, Anthropic and Gemini formats when the answer
   * spans several providers, so ids stay unique. Default `true`. One-provider answers and the
   * OpenRouter format are not affected.
   */
  readonly qualifyIds?: boolean;
  /** The clock, in milliseconds since the epoch. Default `Date.now`. */
  readonly now?: () => number;
  /** Receives unexpected errors (answered 500 with no detail). Default `console.error`. */
  readonly onError?: (error: unknown) => void;
}

/**
 * A Fetch API handler: runs in Hono, Next.js, Bun, Deno, Cloudflare Workers and Node (through an adapter).
 *
 * @example
 * ```ts
 * const handler: ModelsHandler = createModelsHandler();
 * const response = await handler(new Request('http://localhost/api/models?format=openai'));
 * ```
 */
export type ModelsHandler = (request: Request) => Promise<Response>;

const DEFAULT_REFRESH_INTERVAL_MS = 60_000;
const DEFAULT_CACHE_CONTROL = 'private, max-age=60';
const ALLOWED_METHODS = 'GET, HEAD';

/**
 * Creates a `GET` models endpoint as a Fetch API handler `(request) => Promise<Response>`.
 *
 * Query parameters: `provider`, `refresh=true`, `category`, `input_modalities`,
 * `output_modalities`, `supported_parameters`, `query`, `page_size`, `page_token` and `format`
 * (`native`, `openai`, `anthropic`, `gemini`, `openrouter`, `grouped`). The Anthropic format
 * also reads `limit`, `after_id`, `before_id`; the Gemini format `pageSize`, `pageToken`.
 *
 * Statuses: 400 for a bad parameter or unknown provider (listing valid ids), 404 for a provider
 * that is not configured, 502 when the provider asked for failed (with its `kind`), 405 for
 * other methods, 304 for a matching `If-None-Match`. When every provider is listed, failures are
 * reported in the 200 body under `errors`. `refresh=true` is honoured at most once per provider
 * per `minRefreshIntervalMs`; within that window the cached list is served and the
 * `Model-Catalog-Refresh: throttled` header says so.
 *
 * @example
 * ```ts
 * // Next.js app/api/models/route.ts
 * export const GET = createModelsHandler(createModelCatalog());
 * // Hono
 * app.get('/v1/models', (c) => handler(c.req.raw));
 * ```
 */
export function createModelsHandler(
  catalog: ModelCatalog,
  options: ModelsHandlerOptions = {},
): ModelsHandler {
  if (typeof catalog?.listModels !== 'function') {
    throw new TypeError(
      '`catalog` must be a model catalog (from createModelCatalog()); the handler of `model-catalog` uses the default catalog when none is given.',
    );
  }
  return createHandler(() => catalog, options);
}

/**
 * The handler over a catalog that is looked up on the first request, so that a preset can
 * build its default catalog lazily. Internal: the public form is {@link createModelsHandler}.
 */
export function createHandler(
  getCatalog: () => ModelCatalog,
  options: ModelsHandlerOptions = {},
): ModelsHandler {
  const settings = resolveHandlerOptions(options);
  const lastRefresh = new Map<string, number>();

  /** Whether `provider` may refresh now; remembers the attempt. Returns seconds to wait when not. */
  const claimRefresh = (provider: string): number => {
    const now = settings.now();
    const last = lastRefresh.get(provider);
    if (last !== undefined && now - last < settings.minRefreshIntervalMs) {
      return Math.max(1, Math.ceil((last + settings.minRefreshIntervalMs - now) / 1000));
    }
    lastRefresh.set(provider, now);
    return 0;
  };

  return async (request) => {
    try {
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        return errorResponse(
          405,
          'method_not_allowed',
          `Use GET; ${request.method} is not allowed.`,
          {},
          {
            allow: ALLOWED_METHODS,
          },
        );
      }
      if (settings.authorize) {
        const verdict = await settings.authorize(request);
        if (verdict instanceof Response) return verdict;
        if (verdict !== true)
          return errorResponse(401, 'unauthorized', 'Not authorized to list models.');
      }
      const url = new URL(request.url);
      const parameters = readParameters(url.searchParams, request.headers, settings);
      const catalogNow = getCatalog();
      // The client's signal is not passed on: a client giving up must not cancel the fetch
      // that fills the cache for the next one.
      const listing = await load(catalogNow, parameters, claimRefresh);
      const body = render(catalogNow, parameters, listing, settings);
      return jsonAnswer(request, body, listing, settings);
    } catch (error) {
      return errorAnswer(error, settings);
    }
  };
}

interface ResolvedHandlerOptions {
  readonly detectFormat: boolean;
  readonly format: ModelListFormat;
  readonly minRefreshIntervalMs: number;
  readonly authorize: ModelsHandlerOptions['authorize'];
  readonly cacheControl: string;
  readonly qualifyIds: boolean;
  readonly now: () => number;
  readonly onError: (error: unknown) => void;
}

function resolveHandlerOptions(options: ModelsHandlerOptions): ResolvedHandlerOptions {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError('createModelsHandler() options must be an object.');
  }
  return {
    detectFormat: options.detectFormat ?? false,
    format: checkOneOf('format', options.format ?? 'native', MODEL_LIST_FORMATS),
    minRefreshIntervalMs: checkNumber(
      'minRefreshIntervalMs',
      options.minRefreshIntervalMs ?? DEFAULT_REFRESH_INTERVAL_MS,
      0,
    ),
    authorize: checkFunction('authorize', options.authorize),
    cacheControl: options.cacheControl ?? DEFAULT_CACHE_CONTROL,
    qualifyIds: options.qualifyIds ?? true,
    now: checkFunction('now', options.now) ?? Date.now,
    onError:
      checkFunction('onError', options.onError) ??
      ((error) => console.error('model-catalog: models handler failed', error)),
  };
}

/** The request's parameters, checked. */
interface Parameters {
  readonly format: ModelListFormat;
  readonly provider: string | undefined;
  readonly refresh: boolean;
  readonly filter: {
    readonly category: string | undefined;
    readonly inputModalities: string | undefined;
    readonly outputModalities: string | undefined;
    readonly supportedParameters: string | undefined;
    readonly query: string | undefined;
  };
  readonly pageSize: number | undefined;
  readonly pageToken: string | undefined;
  readonly afterId: string | undefined;
  readonly beforeId: string | undefined;
}

function readParameters(
  query: URLSearchParams,
  headers: Headers,
  settings: ResolvedHandlerOptions,
): Parameters {
  const text = (...names: string[]): string | undefined => {
    for (const name of names) {
      const value = query.get(name)?.trim();
      if (value) return value;
    }
    return undefined;
  };
  const requested = text('format');
  if (requested !== undefined && !MODEL_LIST_FORMATS.includes(requested as ModelListFormat)) {
    throw new InvalidParameterError(
      'format',
      `Unknown format "${requested}". Valid formats: ${MODEL_LIST_FORMATS.join(', ')}.`,
    );
  }
  const format: ModelListFormat =
    (requested as ModelListFormat | undefined) ??
    (settings.detectFormat ? detectModelListFormat({ headers, query }) : settings.format);
  const sizeNames =
    format === 'anthropic'
      ? ['limit', 'page_size']
      : format === 'gemini'
        ? ['pageSize', 'page_size']
        : ['page_size'];
  const pageSize = wholeNumber(sizeNames[0]!, text(...sizeNames));
  const pageToken = format === 'gemini' ? text('pageToken', 'page_token') : text('page_token');
  if (format === 'grouped' && (pageSize !== undefined || pageToken !== undefined)) {
    throw new InvalidParameterError('page_size', 'Paging is not available with `format=grouped`.');
  }
  return {
    format,
    provider: text('provider'),
    refresh: flag('refresh', query.get('refresh')),
    filter: {
      category: text('category'),
      inputModalities: text('input_modalities'),
      outputModalities: text('output_modalities'),
      supportedParameters: text('supported_parameters'),
      query: text('query', 'q'),
    },
    pageSize,
    pageToken,
    afterId: text('after_id'),
    beforeId: text('before_id'),
  };
}

function wholeNumber(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < 1) {
    throw new InvalidParameterError(
      name,
      `\`${name}\` must be a whole number of at least 1, got "${value}".`,
    );
  }
  return Number(value);
}

function flag(name: string, value: string | null): boolean {
  if (value === null) return false;
  const normalized = value.trim().toLowerCase();
  if (normalized === 'true' || normalized === '1') return true;
  if (normalized === 'false' || normalized === '0' || normalized === '') return false;
  throw new InvalidParameterError(name, `\`${name}\` must be true or false, got "${value}".`);
}

/** What the catalog answered, in one shape for one or all providers. */
interface Listing {
  /** The one provider asked for, by its canonical id. */
  readonly single: string | undefined;
  readonly result: CatalogResult;
  /** Providers whose refresh was refused, and the seconds until the next is allowed. */
  readonly throttled: ReadonlyMap<string, number>;
  /** Whether the request asked for `refresh=true`. */
  readonly refreshAsked: boolean;
}

async function load(
  catalog: ModelCatalog,
  parameters: Parameters,
  claimRefresh: (provider: string) => number,
): Promise<Listing> {
  const refreshAsked = parameters.refresh;
  const throttled = new Map<string, number>();
  const mayRefresh = (provider: string): boolean => {
    if (!parameters.refresh) return false;
    const wait = claimRefresh(provider);
    if (wait > 0) throttled.set(provider, wait);
    return wait === 0;
  };

  if (parameters.provider !== undefined) {
    const wanted = parameters.provider;
    // As the catalog does: an exact id wins over another provider's alias.
    const providers = catalog.listProviders();
    const info =
      providers.find((provider) => provider.id === wanted) ??
      providers.find((provider) => provider.aliases.includes(wanted));
    // An unknown id goes to the catalog, which rejects it with the list of valid ids.
    const refresh = info ? mayRefresh(info.id) : false;
    const answer: ProviderResult = await catalog.listModels({ provider: wanted, refresh });
    return { single: answer.provider, result: fromProviderResult(answer), throttled, refreshAsked };
  }

  // Refresh only the providers whose window has passed; the others are read from the cache.
  const refresh = parameters.refresh
    ? catalog
        .listProviders()
        .filter((provider) => provider.configured && mayRefresh(provider.id))
        .map((provider) => provider.id)
    : [];
  const result = await catalog.listModels({ refresh });
  return { single: undefined, result, throttled, refreshAsked };
}

function fromProviderResult(answer: ProviderResult): CatalogResult {
  return {
    providers: { [answer.provider]: answer.models },
    // A stale answer carries the error that made it stale, as the all-providers answer does.
    errors: answer.status.error ? { [answer.provider]: answer.status.error } : {},
    status: { [answer.provider]: answer.status },
  };
}

function render(
  catalog: ModelCatalog,
  parameters: Parameters,
  listing: Listing,
  settings: ResolvedHandlerOptions,
): unknown {
  const { result, single } = listing;
  const filter = { ...parameters.filter };
  const all = Object.values(result.providers).flat();
  const models = filterModels(all, filter);
  const errors = Object.keys(result.errors).length > 0 ? { errors: result.errors } : {};
  const qualify = single === undefined && settings.qualifyIds;
  // Tokens are tied to the query they were issued for: a token from another one is refused.
  const scope = JSON.stringify([parameters.format, single ?? '*', qualify, filter]);
  const page = { pageSize: parameters.pageSize, pageToken: parameters.pageToken, scope };

  switch (parameters.format) {
    case 'openai': {
      const ordered = sortModels(qualify ? models.map(qualified) : models);
      const paged = pageByToken(ordered, idKey, page, { scope });
      return {
        ...toOpenAIModelList(paged.models),
        ...nextPage(paged.nextPageToken),
        ...errors,
      };
    }
    case 'anthropic': {
      const ordered = sortModels(qualify ? models.map(qualified) : models);
      const body = toAnthropicModelList(ordered, {
        limit: parameters.pageSize,
        afterId: parameters.afterId,
        beforeId: parameters.beforeId,
      });
      return { ...body, ...errors };
    }
    case 'gemini': {
      const ordered = sortModels(qualify ? models.map(qualified) : models);
      return { ...toGeminiModelList(ordered, page), ...errors };
    }
    case 'openrouter':
      return { ...toOpenRouterModelList(sortModels(models, qualifiedKey), page), ...errors };
    case 'grouped': {
      const providers = catalog
        .listProviders()
        .filter((provider) => single === undefined || provider.id === single);
      return groupByCategory(
        {
          providers: byProvider(Object.keys(result.providers), sortModels(models)),
          errors: result.errors,
        },
        { providers },
      );
    }
    case 'native': {
      const keyOf: ModelKey = single === undefined ? qualifiedKey : idKey;
      const paged = pageByToken(sortModels(models, keyOf), keyOf, page, { scope });
      if (single !== undefined)
        return {
          provider: single,
          models: paged.models,
          ...errors,
          ...nextPage(paged.nextPageToken),
        };
      return {
        providers: byProvider(Object.keys(result.providers), paged.models),
        ...errors,
        ...nextPage(paged.nextPageToken),
      };
    }
  }
}

function qualified(model: Model): Model {
  return { ...model, id: qualifiedKey(model) };
}

function nextPage(token: string | undefined): { next_page_token?: string } {
  return token === undefined ? {} : { next_page_token: token };
}

function byProvider(ids: readonly string[], models: readonly Model[]): Record<string, Model[]> {
  const grouped: Record<string, Model[]> = {};
  for (const id of ids) grouped[id] = [];
  for (const model of models) {
    grouped[model.provider] ??= [];
    grouped[model.provider]!.push(model);
  }
  return grouped;
}

function jsonAnswer(
  request: Request,
  body: unknown,
  listing: Listing,
  settings: ResolvedHandlerOptions,
): Response {
  const text = JSON.stringify(body);
  const newest = newestFetchedAt(Object.values(listing.result.status));
  const etag = `W/"${newest === undefined ? '0' : newest.toString(36)}-${hashText(text)}"`;
  const headers = new Headers({
    'content-type': 'application/json; charset=utf-8',
    'cache-control': settings.cacheControl,
    etag,
  });
  if (newest !== undefined) headers.set('last-modified', new Date(newest).toUTCString());
  if (settings.detectFormat) headers.set('vary', FORMAT_DETECTION_HEADERS.join(', '));
  if (listing.throttled.size > 0) {
    const wait = Math.max(...listing.throttled.values());
    headers.set(
      'model-catalog-refresh',
      `throttled; providers="${[...listing.throttled.keys()].join(',')}"; retry-after=${wait}`,
    );
  } else if (
    listing.refreshAsked &&
    Object.keys(listing.result.status).length > 0 &&
    isRefreshed(listing.result.status)
  ) {
    headers.set('model-catalog-refresh', 'refreshed');
  }
  if (matchesEtag(request.headers.get('if-none-match'), etag)) {
    headers.delete('content-type');
    return new Response(null, { status: 304, headers });
  }
  return new Response(request.method === 'HEAD' ? null : text, { status: 200, headers });
}

function isRefreshed(status: Readonly<Record<string, ProviderStatus>>): boolean {
  return Object.values(status).some((entry) => entry.source === 'live');
}

function newestFetchedAt(statuses: readonly ProviderStatus[]): number | undefined {
  const times = statuses
    .map((status) => Date.parse(status.fetchedAt))
    .filter((time) => Number.isFinite(time));
  return times.length > 0 ? Math.max(...times) : undefined;
}

function matchesEtag(header: string | null, etag: string): boolean {
  if (!header) return false;
  const bare = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => tag.trim() === '*' || bare(tag) === bare(etag));
}

function errorAnswer(error: unknown, settings: ResolvedHandlerOptions): Response {
  if (InvalidParameterError.isInstance(error)) {
    return errorResponse(400, 'invalid_parameter', error.message, { parameter: error.parameter });
  }
  if (ModelCatalogError.isInstance(error)) {
    const provider = error.provider === undefined ? {} : { provider: error.provider };
    if (error.kind === 'unknown_provider') {
      const validIds = (error as { validIds?: readonly string[] }).validIds ?? [];
      return errorResponse(400, error.kind, error.message, {
        ...provider,
        valid_providers: [...validIds],
      });
    }
    if (error.kind === 'not_configured')
      return errorResponse(404, error.kind, error.message, provider);
    const retryAfterMs = (error as { retryAfterMs?: number }).retryAfterMs;
    return errorResponse(
      502,
      error.kind,
      error.message,
      { ...provider, ...(error.status ? { provider_status: error.status } : {}) },
      retryAfterMs ? { 'retry-after': String(Math.ceil(retryAfterMs / 1000)) } : {},
    );
  }
  try {
    settings.onError(error);
  } catch {
    // A throwing error reporter must not hide the answer.
  }
  return errorResponse(500, 'internal', 'Internal error while listing models.');
}

function errorResponse(
  status: number,
  kind: string,
  message: string,
  details: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify({ error: { code: status, kind, message, ...details } }), {
    status,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      ...headers,
    },
  });
}
