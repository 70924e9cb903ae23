/**
 * The package checks as CI runs them, over the build the global setup made: `npm run
 * check:package` (check-dist, publint, attw over every entry and condition) passes, and touches no
 * file it did not create; `attw --pack .` used to delete any `model-catalog-<version>.tgz` in the
 * repository, whoever had put it there. And `npm run docs` fails on a public export without TSDoc.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
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

describe('npm run docs', () => {
  // The repository's TypeDoc settings (validation, warnings as errors) over a two-line module:
  // the reference build must fail on an export without TSDoc, and pass once it has one.
  const { entryPoints, out, intentionallyNotExported, ...settings } = JSON.parse(
    readFileSync(join(ROOT, 'typedoc.json'), 'utf8'),
  );

  const typedoc = async (source: string): Promise<{ failed: boolean; output: string }> => {
    const dir = join(inject('scratch'), `typedoc-${Math.random().toString(36).slice(2)}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'index.ts'), source);
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { strict: true, module: 'nodenext', types: [] } }),
    );
    writeFileSync(
      join(dir, 'typedoc.json'),
      JSON.stringify({ ...settings, entryPoints: ['index.ts'], out: 'api' }),
    );
    const typedocBin = join(ROOT, 'node_modules/typedoc/bin/typedoc');
    try {
      const { stdout, stderr } = await run(process.execPath, [typedocBin], { cwd: dir });
      return { failed: false, output: `${stdout}${stderr}` };
    } catch (error) {
      return { failed: true, output: (error as Error).message };
    }
  };

  it('fails on a public export without documentation, naming it', async () => {
    expect(settings.validation.notDocumented).toBe(true);
    expect(settings.treatWarningsAsErrors).toBe(true);
    const { failed, output } = await typedoc(
      '/** Documented. */\nexport const documented = 1;\nexport function undocumented(): void {}\n',
    );
    expect(failed).toBe(true);
    expect(output).toMatch(
      /undocumented \((?:Function|CallSignature)\).*does not have any documentation/,
    );
    expect(output).not.toMatch(/documented \(Variable\)/);
  });

  it('passes once every export is documented', async () => {
    const { failed, output } = await typedoc(
      '/** Documented. */\nexport const documented = 1;\n/** Documented too. */\nexport function alsoDocumented(): void {}\n',
    );
    expect(output).not.toContain('does not have any documentation');
    expect(failed).toBe(false);
  });
});
