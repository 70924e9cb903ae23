// Checks the build output before it is packed: the entry points exist, and Node built-ins are
// reached only through dynamic `import('node:...')`, so edge bundles (Workers, Deno, browsers)
// load the package without them.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';

const dist = new URL('../dist/', import.meta.url).pathname;
const problems = [];

for (const file of [
  'index.js',
  'index.d.ts',
  'cli.js',
  ...['core', 'classify', 'server', 'providers', 'snapshot'].flatMap((entry) => [
    `entries/${entry}.js`,
    `entries/${entry}.d.ts`,
  ]),
]) {
  if (!existsSync(join(dist, file)))
    problems.push(`dist/${file} is missing: run \`npm run build\`.`);
}

const builtins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));
const isBuiltin = (specifier) => builtins.has(specifier) || specifier.startsWith('node:');
const staticImport = /(?:^|[;\s])(?:import|export)\s*(?:[\w*{}\s,$]+\s*from\s*)?['"]([^'"]+)['"]/g;
const dynamicImport = /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;
const requireCall = /\brequire\(\s*['"]([^'"]+)['"]\s*\)/g;

// `cli.js` is the `model-catalog` binary: a Node program that no `import 'model-catalog'` loads,
// so its Node built-ins may be static imports.
const scripts = existsSync(dist)
  ? readdirSync(dist, { recursive: true }).filter(
      (name) => name.endsWith('.js') && name !== 'cli.js',
    )
  : [];
for (const name of scripts) {
  const code = readFileSync(join(dist, name), 'utf8');
  for (const [, specifier] of code.matchAll(staticImport)) {
    if (isBuiltin(specifier)) problems.push(`dist/${name} imports "${specifier}" statically.`);
  }
  for (const [, specifier] of code.matchAll(requireCall)) {
    if (isBuiltin(specifier)) problems.push(`dist/${name} requires "${specifier}".`);
  }
  for (const [, specifier] of code.matchAll(dynamicImport)) {
    if (builtins.has(specifier) && !specifier.startsWith('node:')) {
      problems.push(
        `dist/${name} imports "${specifier}" without the node: prefix (Deno needs it).`,
      );
    }
  }
}

if (problems.length > 0) {
  console.error(`check-dist: ${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`check-dist: ${scripts.length} file(s) in dist/, no static Node built-in imports.`);
