import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/arguments.js';
import { ROOT } from './helpers/run-cli.js';

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const commandLine = readme.slice(
  readme.indexOf('\n## Command line\n'),
  readme.indexOf('\n## ', readme.indexOf('\n## Command line\n') + 5),
);

describe('the README and the command line', () => {
  it('opens with the one-line CLI example and the screenshot, before the library', () => {
    const firstTs = readme.indexOf('```ts');
    expect(readme.indexOf('```sh\nnpx model-catalog\n```')).toBeGreaterThan(0);
    expect(readme.indexOf('```sh\nnpx model-catalog\n```')).toBeLessThan(firstTs);
    expect(readme.indexOf('![')).toBeLessThan(firstTs);
    expect(readme).toContain('](docs/cli-page.png)');
    expect(existsSync(join(ROOT, 'docs', 'cli-page.png'))).toBe(true);
  });

  it('documents every command and option the CLI accepts, and its exit codes', () => {
    expect(commandLine.length).toBeGreaterThan(1000);
    for (const [command, spec] of Object.entries(COMMANDS)) {
      expect(commandLine).toContain(`model-catalog ${command}`);
      for (const option of Object.keys(spec.options)) {
        if (option !== 'help') expect(commandLine).toContain(`--${option}`);
      }
    }
    for (const code of ['`0`', '`1`', '`2`']) expect(commandLine).toContain(`| ${code} |`);
    for (const variable of ['NO_COLOR', 'FORCE_COLOR', 'COLUMNS', 'MODEL_CATALOG_CACHE_DIR']) {
      expect(commandLine).toContain(variable);
    }
  });
});
