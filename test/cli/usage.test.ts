import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, useHome, userEnv } from './helpers/run-cli.js';

const home = useHome();
const version = (
  JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }
).version;

describe('model-catalog usage', () => {
  it('--version prints the package version', async () => {
    for (const args of [['--version'], ['list', '--version']]) {
      const run = await runCli(args, userEnv(home()));
      expect(run.code).toBe(0);
      expect(run.stdout).toBe(`${version}\n`);
    }
  });

  it('--help lists every command, the exit codes and examples', async () => {
    const run = await runCli(['--help'], userEnv(home()));
    expect(run.code).toBe(0);
    for (const command of ['list', 'providers', 'diff', 'serve', 'help']) {
      expect(run.stdout).toMatch(new RegExp(`^  ${command} +\\S`, 'm'));
    }
    expect(run.stdout).toContain('Exit codes:\n  0  success\n  1  a provider failed');
    expect(run.stdout).toContain('  2  usage error');
    expect(run.stdout).toContain('  npx model-catalog\n');
    expect(run.stderr).toBe('');
  });

  it.each([
    [
      'list',
      [
        '--provider',
        '--category',
        '--capability',
        '--min-context',
        '--max-price',
        '--free',
        '--sort',
        '--json',
        '--format',
        '--refresh [<ids>]',
        '--strict',
        '--quiet',
      ],
    ],
    ['providers', ['--json']],
    ['diff', ['--json', '--strict', '--quiet']],
    ['serve', ['--port', '--host', '--quiet']],
  ])('%s --help shows its usage and every option', async (command, options) => {
    const run = await runCli([command, '--help'], userEnv(home()));
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^Usage: model-catalog (\\[${command}\\]|${command})`));
    for (const option of options) expect(run.stdout).toContain(option);
    const viaHelp = await runCli(['help', command], userEnv(home()));
    expect(viaHelp.stdout).toBe(run.stdout);
  });

  it.each([
    [
      ['frobnicate'],
      'Unknown command "frobnicate". To search the models, run: model-catalog list frobnicate',
      'Usage: model-catalog [command]',
    ],
    [['--bogus'], 'Unknown option "--bogus".', 'Usage: model-catalog [list]'],
    [['--provdier', 'openai'], 'Unknown option "--provdier". Did you mean "--provider"?', 'Usage'],
    [['providers', 'extra'], "Unexpected argument 'extra'", 'Usage: model-catalog providers'],
    [['diff', '--format', 'openai'], 'Unknown option "--format".', 'Usage: model-catalog diff'],
    [
      ['--category', 'music'],
      'Unknown category "music". Categories: chat, embedding, image, tts, stt, other.',
      'Usage: model-catalog [list]',
    ],
    [
      ['--capability', 'telepathy'],
      'Unknown capability "telepathy". Capabilities: tools, vision,',
      'Usage',
    ],
    [['--sort', 'size'], 'Unknown sort "size". Sort by provider, id,', 'Usage'],
    [['--min-context', 'lots'], '`--min-context` takes a number of tokens', 'Usage'],
    [
      ['--max-price', '-1'],
      '--max-price needs a value. For a value that starts with a dash, join them with =: --max-price=<value>.',
      'Usage',
    ],
    [
      ['-s', '-created'],
      '--sort needs a value. For a value that starts with a dash, join them with =: --sort=<value>.',
      'Usage',
    ],
    [
      ['--zzzzzz'],
      'Unknown option "--zzzzzz". To search for a word that starts with a dash, put it after --',
      'Usage',
    ],
    [['--max-price', 'cheap'], '`--max-price` takes a price in USD per million tokens', 'Usage'],
    [
      ['--format', 'xml'],
      'Unknown format "xml". Formats: openai, anthropic, gemini, openrouter',
      'Usage',
    ],
    [['--json', '--format', 'openai'], 'Give --json or --format, not both.', 'Usage'],
    [['--sort'], "Option '-s, --sort <value>' argument missing", 'Usage'],
    [
      ['serve', '--port', 'http'],
      '`--port` takes a port number from 0 to 65535, got "http".',
      'Usage: model-catalog serve',
    ],
    [['help', 'nope'], 'Unknown command "nope".', 'Usage: model-catalog [command]'],
  ])(
    '%j is a usage error: exit 2, the reason and the usage on stderr',
    async (args, reason, usage) => {
      const run = await runCli(args, userEnv(home()));
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain(reason);
      expect(run.stderr).toContain(usage);
    },
  );
});
