import { assertCacheKey, checkOptionNames, typeOf } from '../core/check-option.js';
import { freezeCacheValue, isCheckedEntry } from '../core/read-cache-entry.js';
import type { Environment } from '../types.js';
import { CACHE_VERSION, type CacheEntry, type ModelCache } from '../types.js';
import { MAX_ENTRIES, setBounded } from './bounded-map.js';
import type { FileSystemModules } from './node-file-system.js';

/**
 * Options of {@link createFileCache}.
 *
 * @example
 * ```ts
 * const options: FileCacheOptions = { dir: './.cache/models' };
 * const catalog = createModelCatalog({ cache: createFileCache(options) });
 * ```
 */
export interface FileCacheOptions {
  /**
   * The directory holding one `<provider>.json` per provider for the catalog's own account,
   * and a `<provider>@<fingerprint>.json` beside it for each other account. Default:
   * `MODEL_CATALOG_CACHE_DIR`, else `$XDG_CACHE_HOME/model-catalog`, else `~/.cache/model-catalog`.
   */
  readonly dir?: string | undefined;
  /** Environment used to find the default directory; default `process.env`. */
  readonly env?: Environment | undefined;
}

/**
 * The file cache: a {@link ModelCache} that also tells where its files are.
 *
 * @example
 * ```ts
 * const cache: FileCache = createFileCache();
 * console.log(await cache.filePath('openai')); // e.g. /home/me/.cache/model-catalog/openai.json
 * ```
 */
export interface FileCache extends ModelCache {
  /** The absolute path of the file of a cache key (a provider id: `openai` is `openai.json`). */
  filePath(key: string): Promise<string>;
  /** Removes the file of one cache key. */
  delete(key: string): Promise<void>;
  /** Removes every cache file of this cache (and nothing else in its directory). */
  clear(): Promise<void>;
}

type NodeModules = FileSystemModules;

/**
 * A cache on disk: one JSON file per provider and account, `{ version: 1, providerId, fetchedAt,
 * models }`: `<provider>.json` for the catalog's own account, so the files stay interchangeable
 * with other tools reading that format, and `<provider>@<fingerprint>.json` for the others.
 * Writes go to a temporary file that is then renamed over the old one, so a
 * reader never sees half a file, even with several processes writing. Node
 * built-ins are loaded on first use, so importing this module is safe anywhere; in a browser,
 * worker or edge build of the package (see the `browser`, `worker`, `workerd` and `edge-light`
 * conditions) there is no filesystem, and the first read or write fails with an error saying so.
 *
 * @example
 * ```ts
 * const catalog = createModelCatalog({ cache: createFileCache({ dir: '/tmp/models' }) });
 * ```
 */
export function createFileCache(options: FileCacheOptions = {}): FileCache {
  checkOptionNames('createFileCache()', options, ['dir', 'env']);
  if (options.dir != null && typeof options.dir !== 'string') {
    // Else every read would fail later, each a `cache:read-error`, far from the mistake.
    throw new TypeError(`\`dir\` must be a directory path, got ${typeOf(options.dir)}.`);
  }
  let loaded: Promise<{ node: NodeModules; dir: string }> | undefined;
  const load = (): Promise<{ node: NodeModules; dir: string }> => {
    loaded ??= loadNodeModules().then((node) => ({ node, dir: resolveDir(node, options) }));
    return loaded;
  };
  const filePath = async (key: string): Promise<string> => {
    assertCacheKey(key);
    const { node, dir } = await load();
    return node.path.join(dir, `${key}.json`);
  };

  // The last entry read or written per file, with the identity of the file it came from; at
  // most MAX_ENTRIES files (one per provider and account): past that, the one read from disk or
  // written longest ago is dropped (a hit from memory does not count).
  const copies = new Map<string, FileCopy>();

  return {
    filePath,
    async get(key) {
      const file = await filePath(key);
      const { node } = await load();
      const known = copies.get(file);
      if (known !== undefined) {
        // One stat says whether the file is still the one read: a rename by another process
        // (every write is one) brings a new inode; an edit in place, a new size or change time
        // (which, unlike the modification time, no program can set back).
        const stats = await node.fs.stat(file).catch((error: unknown) => {
          if (isErrorCode(error, 'ENOENT', 'ENOTDIR')) return undefined;
          throw error;
        });
        if (stats !== undefined && isSameFile(stats, known)) return known.entry;
        copies.delete(file);
        if (stats === undefined) return undefined;
      }
      const copy = await readEntry(node, file);
      if (copy !== undefined) setBounded(copies, file, copy, MAX_ENTRIES);
      return copy?.entry;
    },
    async set(key, entry) {
      const file = await filePath(key);
      const { node, dir } = await load();
      await node.fs.mkdir(dir, { recursive: true }).catch((error: unknown) => {
        throw cannotCreate(dir, error);
      });
      await removeOrphans(node, dir);
      const temporary = `${file}.${randomSuffix()}.tmp`;
      copies.delete(file);
      try {
        // `wx` fails on an existing path, so a planted symlink is never written through.
        const handle = await node.fs.open(temporary, 'wx', 0o600);
        try {
          // Compact: the file is read by programs, and parsing whitespace costs on every read.
          await handle.writeFile(`${JSON.stringify(entry)}\n`, 'utf8');
          // rename() replaces a symlink at `file` rather than following it.
          await node.fs.rename(temporary, file);
          // An entry the catalog froze is what reading the file back would give: keep it, so the
          // next get costs one stat. The identity is that of the file written, taken through its
          // handle after the rename (which sets the change time), whatever is at the path since.
          if (isCheckedEntry(entry)) {
            setBounded(copies, file, identityOf(await handle.stat(), entry), MAX_ENTRIES);
          }
        } finally {
          await handle.close();
        }
      } catch (error) {
        await node.fs.rm(temporary, { force: true }).catch(() => {});
        throw error;
      }
    },
    async delete(key) {
      const file = await filePath(key);
      const { node } = await load();
      copies.delete(file);
      await node.fs.rm(file, { force: true });
    },
    async clear() {
      const { node, dir } = await load();
      copies.clear();
      const names = await node.fs.readdir(dir).catch(() => [] as string[]);
      // Only our own files: the directory may be shared (`dir: '.'` holds package.json too).
      // Names are checked before anything is read; a `<id>.json` is removed only when it is an
      // entry of that provider, and temporary files left by an interrupted write go too.
      await Promise.all(
        names.map(async (name) => {
          const file = node.path.join(dir, name);
          const providerId = CACHE_FILE_NAME.exec(name)?.[1];
          const leftover = TEMPORARY_FILE_NAME.test(name);
          if (!leftover && !(providerId && isCacheFileOf(await readJson(node, file), providerId)))
            return;
          await node.fs.rm(file, { force: true });
        }),
      );
    },
  };
}

/** What one `stat` tells of a file: enough to see that it was replaced or changed. */
interface FileIdentity {
  readonly ino: number;
  readonly size: number;
  readonly mtimeMs: number;
  readonly ctimeMs: number;
}

/** An entry held in memory, with the identity of the file it was read from. */
interface FileCopy extends FileIdentity {
  readonly entry: CacheEntry;
}

function identityOf(stats: FileIdentity, entry: CacheEntry): FileCopy {
  const { ino, size, mtimeMs, ctimeMs } = stats;
  return { ino, size, mtimeMs, ctimeMs, entry };
}

function isSameFile(stats: FileIdentity, copy: FileIdentity): boolean {
  return (
    stats.ino === copy.ino &&
    stats.size === copy.size &&
    stats.mtimeMs === copy.mtimeMs &&
    stats.ctimeMs === copy.ctimeMs
  );
}

/**
 * Reads and parses a cache file, frozen (a caller cannot change what the next one gets), with
 * the identity of the file it opened: the stat and the read go through one handle, so a file
 * replaced meanwhile cannot lend its identity to the other's data.
 */
async function readEntry(node: NodeModules, file: string): Promise<FileCopy | undefined> {
  let handle: Awaited<ReturnType<NodeModules['fs']['open']>>;
  try {
    // Non-blocking: a FIFO at the path opens at once instead of waiting for a writer.
    const { O_RDONLY, O_NONBLOCK = 0 } = node.fs.constants;
    handle = await node.fs.open(file, O_RDONLY | O_NONBLOCK);
  } catch (error) {
    // No file (any more), or a path through something that is not a directory: a miss.
    if (isErrorCode(error, 'ENOENT', 'ENOTDIR')) return undefined;
    throw error;
  }
  let text: string;
  let stats: Awaited<ReturnType<typeof handle.stat>>;
  try {
    stats = await handle.stat();
    // A directory, FIFO or device where the file should be would fail, stall or never end.
    if (!stats.isFile()) {
      throw new Error(
        `the cache path ${file} is not a regular file (a directory, FIFO or device); it is treated as a miss: remove it, or give the cache another \`dir\`.`,
      );
    }
    text = await readText(handle, stats.size);
  } finally {
    await handle.close();
  }
  try {
    // Frozen and checked in one pass: the catalog's check of the entry is then a lookup.
    return identityOf(stats, freezeCacheValue(JSON.parse(text) as CacheEntry));
  } catch {
    return undefined; // corrupt or truncated: a miss, replaced after the next fetch
  }
}

/**
 * The `size` bytes of an open file as text: the size its `stat` gave, so that no second `stat`
 * is made (`readFile` makes one); a file that grew since is cut there, and parses as no entry.
 */
async function readText(
  handle: Awaited<ReturnType<NodeModules['fs']['open']>>,
  size: number,
): Promise<string> {
  // The spare buffer, when it is free and large enough; a read at the same time makes its own.
  const bytes = spare !== undefined && spare.length >= size ? spare : new Uint8Array(size);
  spare = undefined;
  try {
    let length = 0;
    while (length < size) {
      const { bytesRead } = await handle.read(bytes, length, size - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    return new TextDecoder().decode(bytes.subarray(0, length));
  } finally {
    if (bytes.length <= MAX_SPARE_BYTES) spare = bytes;
  }
}

/**
 * A buffer kept for the next read, of at most {@link MAX_SPARE_BYTES}: memory fresh from the
 * system costs a page fault per page as the read fills it, about 3% of a cache file's read and
 * parse. It holds the text of the last file read, which a cache file allows (no secret is in one).
 */
let spare: Uint8Array | undefined;
const MAX_SPARE_BYTES = 1 << 20;

/** `<provider id>.json` or `<provider id>@<fingerprint>.json`, and the temporary files `set()` writes beside them. */
const CACHE_FILE_NAME = /^([a-z0-9][a-z0-9._-]*)(?:@[0-9a-f]+)?\.json$/;
const TEMPORARY_FILE_NAME =
  /^(?:[a-z0-9][a-z0-9._-]*(?:@[0-9a-f]+)?\.json|\.probe)\.\d+\.[a-z0-9]+\.tmp$/;

/** How old a temporary file must be before a write takes it for the leftover of a killed writer. */
const ORPHAN_AGE_MS = 60_000;

/** Removes temporary files of our own naming left over a minute ago by a writer that was killed. */
async function removeOrphans(node: NodeModules, dir: string): Promise<void> {
  const names = await node.fs.readdir(dir).catch(() => [] as string[]);
  const before = Date.now() - ORPHAN_AGE_MS;
  await Promise.all(
    names
      .filter((name) => TEMPORARY_FILE_NAME.test(name))
      .map(async (name) => {
        const path = node.path.join(dir, name);
        const stats = await node.fs.lstat(path).catch(() => undefined);
        if (stats?.isFile() && stats.mtimeMs < before) await node.fs.rm(path, { force: true });
      }),
  ).catch(() => {});
}

/** A cache directory that cannot be created, said with its path and what to do, not as `EEXIST: mkdir`. */
function cannotCreate(dir: string, error: unknown): Error {
  const code = (error as { code?: unknown } | null)?.code;
  const why =
    code === 'EEXIST' || code === 'ENOTDIR'
      ? 'a file is in the way (the path, or a folder above it, is a file): remove it, or give the cache another `dir`'
      : 'it cannot be created here (no permission, or a read-only file system): give the cache a writable `dir`';
  return new Error(
    `cannot create the cache directory ${dir} (${String(code ?? 'error')}): ${why}, or set MODEL_CATALOG_CACHE_DIR.`,
    { cause: error },
  );
}

async function readJson(node: NodeModules, file: string): Promise<unknown> {
  try {
    return JSON.parse(await node.fs.readFile(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/** True for the JSON of a cache entry this cache wrote for `providerId`. */
function isCacheFileOf(value: unknown, providerId: string): boolean {
  const entry = value as Partial<CacheEntry> | null | undefined;
  return (
    typeof entry === 'object' &&
    entry !== null &&
    entry.version === CACHE_VERSION &&
    entry.providerId === providerId &&
    Array.isArray(entry.models)
  );
}

/**
 * Why the file cache cannot work here, or `undefined` when it can. It tests working calls, not
 * the presence of modules: Vite's browser build replaces `node:fs` with an empty stub that loads
 * fine, and Deno without permissions loads `node:fs` and then refuses every call. The checks:
 * the built-ins load and have their functions, the directory resolves (the home directory
 * needs Deno's `--allow-sys`), and a file can be created in it and removed, as `set()` does.
 */
export async function fileSystemProblem(
  options: FileCacheOptions = {},
): Promise<string | undefined> {
  let node: NodeModules;
  try {
    node = await loadNodeModules();
  } catch (error) {
    return messageOf(error);
  }
  if (!hasFunctions(node)) {
    return 'node:fs has no working functions here (a bundler replaced it with an empty stub)';
  }
  try {
    const dir = resolveDir(node, options);
    await node.fs.mkdir(dir, { recursive: true });
    const probe = node.path.join(dir, `.probe.${randomSuffix()}.tmp`);
    await node.fs.writeFile(probe, '', { flag: 'wx', mode: 0o600 });
    await node.fs.rm(probe, { force: true });
    return undefined;
  } catch (error) {
    return `the cache directory is not usable (${messageOf(error)})`;
  }
}

/** The calls the file cache makes; a stub of `node:fs` lacks them. */
const FILE_SYSTEM_FUNCTIONS = [
  'readFile',
  'writeFile',
  'mkdir',
  'rename',
  'rm',
  'readdir',
] as const;

/** False for an empty stub, and for Vite's development stub, whose every property throws. */
function hasFunctions(node: NodeModules): boolean {
  try {
    return (
      FILE_SYSTEM_FUNCTIONS.every((name) => typeof node.fs[name] === 'function') &&
      typeof node.path?.join === 'function' &&
      typeof node.os?.homedir === 'function'
    );
  } catch {
    return false;
  }
}

let nodeModules: Promise<NodeModules> | undefined;

/**
 * The built-ins through `#file-system` (Node's in Node, Bun and Deno, none in browser, worker and
 * edge builds), loaded once for every cache of the process.
 */
function loadNodeModules(): Promise<NodeModules> {
  nodeModules ??= import('#file-system').then(({ loadFileSystem }) => loadFileSystem());
  return nodeModules;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function resolveDir(node: NodeModules, options: FileCacheOptions): string {
  if (options.dir) return node.path.resolve(options.dir);
  const env = options.env ?? globalThis.process?.env ?? {};
  if (env.MODEL_CATALOG_CACHE_DIR) return node.path.resolve(env.MODEL_CATALOG_CACHE_DIR);
  // The XDG specification says a relative path in XDG_CACHE_HOME is invalid and must be ignored.
  if (env.XDG_CACHE_HOME && node.path.isAbsolute(env.XDG_CACHE_HOME)) {
    return node.path.join(env.XDG_CACHE_HOME, 'model-catalog');
  }
  return node.path.join(node.os.homedir(), '.cache', 'model-catalog');
}

function randomSuffix(): string {
  return `${globalThis.process?.pid ?? 0}.${Math.random().toString(36).slice(2, 10)}`;
}

function isErrorCode(error: unknown, ...codes: string[]): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    codes.includes((error as { code?: string }).code ?? '')
  );
}
