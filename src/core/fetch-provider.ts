import type { KyInstance } from 'ky';
import {
  AdapterError,
  errorMessage,
  InvalidResponseError,
  ModelCatalogError,
  ProviderRequestError,
  redactSecrets,
  toCatalogError,
} from '../errors/index.js';
import type {
  CatalogEvent,
  HttpClient,
  Model,
  ProviderAdapter,
  ProviderListing,
  ProviderResult,
  ProviderStatus,
} from '../types.js';
import {
  CACHE_VERSION,
  type CacheEntry,
  type ModelCache,
  type ResolvedSettings,
} from '../types.js';
import {
  BUILDS_MODELS,
  completeModel,
  DROPPED_VALUES,
  dropInvalidValues,
} from './complete-model.js';
import { freezeDeep, freezeThrough } from './freeze-deep.js';
import { createHttpClient } from './http.js';

// The fetch path loads as one module (see `loadFetching` in provider-loader.ts): the catalog's
// ky instance is made with it.
export { createTransport } from './http.js';

import { loadOnce } from './load-once.js';
import type { ResolvedModelCatalogOptions } from './options.js';
import { freezeEntry } from './read-cache-entry.js';
import { CALLER_ENDPOINT, secretValues } from './settings.js';
import { raceSignal, startTimeBudget, timeoutError } from './signals.js';

/** What one live fetch of a provider needs. */
export interface FetchRequest {
  readonly adapter: ProviderAdapter;
  readonly settings: ResolvedSettings;
  /** Per-request headers, added to each request of the adapter; their values are secrets. */
  readonly headers?: Readonly<Record<string, string>> | undefined;
  /** True when the call's credentials chose the endpoint (see `CALLER_ENDPOINT`). */
  readonly callerEndpoint?: boolean | undefined;
  /** The shared fetch's lifetime: aborts when all its callers cancelled. */
  readonly signal: AbortSignal;
  /** The catalog's one ky instance. */
  readonly transport: KyInstance;
  /** Milliseconds of the time budget already spent before the fetch (reading the cache). */
  readonly spentMs: number;
  /** Written into the cache entry: who the list was fetched for. */
  readonly fingerprint: string;
  /** Where the entry is written: the provider id, or `<provider>@<fingerprint>`. */
  readonly cacheKey: string;
  /** The usable cache entry the loader already read: for the change report and empty answers. */
  readonly previousEntry: CacheEntry | undefined;
  readonly options: ResolvedModelCatalogOptions;
  readonly cache: ModelCache | false;
  readonly report: (event: CatalogEvent) => void;
}

/**
 * Lists one provider live within its time budget, validates and caps the answer, keeps
 * the last good list when the answer is empty, writes the cache and reports what changed.
 */
export async function fetchProvider(request: FetchRequest): Promise<ProviderResult> {
  const { adapter, settings, headers, signal, fingerprint, previousEntry, options, cache, report } =
    request;
  const provider = adapter.id;
  // The client adds every credential it sends (header values) as it sends it.
  const secrets = new Set([
    ...secretValues(adapter.settings ?? {}, settings),
    ...Object.values(headers ?? {}),
  ]);
  const budget = startTimeBudget(signal, options.timeoutMs, request.spentMs);
  const client = createHttpClient({
    transport: request.transport,
    provider,
    budget,
    maxResponseBytes: options.maxResponseBytes,
    maxListingBytes: options.maxListingBytes,
    maxBackoffMs: options.maxBackoffMs,
    secrets,
  });
  // The adapter's own headers (its key) win over per-request ones of the same name.
  const http: HttpClient = headers
    ? {
        getJson: (url, extra) =>
          client.getJson(url, { ...extra, headers: { ...headers, ...extra?.headers } }),
      }
    : client;
  report({ type: 'fetch:start', provider });
  const started = performance.now();
  // When the budget ends: a timeout, unless the shared fetch was cancelled.
  const budgetError = (): unknown =>
    budget.timedOut()
      ? timeoutError(provider, options.timeoutMs)
      : toCatalogError(undefined, { provider, signal });
  try {
    let listing: ProviderListing;
    try {
      // Reading the cache may have spent the whole budget: then no request is started, and the
      // message says whose time it was.
      if (budget.remainingMs() === 0) {
        throw new ProviderRequestError(
          `${provider}: reading the cache took the whole time budget (${options.timeoutMs} ms); no request was sent.`,
          { kind: 'timeout', provider, retryable: true },
        );
      }
      // Marked by the `listModels` called here: one put in its place later is checked.
      const built =
        (adapter as { [BUILDS_MODELS]?: unknown })[BUILDS_MODELS] === adapter.listModels;
      const listed = Promise.resolve(
        adapter.listModels({
          settings,
          http,
          signal: budget.signal,
          maxModels: options.maxModels,
          ...(request.callerEndpoint ? { [CALLER_ENDPOINT]: true } : {}),
        }),
      );
      // An adapter ignoring its signal cannot hold the caller: after a short grace (for its own,
      // more precise error), the budget's error wins.
      listing = normalizeListing(
        await raceSignal(listed, budget.signal, budgetError, ABORT_GRACE_MS),
        provider,
        built,
      );
    } catch (error) {
      // What an adapter rejects with once its budget ran out (its signal's reason) is the timeout.
      const failure =
        budget.signal.aborted && !ModelCatalogError.isInstance(error) ? budgetError() : error;
      throw toCatalogError(failure, { provider, secrets: [...secrets], signal });
    }
    if (listing.models.length > options.maxModels) {
      throw new InvalidResponseError(
        `${provider}: the provider listed ${listing.models.length} models, more than the cap of ${options.maxModels}.`,
        { provider },
      );
    }
    const source = listing.source ?? 'live';
    const previous = cache && source === 'live' ? previousEntry : undefined;
    if (listing.models.length === 0 && previous && previous.models.length > 0) {
      // An empty answer after a non-empty one is far likelier a provider fault than a real
      // change: fail, so the entry is kept (and served stale, with `serveStale`).
      throw new InvalidResponseError(
        `${provider}: the provider returned an empty list; keeping the last good list.`,
        { provider },
      );
    }
    const fetchedAt = new Date(options.now()).toISOString();
    // Frozen once, here: the cache may keep the entry as it is, and every caller the models.
    const entry: CacheEntry = freezeEntry({
      version: CACHE_VERSION,
      providerId: provider,
      fetchedAt,
      models: listing.models,
      fingerprint,
    });
    if (cache && source === 'live') {
      // The write counts against the time budget too: a cache that hangs does not hold the list.
      // A `set` that throws at once (a full `localStorage`) is a failed write like any other.
      const written = new Promise((resolve) => resolve(cache.set(request.cacheKey, entry)));
      await raceSignal(written, budget.signal, () =>
        budget.timedOut() ? new Error(`timed out after ${options.timeoutMs} ms`) : budgetError(),
      ).catch((error: unknown) => {
        if (signal.aborted) throw budgetError();
        report({
          type: 'cache:write-error',
          provider,
          message: redactSecrets(errorMessage(error), [...secrets]),
        });
      });
    }
    const event = {
      type: 'fetch:success' as const,
      provider,
      latencyMs: Math.round(performance.now() - started),
      modelCount: listing.models.length,
      source,
    };
    const status: ProviderStatus = {
      source,
      fetchedAt,
      // Frozen too: a hand-written adapter may give anything, and every caller shares the status.
      ...(listing.skipped ? { skipped: freezeDeep(listing.skipped) } : {}),
      ...(listing.droppedValues ? { droppedValues: listing.droppedValues } : {}),
      ...(listing.incomplete ? { incomplete: freezeDeep(listing.incomplete) } : {}),
    };
    if (previous) (await loadDiff()).defineChanges(previous.models, entry.models, [event, status]);
    report(event);
    // The entry's own frozen list, which every caller of this fetch gets.
    return { provider, models: entry.models, status: Object.freeze(status) };
  } finally {
    // No request of the listing outlives it: a sibling of a request that failed stops now.
    budget.end();
  }
}

/** The field-level diff, loaded with the first list that replaces a cached one. */
const loadDiff = loadOnce(() => import('./diff-models.js'));

/** How long an aborted adapter may take to settle with its own error before the catalog stops waiting. */
const ABORT_GRACE_MS = 100;

/**
 * Accepts an array or a listing from any adapter, and repairs what a hand-written one may leave
 * out. Complete models are kept as they are, frozen through.
 * `built`: the adapter is a built-in one (see `BUILDS_MODELS`), whose models `buildModel` checked
 * as it made them; only the values it left out are counted. The values `buildModel` left out of
 * any other adapter's models (a wrapped built-in one) are counted too.
 */
export function normalizeListing(
  value: ProviderListing | readonly Model[],
  provider: string,
  built = false,
): ProviderListing {
  const listing: ProviderListing = Array.isArray(value)
    ? { models: value }
    : (value as ProviderListing);
  if (!listing || !Array.isArray(listing.models)) {
    throw new AdapterError(`${provider}: the adapter returned no model list.`, { provider });
  }
  let skipped = listing.skipped ?? 0;
  let droppedValues = 0;
  const models: Model[] = [];
  const seen = new Set<string>();
  for (const model of listing.models) {
    // No id, or an id listed already: counted, not kept (ids are unique within a provider).
    // One `add` per id: the set grows when the id is new.
    const known = seen.size;
    if (typeof model?.id !== 'string' || model.id === '' || seen.add(model.id).size === known) {
      skipped++;
      continue;
    }
    const leftOut = (model as { [DROPPED_VALUES]?: unknown })[DROPPED_VALUES];
    if (typeof leftOut === 'number') droppedValues += leftOut;
    if (built) {
      models.push(model);
      continue;
    }
    const { model: checked, dropped } = dropInvalidValues(completeModel(model, provider));
    droppedValues += dropped;
    // Frozen through: an adapter's model may come frozen at the top only.
    models.push(freezeThrough(checked));
  }
  return { ...listing, models, skipped, ...(droppedValues ? { droppedValues } : {}) };
}
