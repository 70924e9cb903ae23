import {
  checkBoolean,
  checkFunction,
  checkNumber,
  checkOneOf,
  checkOptionNames,
  optionError,
} from '../core/check-option.js';
import { InvalidParameterError } from '../errors/invalid-parameter-error.js';
import type { Credentials, Model, ModelCatalog, ProviderStatus } from '../types.js';
import { changeEventsResponse } from './change-events.js';
import { detectModelListFormat, FORMAT_DETECTION_HEADERS } from './detect-format.js';
import { discreetErrors, errorResponse, responseForError } from './error-response.js';
import { filterModels, sortPrefix } from './filter-models.js';
import {
  isModelListFormat,
  MODEL_LIST_FORMATS,
  type ModelListFormat,
  WIRE_FORMATS,
} from './formats/index.js';
import {
  type FormatInput,
  type ModelOrder,
  orderKey,
  orderModels,
  withQualifiedIds,
} from './formats/wire-format.js';
import { hashBody } from './hash-body.js';
import { isResponse } from './is-response.js';
import { createListingLoader, type Listing } from './load-listing.js';
import { modelIdOf } from './model-path.js';
import { idKey, type ModelKey, qualifiedKey } from './paginate.js';
import {
  queryFlag,
  queryList,
  queryNumber,
  queryText,
  queryWholeNumber,
} from './query-parameters.js';
import {
  createRenderCache,
  type OrderedLists,
  type RenderedBody,
  uncachedLists,
} from './render-cache.js';
import { searchRanker } from './search-models.js';

export { MODEL_LIST_FORMATS, type ModelListFormat } from './formats/index.js';

/**
 * Options of {@link createModelsHandler}. Every field is optional.
 *
 * @example
 * ```ts
 * const token = process.env.MODELS_TOKEN; // unset: every request is refused
 * const options: ModelsHandlerOptions = {
 *   detectFormat: true,
 *   minRefreshIntervalMs: 5 * 60_000,
 *   authorize: (request) => !!token && request.headers.get('authorization') === `Bearer ${token}`,
 * };
 * const handler = createModelsHandler(createModelCatalog(), options);
 * ```
 */
export interface ModelsHandlerOptions {
  /**
   * When the request has no `format` parameter, pick OpenAI, Anthropic or Gemini format from its
   * headers (see `detectModelListFormat`). Default `false`: the `format` option.
   */
  readonly detectFormat?: boolean | undefined;
  /** The format when the request names none (and `detectFormat` is off). Default `native`. */
  readonly format?: ModelListFormat | undefined;
  /** Least time between two refreshes of one provider, in milliseconds. Default 60 000. */
  readonly minRefreshIntervalMs?: number | undefined;
  /**
   * Decides whether a request may list models: `true` lets it through, `false` answers 401
   * (with `WWW-Authenticate: Bearer`), a `Response` is sent as is (return one for another
   * authentication scheme). Default: every request may.
   */
  readonly authorize?:
    | ((request: Request) => boolean | Response | Promise<boolean | Response>)
    | undefined;
  /** `Cache-Control` of successful answers. Default `private, max-age=60`. */
  readonly cacheControl?: string | undefined;
  /**
   * Write ids as `<provider>/<id>` in the OpenAI, Anthropic and Gemini formats when the request
   * names no `provider` (its answer may span several), so ids stay unique, and the same whichever
   * providers answer. Default `true`. Answers for one `?provider=` and the OpenRouter format are
   * not affected; set `false` for a drop-in `/v1/models` of one provider.
   */
  readonly qualifyIds?: boolean | undefined;
  /**
   * Where the list is served, such as `/v1/models`: a request below it (`/v1/models/<id>`) asks
   * for one model, as the SDKs' `models.retrieve` does, and any other path gets the list. Default:
   * the path up to its first `models` segment (`/v1/models/gpt-4o`, `/v1beta/models/<id>`, and a
   * Gemini tuned model's `/v1beta/tunedModels/<id>`). Give the path when a segment of your route
   * is `models` and more follows (`/api/models/v1/models`, or one route per format at
   * `/api/models/openai`); `false` lists at every path, as before one-model requests were answered.
   */
  readonly basePath?: string | false | undefined;
  /**
   * Takes the credentials of a request (bring your own key): the user's own keys, by provider
   * id, for this request only; `undefined` lists with the catalog's own. Their lists are cached
   * and shared per account, apart from everyone else's. Keys from requests are never logged,
   * cached only as fingerprints and never echoed (errors are scrubbed of them), and answers
   * listed with them are sent `Cache-Control: private, no-store`. Take only keys from requests:
   * a base URL taken from one would let users make your server call any address. Runs after
   * `authorize`. Default: none.
   */
  readonly credentials?:
    | ((request: Request) => Credentials | undefined | Promise<Credentials | undefined>)
    | undefined;
  /**
   * The request headers `credentials` (or `authorize`) read, such as `['authorization',
   * 'x-openai-key']`: sent as `Vary`, so that a cache keeps one answer per value of them. Default,
   * with `credentials`: `Vary: *` (no cache may serve one request's answer to another); without
   * it, none (but the format-detection headers with `detectFormat`).
   */
  readonly vary?: readonly string[] | undefined;
  /**
   * Serve the catalog's change feed (`catalog.onChange`) as Server-Sent Events to `GET`
   * requests that accept `text/event-stream`, such as an `EventSource` on the same URL: one
   * `change` event per list that changed, its JSON as data. Default `false`.
   */
  readonly changeEvents?: boolean | undefined;
  /** The clock, in milliseconds since the epoch. Default `Date.now`. */
  readonly now?: (() => number) | undefined;
  /** Receives unexpected errors (answered 500 with no detail). Default `console.error`. */
  readonly onError?: ((error: unknown) => void) | undefined;
  /**
   * Put each failed provider's own error message in answers (the 502 body, `errors` of a 200):
   * it names upstream hosts and URLs and quotes the provider's text. Default `false`: an
   * answer names the provider, the error kind and status only. Turn it on for trusted callers.
   */
  readonly exposeErrorDetails?: boolean | undefined;
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
 * `output_modalities`, `supported_parameters`, `capability` (`tools,vision`, ...), `min_context`,
 * `max_input_price`, `max_output_price` (USD per million tokens), `free=true`, `lifecycle`
 * (statuses to keep; by default every status but `retired`; `all` keeps every model), `sort`
 * (`id`, `name`, `created`, `release_date`, `context_length`, `input_price`, `output_price`, a
 * leading `-` for descending), `query` (or `q`: words to find, best match first unless `sort`
 * is given), `format` (`native`, `openai`, `anthropic`, `gemini`, `openrouter`, `grouped`) and
 * the paging of the format: `page_size` and `page_token`, or for the Anthropic format `limit`,
 * `after_id`, `before_id`, for the Gemini format `pageSize`, `pageToken`. Pages follow the
 * requested order.
 *
 * A path with segments after its first `models` segment (`/v1/models/gpt-4o`,
 * `/v1/models/openai%2Fgpt-4o`), or below the `basePath` option, asks for one model, as the SDKs'
 * `retrieve` does: the answer is its entry in the format, found by the id the list writes, else
 * by a provider's own id; 404 (`model_not_found`) when no provider lists it, 502 (`incomplete`)
 * when a provider that failed with nothing to serve may. Any other path is the list.
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
  const loadListing = createListingLoader(settings);
  const renders = createRenderCache();

  return async (request) => {
    try {
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        return errorResponse(
          405,
          'method_not_allowed',
          `Use GET; ${request.method} is not allowed.`,
          {},
          { allow: ALLOWED_METHODS },
        );
      }
      if (settings.authorize) {
        const verdict = await settings.authorize(request);
        if (isResponse(verdict)) return verdict;
        // A 401 carries a challenge (RFC 9110); `authorize` returns a Response for another scheme.
        if (verdict !== true)
          return errorResponse(
            401,
            'unauthorized',
            'Not authorized to list models.',
            {},
            { 'www-authenticate': 'Bearer' },
          );
      }
      if (settings.changeEvents && request.headers.get('accept')?.includes('text/event-stream')) {
        return changeEventsResponse(getCatalog(), request);
      }
      const url = new URL(request.url);
      const modelId = modelIdOf(url.pathname, settings.basePath);
      const parameters = readParameters(url.searchParams, request.headers, settings);
      const credentials = await settings.credentials?.(request);
      const catalog = getCatalog();
      const listing = await loadListing(catalog, { ...parameters, credentials });
      if (modelId !== undefined) {
        return answerOneModel(
          request,
          catalog,
          parameters,
          listing,
          settings,
          modelId,
          credentials,
        );
      }
      const draw = (lists: OrderedLists): RenderedBody =>
        render(catalog, parameters, listing, settings, lists);
      // A list fetched with a user's key is that user's: rendered for this request only, and
      // no shared cache may keep it either.
      const body = credentials
        ? draw(uncachedLists())
        : renders.body(listing, `${parameters.format}\n${url.search}`, draw);
      return jsonAnswer(request, body, listing, settings, Boolean(credentials));
    } catch (error) {
      return responseForError(error, settings.onError, settings.exposeErrorDetails);
    }
  };
}

interface ResolvedHandlerOptions {
  readonly detectFormat: boolean;
  readonly vary: readonly string[] | undefined;
  readonly format: ModelListFormat;
  readonly minRefreshIntervalMs: number;
  readonly authorize: ModelsHandlerOptions['authorize'];
  readonly cacheControl: string;
  readonly qualifyIds: boolean;
  readonly basePath: string | false | undefined;
  readonly credentials: ModelsHandlerOptions['credentials'];
  readonly changeEvents: boolean;
  readonly now: () => number;
  readonly onError: (error: unknown) => void;
  readonly exposeErrorDetails: boolean;
}

/** Every option's name: any other is refused, naming the closest (see `checkOptionNames`). */
const HANDLER_OPTION_NAMES = [
  'format',
  'detectFormat',
  'minRefreshIntervalMs',
  'authorize',
  'cacheControl',
  'qualifyIds',
  'basePath',
  'credentials',
  'vary',
  'changeEvents',
  'now',
  'onError',
  'exposeErrorDetails',
] as const satisfies readonly (keyof ModelsHandlerOptions)[];

/** An HTTP field name (RFC 9110, 5.1). */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9a-z-]+$/i;

/**
 * A header value set on every answer, checked once, by the same rules as each answer's own
 * headers: a line break or a character past Latin-1 would make every answer fail.
 */
function checkHeaderValue(name: string, value: unknown): string {
  if (typeof value === 'string') {
    try {
      new Headers({ 'cache-control': value });
      return value;
    } catch {
      // refused below
    }
  }
  throw new TypeError(
    `\`${name}\` must be a header value: a string of Latin-1 characters without line breaks or NUL.`,
  );
}

/** A `basePath`: undefined, `false`, or a path from `/`, such as `/v1/models`. */
function checkBasePath(basePath: unknown): string | false | undefined {
  if (basePath === undefined || basePath === false) return basePath;
  if (typeof basePath !== 'string' || !basePath.startsWith('/')) {
    throw optionError('basePath', "a path from the root, such as '/v1/models', or false", basePath);
  }
  return basePath;
}

function resolveHandlerOptions(options: ModelsHandlerOptions): ResolvedHandlerOptions {
  checkOptionNames('createModelsHandler()', options, HANDLER_OPTION_NAMES);
  const { vary } = options;
  if (
    vary !== undefined &&
    (!Array.isArray(vary) ||
      vary.some((name) => typeof name !== 'string' || !HEADER_NAME.test(name)))
  ) {
    throw new TypeError('`vary` must be an array of header names, such as ["authorization"].');
  }
  return {
    detectFormat: checkBoolean('detectFormat', options.detectFormat ?? false),
    vary,
    format: checkOneOf('format', options.format ?? 'native', MODEL_LIST_FORMATS),
    minRefreshIntervalMs: checkNumber(
      'minRefreshIntervalMs',
      options.minRefreshIntervalMs ?? DEFAULT_REFRESH_INTERVAL_MS,
      0,
    ),
    authorize: checkFunction('authorize', options.authorize),
    cacheControl: checkHeaderValue('cacheControl', options.cacheControl ?? DEFAULT_CACHE_CONTROL),
    qualifyIds: checkBoolean('qualifyIds', options.qualifyIds ?? true),
    basePath: checkBasePath(options.basePath),
    credentials: checkFunction('credentials', options.credentials),
    changeEvents: checkBoolean('changeEvents', options.changeEvents ?? false),
    now: checkFunction('now', options.now) ?? Date.now,
    onError:
      checkFunction('onError', options.onError) ??
      ((error) => console.error('model-catalog: models handler failed', error)),
    exposeErrorDetails: checkBoolean('exposeErrorDetails', options.exposeErrorDetails ?? false),
  };
}

/** The request's parameters, checked: the common ones, and the format's own in `formatQuery`. */
interface Parameters {
  readonly format: ModelListFormat;
  readonly formatQuery: unknown;
  readonly provider: string | undefined;
  readonly refresh: boolean;
  readonly filter: {
    readonly category: string | undefined;
    readonly inputModalities: string | undefined;
    readonly outputModalities: string | undefined;
    readonly supportedParameters: string | undefined;
    readonly query: string | undefined;
    readonly capability: string | undefined;
    readonly minContext: number | undefined;
    readonly maxInputPrice: number | undefined;
    readonly maxOutputPrice: number | undefined;
    readonly free: boolean | undefined;
    readonly lifecycle: string;
  };
  /** The request's `sort`, checked: models are ordered by it before the format's own key. */
  readonly sort: string | undefined;
}

/** The statuses the handler serves unless `lifecycle` says otherwise: all but retired models. */
const DEFAULT_LIFECYCLE = 'active,preview,deprecated';

function readParameters(
  query: URLSearchParams,
  headers: Headers,
  settings: ResolvedHandlerOptions,
): Parameters {
  const requested = queryText(query, 'format');
  if (requested !== undefined && !isModelListFormat(requested)) {
    throw new InvalidParameterError(
      'format',
      `Unknown format "${requested}". Valid formats: ${MODEL_LIST_FORMATS.join(', ')}.`,
    );
  }
  const format: ModelListFormat =
    requested ??
    (settings.detectFormat ? detectModelListFormat({ headers, query }) : settings.format);
  const filter: Parameters['filter'] = {
    category: queryList(query, 'category'),
    inputModalities: queryList(query, 'input_modalities'),
    outputModalities: queryList(query, 'output_modalities'),
    supportedParameters: queryList(query, 'supported_parameters'),
    query: queryText(query, 'query', 'q'),
    capability: queryList(query, 'capability'),
    minContext: queryWholeNumber(query, 'min_context'),
    maxInputPrice: queryNumber(query, 'max_input_price'),
    maxOutputPrice: queryNumber(query, 'max_output_price'),
    // Empty is absent, as for every other parameter: `free=` is no filter, not `free=false`.
    free: queryText(query, 'free') === undefined ? undefined : queryFlag(query, 'free'),
    lifecycle: queryList(query, 'lifecycle') ?? DEFAULT_LIFECYCLE,
  };
  // Checked now, on no models: a bad category, capability or lifecycle is a 400 before anything
  // is listed (a `refresh=true` beside it then fetches nothing and spends no refresh window).
  filterModels([], filter);
  return {
    format,
    formatQuery: WIRE_FORMATS[format].readQuery(query),
    provider: queryText(query, 'provider'),
    refresh: queryFlag(query, 'refresh'),
    filter,
    sort: checkedSort(queryText(query, 'sort')),
  };
}

/** A `sort` parameter, checked now so that a bad one is a 400 before anything is listed. */
function checkedSort(sort: string | undefined): string | undefined {
  if (sort !== undefined) sortPrefix(sort);
  return sort;
}

/** The body of a listing in the requested format, with its ETag. */
function render(
  catalog: ModelCatalog,
  parameters: Parameters,
  listing: Listing,
  settings: ResolvedHandlerOptions,
  lists: OrderedLists,
): RenderedBody {
  const input = formatInput(catalog, parameters, listing, settings, lists);
  const text = JSON.stringify(
    WIRE_FORMATS[parameters.format].render(input, parameters.formatQuery),
  );
  return renderedBody(text, Object.values(listing.result.status));
}

/**
 * The answer to a request for one model (see `modelIdOf`): the model (see {@link renderOne}),
 * else a 502 when a provider that failed with nothing to serve may list it, else a 404.
 */
function answerOneModel(
  request: Request,
  catalog: ModelCatalog,
  parameters: Parameters,
  listing: Listing,
  settings: ResolvedHandlerOptions,
  modelId: string,
  credentials: Credentials | undefined,
): Response {
  const one = renderOne(catalog, parameters, listing, settings, modelId);
  if (one) return jsonAnswer(request, one, listing, settings, Boolean(credentials));
  const shownId = JSON.stringify(modelId.slice(0, 200));
  // A provider that failed with no list to serve may list it: not known to be missing.
  const { providers, errors } = listing.result;
  const unlisted = Object.keys(errors).filter((provider) => !Object.hasOwn(providers, provider));
  if (unlisted.length > 0) {
    const failures = Object.fromEntries(unlisted.map((provider) => [provider, errors[provider]!]));
    return errorResponse(
      502,
      'incomplete',
      `No model ${shownId} is listed by the providers that answered; ${unlisted.join(', ')} failed and may list it.`,
      { param: 'model', errors: settings.exposeErrorDetails ? failures : discreetErrors(failures) },
    );
  }
  const where = listing.single === undefined ? '' : ` by ${listing.single}`;
  return errorResponse(404, 'model_not_found', `No model ${shownId} is listed${where}.`, {
    param: 'model',
  });
}

/**
 * The body of a request for one model (see `modelIdOf`), with its ETag: the model whose id is
 * `id` as the lists render it (`<provider>/<id>` when they span providers), else the first, in
 * catalog order, whose own id it is (a client that kept one); undefined when none is listed.
 * Every listed model counts, whatever its lifecycle: the filters are for lists.
 */
function renderOne(
  catalog: ModelCatalog,
  parameters: Parameters,
  listing: Listing,
  settings: ResolvedHandlerOptions,
  id: string,
): RenderedBody | undefined {
  const input = formatInput(catalog, parameters, listing, settings, uncachedLists());
  const models = ([] as Model[]).concat(...Object.values(listing.result.providers));
  const model =
    models.find((each) => input.renderedId(each) === id) ?? models.find((each) => each.id === id);
  if (!model) return undefined;
  const text = JSON.stringify(WIRE_FORMATS[parameters.format].renderOne(input, model));
  const status = listing.result.status[model.provider];
  return renderedBody(text, status ? [status] : []);
}

/** A body with its ETag, and its `Last-Modified`: the newest list it was drawn from. */
function renderedBody(text: string, statuses: readonly ProviderStatus[]): RenderedBody {
  const newest = newestFetchedAt(statuses);
  return {
    text,
    // The body alone decides it: a list fetched again, byte for byte the same, keeps its tag.
    etag: `W/"${hashBody(text)}"`,
    lastModified: newest === undefined ? undefined : new Date(newest).toUTCString(),
  };
}

/** What the format renders one request with (see `FormatInput`). */
function formatInput(
  catalog: ModelCatalog,
  parameters: Parameters,
  listing: Listing,
  settings: ResolvedHandlerOptions,
  lists: OrderedLists,
): FormatInput {
  const { result, single } = listing;
  const qualifyIds = single === undefined && settings.qualifyIds;
  let filtered: readonly Model[] | undefined;
  const renderedId = qualifyIds ? qualifiedKey : idKey;
  // Sorted by the request's `sort`, else by relevance to its `query`, then by the format's key;
  // a sort by `id` reads the id as the order renders it.
  const firstById = firstOrder(parameters, idKey);
  const firstByRendered = renderedId === idKey ? firstById : firstOrder(parameters, renderedId);
  const first = (order: ModelOrder): ModelKey | undefined =>
    order === 'rendered' ? firstByRendered : firstById;
  return {
    provider: single,
    providerIds: Object.keys(result.providers),
    errors: settings.exposeErrorDetails ? result.errors : discreetErrors(result.errors),
    qualifyIds,
    // Tokens are tied to the query they were issued for: a token from another one is refused.
    scope: JSON.stringify([
      parameters.format,
      single ?? '*',
      qualifyIds,
      parameters.filter,
      parameters.sort,
    ]),
    models: (order) =>
      lists.get(
        `${JSON.stringify([parameters.filter, parameters.sort])}\n${order}\n${qualifyIds}`,
        () => {
          // `concat`, not `flat`: V8's `flat` costs about fifteen times more on frozen lists.
          filtered ??= filterModels(
            ([] as Model[]).concat(...Object.values(result.providers)),
            parameters.filter,
          );
          return orderModels(filtered, order, qualifyIds, first(order));
        },
      ),
    pageKey: (order) => orderKey(order, qualifyIds, first(order)),
    renderedId,
    // Only the models an answer serves are copied: a page of a long list costs a page.
    rendered: (models) => (qualifyIds ? withQualifiedIds(models) : models),
    catalogProviders: () => catalog.listProviders(),
  };
}

/**
 * What orders models before the format's own key: the request's `sort`, else the relevance to
 * its `query` (best first; see `searchModels`), else nothing.
 */
function firstOrder(parameters: Parameters, idOf: ModelKey): ModelKey | undefined {
  if (parameters.sort !== undefined) return sortPrefix(parameters.sort, idOf);
  const rank =
    parameters.filter.query === undefined ? undefined : searchRanker(parameters.filter.query);
  // Every model left matches the query: filterModels dropped the others. Judged on the model as
  // listed: `o1` is an exact match for OpenAI's `o1`, rendered `openai/o1` or not.
  return rank && ((model) => `${String(rank(model) ?? 0).padStart(12, '0')}\u0000`);
}

/** A 200 (or 304, or bodiless HEAD) answer with its caching and refresh headers. */
function jsonAnswer(
  request: Request,
  body: RenderedBody,
  listing: Listing,
  settings: ResolvedHandlerOptions,
  personal: boolean,
): Response {
  // A plain record: the Response reads it once (a Headers object would be read twice).
  const headers: Record<string, string> = {
    // A list fetched with a user's key is that user's: no shared cache may keep it.
    'cache-control': personal ? 'private, no-store' : settings.cacheControl,
    etag: body.etag,
  };
  if (body.lastModified !== undefined) headers['last-modified'] = body.lastModified;
  // With `credentials`, the answer depends on request headers only that function knows of: unless
  // `vary` names them, no cache may serve one request's answer to another.
  const varies = [
    ...(settings.detectFormat ? FORMAT_DETECTION_HEADERS : []),
    // With `changeEvents`, `Accept: text/event-stream` gets the event stream at the same URL.
    ...(settings.changeEvents ? ['accept'] : []),
    ...(settings.vary ?? (settings.credentials ? ['*'] : [])),
  ];
  if (varies.length > 0) headers.vary = varies.includes('*') ? '*' : varies.join(', ');
  if (listing.throttled.size > 0) {
    let wait = 0;
    for (const seconds of listing.throttled.values()) wait = Math.max(wait, seconds);
    headers['model-catalog-refresh'] =
      `throttled; providers="${[...listing.throttled.keys()].join(',')}"; retry-after=${wait}`;
  } else if (listing.refreshAsked && isRefreshed(listing.result.status)) {
    headers['model-catalog-refresh'] = 'refreshed';
  }
  // Only `If-None-Match`: an answer can change with no newer `fetchedAt` (a provider that fails
  // drops out of it), so `If-Modified-Since` could keep a client on a list that changed.
  if (matchesEtag(request.headers.get('if-none-match'), body.etag)) {
    return new Response(null, { status: 304, headers });
  }
  headers['content-type'] = 'application/json; charset=utf-8';
  return new Response(request.method === 'HEAD' ? null : body.text, { status: 200, headers });
}

function isRefreshed(status: Readonly<Record<string, ProviderStatus>>): boolean {
  return Object.values(status).some((entry) => entry.source === 'live');
}

function newestFetchedAt(statuses: readonly ProviderStatus[]): number | undefined {
  let newest: number | undefined;
  for (const status of statuses) {
    const time = Date.parse(status.fetchedAt);
    if (Number.isFinite(time) && (newest === undefined || time > newest)) newest = time;
  }
  return newest;
}

function matchesEtag(header: string | null, etag: string): boolean {
  if (!header) return false;
  const bare = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => tag.trim() === '*' || bare(tag) === bare(etag));
}
