/**
 * Builds the package once before the CLI tests, which run the built binary (`dist/cli.js`) the
 * way `npx model-catalog` does, not the TypeScript source.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

export default function buildOnce(): void {
  const root = join(import.meta.dirname, '..', '..', '..');
  execFileSync(join(root, 'node_modules', '.bin', 'tsup'), [], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}
