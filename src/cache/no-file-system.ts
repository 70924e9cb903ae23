/**
 * What `#file-system` resolves to in a browser, worker or edge bundle (the `browser`, `worker`,
 * `workerd` and `edge-light` conditions): no filesystem, and no Node built-in for a bundler to
 * trip on. The default cache is then a memory cache, and `createFileCache()` fails on first use.
 */

/** Always rejects: this build of the package has no filesystem. */
export async function loadFileSystem(): Promise<never> {
  throw new Error(
    'no filesystem in this build of model-catalog, resolved for a browser, worker or edge runtime (condition browser, worker, workerd or edge-light)',
  );
}
