import type { Model } from '../types.js';
import { listingVersion } from './listing-version.js';
import type { Listing } from './load-listing.js';
import { createLruCache } from './lru-cache.js';

/**
 * The bounds of a handler's render cache: at most 64 rendered bodies holding at most 8 Mi
 * characters in all (a longer body keeps only its ETag, so that a repeat with `If-None-Match`
 * still costs no render), and 16 filtered, ordered lists holding at most 500,000 models in all
 * (a list costs a pointer per model: it holds the catalog's own models, and a format that writes
 * `<provider>/<id>` ids copies only the models a page serves). Least recently used entries go first, and every entry built on a provider's
 * list goes as soon as that list changes.
 *
 * @example
 * ```ts
 * RENDER_CACHE_LIMITS.renders; // 64
 * ```
 */
export const RENDER_CACHE_LIMITS: {
  readonly renders: number;
  readonly renderCharacters: number;
  readonly orderedLists: number;
  readonly orderedModels: number;
} = { renders: 64, renderCharacters: 8 * 1024 * 1024, orderedLists: 16, orderedModels: 500_000 };

/**
 * One rendered answer: its JSON text and what the caching headers need, computed once.
 *
 * @example
 * ```ts
 * const body: RenderedBody = { text: '{"object":"list","data":[]}', etag: 'W/"0-1x"', lastModified: undefined };
 * ```
 */
export interface RenderedBody {
  readonly text: string;
  readonly etag: string;
  readonly lastModified: string | undefined;
}

/**
 * The filtered, ordered lists of one listing, by a key naming the filter and the order:
 * `get` returns the list held under `key`, else computes, keeps and returns it.
 *
 * @example
 * ```ts
 * const ordered = lists.get('chat\nrendered', () => orderModels(models, 'rendered', true));
 * ```
 */
export interface OrderedLists {
  get(key: string, compute: () => readonly Model[]): readonly Model[];
}

/**
 * The handler's cache of rendered answers.
 *
 * @example
 * ```ts
 * const body = renders.body(listing, `${format}\n${url.search}`, (lists) => render(lists));
 * ```
 */
export interface RenderCache {
  /**
   * The answer to `query` over `listing`: the one rendered before while every list of the
   * listing is the same (see `listingVersion`), else `render`'s, which is then kept.
   */
  body(
    listing: Listing,
    query: string,
    render: (lists: OrderedLists) => RenderedBody,
  ): RenderedBody;
}

/**
 * Creates a {@link RenderCache} within {@link RENDER_CACHE_LIMITS}. A body is rendered, and its
 * ETag hashed, once per list version and query; a page is a slice of a list filtered and
 * sorted once per list version. A listing without a version (lists changed by a catalog
 * wrapper) is rendered every time.
 *
 * @example
 * ```ts
 * const renders = createRenderCache();
 * ```
 */
export function createRenderCache(): RenderCache {
  const renders = createLruCache<{ readonly body: RenderedBody; readonly lists: number[] }>({
    maxEntries: RENDER_CACHE_LIMITS.renders,
    maxWeight: RENDER_CACHE_LIMITS.renderCharacters,
  });
  const ordered = createLruCache<{ readonly models: readonly Model[]; readonly lists: number[] }>({
    maxEntries: RENDER_CACHE_LIMITS.orderedLists,
    maxWeight: RENDER_CACHE_LIMITS.orderedModels,
  });
  // The list each provider had when last seen, to drop what was built on an older one.
  const latest = new Map<string, number>();

  const dropReplaced = (lists: ReadonlyMap<string, number>): void => {
    for (const [provider, number] of lists) {
      const previous = latest.get(provider);
      if (previous === number) continue;
      latest.set(provider, number);
      if (previous === undefined) continue;
      const isStale = (entry: { readonly lists: number[] }): boolean =>
        entry.lists.includes(previous);
      renders.deleteWhere(isStale);
      ordered.deleteWhere(isStale);
    }
  };

  return {
    body(listing, query, render) {
      const version = listingVersion(listing.result);
      if (version === undefined) return render(uncachedLists());
      dropReplaced(version.lists);
      const key = `${version.key}\n${query}`;
      const cached = renders.get(key);
      if (cached !== undefined) return cached.body;
      const lists = [...version.lists.values()];
      const draw = (): RenderedBody =>
        render({
          get(listKey, compute) {
            const fullKey = `${version.key}\n${listKey}`;
            const hit = ordered.get(fullKey);
            if (hit !== undefined) return hit.models;
            const models = compute();
            ordered.set(fullKey, { models, lists }, models.length);
            return models;
          },
        });
      const body = draw();
      if (body.text.length <= RENDER_CACHE_LIMITS.renderCharacters) {
        renders.set(key, { body, lists }, body.text.length);
      } else {
        // Too long to keep: its tag is kept, and its text drawn again only when it is sent.
        const { etag, lastModified } = body;
        const tagOnly: RenderedBody = {
          etag,
          lastModified,
          get text() {
            return draw().text;
          },
        };
        renders.set(key, { body: tagOnly, lists }, 0);
      }
      return body;
    },
  };
}

/**
 * Ordered lists for one render only (a listing that is not cached): each list is computed
 * once for the render, then dropped with it.
 *
 * @example
 * ```ts
 * const body = render(uncachedLists());
 * ```
 */
export function uncachedLists(): OrderedLists {
  const memo = new Map<string, readonly Model[]>();
  return {
    get(key, compute) {
      let models = memo.get(key);
      if (models === undefined) {
        models = compute();
        memo.set(key, models);
      }
      return models;
    },
  };
}
