// Which modules make up the "after the first fetch" figure of `bench/bundle-size.mjs`
// (`createModelCatalog` + `openai` through the core and providers entries): bundles the
// same way (esbuild, minified, code splitting), takes the chunks a program has loaded once
// its first listing went to the network, and prints each input module's bytes in them,
// largest first, then the chunks loaded only on use. Run `npm run build` first.

import { splitBundle } from './split-bundle.mjs';

const { outputs, afterFirstFetch: loaded } = await splitBundle(
  `import { createModelCatalog } from './entries/core.js'; import { openai } from './entries/providers.js'; console.log(createModelCatalog, openai);`,
);
if (!loaded) {
  console.error('bundle-breakdown: no chunk of the bundle is dist/core/fetch-provider.js.');
  process.exit(1);
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
