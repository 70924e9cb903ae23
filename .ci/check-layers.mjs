// Checks the shape of src/: no import cycle, and no module importing from a layer above its
// own (types <- errors, classify <- core <- cache, providers, catalogs <- server <- preset <- entries).
// Type-only imports count too. Prints every problem and exits 1 when there is one.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const src = resolve(dirname(new URL(import.meta.url).pathname), '../src');

/** The layer of each top-level module or folder of src/; higher layers may import lower ones. */
const LAYERS = {
  'types.ts': 0,
  errors: 1,
  classify: 1,
  core: 2,
  cache: 3,
  providers: 3,
  catalogs: 3,
  server: 4,
  preset: 5,
  node: 6,
  entries: 6,
  'index.ts': 6,
  cli: 7,
};

const files = [];
const walk = (folder) => {
  for (const name of readdirSync(folder)) {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (name.endsWith('.ts')) files.push(path);
  }
};
walk(src);

const importPattern =
  /^\s*(?:import|export)\s+(?:type\s+)?(?:[\w*{}\s,$]+\s+from\s+)?['"](\.[^'"]+)['"]|\bimport\(\s*['"](\.[^'"]+)['"]\s*\)/gm;
const problems = [];
const graph = new Map();
const partOf = (file) => relative(src, file).split('/')[0];

for (const file of files) {
  const targets = [];
  for (const match of readFileSync(file, 'utf8').matchAll(importPattern)) {
    const specifier = match[1] ?? match[2];
    const target = resolve(dirname(file), specifier.replace(/\.js$/, '.ts'));
    targets.push(target);
    const from = partOf(file);
    const to = partOf(target);
    const fromLayer = LAYERS[from];
    const toLayer = LAYERS[to];
    if (fromLayer === undefined) problems.push(`src/${from} has no layer: add it to LAYERS.`);
    else if (toLayer === undefined) problems.push(`src/${to} has no layer: add it to LAYERS.`);
    else if (from !== to && toLayer >= fromLayer) {
      problems.push(
        `${relative(src, file)} imports ${relative(src, target)}: ${from} (layer ${fromLayer}) may only import lower layers.`,
      );
    }
  }
  graph.set(file, targets);
}

// Cycles, by depth-first search: a module reached again while still on the stack closes one.
const state = new Map(); // file -> 'open' | 'done'
const stack = [];
const visit = (file) => {
  state.set(file, 'open');
  stack.push(file);
  for (const target of graph.get(file) ?? []) {
    if (state.get(target) === 'open') {
      const cycle = stack.slice(stack.indexOf(target)).concat(target);
      problems.push(`import cycle: ${cycle.map((path) => relative(src, path)).join(' -> ')}`);
    } else if (!state.has(target) && graph.has(target)) visit(target);
  }
  stack.pop();
  state.set(file, 'done');
};
for (const file of files) if (!state.has(file)) visit(file);

if (problems.length > 0) {
  console.error(`check-layers: ${problems.length} problem(s) in src/:\n- ${problems.join('\n- ')}`);
  process.exit(1);
}
console.log(`check-layers: ${files.length} modules, no import cycle, no upward import.`);
