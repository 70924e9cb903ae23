import type { CatalogResult } from '../types.js';

/**
 * What names the exact lists of a listing: `key` changes whenever one provider's list, its
 * fetch time or any error does; `lists` holds each provider's list number.
 *
 * @example
 * ```ts
 * const version: ListingVersion | undefined = listingVersion(await catalog.listModels());
 * ```
 */
export interface ListingVersion {
  readonly key: string;
  readonly lists: ReadonlyMap<string, number>;
}

const listNumbers = new WeakMap<object, number>();
let nextListNumber = 1;

/**
 * The version of a catalog result, from the identity of its lists. A frozen list cannot
 * change, so it is its own version: the catalog's lists are frozen, and the same object for as
 * long as a provider's list is served from the same cache entry; every fetch brings a new one
 * (and every read, from a cache whose `get` returns a new value each time). `undefined` when some list is not frozen
 * (a catalog of another kind, or a wrapper's copy), whose renders are then not cached.
 *
 * @example
 * ```ts
 * listingVersion(first)?.key === listingVersion(second)?.key; // true while nothing changed
 * ```
 */
export function listingVersion(result: CatalogResult): ListingVersion | undefined {
  const lists = new Map<string, number>();
  let key = '';
  for (const provider in result.providers) {
    const source = result.providers[provider]!;
    if (!Object.isFrozen(source)) return undefined;
    let number = listNumbers.get(source);
    if (number === undefined) {
      number = nextListNumber++;
      listNumbers.set(source, number);
    }
    lists.set(provider, number);
    key += `${JSON.stringify(provider)}:${number}@${result.status[provider]?.fetchedAt}\n`;
  }
  const failed = Object.keys(result.errors).length > 0;
  return { key: failed ? key + JSON.stringify(result.errors) : key, lists };
}
