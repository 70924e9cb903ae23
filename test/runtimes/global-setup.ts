/**
 * Builds and packs the package once for the `runtimes` project: `npm run build`, then `npm pack`
 * into a scratch folder, whose path and tarball the test files get through `inject()`. Set
 * `MODEL_CATALOG_TARBALL` to test a tarball built elsewhere instead, and `KEEP_SCRATCH=1` to keep
 * the scratch folder (its path is printed) for a look at the projects built there.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { TestProject } from 'vitest/node';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../..');

declare module 'vitest' {
  export interface ProvidedContext {
    /** The scratch folder of this run; each test builds its projects in it. */
    scratch: string;
    /** The packed package, inside `scratch`. */
    tarball: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const scratch = mkdtempSync(join(tmpdir(), 'model-catalog-runtimes-'));
  let tarball: string;
  const given = process.env.MODEL_CATALOG_TARBALL;
  if (given) {
    tarball = join(scratch, basename(given));
    copyFileSync(resolve(given), tarball);
  } else {
    await run('npm', ['run', 'build'], { cwd: root, maxBuffer: 64 << 20 });
    // The build ran just above: skip the pack scripts (`prepare`/`prepack` would build again).
    const { stdout } = await run(
      'npm',
      ['pack', '--ignore-scripts', '--silent', '--pack-destination', scratch],
      { cwd: root },
    );
    tarball = join(scratch, stdout.trim().split('\n').at(-1) ?? '');
  }
  project.provide('scratch', scratch);
  project.provide('tarball', tarball);
  // Removed asynchronously: a synchronous removal of the Next.js project's node_modules blocks
  // vitest's main process for seconds, and its workers then time out while stopping.
  return async () => {
    if (process.env.KEEP_SCRATCH) console.log(`runtimes: scratch folder kept: ${scratch}`);
    else await rm(scratch, { recursive: true, force: true });
  };
}
