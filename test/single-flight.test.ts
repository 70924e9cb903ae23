import { describe, expect, it } from 'vitest';
import {
  type CacheEntry,
  type CatalogEvent,
  createMemoryCache,
  createModelCatalog,
  type ModelCache,
  type ProviderAdapter,
} from '../src/index.js';

/**
 * Several catalogs in one process stand in for the instances of a fleet: each has its own
 * loader, so only the store's lock keeps them from fetching together. (The four-process test
 * in test/fleet does the same on a real Redis.)
 */
function lockingStore(): ModelCache & {
  readonly held: Set<string>;
  readonly written: Set<string>;
  locks: number;
} {
  const memory = createMemoryCache();
  const held = new Set<string>();
  const written = new Set<string>();
  const store = {
    held,
    written,
    locks: 0,
    accountKeys: true,
    get: (key: string) => memory.get(key),
    set: (key: string, entry: CacheEntry) => {
      written.add(key);
      return memory.set(key, entry);
    },
    async lock(key: string) {
      store.locks++;
      if (held.has(key)) return undefined;
      held.add(key);
      return async () => {
        held.delete(key);
      };
    },
  };
  return store;
}

/** An adapter that answers after `delayMs`, counting calls. */
function slowProvider(delayMs: number, ids: string[] = ['llama3']) {
  const state = { calls: 0, ids };
  const adapter: ProviderAdapter = {
    id: 'local',
    async listModels() {
      state.calls++;
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      return state.ids.map((id) => ({
        id,
        name: id,
        category: 'chat' as const,
        provider: 'local',
      }));
    },
  };
  return { adapter, state };
}

function instance(adapter: ProviderAdapter, cache: ModelCache, extra = {}) {
  const events: CatalogEvent[] = [];
  const catalog = createModelCatalog({
    providers: [adapter],
    cache,
    onEvent: (event) => events.push(event),
    ...extra,
  });
  return { catalog, events };
}

/** Lists once through `store`: the list is fetched live, by this instance, and the lock's failure reported. */
async function listDespiteTheLock(store: ModelCache, message: string, extra = {}): Promise<void> {
  const { adapter, state } = slowProvider(0);
  const { catalog, events } = instance(adapter, store, extra);
  const result = await catalog.listModels({ provider: 'local' });
  expect(result.status.source).toBe('live');
  expect(state.calls).toBe(1);
  expect(events).toContainEqual({ type: 'cache:read-error', provider: 'local', message });
}

/** An instance whose list, fetched once through a locking store, is now past its TTL. */
async function withExpiredEntry() {
  const store = lockingStore();
  const { adapter, state } = slowProvider(0);
  let now = Date.parse('2026-03-01T10:00:00.000Z');
  const { catalog } = instance(adapter, store, { now: () => now });
  await catalog.listModels({ provider: 'local' });
  now += 25 * 60 * 60 * 1000; // past the TTL
  return { store, state, catalog };
}

describe('single flight across instances sharing a store with locks', () => {
  it('lets one instance fetch while the others wait for its entry', async () => {
    const store = lockingStore();
    const { adapter, state } = slowProvider(200);
    const instances = Array.from({ length: 4 }, () => instance(adapter, store));
    const results = await Promise.all(
      instances.flatMap(({ catalog }) =>
        Array.from({ length: 10 }, () => catalog.listModels({ provider: 'local' })),
      ),
    );
    expect(state.calls).toBe(1);
    for (const result of results)
      expect(result.models.map((model) => model.id)).toEqual(['llama3']);
    const sources = results.map((result) => result.status.source);
    expect(sources.filter((source) => source === 'live')).toHaveLength(10); // the fetching instance's callers
    expect(sources.filter((source) => source === 'cache')).toHaveLength(30);
    expect(store.held.size).toBe(0);
  });

  it('uses an entry another instance wrote between its read and its lock instead of fetching', async () => {
    const store = lockingStore();
    const { adapter, state } = slowProvider(0);
    const { catalog } = instance(adapter, store);
    const lock = store.lock!;
    // The other instance finishes just before this one takes the lock.
    store.lock = async (key, ttlMs) => {
      await store.set(key, {
        version: 1,
        providerId: 'local',
        fetchedAt: new Date().toISOString(),
        models: [{ id: 'from-another-instance', name: 'x', category: 'chat', provider: 'local' }],
        fingerprint: key.split('@')[1]!,
      });
      return lock(key, ttlMs);
    };
    const result = await catalog.listModels({ provider: 'local' });
    expect(result.models.map((model) => model.id)).toEqual(['from-another-instance']);
    expect(result.status.source).toBe('cache');
    expect(state.calls).toBe(0);
  });

  it('still fetches on refresh when no newer entry appeared', async () => {
    const store = lockingStore();
    const { adapter, state } = slowProvider(0);
    const first = instance(adapter, store).catalog;
    const second = instance(adapter, store).catalog;
    await first.listModels({ provider: 'local' });
    const refreshed = await second.listModels({ provider: 'local', refresh: true });
    expect(refreshed.status.source).toBe('live');
    expect(state.calls).toBe(2);
    expect(store.locks).toBe(2);
  });

  it('serves its stale copy while another instance holds the lock', async () => {
    const { store, state, catalog } = await withExpiredEntry();
    // Entries and locks share the key of the provider and account.
    expect([...store.written]).toEqual([expect.stringMatching(/^local@[0-9a-f]{32}$/)]);
    for (const key of store.written) store.held.add(key);
    const result = await catalog.listModels({ provider: 'local' });
    expect(result.status).toMatchObject({ source: 'cache', stale: true, revalidating: true });
    expect(state.calls).toBe(1);
  });

  it('never hands a refresh the stale copy of a fetch it joined while another instance held the lock', async () => {
    const { store, state, catalog } = await withExpiredEntry();
    // Another instance holds the lock when this one first asks; the store answers a moment later.
    const lock = store.lock!;
    let answerFirst: (() => void) | undefined;
    let asked = 0;
    store.lock = (key, ttlMs) => {
      asked++;
      if (asked > 1) return lock(key, ttlMs);
      return new Promise((resolve) => {
        answerFirst = () => resolve(undefined);
      });
    };
    const plain = catalog.listModels({ provider: 'local' });
    await expect.poll(() => answerFirst).toBeDefined();
    const refreshed = catalog.listModels({ provider: 'local', refresh: true });
    answerFirst!();
    // The plain call accepts the stale copy while the holder fetches; the refresh fetches anew.
    expect((await plain).status).toMatchObject({
      source: 'cache',
      stale: true,
      revalidating: true,
    });
    expect((await refreshed).status.source).toBe('live');
    expect(state.calls).toBe(2);
    expect(asked).toBe(2);
  });

  it('fetches by itself when the holder writes nothing within the time budget', async () => {
    const store = lockingStore();
    const { adapter, state } = slowProvider(0);
    const { catalog } = instance(adapter, store, { timeoutMs: 300 });
    // Every lock is held by a process that never writes (it crashed).
    store.lock = async () => undefined;
    const result = await catalog.listModels({ provider: 'local' });
    expect(result.status.source).toBe('live');
    expect(state.calls).toBe(1);
  });

  it('stops waiting for the holder as soon as the caller aborts, reading the store no more', async () => {
    const store = lockingStore();
    const { adapter, state } = slowProvider(0);
    const { catalog } = instance(adapter, store, { timeoutMs: 10_000 });
    let reads = 0;
    store.get = async () => {
      reads++;
      return undefined;
    };
    // Another process holds the lock and has not written yet.
    store.lock = async () => undefined;
    const controller = new AbortController();
    const listing = catalog.listModels({ provider: 'local', signal: controller.signal });
    // The waits between reads of the store double from 50 ms up to a second: abort mid-wait.
    await expect.poll(() => reads, { timeout: 5_000 }).toBeGreaterThanOrEqual(4);
    controller.abort();
    await expect(listing).rejects.toMatchObject({ kind: 'aborted' });
    const readsAtAbort = reads;
    // The wait under way would have ended within a second, then read the store again.
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    expect(reads).toBe(readsAtAbort);
    expect(state.calls).toBe(0);
  });

  it('fetches without a lock when taking it fails, and reports why', async () => {
    const store = lockingStore();
    store.lock = async () => {
      throw new Error('connection refused');
    };
    await listDespiteTheLock(store, 'connection refused');
  });

  it('fetches by itself when the lock does not answer within the time budget, and gives back a late one', async () => {
    const store = lockingStore();
    let released = 0;
    let grant: (() => void) | undefined;
    // A store that accepts the command and answers long after (an offline queue, a stalled Redis).
    store.lock = () =>
      new Promise((resolve) => {
        grant = () =>
          resolve(async () => {
            released++;
          });
      });
    await listDespiteTheLock(store, "the cache's lock did not answer within 300 ms", {
      timeoutMs: 300,
    });
    expect(released).toBe(0);
    grant?.();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(released).toBe(1);
  });

  it('keeps the list it fetched when releasing the lock throws at once', async () => {
    const store = lockingStore();
    store.lock = async () => () => {
      throw new Error('release failed');
    };
    const { adapter, state } = slowProvider(0);
    const { catalog } = instance(adapter, store);
    const result = await catalog.listModels({ provider: 'local' });
    expect(result.models.map((model) => model.id)).toEqual(['llama3']);
    expect(state.calls).toBe(1);
  });

  it('counts its second read of the store against the fetch, so it ends before its lock expires', async () => {
    const store = lockingStore();
    const get = store.get.bind(store);
    let reads = 0;
    // The second read (under the lock) takes 400 of the 600 ms budget.
    store.get = async (key) => {
      if (++reads === 2) await new Promise((resolve) => setTimeout(resolve, 400));
      return get(key);
    };
    let aborted = false;
    const adapter: ProviderAdapter = {
      id: 'local',
      async listModels({ signal }) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, 500);
          signal?.addEventListener('abort', () => {
            aborted = true;
            clearTimeout(timer);
            resolve();
          });
        });
        signal?.throwIfAborted();
        return [{ id: 'llama3', name: 'llama3', category: 'chat', provider: 'local' }];
      },
    };
    const { catalog } = instance(adapter, store, { timeoutMs: 600 });
    const error = await catalog
      .listModels({ provider: 'local' })
      .catch((caught: unknown) => caught);
    // 400 + 500 ms would outlast the budget the lock is sized for: the fetch is cut at 200 ms.
    expect(aborted).toBe(true);
    expect(error).toMatchObject({ kind: 'timeout', provider: 'local' });
    expect(reads).toBe(2);
  });

  it('hands every caller a frozen status while another instance holds the lock', async () => {
    const store = lockingStore();
    const { adapter } = slowProvider(0);
    let now = Date.parse('2026-03-01T10:00:00.000Z');
    const { catalog } = instance(adapter, store, { now: () => now });
    await catalog.listModels({ provider: 'local' });
    now += 25 * 60 * 60 * 1000;
    for (const key of store.written) store.held.add(key);
    const [first, second] = await Promise.all([
      catalog.listModels({ provider: 'local' }),
      catalog.listModels({ provider: 'local' }),
    ]);
    expect(first.status).toMatchObject({ source: 'cache', stale: true });
    expect(Object.isFrozen(first.status)).toBe(true);
    expect(() => {
      (first.status as { stale?: boolean }).stale = false;
    }).toThrow(TypeError);
    expect(second.status.stale).toBe(true);
  });
});
