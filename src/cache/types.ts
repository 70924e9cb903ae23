import type { Model } from '../model.js';

/**
 * One provider's cached list, in the seed's versioned format:
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
  readonly version: 1;
  readonly providerId: string;
  /** When the list was fetched, ISO 8601. */
  readonly fetchedAt: string;
  readonly models: readonly Model[];
  /**
   * Who the list was fetched for: a one-way hash of the endpoint and key, never
   * the key. Entries without one are the seed's plain format.
   */
  readonly fingerprint?: string;
}

/**
 * Where the catalog keeps lists between calls. Backends only store: the catalog
 * decides freshness from `fetchedAt` and validates what `get` returns, so a
 * backend may hand back anything it read and the catalog treats a bad value as a miss.
 *
 * @example
 * ```ts
 * const map = new Map<string, CacheEntry>();
 * const cache: ModelCache = {
 *   async get(providerId) { return map.get(providerId); },
 *   async set(providerId, entry) { map.set(providerId, entry); },
 * };
 * ```
 */
export interface ModelCache {
  /** The stored entry for a provider, or undefined. */
  get(providerId: string): Promise<CacheEntry | undefined>;
  /** Stores (replaces) the entry for a provider. */
  set(providerId: string, entry: CacheEntry): Promise<void>;
  /** Optional: removes one provider's entry. */
  delete?(providerId: string): Promise<void>;
  /** Optional: removes every entry. */
  clear?(): Promise<void>;
}

/** The cache format version this library writes and reads. */
export const CACHE_VERSION = 1;

const PROVIDER_ID_PATTERN = /^[a-z0-9][a-z0-9._-]*$/;

/** Throws a `TypeError` unless the id is safe as a file name: `^[a-z0-9][a-z0-9._-]*$`. */
export function assertProviderId(providerId: string): void {
  if (
    typeof providerId !== 'string' ||
    !PROVIDER_ID_PATTERN.test(providerId) ||
    providerId.includes('..')
  ) {
    throw new TypeError(
      `Invalid provider id ${JSON.stringify(providerId)}: use lower-case letters, digits, ".", "_" and "-", starting with a letter or digit.`,
    );
  }
}
