import type { CatalogEvent, Environment, ModelCache } from '../types.js';
import { createFileCache, fileSystemProblem } from './file.js';
import { createMemoryCache } from './memory.js';

/**
 * The catalog's default cache: files on disk where the filesystem works, memory elsewhere
 * (Cloudflare Workers, Deno Deploy, browsers, Deno without permissions, a bundle whose
 * `node:fs` is a stub). It decides on first use, by trying the calls the file cache makes, and
 * reports a fallback to memory once, as a `cache:fallback` event with the reason.
 */
export function createDefaultCache(
  env: Environment,
  report: (event: CatalogEvent) => void,
): ModelCache {
  let chosen: Promise<ModelCache> | undefined;
  const pick = (): Promise<ModelCache> => {
    chosen ??= fileSystemProblem({ env }).then((problem) => {
      if (problem === undefined) return createFileCache({ env });
      report({ type: 'cache:fallback', cache: 'memory', reason: problem });
      return createMemoryCache();
    });
    return chosen;
  };
  return {
    get: async (key) => (await pick()).get(key),
    set: async (key, entry) => (await pick()).set(key, entry),
    delete: async (key) => (await pick()).delete?.(key),
    clear: async () => (await pick()).clear?.(),
  };
}
