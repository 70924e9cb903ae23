// Which modules make up the "after the first fetch" figure of `bench/bundle-size.mjs`
// (`createModelCatalog` + `openai` through the core and providers entries): bundles the
// same way (esbuild, minified, code splitting), takes the chunks a program has loaded once
// its first listing went to the network, and prints each input module's bytes in them,
// largest first, then the chunks loaded only on use. Run `npm run build` first.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const FETCH_PATH = /core\/fetch-provider\.js$/;
const outdir = mkdtempSync(join(tmpdir(), 'model-catalog-bundle-breakdown-'));
try {
  const result = await build({
    stdin: {
      contents: `import { createModelCatalog } from './entries/core.js'; import { openai } from './entries/providers.js'; console.log(createModelCatalog, openai);`,
      resolveDir: dist,
      loader: 'js',
    },
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
  const outputs = result.metafile.outputs;
  const loaded = new Set();
  const visit = (path) => {
    if (loaded.has(path)) return;
    loaded.add(path);
    for (const imported of outputs[path].imports) {
      if (imported.kind === 'import-statement' && outputs[imported.path]) visit(imported.path);
    }
  };
  for (const [path, output] of Object.entries(outputs)) {
    if (output.entryPoint === '<stdin>' || FETCH_PATH.test(output.entryPoint ?? '')) visit(path);
  }
  const short = (path) => path.replace(/.*node_modules\//, '').replace(/^dist\//, '');
  const inputs = new Map();
  let total = 0;
  for (const path of loaded) {
    total += outputs[path].bytes;
    for (const [input, { bytesInOutput }] of Object.entries(outputs[path].inputs)) {
      inputs.set(input, (inputs.get(input) ?? 0) + bytesInOutput);
    }
  }
  console.log(`after the first fetch: ${total} bytes in ${loaded.size} chunks`);
  const sorted = [...inputs].filter(([, bytes]) => bytes > 0).sort((a, b) => b[1] - a[1]);
  for (const [input, bytes] of sorted) console.log(`${String(bytes).padStart(7)}  ${short(input)}`);
  console.log('\nloaded only on use:');
  for (const [path, output] of Object.entries(outputs)) {
    if (loaded.has(path)) continue;
    const names = Object.keys(output.inputs).map(short).join(', ');
    console.log(`${String(output.bytes).padStart(7)}  ${names}`);
  }
} finally {
  rmSync(outdir, { recursive: true, force: true });
}
