// The cost of `await import('model-catalog')` against `await import('ky')`, each in a fresh
// Node process, alternating, from the built package (run `npm run build` first): at most 1.3x.
// Timed as CPU time inside the process (as the other benchmarks), first quartile of the runs.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
if (!existsSync(`${root}dist/index.js`)) {
  console.error('import-cost: dist/ is missing; run `npm run build` first.');
  process.exit(1);
}
const RUNS = 21;
const TARGET = 1.3;

const timeImport = (specifier) =>
  Number(
    execFileSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `const started = process.cpuUsage(); await import(${JSON.stringify(specifier)}); const spent = process.cpuUsage(started); process.stdout.write(String((spent.user + spent.system) / 1000));`,
      ],
      { cwd: root },
    ),
  );

const times = { ky: [], 'model-catalog': [] };
for (let run = 0; run < RUNS; run++) {
  // Alternate which goes first, so that neither always meets a warmer disk cache.
  const order = run % 2 === 0 ? ['ky', 'model-catalog'] : ['model-catalog', 'ky'];
  for (const name of order) times[name].push(timeImport(name));
}
const quartile = (list) =>
  [...list].sort((first, second) => first - second)[Math.floor((list.length - 1) / 4)];
const ky = quartile(times.ky);
const catalog = quartile(times['model-catalog']);
const ratio = catalog / ky;
console.log(
  `info  await import('ky'): ${ky.toFixed(1)} ms; await import('model-catalog'): ${catalog.toFixed(1)} ms`,
);
console.log(
  `${ratio <= TARGET ? 'pass' : 'FAIL'}  await import('model-catalog') against await import('ky'): ${ratio.toFixed(2)}x (target at most ${TARGET}x)`,
);
