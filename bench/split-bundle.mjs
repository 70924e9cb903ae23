// The bundling that bench/bundle-size.mjs and bench/bundle-breakdown.mjs measure: the built
// package (run `npm run build` first) bundled by esbuild, minified, with code splitting, as an
// application bundler does.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
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
 * With `bySource`, each output also has `sources`: its bytes by module of src/ (or of a
 * dependency), read through the source maps of dist/ (the ES modules there are bundled chunks).
 */
export async function splitBundle(source, { bySource = false } = {}) {
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
      // `external` adds no `sourceMappingURL` comment: the bytes measured stay the same.
      ...(bySource ? { sourcemap: 'external' } : {}),
    });
    const outputs = Object.fromEntries(
      Object.entries(result.metafile.outputs).filter(([path]) => !path.endsWith('.map')),
    );
    if (bySource) {
      const files = new Map(result.outputFiles.map((file) => [relative('.', file.path), file]));
      for (const [path, output] of Object.entries(outputs)) {
        const map = JSON.parse(files.get(`${path}.map`).text);
        output.sources = bytesBySource(files.get(path).text, map);
      }
    }
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

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/**
 * The bytes of `code` each source of its source map `map` accounts for: a mapped segment runs to
 * the next one on its line; what no segment maps (line breaks, esbuild's glue) is `(unmapped)`.
 * The values add up to the bytes of `code`.
 */
function bytesBySource(code, map) {
  const bytes = new Map();
  const add = (source, text) => {
    if (text) bytes.set(source, (bytes.get(source) ?? 0) + Buffer.byteLength(text));
  };
  const lines = code.split('\n');
  let sourceIndex = 0;
  const mappings = map.mappings.split(';');
  lines.forEach((line, lineIndex) => {
    add('(unmapped)', lineIndex < lines.length - 1 ? '\n' : '');
    const segments = [];
    let column = 0;
    for (const segment of (mappings[lineIndex] ?? '').split(',').filter(Boolean)) {
      const fields = decodeVlq(segment);
      column += fields[0];
      if (fields.length > 1) sourceIndex += fields[1];
      segments.push([column, fields.length > 1 ? map.sources[sourceIndex] : '(unmapped)']);
    }
    add('(unmapped)', line.slice(0, segments[0]?.[0] ?? line.length));
    segments.forEach(([start, source], index) => {
      add(source, line.slice(start, segments[index + 1]?.[0] ?? line.length));
    });
  });
  return bytes;
}

/** The numbers of one segment of a source map's `mappings` (base64 VLQ). */
function decodeVlq(segment) {
  const numbers = [];
  let value = 0;
  let shift = 0;
  for (const character of segment) {
    const digit = BASE64.indexOf(character);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
      continue;
    }
    numbers.push(value & 1 ? -(value >>> 1) : value >>> 1);
    value = 0;
    shift = 0;
  }
  return numbers;
}
