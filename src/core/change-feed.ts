import type { CatalogChange, Model, ModelChanges, ProviderResult } from '../types.js';
import { loadOnce } from './load-once.js';
import { CLOCK_SKEW_MS } from './read-cache-entry.js';

/** The field-level diff, loaded when a second list of a provider is seen. */
const loadDiff = loadOnce(() => import('./diff-models.js'));

/** The listeners of `catalog.onChange`, and the last list of each provider they were told of. */
export interface ChangeFeed {
  /** Adds a listener; returns the function that removes it. */
  subscribe(listener: (change: CatalogChange) => void): () => void;
  /**
   * Tells the listeners how a result of the catalog's own account differs from the last one
   * seen. Returns a promise when the listeners are told later (once the diff has loaded).
   */
  observe(result: ProviderResult): Promise<void> | undefined;
}

/**
 * Creates the change feed of a catalog. Every result of the catalog's own account passes
 * through `observe`; a list newer than the last one seen (fetched here, or written to a shared
 * store by another process) is compared with it, and a difference goes to every listener once.
 * Nothing is kept while no one listens.
 */
export function createChangeFeed(now: () => number): ChangeFeed {
  // Each listener with the number of its subscriptions: one function added twice (with
  // `onChange` and as a watch's `onChange`) is told once, and stays until both are removed.
  const listeners = new Map<(change: CatalogChange) => void, number>();
  const seen = new Map<string, { readonly fetchedAt: number; readonly models: readonly Model[] }>();
  return {
    subscribe(listener) {
      listeners.set(listener, (listeners.get(listener) ?? 0) + 1);
      let subscribed = true;
      return () => {
        if (!subscribed) return;
        subscribed = false;
        const count = listeners.get(listener) ?? 0;
        if (count > 1) listeners.set(listener, count - 1);
        else listeners.delete(listener);
        if (listeners.size === 0) seen.clear();
      };
    },
    observe({ provider, models, status }) {
      // A catalog's models answering for a provider that failed (`fallback: 'catalog'`) are no
      // list of the provider: compared with its lists, they would report changes it never made.
      if (listeners.size === 0 || status.source === 'catalog') return undefined;
      // A list dated further ahead than a clock of the fleet may be (a hand-edited file) counts
      // as fetched now: taken at its word, it would hide every real list until that date. One
      // within the skew is taken at its word, so that an older list seen after it is known as
      // older (capped, both would count as seen-now, and the older one as new again).
      const reported = Date.parse(status.fetchedAt);
      const clock = now();
      const fetchedAt = reported > clock + CLOCK_SKEW_MS ? clock : reported;
      const last = seen.get(provider);
      // Each list once, and never backwards: a slower caller may bring an older one.
      if (last && fetchedAt <= last.fetchedAt) return undefined;
      seen.set(provider, { fetchedAt, models });
      const tell = (changes: ModelChanges | undefined): void => {
        if (
          !changes ||
          changes.added.length + changes.removed.length + changes.changed.length === 0
        )
          return;
        // Frozen: every listener gets this object, and one must not rewrite it for the next.
        const change: CatalogChange = Object.freeze({
          provider,
          fetchedAt: status.fetchedAt,
          changes,
        });
        for (const listener of listeners.keys()) {
          try {
            const returned: unknown = listener(change);
            if (returned instanceof Promise) returned.catch(() => {});
          } catch {
            // A throwing listener must not break listing, nor keep the others from hearing.
          }
        }
      };
      // The first list seen is compared with the entry it replaced, when it was fetched here.
      if (!last) return void tell(status.changes);
      return loadDiff().then(({ diffModels }) => tell(diffModels(last.models, models)));
    },
  };
}
