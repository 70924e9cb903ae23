/**
 * The package checks as CI runs them, over the build the global setup made: `npm run
 * check:package` (check-dist, publint, attw over every entry and condition) passes, and touches no
 * file it did not create; `attw --pack .` used to delete any `model-catalog-<version>.tgz` in the
 * repository, whoever had put it there.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, run } from './scratch.js';

describe('npm run check:package', () => {
  it('passes, and leaves a tarball in the repository that it did not make', async () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    const tarball = join(ROOT, `model-catalog-${version}.tgz`);
    // A tarball already there (someone's own `npm pack`) serves as the sentinel, untouched.
    const planted = !existsSync(tarball);
    if (planted) writeFileSync(tarball, 'not a tarball: a file check:package must not delete\n');
    const before = readFileSync(tarball);
    try {
      const { stdout } = await run('npm', ['run', 'check:package'], {
        cwd: ROOT,
        inheritEnvironment: true,
        timeout: 170_000,
      });
      expect(stdout).toMatch(/check-dist: \d+ file\(s\) named by package\.json present/);
      expect(stdout).toContain('No problems found');
      expect(readFileSync(tarball)).toEqual(before);
    } finally {
      if (planted) rmSync(tarball, { force: true });
    }
  });
});
