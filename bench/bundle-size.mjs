// Bundle sizes of the entry points, minified by esbuild from the built package (run
// `npm run build` first), against their bounds:
// - `createModelCatalog` + `openai` through `model-catalog/core` and `/providers`: at most 55%
//   of the same two names imported from the root entry of 0.1.0, the last version with one
//   entry (86,650 bytes, measured the same way at commit dfe937e);
// - `classifyModel` alone, from `model-catalog/classify`: at most 20 KB.
// Prints a table and exits 1 when a bound is missed.

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
if (!existsSync(`${dist}index.js`)) {
  console.error('bundle-size: dist/ is missing; run `npm run build` first.');
  process.exit(1);
}

async function minifiedBytes(source) {
  const result = await build({
    stdin: { contents: source, resolveDir: dist, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    external: ['node:*'],
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles.reduce((total, file) => total + file.contents.byteLength, 0);
}

/** The root bundle of `createModelCatalog` + `openai` in 0.1.0, the reference of the bound. */
const ROOT_BEFORE_ENTRIES = 86_650;

const use = (names) => `console.log(${names.join(', ')});`;
const root = await minifiedBytes(
  `import { createModelCatalog, openai } from './index.js'; ${use(['createModelCatalog', 'openai'])}`,
);
const core = await minifiedBytes(
  `import { createModelCatalog } from './entries/core.js'; import { openai } from './entries/providers.js'; ${use(['createModelCatalog', 'openai'])}`,
);
const classify = await minifiedBytes(
  `import { classifyModel } from './entries/classify.js'; ${use(['classifyModel'])}`,
);

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const rows = [
  [
    'createModelCatalog + openai, root entry of 0.1.0',
    kb(ROOT_BEFORE_ENTRIES),
    '(reference)',
    true,
  ],
  ['createModelCatalog + openai, root entry now', kb(root), '(for comparison)', true],
  [
    'createModelCatalog + openai, core + providers entries',
    `${kb(core)} = ${((core / ROOT_BEFORE_ENTRIES) * 100).toFixed(1)}% of 0.1.0's root`,
    '<= 55%',
    core <= 0.55 * ROOT_BEFORE_ENTRIES,
  ],
  ['classifyModel, classify entry', kb(classify), '<= 20 KB', classify <= 20 * 1024],
];
for (const [what, value, bound, ok] of rows) {
  console.log(`${ok ? 'pass' : 'FAIL'}  ${what}: ${value} ${bound}`);
}
if (rows.some((row) => !row[3])) process.exit(1);
