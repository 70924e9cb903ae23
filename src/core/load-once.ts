/**
 * A loader for an optional module: the first call starts `load` (a dynamic `import()`), every
 * later one gets the same promise. Optional features (watch, the field-level diff, per-request
 * credentials, overrides) load this way, so a program that never uses them never loads them;
 * a bundler puts each in a chunk of its own. A load that failed (a chunk a browser could not
 * fetch) is tried again by the next call.
 */
export function loadOnce<T>(load: () => Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | undefined;
  return () => {
    loaded ??= load().catch((error: unknown) => {
      loaded = undefined;
      throw error;
    });
    return loaded;
  };
}
