// The bundling that bench/bundle-size.mjs and bench/bundle-breakdown.mjs measure: the built
// package (run `npm run build` first) bundled by esbuild, minified, with code splitting, as an
// application bundler does.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/** The built package. */
export const dist = fileURLToPath(new URL('../dist/', import.meta.url));

/**
 * The module a catalog's first fetch loads (an entry of the ES-module build of its own, loaded
 * with `import()`): its chunk and what that imports make the "first fetch" figure.
 */
const FETCH_PATH = /core\/fetch-provider\.js$/;

/**
 * Bundles `source` (a module importing from dist/) with code splitting. Returns the output
 * chunks by path (each with its `bytes`, `imports` and `inputs`), and the chunks loaded at
 * start (the entry and what it imports statically) and after the first fetch (those, and the
 * fetch path's chunks with what they import; undefined when no chunk is dist/core/fetch-provider.js).
 */
export async function splitBundle(source) {
  const outdir = mkdtempSync(join(tmpdir(), 'model-catalog-split-bundle-'));
  try {
    const result = await build({
      stdin: { contents: source, resolveDir: dist, loader: 'js' },
      bundle: true,
      minify: true,
      splitting: true,
      format: 'esm',
      platform: 'neutral',
      mainFields: ['module', 'main'],
      external: ['node:*'],
      outdir,
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const outputs = Object.fromEntries(
      Object.entries(result.metafile.outputs).filter(([path]) => !path.endsWith('.map')),
    );
    /** The chunks loaded with `roots`: each, and what each imports statically. */
    const closure = (roots) => {
      const loaded = new Set();
      const visit = (path) => {
        if (loaded.has(path)) return;
        loaded.add(path);
        for (const imported of outputs[path].imports) {
          if (imported.kind === 'import-statement' && outputs[imported.path]) visit(imported.path);
        }
      };
      roots.forEach(visit);
      return loaded;
    };
    const entry = Object.keys(outputs).find((path) => outputs[path].entryPoint === '<stdin>');
    const fetchRoots = Object.keys(outputs).filter((path) =>
      FETCH_PATH.test(outputs[path].entryPoint ?? ''),
    );
    return {
      outputs,
      atStart: closure([entry]),
      // None when no chunk is the fetch path (a source without the core, or a build that names
      // the fetch path's file otherwise: then the figure would silently be the one at start).
      afterFirstFetch: fetchRoots.length > 0 ? closure([entry, ...fetchRoots]) : undefined,
    };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
