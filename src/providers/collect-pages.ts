import { InvalidResponseError } from '../errors/index.js';

/** One page of a paged listing: its items, and the cursor of the next page (absent on the last). */
export interface Page<T> {
  readonly items: readonly T[];
  readonly next?: string | null | undefined;
}

/** Most pages any listing may take before we call it broken. */
export const MAX_PAGES = 50;

/**
 * Follows a paged listing to the end. A cursor seen before, more than {@link MAX_PAGES}
 * pages, or more than `maxItems` items (pass the context's `maxModels`) stops with
 * `invalid_response` as soon as it shows, never an endless loop or a silently cut list.
 */
export async function collectPages<T>(
  provider: string,
  fetchPage: (cursor: string | undefined) => Promise<Page<T>>,
  maxItems: number = Number.POSITIVE_INFINITY,
): Promise<T[]> {
  const items: T[] = [];
  const seen = new Set<string>();
  let cursor: string | undefined;
  for (let page = 1; ; page++) {
    const result = await fetchPage(cursor);
    // One by one: spreading a page of 150,000 items into `push` overflows the stack.
    for (const item of result.items) items.push(item);
    if (items.length > maxItems) {
      throw new InvalidResponseError(
        `${provider}: the listing passed ${maxItems} models (maxModels) by page ${page}; stopping.`,
        { provider },
      );
    }
    if (!result.next) return items;
    if (seen.has(result.next)) {
      throw new InvalidResponseError(`${provider}: the listing repeated a page cursor; stopping.`, {
        provider,
      });
    }
    if (page >= MAX_PAGES) {
      throw new InvalidResponseError(
        `${provider}: the listing has more than ${MAX_PAGES} pages; stopping.`,
        { provider },
      );
    }
    seen.add(result.next);
    cursor = result.next;
  }
}
