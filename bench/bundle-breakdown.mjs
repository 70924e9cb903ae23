// Which modules make up the "after the first fetch" figure of `bench/bundle-size.mjs`
// (`createModelCatalog` + `openai` through the core and providers entries): bundles the
// same way (esbuild, minified, code splitting), takes the chunks a program has loaded once
// its first listing went to the network, and prints each module's bytes in them, largest
// first, then the chunks loaded only on use. The modules are those of src/ and of the
// dependencies, read through the source maps (dist/ holds bundled chunks, not one file per
// module). Run `npm run build` first.

import { splitBundle } from './split-bundle.mjs';

const { outputs, afterFirstFetch: loaded } = await splitBundle(
  `import { createModelCatalog } from './entries/core.js'; import { openai } from './entries/providers.js'; console.log(createModelCatalog, openai);`,
  { bySource: true },
);
if (!loaded) {
  console.error('bundle-breakdown: no chunk of the bundle is dist/core/fetch-provider.js.');
  process.exit(1);
}
const short = (path) =>
  path.replace(/.*node_modules\//, '').replace(/^(?:\.\.\/)*.*?\/src\//, 'src/');
const inputs = new Map();
let total = 0;
for (const path of loaded) {
  total += outputs[path].bytes;
  for (const [source, bytes] of outputs[path].sources) {
    inputs.set(source, (inputs.get(source) ?? 0) + bytes);
  }
}
console.log(`after the first fetch: ${total} bytes in ${loaded.size} chunks`);
const sorted = [...inputs].filter(([, bytes]) => bytes > 0).sort((a, b) => b[1] - a[1]);
for (const [input, bytes] of sorted) console.log(`${String(bytes).padStart(7)}  ${short(input)}`);
console.log('\nloaded only on use:');
for (const [path, output] of Object.entries(outputs)) {
  if (loaded.has(path)) continue;
  const names = [...output.sources.keys()]
    .filter((source) => source !== '(unmapped)')
    .map(short)
    .join(', ');
  console.log(`${String(output.bytes).padStart(7)}  ${names}`);
}
