import { assertCacheKey, checkOptionNames, optionError } from '../core/check-option.js';
import { freezeCacheValue } from '../core/read-cache-entry.js';
import { CACHE_VERSION, type CacheEntry, type ModelCache } from '../types.js';
import { setBounded } from './bounded-map.js';

/**
 * The part of an unstorage `Storage` (unjs/unstorage) the cache uses. Declared here, by shape,
 * so that importing this module loads nothing of unstorage: any `createStorage()` result fits.
 *
 * @example
 * ```ts
 * import { createStorage } from 'unstorage';
 * const storage: UnstorageStorage = createStorage();
 * ```
 */
export interface UnstorageStorage {
  /** Reads one key's value; `null` or `undefined` when there is none. */
  getItem(key: string): Promise<unknown>;
  /**
   * Reads one key's value as stored, unparsed (the JSON text, or its bytes, on most drivers);
   * used before `getItem` when present, so that an unchanged value is recognized without a parse.
   */
  getItemRaw?(key: string): Promise<unknown>;
  /** Writes one key; `ttl` (seconds) makes drivers that support it (Redis, KV stores) expire it. */
  setItem(key: string, value: CacheEntry, options?: { ttl?: number }): Promise<void>;
  /** Deletes one key. */
  removeItem(key: string): Promise<void>;
  /** The keys under `base`, for `clear()`. */
  getKeys(base?: string): Promise<string[]>;
  /** The driver mounted where a key lives; used to find a Redis client for locks. */
  getMount?(key?: string): {
    /** The mount point. */
    base: string;
    /** The driver mounted there. */
    driver: UnstorageDriver;
  };
}

/** What the cache reads of an unstorage driver: its name, options and client. */
interface UnstorageDriver {
  readonly name?: string;
  readonly options?: unknown;
  getInstance?: () => unknown;
  /** The driver's own raw read, when it has one (unstorage reads through `getItem` otherwise). */
  readonly getItemRaw?: unknown;
}

/**
 * Options of {@link createStorageCache}.
 *
 * @example
 * ```ts
 * const cache = createStorageCache(storage, { prefix: 'models' }); // keys models:openai@3f9a...
 * ```
 */
export interface StorageCacheOptions {
  /** Prepended to every key, with a `:` between; `''` for none. Default `model-catalog`. */
  readonly prefix?: string | undefined;
  /**
   * How long the store keeps an entry after its last write, in milliseconds, on drivers that
   * expire keys (Redis, Cloudflare KV, Vercel KV, ...: unstorage's `ttl`, in whole seconds);
   * others keep entries until `clear()`. Every fetch writes the entry again, so only lists
   * nobody asked for in that time go: the accounts of past per-request credentials, providers
   * no longer listed. Longer than the catalog's `ttlMs`, so that an expired list can still be
   * served stale while a provider fails. `Infinity` keeps entries for ever. Default 7 days.
   */
  readonly expireAfterMs?: number | undefined;
  /**
   * How many keys' last read it keeps in this process (the stored text and the entry parsed
   * from it): reading the same text again then costs a comparison instead of a parse and a
   * check. Past that, the key parsed longest ago goes (the store keeps every entry). Each costs
   * about twice the list's JSON in memory. `0` keeps none, `Infinity` all. Default 100. A driver
   * whose client parses values itself gives no text to compare, so a new entry per read: on
   * Upstash's, pass `automaticDeserialization: false` to the driver.
   */
  readonly maxEntriesInMemory?: number | undefined;
}

/** The default of {@link StorageCacheOptions.maxEntriesInMemory}. */
const DEFAULT_ENTRIES_IN_MEMORY = 100;

/**
 * The default of {@link StorageCacheOptions.expireAfterMs}: 7 days, written as one number (a
 * bundler keeps an unused `7 * 24 * …` in programs that never make a storage cache).
 */
const DEFAULT_EXPIRE_AFTER_MS = 604_800_000;

/**
 * A cache on any unstorage storage: Redis, Cloudflare KV, Vercel KV, S3, the filesystem,
 * memory and the other drivers. Every account gets its own key (`<prefix>:<provider>@<fingerprint>`),
 * so catalogs and users with different keys share one store without evicting or reading each
 * other's lists. On a Redis driver (`unstorage/drivers/redis`) the cache also takes locks with
 * the driver's own client (`SET NX PX`), so that across a fleet one process fetches a list
 * while the others wait for its entry. unstorage is an optional peer dependency: install it
 * (and `ioredis` for Redis) to use this cache.
 *
 * @example
 * ```ts
 * import { createStorage } from 'unstorage';
 * import redisDriver from 'unstorage/drivers/redis';
 *
 * const storage = createStorage({ driver: redisDriver({ url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' }) });
 * const catalog = createModelCatalog({ cache: createStorageCache(storage) });
 * ```
 */
export function createStorageCache(
  storage: UnstorageStorage,
  options: StorageCacheOptions = {},
): ModelCache {
  checkOptionNames('createStorageCache()', options, [
    'prefix',
    'expireAfterMs',
    'maxEntriesInMemory',
  ]);
  if (
    typeof storage?.getItem !== 'function' ||
    typeof storage.setItem !== 'function' ||
    typeof storage.removeItem !== 'function' ||
    typeof storage.getKeys !== 'function'
  ) {
    throw new TypeError('`storage` must be an unstorage storage, from createStorage().');
  }
  if (options.prefix !== undefined && typeof options.prefix !== 'string') {
    throw new TypeError('`prefix` must be a string.');
  }
  // unstorage cuts a key at its first `?`: every provider and account would share one key.
  if (options.prefix?.includes('?')) {
    throw new TypeError('`prefix` must not hold "?": unstorage cuts keys there.');
  }
  const expireAfterMs = options.expireAfterMs ?? DEFAULT_EXPIRE_AFTER_MS;
  if (typeof expireAfterMs !== 'number' || !(expireAfterMs >= 1000)) {
    throw new TypeError(
      '`expireAfterMs` must be a number of milliseconds of at least 1000, or Infinity.',
    );
  }
  const kept = options.maxEntriesInMemory ?? DEFAULT_ENTRIES_IN_MEMORY;
  if (kept !== Number.POSITIVE_INFINITY && !(Number.isInteger(kept) && kept >= 0)) {
    throw optionError('maxEntriesInMemory', 'a whole number of at least 0, or Infinity', kept);
  }
  const writeOptions =
    expireAfterMs === Number.POSITIVE_INFINITY
      ? undefined
      : { ttl: Math.ceil(expireAfterMs / 1000) };
  const prefix = normalizeKey(options.prefix ?? 'model-catalog');
  const keyOf = (key: string): string => {
    assertCacheKey(key);
    return prefix ? `${prefix}:${key}` : key;
  };
  const readsAgain = (storageKey: string): boolean => {
    if (!storage.getItemRaw) return true;
    const driver = storage.getMount?.(storageKey).driver;
    return driver === undefined || driver.getItemRaw !== undefined;
  };
  // The last text read of each key with the frozen entry parsed from it, at most `kept`: the
  // same text again (the list no fetch has replaced) is that entry, with no parse and no check,
  // and the same list, so the handler's renders of it are reused.
  const copies = new Map<string, { readonly text: string; readonly value: unknown }>();
  const cache: { -readonly [Name in keyof ModelCache]: ModelCache[Name] } = {
    accountKeys: true,
    async get(key) {
      const storageKey = keyOf(key);
      let value = storage.getItemRaw ? await storage.getItemRaw(storageKey) : undefined;
      // No raw read, or none of this key from a driver's own raw read (db0 keeps its values where
      // that read does not look). unstorage reads a driver without one through its `getItem`
      // already (Redis): asking again would double every miss.
      if ((value === null || value === undefined) && readsAgain(storageKey)) {
        value = await storage.getItem(storageKey);
      }
      if (value === null || value === undefined) {
        copies.delete(storageKey);
        return undefined;
      }
      const text = await textOf(value);
      // An object: a value the driver parsed already (Vercel KV, Upstash), read as it is.
      if (text === undefined) return readValue(value) as CacheEntry;
      const known = copies.get(storageKey);
      if (known?.text === text) return known.value as CacheEntry;
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
        // An entry stored as a JSON string of its text (written by another tool) is read too.
        if (typeof parsed === 'string') parsed = JSON.parse(parsed);
      } catch {
        return undefined;
      }
      const read = readValue(parsed);
      if (kept > 0) setBounded(copies, storageKey, { text, value: read }, kept);
      return read as CacheEntry;
    },
    async set(key, entry) {
      await storage.setItem(keyOf(key), entry, writeOptions);
    },
    async delete(key) {
      copies.delete(keyOf(key));
      await storage.removeItem(keyOf(key));
    },
    async clear() {
      // Only keys this cache writes: the storage may hold other data under the same prefix.
      const start = prefix ? `${prefix}:` : '';
      const keys = await storage.getKeys(prefix);
      // A key shaped like ours is not enough (with prefix `''`, `users` is one): as the file
      // cache does, a key goes only when it holds an entry of its provider.
      await Promise.all(
        keys
          .filter((key) => key.startsWith(start) && isCacheKey(key.slice(start.length)))
          .map(async (key) => {
            const providerId = assertCacheKey(key.slice(start.length));
            if (isEntryOf(await storage.getItem(key), providerId)) {
              copies.delete(key);
              await storage.removeItem(key);
            }
          }),
      );
    },
  };
  const lock = redisLock(storage, (key) => `${keyOf(key)}:lock`);
  if (lock) cache.lock = lock;
  return cache;
}

/**
 * The text of a value a driver read: a string, or the bytes of one (a `Buffer` from the fs
 * driver, an `ArrayBuffer` from the HTTP and S3 drivers, a `Blob`); undefined for anything else.
 */
async function textOf(value: unknown): Promise<string | undefined> {
  if (typeof value === 'string') return value;
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) {
    return new TextDecoder().decode(value);
  }
  const blob = value as { readonly text?: unknown; readonly arrayBuffer?: unknown };
  if (typeof blob.text === 'function' && typeof blob.arrayBuffer === 'function') {
    return (blob as Blob).text();
  }
  return undefined;
}

/**
 * A value read from the store: an object as JSON gives it is frozen and checked in one pass (the
 * catalog's check is then a lookup); anything else is handed on as it is, and the catalog takes
 * a malformed entry for a miss.
 */
function readValue(parsed: unknown): unknown {
  const plain =
    typeof parsed === 'object' &&
    parsed !== null &&
    Object.getPrototypeOf(parsed) === Object.prototype;
  return plain ? freezeCacheValue(parsed) : parsed;
}

/** The part of an ioredis client the lock uses. */
interface RedisClient {
  set(key: string, value: string, ...arguments_: (string | number)[]): Promise<string | null>;
  eval(script: string, keyCount: number, ...arguments_: string[]): Promise<unknown>;
}

/** Deletes the lock only if it still holds this holder's token, so an expired lock taken over by another is left alone. */
const RELEASE_SCRIPT =
  'if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end';

/**
 * Locks through the ioredis client of an unstorage Redis driver (the driver exposes it with
 * `getInstance()`), or undefined when the storage keeps these keys elsewhere.
 */
function redisLock(
  storage: UnstorageStorage,
  lockKeyOf: (key: string) => string,
): ModelCache['lock'] {
  const mountOf = (key: string) => storage.getMount?.(key);
  const probe = mountOf(lockKeyOf('probe'));
  if (probe?.driver.name !== 'redis' || typeof probe.driver.getInstance !== 'function') {
    return undefined;
  }
  return async (key, ttlMs) => {
    const storageKey = lockKeyOf(key);
    const mount = mountOf(storageKey);
    const client = mount?.driver.getInstance?.() as RedisClient | undefined;
    if (!mount || typeof client?.set !== 'function' || typeof client.eval !== 'function') {
      return async () => {};
    }
    // The key as the driver writes it: its own `base`, then the key below the mount point.
    const driverBase = (mount.driver.options as { base?: unknown } | undefined)?.base;
    const redisKey = [
      normalizeKey(typeof driverBase === 'string' ? driverBase : ''),
      storageKey.slice(mount.base.length),
    ]
      .filter(Boolean)
      .join(':');
    const token = globalThis.crypto.randomUUID();
    const taken = await client.set(redisKey, token, 'PX', Math.max(1, Math.ceil(ttlMs)), 'NX');
    if (taken !== 'OK') return undefined;
    return async () => {
      await client.eval(RELEASE_SCRIPT, 1, redisKey, token);
    };
  };
}

/** Keys as unstorage writes them: `:` between segments, none at either end. */
function normalizeKey(key: string): string {
  return key.replace(/[/\\]/g, ':').replace(/:+/g, ':').replace(/^:|:$/g, '');
}

/** True for a value this cache wrote for `providerId`, parsed by unstorage or as text. */
function isEntryOf(value: unknown, providerId: string): boolean {
  let parsed = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch {
      return false;
    }
  }
  const entry = parsed as Partial<CacheEntry> | null;
  return (
    typeof entry === 'object' &&
    entry !== null &&
    entry.version === CACHE_VERSION &&
    entry.providerId === providerId &&
    Array.isArray(entry.models)
  );
}

function isCacheKey(key: string): boolean {
  try {
    assertCacheKey(key);
    return true;
  } catch {
    return false;
  }
}
