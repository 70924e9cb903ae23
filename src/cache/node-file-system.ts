/**
 * The filesystem of Node, Bun and Deno: `node:fs/promises`, `node:path` and `node:os`, loaded on
 * first use. The package reaches this module only through its `#file-system` import, which
 * bundlers resolve to `no-file-system.ts` instead under the `browser`, `worker`, `workerd` and
 * `edge-light` conditions, so edge bundles never meet a Node built-in. This is the one module of
 * the library that imports one.
 */

/** The three Node built-ins the file cache uses. */
export interface FileSystemModules {
  readonly fs: typeof import('node:fs/promises');
  readonly path: typeof import('node:path');
  readonly os: typeof import('node:os');
}

/** Loads the Node built-ins of the file cache; rejects, saying so, where they do not load. */
export async function loadFileSystem(): Promise<FileSystemModules> {
  try {
    const [fs, path, os] = await Promise.all([
      import('node:fs/promises'),
      import('node:path'),
      import('node:os'),
    ]);
    return { fs, path, os };
  } catch (error) {
    throw new Error(
      `node:fs cannot be loaded (${error instanceof Error ? error.message : String(error)})`,
      { cause: error },
    );
  }
}
