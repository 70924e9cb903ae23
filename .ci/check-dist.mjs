// Checks the build output before it is packed: every file package.json's `exports`, `imports`,
// `main`, `module`, `types` and `bin` name exists, in both the ES module and CommonJS builds; and
// no file but dist/cache/node-file-system.{js,cjs} reaches a Node built-in (the CLI aside), and
// that one only through a dynamic import or a lazy require, so edge bundles (Workers, Deno,
// browsers) never meet one; and every module of src/ is in one ES-module file only. It reads
// dist/ and package.json, and writes and deletes nothing.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';

const root = new URL('../', import.meta.url).pathname;
const dist = join(root, 'dist');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const problems = [];

/** Every file path in a package.json field, however deeply its conditions nest. */
const targetsOf = (value) =>
  typeof value === 'string'
    ? [value]
    : value && typeof value === 'object'
      ? Object.values(value).flatMap(targetsOf)
      : [];
const named = [
  ...targetsOf(manifest.exports),
  ...targetsOf(manifest.imports),
  ...targetsOf(manifest.typesVersions),
  manifest.main,
  manifest.module,
  manifest.types,
  ...targetsOf(manifest.bin),
].filter((path) => path?.startsWith('./dist/') || path?.startsWith('dist/'));
for (const path of new Set(named)) {
  if (!existsSync(join(root, path))) problems.push(`${path} is missing: run \`npm run build\`.`);
}

const builtins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));
const isBuiltin = (specifier) => builtins.has(specifier) || specifier.startsWith('node:');
const staticImport = /(?:^|[;\s])(?:import|export)\s*(?:[\w*{}\s,$]+\s*from\s*)?['"]([^'"]+)['"]/g;
const dynamicImport = /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;
const requireCall = /\brequire\(\s*['"]([^'"]+)['"]\s*\)/g;
// esbuild's CommonJS form of `import('x')`: `Promise.resolve().then(() => __toESM(require("x")))`.
const lazyRequire =
  /Promise\.resolve\(\)\.then\(\(\) => (?:__toESM\()?require\(\s*['"]([^'"]+)['"]\s*\)/g;

// The one module that loads Node built-ins (see the `#file-system` import in package.json).
const FILE_SYSTEM = new Set(['cache/node-file-system.js', 'cache/node-file-system.cjs']);
// `cli.js` is the `model-catalog` binary: a Node program that no `import 'model-catalog'` loads,
// so its Node built-ins may be static imports.
const scripts = existsSync(dist)
  ? readdirSync(dist, { recursive: true }).filter(
      (name) => /\.c?js$/.test(name) && name !== 'cli.js',
    )
  : [];
for (const name of scripts) {
  const code = readFileSync(join(dist, name), 'utf8');
  // Every relative import and require names a file that is there (the builds write concurrently).
  const relative = [
    ...code.matchAll(staticImport),
    ...code.matchAll(dynamicImport),
    ...code.matchAll(requireCall),
  ]
    .map((match) => match[1])
    .filter((specifier) => specifier.startsWith('.'));
  for (const specifier of relative) {
    if (!existsSync(join(dist, name, '..', specifier))) {
      problems.push(`dist/${name} loads "${specifier}", which is missing: run \`npm run build\`.`);
    }
  }
  const lazy = new Set([...code.matchAll(lazyRequire)].map((match) => match[1]));
  for (const [, specifier] of code.matchAll(staticImport)) {
    if (isBuiltin(specifier)) problems.push(`dist/${name} imports "${specifier}" statically.`);
  }
  for (const [, specifier] of code.matchAll(requireCall)) {
    if (isBuiltin(specifier) && !lazy.has(specifier)) {
      problems.push(`dist/${name} requires "${specifier}" when loaded.`);
    }
  }
  for (const specifier of [
    ...[...code.matchAll(dynamicImport)].map((match) => match[1]),
    ...lazy,
  ]) {
    if (!isBuiltin(specifier)) continue;
    if (!FILE_SYSTEM.has(name)) {
      problems.push(
        `dist/${name} loads "${specifier}": only cache/node-file-system may (through #file-system).`,
      );
    } else if (!specifier.startsWith('node:')) {
      problems.push(`dist/${name} loads "${specifier}" without the node: prefix (Deno needs it).`);
    }
  }
}
for (const name of FILE_SYSTEM) {
  if (!scripts.includes(name)) problems.push(`dist/${name} is missing: run \`npm run build\`.`);
}

// The ES modules are bundled entries with shared chunks (tsup.config.ts): each module of src/ is
// in one `.js` file of dist/ only, so a program that imports the root and a subpath entry runs one
// copy of it (one class per error, one module state). Read from each file's source map.
const copies = new Map();
for (const name of scripts.filter((script) => script.endsWith('.js'))) {
  const mapFile = join(dist, `${name}.map`);
  if (!existsSync(mapFile)) {
    problems.push(`dist/${name} has no source map.`);
    continue;
  }
  for (const source of JSON.parse(readFileSync(mapFile, 'utf8')).sources) {
    if (!/(?:^|\/)src\//.test(source)) continue;
    copies.set(source, [...(copies.get(source) ?? []), name]);
  }
}
for (const [source, names] of copies) {
  if (names.length > 1)
    problems.push(`${source} is in ${names.length} ES-module files: ${names.join(', ')}.`);
}

if (problems.length > 0) {
  console.error(`check-dist: ${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(
  `check-dist: ${new Set(named).size} file(s) named by package.json present; ${scripts.length} script(s) in dist/, Node built-ins only in cache/node-file-system, loaded lazily; ${copies.size} source module(s), each in one ES-module file.`,
);
