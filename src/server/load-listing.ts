import { findProvider } from '../core/find-provider.js';
import type { CatalogResult, Credentials, ModelCatalog, ProviderResult } from '../types.js';
import { hashText } from './paginate.js';

/**
 * What the catalog answered one request, in one shape for one or every provider.
 *
 * @example
 * ```ts
 * const listing: Listing = await loadListing(catalog, { provider: 'openai', refresh: false });
 * ```
 */
export interface Listing {
  /** The one provider asked for, by its canonical id; undefined when listing every provider. */
  readonly single: string | undefined;
  readonly result: CatalogResult;
  /** Providers whose refresh was refused, and the seconds until the next is allowed. */
  readonly throttled: ReadonlyMap<string, number>;
  /** Whether the request asked for `refresh=true`. */
  readonly refreshAsked: boolean;
}

/**
 * What one request asks the catalog for.
 *
 * @example
 * ```ts
 * const request: ListingRequest = { provider: undefined, refresh: true };
 * ```
 */
export interface ListingRequest {
  /** A provider id or alias; undefined for every provider. */
  readonly provider: string | undefined;
  readonly refresh: boolean;
  /** The request's own credentials (bring your own key), if any. */
  readonly credentials?: Credentials | undefined;
}

/**
 * Loads listings for the handler, refreshing each provider at most once per
 * `minRefreshIntervalMs` and account (a failed refresh counts): within that window its cached
 * list is served and the listing says how long until the next refresh is allowed. A request's
 * own credentials for a provider are another account, with a window of its own, so that one
 * user's refreshes never hold back another's, nor the catalog's own.
 *
 * @example
 * ```ts
 * const loadListing = createListingLoader({ now: Date.now, minRefreshIntervalMs: 60_000 });
 * const listing = await loadListing(catalog, { provider: undefined, refresh: true });
 * ```
 */
export function createListingLoader(options: {
  readonly now: () => number;
  readonly minRefreshIntervalMs: number;
}): (catalog: ModelCatalog, request: ListingRequest) => Promise<Listing> {
  /** The last refresh of each account: a provider id, or `<id>@<hash of a request's credentials>`. */
  const lastRefresh = new Map<string, number>();

  /** Whether `account` may refresh now; remembers the attempt. Returns seconds to wait when not. */
  const claimRefresh = (account: string): number => {
    const now = options.now();
    const last = lastRefresh.get(account);
    if (last !== undefined && now - last < options.minRefreshIntervalMs) {
      return Math.max(1, Math.ceil((last + options.minRefreshIntervalMs - now) / 1000));
    }
    // Users' accounts come and go: windows that have passed are forgotten, keeping the map small.
    if (lastRefresh.size >= MAX_REMEMBERED_ACCOUNTS) {
      for (const [known, at] of lastRefresh) {
        if (now - at >= options.minRefreshIntervalMs) lastRefresh.delete(known);
      }
    }
    lastRefresh.set(account, now);
    return 0;
  };

  return async (catalog, request) => {
    const refreshAsked = request.refresh;
    const credentials = request.credentials ? { credentials: request.credentials } : {};
    const throttled = new Map<string, number>();
    const accounts = accountsOf(catalog, request.credentials);
    const mayRefresh = (provider: string): boolean => {
      if (!refreshAsked) return false;
      const wait = claimRefresh(accounts.get(provider) ?? provider);
      if (wait > 0) throttled.set(provider, wait);
      return wait === 0;
    };

    if (request.provider !== undefined) {
      // The catalog's own rule finds the provider whose window counts; an unknown id goes on
      // to the catalog, which rejects it with the list of valid ids.
      const info = findProvider(catalog.listProviders(), request.provider);
      const refresh = info ? mayRefresh(info.id) : false;
      // The client's signal is not passed on: a client giving up must not cancel the fetch
      // that fills the cache for the next one.
      const answer: ProviderResult = await catalog.listModels({
        provider: request.provider,
        refresh,
        ...credentials,
      });
      return {
        single: answer.provider,
        result: fromProviderResult(answer),
        throttled,
        refreshAsked,
      };
    }

    // Refresh only the providers whose window has passed; the others are read from the cache.
    const refresh = refreshAsked ? refreshCandidates(catalog, request).filter(mayRefresh) : [];
    const result: CatalogResult = await catalog.listModels({ refresh, ...credentials });
    return { single: undefined, result, throttled, refreshAsked };
  };
}

/**
 * The providers a refresh of every provider may refresh: the configured ones, and those the
 * request's credentials configure. Worked out only for a request that asks for a refresh: it
 * resolves every provider's settings.
 */
function refreshCandidates(catalog: ModelCatalog, request: ListingRequest): string[] {
  const providers = catalog.listProviders();
  const candidates = new Set([
    ...providers.filter((provider) => provider.configured).map((provider) => provider.id),
    ...Object.keys(request.credentials ?? {}).map(
      (name) => findProvider(providers, name)?.id ?? name,
    ),
  ]);
  return [...candidates];
}

function fromProviderResult(answer: ProviderResult): CatalogResult {
  return {
    providers: { [answer.provider]: answer.models },
    // A stale answer carries the error that made it stale, as the all-providers answer does.
    errors: answer.status.error ? { [answer.provider]: answer.status.error } : {},
    status: { [answer.provider]: answer.status },
  };
}

/** How many accounts' refresh windows are kept before those that have passed are swept. */
const MAX_REMEMBERED_ACCOUNTS = 1000;

/**
 * The accounts a request's credentials name, by canonical provider id: the id and a hash of
 * the credentials for it (never the credentials). A provider without is the catalog's own.
 */
function accountsOf(
  catalog: ModelCatalog,
  credentials: Credentials | undefined,
): Map<string, string> {
  const accounts = new Map<string, string>();
  if (credentials === undefined) return accounts;
  const providers = catalog.listProviders();
  for (const [name, given] of Object.entries(credentials)) {
    const id = findProvider(providers, name)?.id ?? name;
    accounts.set(id, `${id}@${hashText(JSON.stringify(given))}`);
  }
  return accounts;
}
