import { readFileSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { defineConfig, type Options } from 'tsup';

const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
const kyVersion = (
  JSON.parse(readFileSync('node_modules/ky/package.json', 'utf8')) as { version: string }
).version;

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

/**
 * Points the CommonJS files' relative `require("./x.js")` at their CommonJS siblings (`./x.cjs`):
 * with `bundle: false` esbuild keeps each specifier as written in the source, which names the ES
 * module. And `require("ky")` at the CommonJS copy of ky in `dist/vendor/ky.cjs` (built below):
 * ky is published as ES modules only, which Jest's CommonJS runtime cannot load. Its `__toESM`
 * loses the Node-mode flag, so the copy's `default` export is ky itself. The source maps stay
 * valid: only the specifiers inside the strings change.
 */
const requireCommonJsFiles: NonNullable<Options['plugins']>[number] = {
  name: 'model-catalog-require-cjs',
  renderChunk(code, { path }) {
    if (this.format !== 'cjs') return undefined;
    const depth = relative(resolve('dist'), dirname(path)).split(sep).filter(Boolean).length;
    const vendoredKy = `${depth === 0 ? './' : '../'.repeat(depth)}vendor/ky.cjs`;
    return {
      code: code
        .replace(/\brequire\("(\.{1,2}\/[^"]+)\.js"\)/g, 'require("$1.cjs")')
        .replace(/__toESM\(require\("ky"\), 1\)/g, `__toESM(require("${vendoredKy}"))`),
    };
  },
};

export default defineConfig([
  {
    // Every module is built on its own, mirroring src/: a bundler then drops whole modules the
    // caller does not import (with `sideEffects: false`), such as the providers left unused.
    // Twice: ES modules (`.js`, `.d.ts`) and CommonJS (`.cjs`, `.d.cts`) for `require()`, Jest
    // and TypeScript's `module: commonjs`; package.json's `exports` picks one by condition.
    entry: ['src/**/*.ts', '!src/cli/**'],
    bundle: false,
    format: ['esm', 'cjs'],
    target: 'node20',
    platform: 'neutral',
    dts: true,
    // Keep what the builds below write into the same folder, at the same time: the CLI and the
    // CommonJS copy of ky.
    clean: ['!cli.js', '!cli.js.map', '!vendor/**'],
    sourcemap: true,
    // Keep `node:fs/promises` as written: Deno resolves only the `node:` form. The built-ins stay
    // dynamic imports in src/cache/node-file-system.ts, which the `#file-system` import of
    // package.json swaps for src/cache/no-file-system.ts in browser, worker and edge bundles.
    removeNodeProtocol: false,
    external: [/^node:/],
    plugins: [requireCommonJsFiles],
    esbuildOptions(options, { format }) {
      // In CommonJS, `import()` becomes a lazy `require()`: Jest's CommonJS module system runs
      // no `import()` without --experimental-vm-modules, and `#file-system` then resolves under
      // the `require` condition to the CommonJS file.
      if (format === 'cjs') options.supported = { ...options.supported, 'dynamic-import': false };
    },
  },
  {
    // ky for the CommonJS build (see requireCommonJsFiles): one bundled copy, with its license.
    entry: { 'vendor/ky': 'node_modules/ky/distribution/index.js' },
    format: ['cjs'],
    target: 'node20',
    platform: 'neutral',
    dts: false,
    clean: false,
    sourcemap: false,
    splitting: false,
    noExternal: ['ky'],
    banner: {
      js: `/*! ky ${kyVersion} (https://github.com/sindresorhus/ky), bundled for model-catalog's CommonJS build.\n${readFileSync('node_modules/ky/license', 'utf8').trim()}\n*/`,
    },
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
