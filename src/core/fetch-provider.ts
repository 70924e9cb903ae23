import { classifyModel } from '../classify/index.js';
import {
  errorMessage,
  InvalidResponseError,
  ProviderRequestError,
  scrubError,
} from '../errors/index.js';
import { redactSecrets } from '../errors/redact.js';
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
  MODEL_CATEGORIES,
  type ModelCache,
  type ResolvedSettings,
} from '../types.js';
import { diffModels } from './diff-models.js';
import { createHttpClient } from './http.js';
import type { ResolvedModelCatalogOptions } from './options.js';
import { secretValues } from './settings.js';

/** What one live fetch of a provider needs. */
export interface FetchRequest {
  readonly adapter: ProviderAdapter;
  readonly settings: ResolvedSettings;
  /** Per-request headers, added to each request of the adapter; their values are secrets. */
  readonly headers?: Readonly<Record<string, string>> | undefined;
  /** Aborts the fetch (all its callers cancelled). */
  readonly signal: AbortSignal;
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
  const secrets = [
    ...secretValues(adapter.settings ?? {}, settings),
    ...Object.values(headers ?? {}),
  ];
  const budget = startTimeBudget(provider, options.timeoutMs, signal);
  const client = createHttpClient({
    provider,
    timeoutMs: options.timeoutMs,
    retries: options.retries,
    maxResponseBytes: options.maxResponseBytes,
    secrets,
    fetch: options.fetch,
    signal: budget.signal,
    deadline: budget.deadline,
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
  let listing: ProviderListing;
  try {
    const listed = adapter.listModels({ settings, http, signal: budget.signal });
    listing = normalizeListing(await settleWithin(listed, budget.signal), provider);
  } catch (error) {
    throw scrubError(error, provider, secrets, signal);
  } finally {
    budget.end();
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
  const changes = previous ? diffModels(previous.models, listing.models) : undefined;
  if (cache && source === 'live') {
    const entry: CacheEntry = {
      version: CACHE_VERSION,
      providerId: provider,
      fetchedAt,
      models: listing.models,
      fingerprint,
    };
    await cache.set(request.cacheKey, entry).catch((error: unknown) => {
      report({
        type: 'cache:write-error',
        provider,
        message: redactSecrets(errorMessage(error), secrets),
      });
    });
  }
  report({
    type: 'fetch:success',
    provider,
    latencyMs: Math.round(performance.now() - started),
    modelCount: listing.models.length,
    source,
    ...(changes ? { changes } : {}),
  });
  const status: ProviderStatus = {
    source,
    fetchedAt,
    ...(listing.skipped ? { skipped: listing.skipped } : {}),
    ...(changes ? { changes } : {}),
  };
  return { provider, models: [...listing.models], status };
}

/** How long an aborted adapter may take to settle with its own error before the catalog stops waiting. */
const ABORT_GRACE_MS = 100;

/**
 * The time budget of one provider listing: a signal that aborts when the caller's does, or
 * with a `timeout` error once `timeoutMs` has passed, so that every attempt, retry wait,
 * body and page of the listing ends within `timeoutMs`.
 */
function startTimeBudget(provider: string, timeoutMs: number, signal: AbortSignal) {
  const controller = new AbortController();
  const onAbort = (): void => controller.abort(signal.reason);
  signal.addEventListener('abort', onAbort, { once: true });
  if (signal.aborted) onAbort();
  const timer = setTimeout(() => {
    const error = new ProviderRequestError(`${provider}: timed out after ${timeoutMs} ms.`, {
      kind: 'timeout',
      provider,
      retryable: true,
    });
    controller.abort(error);
  }, timeoutMs);
  return {
    signal: controller.signal,
    deadline: performance.now() + timeoutMs,
    end: (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
    },
  };
}

/**
 * Settles as the adapter's promise does, but rejects with the signal's reason soon after it
 * aborts, so that an adapter ignoring its signal cannot hold the caller. The adapter's own
 * error (naming the request) wins when it settles within {@link ABORT_GRACE_MS}.
 */
function settleWithin<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const abort = (): void => {
      timer = setTimeout(() => reject(signal.reason), ABORT_GRACE_MS);
    };
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', abort);
    };
    if (signal.aborted) abort();
    else signal.addEventListener('abort', abort, { once: true });
    Promise.resolve(promise).then(
      (value) => {
        done();
        resolve(value);
      },
      (error: unknown) => {
        done();
        reject(error);
      },
    );
  });
}

/** Accepts an array or a listing from any adapter, and repairs what a hand-written one may leave out. */
export function normalizeListing(
  value: ProviderListing | readonly Model[],
  provider: string,
): ProviderListing {
  const listing: ProviderListing = Array.isArray(value)
    ? { models: value }
    : (value as ProviderListing);
  if (!listing || !Array.isArray(listing.models)) {
    throw new InvalidResponseError(`${provider}: the adapter returned no model list.`, {
      provider,
    });
  }
  let skipped = listing.skipped ?? 0;
  const models: Model[] = [];
  const seen = new Set<string>();
  for (const model of listing.models) {
    // No id, or an id listed already: counted, not kept (ids are unique within a provider).
    if (typeof model?.id !== 'string' || model.id === '' || seen.has(model.id)) {
      skipped++;
      continue;
    }
    seen.add(model.id);
    const category = MODEL_CATEGORIES.includes(model.category)
      ? model.category
      : classifyModel(model.id);
    models.push({
      ...model,
      name: model.name || model.id,
      category,
      provider: model.provider || provider,
    });
  }
  return { ...listing, models, skipped };
}
