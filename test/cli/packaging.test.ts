import { spawnSync } from 'node:child_process';
import {
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CLI, ROOT, useHome } from './helpers/run-cli.js';

const home = useHome();
const packageJson = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  version: string;
  bin: Record<string, string>;
  dependencies: Record<string, string>;
  exports: Record<string, unknown>;
};

describe('the model-catalog binary in the package', () => {
  it('is the bin entry, an executable ESM file starting with #!/usr/bin/env node', () => {
    expect(packageJson.bin).toEqual({ 'model-catalog': './dist/cli.js' });
    expect(join(ROOT, packageJson.bin['model-catalog']!)).toBe(CLI);
    expect(readFileSync(CLI, 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node');
    expect(statSync(CLI).mode & 0o111).toBe(0o111);
  });

  it('runs through a symlink on PATH, as npm and npx install it', () => {
    const bin = join(home(), 'bin');
    mkdirSync(bin);
    symlinkSync(CLI, join(bin, 'model-catalog'));
    const run = spawnSync('model-catalog', ['--version'], {
      cwd: home(),
      env: { PATH: `${bin}:${process.env.PATH}`, HOME: home() },
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(`${packageJson.version}\n`);
    expect(run.status).toBe(0);
  });

  it('uses the library through dist/index.js, not a second copy of it', () => {
    const code = readFileSync(CLI, 'utf8');
    expect(code).toMatch(/^import \{[^}]*createModelCatalog[^}]*\} from '\.\/index\.js';$/m);
    expect(code).not.toContain('function createModelCatalog');
  });

  it('keeps the library entry free of the CLI and its dependencies', () => {
    const libraryFiles = readdirSync(join(ROOT, 'dist'), {
      recursive: true,
      encoding: 'utf8',
    }).filter((name) => name.endsWith('.js') && name !== 'cli.js');
    expect(libraryFiles).toContain('index.js');
    for (const name of libraryFiles) {
      const library = readFileSync(join(ROOT, 'dist', name), 'utf8');
      expect(library).not.toContain('picocolors');
      expect(library).not.toMatch(/from ['"]node:/);
      expect(library).not.toContain('cli.js');
    }
    expect(JSON.stringify(packageJson.exports)).not.toContain('cli');
    expect(Object.keys(packageJson.exports)).toContain('.');
    expect(packageJson.dependencies.picocolors).toBeDefined();
  });

  it('imports the library without loading picocolors, which the binary loads', () => {
    // A module resolve hook that names each bare specifier resolved, on stderr.
    const hook = join(home(), 'hook.mjs');
    writeFileSync(
      hook,
      `export async function resolve(specifier, context, next) {
        if (!/^[./]|^node:|^file:/.test(specifier)) process.stderr.write('resolved ' + specifier + '\\n');
        return next(specifier, context);
      }`,
    );
    const register = join(home(), 'register.mjs');
    writeFileSync(
      register,
      `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hook).href)});\n`,
    );
    const library = spawnSync(
      process.execPath,
      [
        '--import',
        register,
        '--input-type=module',
        '-e',
        `await import(${JSON.stringify(pathToFileURL(join(ROOT, 'dist', 'index.js')).href)});`,
      ],
      { encoding: 'utf8' },
    );
    expect(library.status).toBe(0);
    // The hook sees the library's own dependencies (valibot at import; ky loads with the first fetch).
    expect(library.stderr).toContain('resolved valibot');
    expect(library.stderr).not.toContain('resolved ky');
    expect(library.stderr).not.toContain('picocolors');
    const binary = spawnSync(process.execPath, ['--import', register, CLI, '--version'], {
      encoding: 'utf8',
    });
    expect(binary.stderr).toContain('resolved picocolors');
  });
});
