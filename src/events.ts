import type { ErrorKind } from './errors.js';
import type { ModelSource } from './provider.js';

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
  | { readonly type: 'fetch:start'; readonly provider: string }
  /** A provider answered; `changes` when the answer replaced a cached list. */
  | {
      readonly type: 'fetch:success';
      readonly provider: string;
      readonly latencyMs: number;
      readonly modelCount: number;
      readonly source: ModelSource;
      readonly changes?: { readonly added: readonly string[]; readonly removed: readonly string[] };
    }
  /** A provider request failed (after retries). */
  | {
      readonly type: 'fetch:error';
      readonly provider: string;
      readonly kind: ErrorKind;
      readonly status?: number;
      readonly message: string;
    }
  /** A fresh cached list was served. */
  | { readonly type: 'cache:hit'; readonly provider: string; readonly fetchedAt: string }
  /** No fresh cached list for this provider and account. */
  | { readonly type: 'cache:miss'; readonly provider: string }
  /** The cache backend failed to read; treated as a miss. */
  | { readonly type: 'cache:read-error'; readonly provider: string; readonly message: string }
  /** The cache backend failed to write; the list is still returned. */
  | { readonly type: 'cache:write-error'; readonly provider: string; readonly message: string };
