import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import { http, passthrough } from 'msw';
import { createStorage } from 'unstorage';
import memoryDriver from 'unstorage/drivers/memory';
import redisDriver from 'unstorage/drivers/redis';
import upstashDriver from 'unstorage/drivers/upstash';
import { afterAll, describe, expect, it } from 'vitest';
import {
  type CacheEntry,
  createModelCatalog,
  createStorageCache,
  type ProviderAdapter,
} from '../../src/index.js';
import { cacheEntry } from '../helpers/cache-conformance.js';
import { server as msw } from '../helpers/msw.js';
import { describeWithRedis } from '../helpers/redis.js';

const ACCOUNT = `openai@${'ab'.repeat(16)}`;

describe('createStorageCache', () => {
  it('writes each entry under its prefix, as JSON the storage can read back', async () => {
    const storage = createStorage({ driver: memoryDriver() });
    await createStorageCache(storage).set(ACCOUNT, cacheEntry('openai'));
    await createStorageCache(storage, { prefix: 'tenants/models:' }).set(
      'groq',
      cacheEntry('groq'),
    );
    await createStorageCache(storage, { prefix: '' }).set('mistral', cacheEntry('mistral'));
    expect((await storage.getKeys()).sort()).toEqual(
      [`model-catalog:${ACCOUNT}`, 'tenants:models:groq', 'mistral'].sort(),
    );
    expect(await storage.getItem(`model-catalog:${ACCOUNT}`)).toEqual(cacheEntry('openai'));
  });

  it('keys the catalog’s own account by fingerprint too, so catalogs never evict each other', async () => {
    const storage = createStorage({ driver: memoryDriver() });
    const cache = createStorageCache(storage);
    expect(cache.accountKeys).toBe(true);
    const adapter: ProviderAdapter = {
      id: 'local',
      async listModels() {
        return [{ id: 'llama3', name: 'Llama 3', category: 'chat', provider: 'local' }];
      },
    };
    await createModelCatalog({ providers: [adapter], cache }).listModels({ provider: 'local' });
    expect(await storage.getKeys()).toEqual([
      expect.stringMatching(/^model-catalog:local@[0-9a-f]{32}$/),
    ]);
  });

  it('clears only the entries it writes, never other data under its prefix or elsewhere', async () => {
    const storage = createStorage({ driver: memoryDriver() });
    const cache = createStorageCache(storage);
    await cache.set('openai', cacheEntry('openai'));
    await cache.set(ACCOUNT, cacheEntry('openai'));
    await storage.setItem('model-catalog:notes:today', 'keep me');
    await storage.setItem('sessions:openai', 'keep me too');
    await cache.clear?.();
    expect((await storage.getKeys()).sort()).toEqual([
      'model-catalog:notes:today',
      'sessions:openai',
    ]);
  });

  it('hands back what it reads frozen and checked, parsed by unstorage or from text', async () => {
    const storage = createStorage({ driver: memoryDriver() });
    const cache = createStorageCache(storage);
    await cache.set(ACCOUNT, cacheEntry('openai'));
    await storage.setItem('model-catalog:groq', JSON.stringify(JSON.stringify(cacheEntry('groq'))));
    for (const key of [ACCOUNT, 'groq']) {
      const entry = await cache.get(key);
      expect(entry?.models.map((model) => model.id)).toEqual(['gpt-4o', 'text-embedding-3-small']);
      expect(Object.isFrozen(entry)).toBe(true);
      expect(Object.isFrozen(entry?.models)).toBe(true);
      expect(entry?.models.every((model) => Object.isFrozen(model))).toBe(true);
    }
  });

  it('hands back a value that is not an entry as read, for the catalog to treat as a miss', async () => {
    const storage = createStorage({ driver: memoryDriver() });
    const cache = createStorageCache(storage);
    await storage.setItem('model-catalog:openai', '{ not json');
    expect(await cache.get('openai')).toBeUndefined();
    await storage.setItem('model-catalog:groq', 42);
    expect(await cache.get('groq')).toBe(42);
    // Bytes a driver hands back raw are read as text: bytes of no JSON are a miss.
    await storage.setItemRaw('model-catalog:mistral', new Uint8Array([1, 2, 3]));
    expect(await cache.get('mistral')).toBeUndefined();
    let calls = 0;
    const adapter: ProviderAdapter = {
      id: 'groq',
      async listModels() {
        calls++;
        return [{ id: 'llama3', name: 'Llama 3', category: 'chat', provider: 'groq' }];
      },
    };
    await createModelCatalog({ providers: [adapter], cache }).listModels({ provider: 'groq' });
    expect(calls).toBe(1);
  });

  it('hands back the same frozen entry while the stored text is unchanged, a new one once it changes', async () => {
    const storage = createStorage({ driver: memoryDriver() });
    const cache = createStorageCache(storage);
    // Another process on the same store.
    const other = createStorageCache(storage);
    await other.set(ACCOUNT, cacheEntry('openai'));
    const first = await cache.get(ACCOUNT);
    expect(first?.models.map((model) => model.id)).toEqual(['gpt-4o', 'text-embedding-3-small']);
    expect(await cache.get(ACCOUNT)).toBe(first);
    const later = cacheEntry('openai', '2026-02-20T10:00:00.000Z', [
      { id: 'gpt-5', name: 'GPT-5', category: 'chat', provider: 'openai' },
    ]);
    await other.set(ACCOUNT, later);
    const second = await cache.get(ACCOUNT);
    expect(second).not.toBe(first);
    expect(second).toEqual(later);
    expect(Object.isFrozen(second?.models)).toBe(true);
    expect(await cache.get(ACCOUNT)).toBe(second);
    // Gone from the store: a miss, whatever was read before.
    await other.delete?.(ACCOUNT);
    expect(await cache.get(ACCOUNT)).toBeUndefined();
  });

  it('gives every listing of an unchanged stored list the same models array', async () => {
    const storage = createStorage({ driver: memoryDriver() });
    const adapter: ProviderAdapter = {
      id: 'local',
      async listModels() {
        return [{ id: 'llama3', name: 'Llama 3', category: 'chat', provider: 'local' }];
      },
    };
    // One process fills the store; another lists from it, twice.
    await createModelCatalog({
      providers: [adapter],
      cache: createStorageCache(storage),
    }).listModels({ provider: 'local' });
    const reader = createModelCatalog({ providers: [adapter], cache: createStorageCache(storage) });
    const first = await reader.listModels({ provider: 'local' });
    const second = await reader.listModels({ provider: 'local' });
    expect(first.status.source).toBe('cache');
    expect(second.models).toBe(first.models);
  });

  describe("reads every kind of value a driver's reads give", () => {
    const text = JSON.stringify(cacheEntry('openai'));
    const bytes = new TextEncoder().encode(text);
    const base = {
      async setItem() {},
      async removeItem() {},
      async getKeys() {
        return [];
      },
    };
    // What `getItemRaw` and `getItem` give on each kind of driver; `kept`: the same value read
    // again is the same entry.
    const drivers: {
      readonly name: string;
      readonly raw?: () => unknown;
      readonly item: () => unknown;
      readonly kept: boolean;
    }[] = [
      {
        name: 'text (Redis, memory, KV)',
        raw: () => text,
        item: () => JSON.parse(text),
        kept: true,
      },
      {
        name: 'a Buffer (fs)',
        raw: () => Buffer.from(text),
        item: () => JSON.parse(text),
        kept: true,
      },
      {
        name: 'an ArrayBuffer (HTTP, S3)',
        raw: () => bytes.slice().buffer,
        item: () => text,
        kept: true,
      },
      {
        name: 'a DataView',
        raw: () => new DataView(bytes.slice().buffer),
        item: () => text,
        kept: true,
      },
      { name: 'a Blob', raw: () => new Blob([text]), item: () => text, kept: true },
      // db0 keeps values where its raw read does not look: `getItem` has them.
      { name: 'no raw value (db0)', raw: () => null, item: () => JSON.parse(text), kept: false },
      // Vercel KV and Upstash give values their client parsed already.
      {
        name: 'a parsed object',
        raw: () => JSON.parse(text),
        item: () => JSON.parse(text),
        kept: false,
      },
      { name: 'no raw read at all', item: () => JSON.parse(text), kept: false },
      { name: 'text from getItem alone', item: () => text, kept: true },
    ];
    for (const driver of drivers) {
      it(`from ${driver.name}`, async () => {
        const { raw } = driver;
        const cache = createStorageCache({
          ...base,
          async getItem() {
            return driver.item();
          },
          ...(raw ? { getItemRaw: async () => raw() } : {}),
        });
        const first = await cache.get('openai');
        expect(first).toEqual(cacheEntry('openai'));
        expect(Object.isFrozen(first?.models[0])).toBe(true);
        const second = await cache.get('openai');
        expect(second).toEqual(cacheEntry('openai'));
        expect(second === first).toBe(driver.kept);
      });
    }
  });

  it("gives Upstash's driver the same entry again once its client leaves values as text", async () => {
    const rest = await startUpstashStandIn();
    // The client calls a real local server: its requests go through msw.
    msw.use(http.all(`${rest.url}/*`, () => passthrough()));
    try {
      const kept: boolean[] = [];
      for (const automaticDeserialization of [true, false]) {
        const storage = createStorage({
          driver: upstashDriver({ url: rest.url, token: 'test-token', automaticDeserialization }),
        });
        const cache = createStorageCache(storage);
        await cache.set('openai', cacheEntry('openai'));
        const first = await cache.get('openai');
        expect(first).toEqual(cacheEntry('openai'));
        kept.push((await cache.get('openai')) === first);
      }
      // By default the client parses each value itself: a new entry per read.
      expect(kept).toEqual([false, true]);
      expect(rest.commands).toContain('get');
    } finally {
      await rest.close();
    }
  });

  it('reads a miss once on a driver without a raw read of its own (Redis), twice on one with (db0)', async () => {
    for (const [driver, reads] of [
      [{ name: 'redis' }, ['getItemRaw']],
      [{ name: 'db0', getItemRaw: () => null }, ['getItemRaw', 'getItem']],
    ] as const) {
      const calls: string[] = [];
      const cache = createStorageCache({
        async getItem() {
          calls.push('getItem');
          return null;
        },
        async getItemRaw() {
          calls.push('getItemRaw');
          return null;
        },
        async setItem() {},
        async removeItem() {},
        async getKeys() {
          return [];
        },
        getMount: () => ({ base: '', driver }),
      });
      expect(await cache.get('openai')).toBeUndefined();
      expect(calls).toEqual(reads);
    }
  });

  it('keeps the last read of at most maxEntriesInMemory keys, none with 0', async () => {
    const storage = createStorage({ driver: memoryDriver() });
    await createStorageCache(storage).set('openai', cacheEntry('openai'));
    await createStorageCache(storage).set('groq', cacheEntry('groq'));
    const one = createStorageCache(storage, { maxEntriesInMemory: 1 });
    const openai = await one.get('openai');
    expect(await one.get('openai')).toBe(openai);
    await one.get('groq');
    // groq's read took the one place: openai is parsed anew.
    const again = await one.get('openai');
    expect(again).not.toBe(openai);
    expect(again).toEqual(openai);
    const none = createStorageCache(storage, { maxEntriesInMemory: 0 });
    expect(await none.get('openai')).not.toBe(await none.get('openai'));
    for (const wrong of [-1, 1.5, '10', Number.NaN]) {
      expect(() => createStorageCache(storage, { maxEntriesInMemory: wrong as number })).toThrow(
        TypeError,
      );
    }
    expect(() => createStorageCache(storage, { maxEntriesInMemory: -1 })).toThrow(
      '`maxEntriesInMemory` must be a whole number of at least 0, or Infinity, got -1.',
    );
  });

  it('has no lock on a driver other than Redis', () => {
    expect(createStorageCache(createStorage({ driver: memoryDriver() })).lock).toBeUndefined();
  });

  it.each([
    [undefined, /`storage` must be an unstorage storage/],
    [new Map(), /`storage` must be an unstorage storage/],
  ])('rejects %o as storage with a TypeError', (storage, message) => {
    expect(() => createStorageCache(storage as never)).toThrow(TypeError);
    expect(() => createStorageCache(storage as never)).toThrow(message);
  });

  it('asks the store to expire each entry 7 days after its write, or after expireAfterMs', async () => {
    const writes: unknown[] = [];
    const storage = createStorage({ driver: memoryDriver() });
    const recording = {
      ...storage,
      getItem: storage.getItem,
      removeItem: storage.removeItem,
      getKeys: storage.getKeys,
      async setItem(key: string, value: CacheEntry, options?: { ttl?: number }) {
        writes.push(options);
        await storage.setItem(key, value);
      },
    };
    await createStorageCache(recording).set(ACCOUNT, cacheEntry('openai'));
    await createStorageCache(recording, { expireAfterMs: 90_500 }).set(
      ACCOUNT,
      cacheEntry('openai'),
    );
    await createStorageCache(recording, { expireAfterMs: Infinity }).set(
      ACCOUNT,
      cacheEntry('openai'),
    );
    expect(writes).toEqual([{ ttl: 604_800 }, { ttl: 91 }, undefined]);
  });

  it.each([0, 999, -1, Number.NaN, '3600'])(
    'rejects expireAfterMs %s with a TypeError',
    (value) => {
      const storage = createStorage({ driver: memoryDriver() });
      expect(() => createStorageCache(storage, { expireAfterMs: value as number })).toThrow(
        new TypeError(
          '`expireAfterMs` must be a number of milliseconds of at least 1000, or Infinity.',
        ),
      );
    },
  );

  it('rejects a prefix that is not a string', () => {
    const storage = createStorage({ driver: memoryDriver() });
    expect(() => createStorageCache(storage, { prefix: 7 as never })).toThrow(
      /`prefix` must be a string/,
    );
  });

  it('rejects a prefix holding "?", where unstorage would cut every key to one', async () => {
    const storage = createStorage({ driver: memoryDriver() });
    expect(() => createStorageCache(storage, { prefix: 'models?v=1' })).toThrow(
      new TypeError('`prefix` must not hold "?": unstorage cuts keys there.'),
    );
    // What it would do: two providers written to the one key `models`.
    await storage.setItem('models?v=1:openai', 'a');
    await storage.setItem('models?v=1:mistral', 'b');
    expect(await storage.getKeys()).toEqual(['models']);
  });
});

describeWithRedis('createStorageCache on the unstorage Redis driver', (url) => {
  const base = `model-catalog-storage-${process.pid}-${Date.now().toString(36)}`;
  const client = new Redis(url);
  const storages: { dispose(): Promise<void> }[] = [];
  const redisStorage = (options: { base?: string } = {}) => {
    const storage = createStorage({ driver: redisDriver({ url, ...options }) });
    storages.push(storage);
    return storage;
  };
  afterAll(async () => {
    const keys = await client.keys(`${base}*`);
    if (keys.length > 0) await client.del(...keys);
    await Promise.all(storages.map((storage) => storage.dispose()));
    client.disconnect();
  });

  it('finds the driver’s Redis client by itself and locks with SET NX PX in the driver’s key space', async () => {
    const cache = createStorageCache(redisStorage({ base }));
    expect(cache.lock).toBeTypeOf('function');
    const release = await cache.lock?.(ACCOUNT, 60_000);
    const key = `${base}:model-catalog:${ACCOUNT}:lock`;
    const ttl = await client.pttl(key);
    expect(ttl).toBeGreaterThan(50_000);
    expect(ttl).toBeLessThanOrEqual(60_000);
    expect(await client.get(key)).toMatch(/^[0-9a-f-]{36}$/);
    await release?.();
    expect(await client.exists(key)).toBe(0);
  });

  it('writes entries that Redis expires after expireAfterMs', async () => {
    const cache = createStorageCache(redisStorage({ base }), { expireAfterMs: 3_600_000 });
    await cache.set(ACCOUNT, cacheEntry('openai'));
    const ttl = await client.ttl(`${base}:model-catalog:${ACCOUNT}`);
    expect(ttl).toBeGreaterThan(3_590);
    expect(ttl).toBeLessThanOrEqual(3_600);
    expect(await cache.get(ACCOUNT)).toEqual(cacheEntry('openai'));
  });

  it('finds the client of a Redis driver mounted below the root, when its prefix lives there', async () => {
    const storage = createStorage({ driver: memoryDriver() });
    storage.mount('shared', redisDriver({ url, base }));
    storages.push(storage);
    expect(createStorageCache(storage).lock).toBeUndefined(); // model-catalog:* lives in memory
    const cache = createStorageCache(storage, { prefix: 'shared:models' });
    const release = await cache.lock?.('groq', 60_000);
    expect(release).toBeTypeOf('function');
    expect(await client.exists(`${base}:models:groq:lock`)).toBe(1);
    await release?.();
    await cache.set('groq', cacheEntry('groq'));
    expect(JSON.parse((await client.get(`${base}:models:groq`)) ?? 'null')).toEqual(
      cacheEntry('groq'),
    );
  });
});

/**
 * A stand-in of Upstash's REST API on 127.0.0.1 for the commands the driver sends (`SET`, `GET`,
 * `UNLINK`, `EXISTS`), one at a time or pipelined, answering base64 when asked, as Upstash does.
 */
async function startUpstashStandIn(): Promise<{
  readonly url: string;
  readonly commands: string[];
  close(): Promise<void>;
}> {
  const values = new Map<string, string>();
  const commands: string[] = [];
  const run = (command: unknown[], base64: boolean): { result: unknown } => {
    const [name, key = '', value = ''] = command.map(String);
    const op = name?.toLowerCase() ?? '';
    commands.push(op);
    let result: unknown = null;
    if (op === 'set') {
      values.set(key, value);
      result = 'OK';
    } else if (op === 'get') result = values.get(key) ?? null;
    else if (op === 'unlink' || op === 'del') result = Number(values.delete(key));
    else if (op === 'exists') result = Number(values.has(key));
    return {
      result:
        base64 && typeof result === 'string' ? Buffer.from(result).toString('base64') : result,
    };
  };
  const server = createServer(async (request, response) => {
    let body = '';
    for await (const chunk of request) body += chunk;
    const parsed = JSON.parse(body) as unknown[];
    const base64 = request.headers['upstash-encoding'] === 'base64';
    const answer = Array.isArray(parsed[0])
      ? (parsed as unknown[][]).map((command) => run(command, base64))
      : run(parsed, base64);
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify(answer));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    commands,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
