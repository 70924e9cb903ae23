import { assertCacheKey } from '../core/check-option.js';
import type { Environment } from '../types.js';
import { CACHE_VERSION, type CacheEntry, type ModelCache } from '../types.js';
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
  readonly dir?: string;
  /** Environment used to find the default directory; default `process.env`. */
  readonly env?: Environment;
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

  return {
    filePath,
    async get(key) {
      const file = await filePath(key);
      const { node } = await load();
      let text: string;
      try {
        text = await node.fs.readFile(file, 'utf8');
      } catch (error) {
        // No file yet, or something that is not a file (a directory) where it should be: a miss.
        if (isErrorCode(error, 'ENOENT', 'EISDIR', 'ENOTDIR')) return undefined;
        throw error;
      }
      try {
        return JSON.parse(text) as CacheEntry;
      } catch {
        return undefined; // corrupt or truncated: a miss, replaced after the next fetch
      }
    },
    async set(key, entry) {
      const file = await filePath(key);
      const { node, dir } = await load();
      await node.fs.mkdir(dir, { recursive: true });
      const temporary = `${file}.${randomSuffix()}.tmp`;
      try {
        // `wx` fails on an existing path, so a planted symlink is never written through.
        await node.fs.writeFile(temporary, `${JSON.stringify(entry, null, 2)}\n`, {
          encoding: 'utf8',
          flag: 'wx',
          mode: 0o600,
        });
        // rename() replaces a symlink at `file` rather than following it.
        await node.fs.rename(temporary, file);
      } catch (error) {
        await node.fs.rm(temporary, { force: true }).catch(() => {});
        throw error;
      }
    },
    async delete(key) {
      const file = await filePath(key);
      const { node } = await load();
      await node.fs.rm(file, { force: true });
    },
    async clear() {
      const { node, dir } = await load();
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

/** `<provider id>.json` or `<provider id>@<fingerprint>.json`, and the temporary files `set()` writes beside them. */
const CACHE_FILE_NAME = /^([a-z0-9][a-z0-9._-]*)(?:@[0-9a-f]+)?\.json$/;
const TEMPORARY_FILE_NAME = /^[a-z0-9][a-z0-9._-]*(?:@[0-9a-f]+)?\.json\.\d+\.[a-z0-9]+\.tmp$/;

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
 * needs Deno's `--allow-sys`), and the directory can be created and written to.
 */
export async function fileSystemProblem(
  options: FileCacheOptions = {},
): Promise<string | undefined> {
  let node: NodeModules;
  try {
    node = await loadNodeModules();
  } catch (error) {
    return `node:fs cannot be loaded (${messageOf(error)})`;
  }
  if (!hasFunctions(node)) {
    return 'node:fs has no working functions here (a bundler replaced it with an empty stub)';
  }
  try {
    const dir = resolveDir(node, options);
    await node.fs.mkdir(dir, { recursive: true });
    await node.fs.access(dir, node.fs.constants?.W_OK ?? WRITABLE);
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
  'access',
] as const;
/** `fs.constants.W_OK`, the same number on every platform. */
const WRITABLE = 2;

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

/** Loads the built-ins through `#file-system`: Node's in Node, Bun and Deno, none in edge builds. */
async function loadNodeModules(): Promise<NodeModules> {
  const { loadFileSystem } = await import('#file-system');
  return loadFileSystem();
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
