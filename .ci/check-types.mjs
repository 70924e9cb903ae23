// Runs Are the Types Wrong (attw) over the package as npm would publish it: every entry point,
// under node10, node16 (CommonJS and ESM) and bundler resolution. It packs into a temporary
// folder of its own and removes only that folder: `attw --pack .` would write the tarball into
// the repository and then delete whatever `model-catalog-<version>.tgz` was there, yours too.
// Run `npm run build` first.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const scratch = mkdtempSync(join(tmpdir(), 'model-catalog-attw-'));
try {
  // --ignore-scripts: the build already ran; `prepare` would run it again.
  const packed = execFileSync(
    'npm',
    ['pack', '--ignore-scripts', '--silent', '--pack-destination', scratch],
    { cwd: root, encoding: 'utf8', shell: process.platform === 'win32' },
  );
  const tarball = join(scratch, packed.trim().split('\n').at(-1));
  execFileSync(join(root, 'node_modules', '.bin', 'attw'), [tarball], {
    cwd: root,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
} catch (error) {
  // attw printed its report and exited non-zero; anything else (npm pack failing) is shown here.
  if (typeof error.status !== 'number') console.error(error);
  process.exitCode = typeof error.status === 'number' ? error.status : 1;
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
