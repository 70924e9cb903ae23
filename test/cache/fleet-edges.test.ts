import { createStorage } from 'unstorage';
import memoryDriver from 'unstorage/drivers/memory';
import { describe, expect, it } from 'vitest';
import {
  type CatalogChange,
  createMemoryCache,
  createModelCatalog,
  createStorageCache,
  type Model,
  type ProviderAdapter,
  ProviderRequestError,
  staticCatalog,
} from '../../src/index.js';
import { cacheEntry } from '../helpers/cache-conformance.js';

const T0 = Date.parse('2026-07-02T09:00:00.000Z');
const MINUTE = 60_000;

const chat = (provider: string, id: string): Model => ({
  id,
  name: id,
  category: 'chat',
  provider,
});

/** An adapter whose models and failure the test sets. */
function standIn(id: string, models: Model[]) {
  const state = { models, failing: false };
  const adapter: ProviderAdapter = {
    id,
    async listModels() {
      if (state.failing) {
        throw new ProviderRequestError(`${id}: GET https://api.example.com/v1/models failed.`, {
          kind: 'network',
          provider: id,
          retryable: true,
        });
      }
      return state.models;
    },
  };
  return { adapter, state };
}

describe('createStorageCache clear()', () => {
  it('removes only entries it wrote, not other data whose key looks like a provider id', async () => {
    const storage = createStorage({ driver: memoryDriver() });
    const unprefixed = createStorageCache(storage, { prefix: '' });
    await unprefixed.set('openai', cacheEntry('openai'));
    await storage.setItem('users', JSON.stringify({ alice: 1 }));
    await storage.setItem('session.abc', 'x');
    const prefixed = createStorageCache(storage);
    await prefixed.set(`groq@${'ab'.repeat(16)}`, cacheEntry('groq'));
    await storage.setItem('model-catalog:notes', 'keep me');
    await unprefixed.clear?.();
    await prefixed.clear?.();
    expect((await storage.getKeys()).sort()).toEqual([
      'model-catalog:notes',
      'session.abc',
      'users',
    ]);
    expect(await storage.getItem('users')).toEqual({ alice: 1 });
  });
});

describe('onChange', () => {
  it('keeps a listener also given to a watch when that watch stops', async () => {
    const provider = standIn('acme', [chat('acme', 'a')]);
    const catalog = createModelCatalog({
      providers: [provider.adapter],
      cache: createMemoryCache(),
    });
    const heard: CatalogChange[] = [];
    const listener = (change: CatalogChange): void => {
      heard.push(change);
    };
    const remove = catalog.onChange(listener);
    const stop = catalog.watch({ intervalMs: 3_600_000, jitter: 0, onChange: listener });
    await catalog.listModels({ provider: 'acme' });
    stop();
    provider.state.models = [chat('acme', 'a'), chat('acme', 'b')];
    await new Promise((resolve) => setTimeout(resolve, 5));
    await catalog.listModels({ provider: 'acme', refresh: true });
    expect(heard.map((change) => change.changes.added)).toEqual([['b']]);
    // Told once per list, though added twice; gone once the last subscription is removed.
    remove();
    remove();
    provider.state.models = [chat('acme', 'a')];
    await new Promise((resolve) => setTimeout(resolve, 5));
    await catalog.listModels({ provider: 'acme', refresh: true });
    expect(heard).toHaveLength(1);
  });

  it('does not report a catalog fallback as a change of the provider’s list', async () => {
    let now = T0;
    const provider = standIn('deepseek', [
      chat('deepseek', 'deepseek-chat'),
      chat('deepseek', 'ft:mine'),
    ]);
    const catalog = createModelCatalog({
      providers: [provider.adapter],
      cache: false,
      now: () => now,
      fallback: 'catalog',
      retries: 0,
      failureBackoffMs: 0,
      catalogs: [
        staticCatalog(
          {
            deepseek: {
              models: { 'deepseek-chat': { name: 'DeepSeek Chat' }, 'deepseek-reasoner': {} },
            },
          },
          { id: 'acme', fetchedAt: new Date(T0 + MINUTE).toISOString() },
        ),
      ],
    });
    const heard: CatalogChange[] = [];
    catalog.onChange((change) => heard.push(change));
    await catalog.listModels({ provider: 'deepseek' });
    now = T0 + 2 * MINUTE;
    provider.state.failing = true;
    const fallback = await catalog.listModels({ provider: 'deepseek' });
    expect(fallback.status.source).toBe('catalog');
    now = T0 + 3 * MINUTE;
    provider.state.failing = false;
    const live = await catalog.listModels({ provider: 'deepseek' });
    expect(live.status.source).toBe('live');
    // The provider listed the same models both times: nothing changed.
    expect(heard).toEqual([]);
  });
});
