import { describe, expect, it } from 'vitest';
import {
  type CacheEntry,
  createModelCatalog,
  type Model,
  type ModelCache,
  type ProviderAdapter,
} from '../../src/index.js';

/** Extra guarantees of the built-in backends, which a third-party cache need not give. */
export interface CacheConformanceOptions {
  /**
   * Asserts that invalid provider ids are rejected with a `TypeError` and that a stored
   * entry cannot be changed through the object given to `set` or returned by `get` (what
   * `get` returns is a copy, or frozen so that a write throws). The catalog checks ids itself
   * and never mutates entries, so a plain `Map`-backed cache is still correct without these.
   */
  readonly strict?: boolean;
}

/** A small, valid entry for `providerId`. */
export function cacheEntry(
  providerId: string,
  fetchedAt = '2026-02-19T10:00:00.000Z',
  models: readonly Model[] = [
    { id: 'gpt-4o', name: 'GPT-4o', category: 'chat', provider: providerId, contextLength: 128000 },
    {
      id: 'text-embedding-3-small',
      name: 'text-embedding-3-small',
      category: 'embedding',
      provider: providerId,
    },
  ],
): CacheEntry {
  return { version: 1, providerId, fetchedAt, models };
}

/**
 * The shared `ModelCache` suite: every backend (file, memory, third-party) must pass it.
 *
 * The rule it states: what a caller gets is safe to keep. The catalog hands every caller a
 * frozen list of frozen models, whatever the backend; a built-in backend's `get` returns a frozen
 * entry (a write throws in strict mode) or a copy, so no caller can change what another caller
 * or the cache sees.
 *
 * @example
 * ```ts
 * describeCacheConformance('my redis cache', () => createRedisCache(client), { strict: false });
 * ```
 */
export function describeCacheConformance(
  name: string,
  createCache: () => ModelCache | Promise<ModelCache>,
  options: CacheConformanceOptions = { strict: true },
): void {
  describe(`${name} conforms to the ModelCache contract`, () => {
    it('returns undefined for a provider it never stored', async () => {
      const cache = await createCache();
      expect(await cache.get('openai')).toBeUndefined();
    });

    it('returns a stored entry deep-equal to what was set', async () => {
      const cache = await createCache();
      const entry = cacheEntry('openai');
      await cache.set('openai', entry);
      expect(await cache.get('openai')).toEqual(entry);
    });

    it('replaces the entry of a provider on a second set', async () => {
      const cache = await createCache();
      await cache.set('openai', cacheEntry('openai', '2026-01-01T00:00:00.000Z'));
      const newer = cacheEntry('openai', '2026-02-01T00:00:00.000Z', [
        { id: 'o4-mini', name: 'o4-mini', category: 'chat', provider: 'openai' },
      ]);
      await cache.set('openai', newer);
      expect(await cache.get('openai')).toEqual(newer);
    });

    it('keeps the entries of different providers independent', async () => {
      const cache = await createCache();
      const first = cacheEntry('openai');
      const second = cacheEntry('my-server.local_2');
      await cache.set('openai', first);
      await cache.set('my-server.local_2', second);
      expect(await cache.get('openai')).toEqual(first);
      expect(await cache.get('my-server.local_2')).toEqual(second);
      expect(await cache.get('groq')).toBeUndefined();
    });

    it('keeps the entries of different accounts of one provider independent', async () => {
      const cache = await createCache();
      const own = cacheEntry('openai', '2026-02-19T10:00:00.000Z');
      const first = {
        ...cacheEntry('openai', '2026-02-19T11:00:00.000Z'),
        fingerprint: 'a1'.repeat(16),
      };
      const second = {
        ...cacheEntry('openai', '2026-02-19T12:00:00.000Z'),
        fingerprint: 'b2'.repeat(16),
      };
      await cache.set('openai', own);
      await cache.set(`openai@${'a1'.repeat(16)}`, first);
      await cache.set(`openai@${'b2'.repeat(16)}`, second);
      expect(await cache.get('openai')).toEqual(own);
      expect(await cache.get(`openai@${'a1'.repeat(16)}`)).toEqual(first);
      expect(await cache.get(`openai@${'b2'.repeat(16)}`)).toEqual(second);
      expect(await cache.get(`openai@${'c3'.repeat(16)}`)).toBeUndefined();
    });

    it('removes one entry with delete, when it has delete', async () => {
      const cache = await createCache();
      if (!cache.delete) return;
      await cache.set('openai', cacheEntry('openai'));
      await cache.set('groq', cacheEntry('groq'));
      await cache.delete('openai');
      expect(await cache.get('openai')).toBeUndefined();
      expect(await cache.get('groq')).toEqual(cacheEntry('groq'));
      await expect(cache.delete('openai')).resolves.toBeUndefined();
    });

    it('removes every entry with clear, when it has clear', async () => {
      const cache = await createCache();
      if (!cache.clear) return;
      await cache.set('openai', cacheEntry('openai'));
      await cache.set('groq', cacheEntry('groq'));
      await cache.set(`groq@${'a1'.repeat(16)}`, cacheEntry('groq'));
      await cache.clear();
      expect(await cache.get('openai')).toBeUndefined();
      expect(await cache.get('groq')).toBeUndefined();
      expect(await cache.get(`groq@${'a1'.repeat(16)}`)).toBeUndefined();
    });

    it('grants its lock, when it has one, to one holder at a time until released', async () => {
      const cache = await createCache();
      if (!cache.lock) return;
      const key = `openai@${'a1'.repeat(16)}`;
      const release = await cache.lock(key, 10_000);
      expect(release).toBeTypeOf('function');
      expect(await cache.lock(key, 10_000)).toBeUndefined();
      // Locks are per provider and account.
      const other = await cache.lock(`openai@${'b2'.repeat(16)}`, 10_000);
      expect(other).toBeTypeOf('function');
      await release?.();
      const again = await cache.lock(key, 10_000);
      expect(again).toBeTypeOf('function');
      await again?.();
      await other?.();
    });

    it('frees its lock, when it has one, once its time has passed, and a late release leaves the next holder alone', async () => {
      const cache = await createCache();
      if (!cache.lock) return;
      const key = `groq@${'c3'.repeat(16)}`;
      const expired = await cache.lock(key, 100);
      expect(expired).toBeTypeOf('function');
      await new Promise((resolve) => setTimeout(resolve, 300));
      const next = await cache.lock(key, 10_000);
      expect(next).toBeTypeOf('function');
      await expired?.(); // too late: the lock is the next holder's now
      expect(await cache.lock(key, 10_000)).toBeUndefined();
      await next?.();
    });

    it('serves the second listing of a catalog from its entry', async () => {
      const cache = await createCache();
      let calls = 0;
      const adapter: ProviderAdapter = {
        id: 'local',
        async listModels() {
          calls++;
          return [{ id: 'llama3', name: 'Llama 3', category: 'chat', provider: 'local' }];
        },
      };
      const now = Date.parse('2026-02-19T10:00:00.000Z');
      const catalog = createModelCatalog({ providers: [adapter], cache, now: () => now });
      const first = await catalog.listModels({ provider: 'local' });
      const second = await catalog.listModels({ provider: 'local' });
      expect(first.status).toEqual({ source: 'live', fetchedAt: '2026-02-19T10:00:00.000Z' });
      expect(second).toEqual({
        provider: 'local',
        models: [{ id: 'llama3', name: 'Llama 3', category: 'chat', provider: 'local' }],
        status: { source: 'cache', fetchedAt: '2026-02-19T10:00:00.000Z' },
      });
      expect(calls).toBe(1);
    });

    it('lets no caller change what another caller or the cache sees', async () => {
      const cache = await createCache();
      const adapter: ProviderAdapter = {
        id: 'local',
        async listModels() {
          return [
            {
              id: 'llama3',
              name: 'Llama 3',
              category: 'chat',
              provider: 'local',
              inputModalities: ['text'],
            },
          ];
        },
      };
      const now = Date.parse('2026-02-19T10:00:00.000Z');
      const catalog = createModelCatalog({ providers: [adapter], cache, now: () => now });
      const live = await catalog.listModels({ provider: 'local' });
      const first = await catalog.listModels({ provider: 'local' });
      const second = await catalog.listModels({ provider: 'local' });
      expect(first.status.source).toBe('cache');
      // The rule: the list and its models are frozen, and a write throws.
      for (const result of [live, first]) {
        const model = result.models[0] as unknown as { name: string; inputModalities: string[] };
        expect(Object.isFrozen(model)).toBe(true);
        expect(Object.isFrozen(result.models)).toBe(true);
        expect(() => {
          model.name = 'changed';
        }).toThrow(TypeError);
        expect(() => model.inputModalities.push('image')).toThrow(TypeError);
        expect(() => {
          (result.models as unknown[]).length = 0;
        }).toThrow(TypeError);
      }
      expect(second.models).toEqual([
        {
          id: 'llama3',
          name: 'Llama 3',
          category: 'chat',
          provider: 'local',
          inputModalities: ['text'],
        },
      ]);
      expect((await catalog.listModels({ provider: 'local' })).models).toEqual(second.models);
      // What the cache holds, as another catalog over it reads it.
      const reader = createModelCatalog({ providers: [adapter], cache, now: () => now });
      const stored = await reader.listModels({ provider: 'local' });
      expect(stored.status.source).toBe('cache');
      expect(stored.models).toEqual(second.models);
    });

    if (options.strict) {
      it.each([
        '../x',
        'A',
        '',
        'a/b',
        '.hidden',
        '..',
        'a\\b',
        'x\0',
        'openai@',
        '@abc',
        'openai@x/y',
        'openai@GG',
        'a@b@c',
      ])('rejects the key %j with a TypeError in every method', async (id) => {
        const cache = await createCache();
        await expect(cache.get(id)).rejects.toThrow(TypeError);
        await expect(cache.set(id, cacheEntry(id))).rejects.toThrow(TypeError);
        if (cache.delete) await expect(cache.delete(id)).rejects.toThrow(TypeError);
      });

      it('keeps the stored entry unchanged when the object given to set is mutated', async () => {
        const cache = await createCache();
        const models = [{ id: 'gpt-4o', name: 'GPT-4o', category: 'chat', provider: 'openai' }];
        const entry = {
          version: 1,
          providerId: 'openai',
          fetchedAt: '2026-02-19T10:00:00.000Z',
          models,
        };
        await cache.set('openai', entry as CacheEntry);
        models[0]!.name = 'changed';
        models.push({ id: 'extra', name: 'extra', category: 'chat', provider: 'openai' });
        entry.fetchedAt = '1999-01-01T00:00:00.000Z';
        expect(await cache.get('openai')).toEqual(
          cacheEntry('openai', '2026-02-19T10:00:00.000Z', [
            { id: 'gpt-4o', name: 'GPT-4o', category: 'chat', provider: 'openai' },
          ]),
        );
      });

      it('hands out from get only what is safe to keep: a copy, or a frozen entry whose writes throw', async () => {
        const cache = await createCache();
        await cache.set('openai', cacheEntry('openai'));
        const returned = (await cache.get('openai')) as unknown as {
          models: Model[];
          fetchedAt: string;
        };
        const writes = [
          () => {
            (returned.models[0] as { name: string }).name = 'changed';
          },
          () => {
            returned.models.length = 0;
          },
          () => {
            returned.fetchedAt = '1999-01-01T00:00:00.000Z';
          },
        ];
        // The rule: a write either lands on the caller's own copy or throws (strict mode).
        for (const write of writes) {
          try {
            write();
          } catch (error) {
            expect(error).toBeInstanceOf(TypeError);
            expect(Object.isFrozen(returned)).toBe(true);
          }
        }
        expect(await cache.get('openai')).toEqual(cacheEntry('openai'));
      });
    }
  });
}
