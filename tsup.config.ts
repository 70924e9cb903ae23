import { readFileSync } from 'node:fs';
import { defineConfig, type Options } from 'tsup';

const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };

/**
 * The CLI imports the library through `../index.js` (and `../entries/*.js`); in the build those
 * stay relative imports of `dist/`, so the binary uses the same copy of the library a program gets from
 * `import 'model-catalog'` instead of a second one bundled into `dist/cli.js`.
 */
const libraryStaysExternal: NonNullable<Options['esbuildPlugins']>[number] = {
  name: 'model-catalog-library-external',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/(index|entries\/[\w-]+)\.js$/ }, (args) =>
      /[\\/]src[\\/]cli[\\/]/.test(args.importer)
        ? { path: `./${args.path.slice(3)}`, external: true }
        : null,
    );
  },
};

export default defineConfig([
  {
    // Every module is built on its own, mirroring src/: a bundler then drops whole modules the
    // caller does not import (with `sideEffects: false`), such as the providers left unused.
    entry: ['src/**/*.ts', '!src/cli/**'],
    bundle: false,
    format: ['esm'],
    target: 'node20',
    platform: 'neutral',
    dts: true,
    // Keep the CLI's output, which the second build below writes into the same folder.
    clean: ['!cli.js', '!cli.js.map'],
    sourcemap: true,
    // Keep `node:fs/promises` as written: Deno and Cloudflare Workers (nodejs_compat) resolve only
    // the `node:` form, and the built-ins must stay dynamic imports so edge bundles never need them.
    removeNodeProtocol: false,
    external: [/^node:/],
  },
  {
    // The `model-catalog` binary: a Node program of its own, never loaded by `import 'model-catalog'`,
    // so its dependencies (picocolors) and Node built-ins stay out of the library's files. Its
    // `#!/usr/bin/env node` line is in the source; tsup keeps it and marks the file executable.
    entry: { cli: 'src/cli/index.ts' },
    format: ['esm'],
    target: 'node20',
    platform: 'node',
    dts: false,
    clean: false,
    sourcemap: true,
    treeshake: true,
    splitting: false,
    removeNodeProtocol: false,
    external: [/^node:/],
    env: { MODEL_CATALOG_VERSION: version },
    esbuildPlugins: [libraryStaysExternal],
  },
]);
