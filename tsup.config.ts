import { readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
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
 * module. And every `require("ky")` at the CommonJS copy of ky in `dist/vendor/ky.cjs` (built below):
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
        .replace(/__toESM\(require\("ky"\), 1\)/g, `__toESM(require("${vendoredKy}"))`)
        // A file that imports only names from ky (`HTTPError`) requires it without `__toESM`.
        .replace(/\brequire\("ky"\)/g, `require("${vendoredKy}")`),
    };
  },
};

/**
 * The modules the library loads with `import('./module.js')` (the fetch path, the field-level
 * diff, the fleet lock, per-request credentials...), found in the sources: each is an entry of the
 * ES-module build, written where it is in src/ (`dist/core/fetch-provider.js`), so that it stays a
 * file loaded on first use with a name that does not change from one build to the next.
 */
const lazyModules: readonly string[] = readdirSync('src', { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.ts') && !file.startsWith(`cli${sep}`))
  .flatMap((file) =>
    [
      ...readFileSync(join('src', file), 'utf8').matchAll(/\bimport\('(\.{1,2}\/[^']+)\.js'\)/g),
    ].map(([, specifier]) => join('src', dirname(file), `${specifier}.ts`).split(sep).join('/')),
  )
  .filter((module, index, modules) => modules.indexOf(module) === index);

/**
 * The valibot functions valibot marks free of side effects (`@__NO_SIDE_EFFECTS__`), by the name
 * it exports them under (`enum_` is exported as `enum` too). Read from the installed valibot.
 */
const valibotPureFunctions: ReadonlySet<string> = (() => {
  const valibot = readFileSync('node_modules/valibot/dist/index.mjs', 'utf8');
  const marked = new Set<string | undefined>(
    [...valibot.matchAll(/@__NO_SIDE_EFFECTS__ \*\/\s+(?:async )?function (\w+)/g)].map(
      ([, name]) => name,
    ),
  );
  const exported = valibot.slice(valibot.lastIndexOf('export {')).matchAll(/(\w+)(?: as (\w+))?/g);
  const names = new Set<string>();
  for (const [, local, name] of exported) {
    if (local && marked.has(local)) names.add(name ?? local);
  }
  if (!names.has('object')) throw new Error('tsup.config.ts: no @__NO_SIDE_EFFECTS__ in valibot');
  return names;
})();

/**
 * Marks each call of such a valibot function in the sources `/* @__PURE__ *\/`, for the bundled
 * ES modules. The schemas are built at the top level of each provider's module (`const
 * ModelListSchema = v.object({...})`); built one file per module, an application bundler dropped a
 * provider left unused with its whole file (`sideEffects: false`). In a shared chunk it has to drop
 * the provider declaration by declaration, and a call it cannot tell free of side effects stays,
 * with the valibot code it needs: esbuild reads valibot's `@__NO_SIDE_EFFECTS__` only for calls
 * within valibot's own file. A `@__PURE__` at the call is read everywhere. Only `v.name(` is
 * rewritten, where `v` is the module's `import * as v from 'valibot'`, and only for the functions
 * valibot marks itself (not `parse` or `assert`, which throw). Lines stay where they are; the
 * source maps show the sources with the comments, so columns on those lines are the comments'.
 */
const valibotCallsPure: NonNullable<Options['esbuildPlugins']>[number] = {
  name: 'model-catalog-valibot-calls-pure',
  setup(build) {
    build.onLoad({ filter: /[\\/]src[\\/].+\.ts$/ }, async ({ path }) => {
      const source = await readFile(path, 'utf8');
      if (!source.includes("import * as v from 'valibot';")) return undefined;
      return {
        contents: source.replace(/(?<![\w$.])v\.(\w+)\(/g, (call, name: string) =>
          valibotPureFunctions.has(name) ? `/* @__PURE__ */ ${call}` : call,
        ),
        loader: 'ts',
      };
    });
  },
};

/**
 * Blanks the bare `import "./chunks/…";` lines esbuild writes into an entry to keep the order in
 * which shared chunks run. No chunk has side effects (`sideEffects: false`), so an application
 * bundler drops these imports anyway, and esbuild warns about each one ("Ignoring this import
 * because … was marked as having no side effects") in every program that bundles the package;
 * Node would load those files at start for nothing. The line stays, empty, so the source maps
 * keep their lines. Once the build is written, each chunk blanked in a file must still be loaded
 * with it through named imports (`import { x } from`), or the build fails: a chunk only imported
 * bare would be one whose top-level code runs for its side effects, which Node would then skip.
 */
const dropBareChunkImports: NonNullable<Options['plugins']>[number] = (() => {
  /** The files each file imports by name, by path. */
  const namedImports = new Map<string, string[]>();
  /** Each blanked import: the file, and the chunk it named. */
  const blanked: { readonly file: string; readonly chunk: string }[] = [];
  const loadedWith = (file: string): Set<string> => {
    const loaded = new Set<string>();
    const visit = (path: string): void => {
      for (const next of namedImports.get(path) ?? []) {
        if (loaded.has(next)) continue;
        loaded.add(next);
        visit(next);
      }
    };
    visit(file);
    return loaded;
  };
  return {
    name: 'model-catalog-drop-bare-chunk-imports',
    renderChunk(code, { path }) {
      if (this.format !== 'esm') return undefined;
      const from = (specifier: string): string => resolve(dirname(path), specifier);
      namedImports.set(
        path,
        [...code.matchAll(/^(?:import|export)\s*\{[^}]*\}\s*from\s*"(\.{1,2}\/[^"]+)";$/gm)].map(
          ([, specifier]) => from(specifier!),
        ),
      );
      return {
        code: code.replace(/^import "((?:\.{1,2}\/)+chunks\/[\w-]+\.js)";$/gm, (_, specifier) => {
          blanked.push({ file: path, chunk: from(specifier) });
          return '';
        }),
      };
    },
    buildEnd() {
      for (const { file, chunk } of blanked) {
        if (!loadedWith(file).has(chunk)) {
          throw new Error(
            `tsup.config.ts: ${relative('.', file)} imports ${relative('.', chunk)} only for its side effects; blanking that import would skip them under Node.`,
          );
        }
      }
    },
  };
})();

export default defineConfig([
  {
    // The ES modules (`.js`): every entry point package.json names, bundled with code splitting.
    // A module that several entries use is in one shared chunk, so a program that imports the root
    // and a subpath entry (`model-catalog/server`, `/node`) gets one copy of it (one WeakMap, one
    // class per error); each module loaded with `import()` (see lazyModules) stays a file loaded on
    // first use, and the dependencies (ky, valibot, aws4fetch, unstorage) stay imports. Node then
    // loads about a dozen files at `import 'model-catalog'` instead of 98, one per module: about
    // 0.7x the time of `import 'ky'` instead of 1.7-2.1x (bench/import-cost.mjs). Application
    // bundlers still drop what a program does not use, declaration by declaration inside each chunk
    // (`sideEffects: false`, and see valibotCallsPure), and a whole chunk or lazy file left unused.
    // The two targets of `#file-system` are entries too, at the paths package.json's `imports`
    // names, and `#file-system` stays a bare import, resolved by condition where the package runs.
    entry: [
      'src/index.ts',
      'src/entries/*.ts',
      'src/cache/node-file-system.ts',
      'src/cache/no-file-system.ts',
      ...lazyModules,
    ],
    format: ['esm'],
    splitting: true,
    target: 'node20',
    platform: 'neutral',
    dts: false,
    // Removes the ES modules of the previous build (and its chunks, whose names change with their
    // content); the builds below write the rest at the same time.
    clean: ['!**/*.cjs', '!**/*.cjs.map', '!**/*.d.ts', '!**/*.d.cts', '!cli.js', '!cli.js.map'],
    sourcemap: true,
    // Keep `node:fs/promises` as written: Deno resolves only the `node:` form. The built-ins stay
    // dynamic imports in src/cache/node-file-system.ts, which the `#file-system` import of
    // package.json swaps for src/cache/no-file-system.ts in browser, worker and edge bundles.
    removeNodeProtocol: false,
    // The dependencies (ky, valibot, aws4fetch, unstorage) stay imports too: tsup leaves out what
    // package.json lists.
    external: [/^node:/, '#file-system'],
    esbuildPlugins: [valibotCallsPure],
    plugins: [dropBareChunkImports],
    esbuildOptions(options) {
      // The shared chunks, in a folder of their own, named by their content.
      options.chunkNames = 'chunks/[name]-[hash]';
    },
  },
  {
    // CommonJS (`.cjs`) for `require()`, Jest and TypeScript's `module: commonjs`: every module
    // built on its own, mirroring src/ (package.json's `exports` picks it by the `require`
    // condition).
    entry: ['src/**/*.ts', '!src/cli/**'],
    bundle: false,
    format: ['cjs'],
    target: 'node20',
    platform: 'neutral',
    dts: false,
    // Removes the CommonJS files of the previous build; the other builds write the rest at the
    // same time (the CommonJS copy of ky, in vendor/, is rebuilt by the config below it).
    clean: ['!**/*.js', '!**/*.js.map', '!**/*.d.ts', '!**/*.d.cts', '!vendor/**'],
    sourcemap: true,
    removeNodeProtocol: false,
    external: [/^node:/],
    plugins: [requireCommonJsFiles],
    esbuildOptions(options) {
      // `import()` becomes a lazy `require()`: Jest's CommonJS module system runs no `import()`
      // without --experimental-vm-modules, and `#file-system` then resolves under the `require`
      // condition to the CommonJS file.
      options.supported = { ...options.supported, 'dynamic-import': false };
    },
  },
  {
    // The declarations, one per module as in src/ (`.d.ts` for the ES modules, `.d.cts` for
    // CommonJS), where package.json's `exports` and `typesVersions` point. Per module, not per
    // entry: a class declared once keeps one type for every entry that exports it.
    entry: ['src/**/*.ts', '!src/cli/**'],
    bundle: false,
    format: ['esm', 'cjs'],
    target: 'node20',
    platform: 'neutral',
    dts: { only: true },
    clean: true,
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
