import type { Environment, ModelCache } from '../types.js';
import { canUseFileSystem, createFileCache } from './file.js';
import { createMemoryCache } from './memory.js';

/**
 * The catalog's default cache: files on disk where `node:fs` loads, memory
 * elsewhere (Cloudflare Workers, Deno Deploy, browsers).
 */
export function createDefaultCache(env: Environment): ModelCache {
  let chosen: Promise<ModelCache> | undefined;
  const pick = (): Promise<ModelCache> => {
    chosen ??= canUseFileSystem().then((usable) =>
      usable ? createFileCache({ env }) : createMemoryCache(),
    );
    return chosen;
  };
  return {
    get: async (key) => (await pick()).get(key),
    set: async (key, entry) => (await pick()).set(key, entry),
    delete: async (key) => (await pick()).delete?.(key),
    clear: async () => (await pick()).clear?.(),
  };
}
