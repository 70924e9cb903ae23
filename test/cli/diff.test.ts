import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import picocolors from 'picocolors';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { describeChanges } from '../../src/cli/diff-command.js';
import { runCli, useHome, userEnv } from './helpers/run-cli.js';
import { OLLAMA_TAGS, OPENAI_MODELS, type StandIns, startStandIns } from './helpers/stand-ins.js';

let standIns: StandIns;
beforeAll(async () => {
  standIns = await startStandIns();
});
afterAll(() => standIns.close());
afterEach(() => {
  standIns.routes.set('/openai/v1/models', { status: 200, body: OPENAI_MODELS });
  standIns.routes.set('/ollama/api/tags', { status: 200, body: OLLAMA_TAGS });
});
const home = useHome();

/** The stand-ins without the failing one, so exit codes speak of changes alone. */
const healthyEnv = () => {
  const { GROQ_API_KEY: _key, GROQ_BASE_URL: _url, ...env } = standIns.env();
  return userEnv(home(), env);
};

describe('model-catalog diff', () => {
  it('on a first run with no cache, says there is nothing to compare, saves the lists and exits 0', async () => {
    const run = await runCli(['diff'], healthyEnv());
    expect(run.code).toBe(0);
    expect(run.stdout.trimEnd().split('\n')).toEqual([
      'ollama: no cached list to compare; saved its 2 models for next time',
      'openai: no cached list to compare; saved its 4 models for next time',
      'openrouter: no cached list to compare; saved its 14 models for next time',
    ]);
    expect(run.stderr).toContain('Nothing to compare yet: there were no cached lists.');
    const again = await runCli(['diff'], healthyEnv());
    expect(again.stdout).toContain('openai: no changes');
  });

  it('says so and exits 1 when the cache cannot keep the lists, instead of promising a comparison', async () => {
    // A plain file where the cache directory should be: no list can be saved under it.
    const file = join(home(), 'not-a-directory');
    writeFileSync(file, 'x');
    const env = { ...healthyEnv(), MODEL_CATALOG_CACHE_DIR: file };
    const run = await runCli(['diff'], env);
    expect(run.code).toBe(1);
    expect(run.stdout.trimEnd().split('\n')).toEqual([
      'ollama: no cached list to compare; its 2 models could not be saved',
      'openai: no cached list to compare; its 4 models could not be saved',
      'openrouter: no cached list to compare; its 14 models could not be saved',
    ]);
    expect(run.stderr).toContain(
      'The cache could not keep the lists of ollama, openai, openrouter: the next run compares with the older lists, or with none.',
    );
    expect(run.stderr).not.toContain('They are saved now');
    const json = await runCli(['diff', '--json'], env);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({
      changed: false,
      uncompared: ['ollama', 'openai', 'openrouter'],
      notSaved: ['ollama', 'openai', 'openrouter'],
    });
  });

  it('exits 0 with "no changes" when the providers list what the cache holds', async () => {
    await runCli([], healthyEnv());
    const run = await runCli(['diff'], healthyEnv());
    expect(run.code).toBe(0);
    expect(run.stdout.trimEnd().split('\n')).toEqual([
      'ollama: no changes',
      'openai: no changes',
      'openrouter: no changes',
    ]);
  });

  it('prints what was added and removed since the cached lists and exits 1, then 0 once seen', async () => {
    await runCli([], healthyEnv());
    const gpt5 = { id: 'gpt-5', object: 'model', created: 1754524800, owned_by: 'system' };
    standIns.routes.set('/openai/v1/models', {
      status: 200,
      body: {
        object: 'list',
        data: [...OPENAI_MODELS.data.filter((model) => model.id !== 'whisper-1'), gpt5],
      },
    });
    standIns.routes.set('/ollama/api/tags', {
      status: 200,
      body: { models: OLLAMA_TAGS.models.slice(0, 1) },
    });
    const run = await runCli(['diff'], healthyEnv());
    expect(run.code).toBe(1);
    expect(run.stdout.trimEnd().split('\n')).toEqual([
      'ollama: 1 removed',
      '  - nomic-embed-text:latest',
      'openai: 1 added, 1 removed',
      '  + gpt-5',
      '  - whisper-1',
      'openrouter: no changes',
    ]);
    const seen = await runCli(['diff'], healthyEnv());
    expect(seen.code).toBe(0);
    // The refreshed list is what `list` now serves from the cache.
    const list = await runCli(['--provider', 'openai', '--json'], healthyEnv());
    expect(
      (JSON.parse(list.stdout) as { models: { id: string }[] }).models.map((model) => model.id),
    ).toContain('gpt-5');
  });

  it('--json prints the change report, the providers with nothing to compare and the failures', async () => {
    await runCli(
      [],
      userEnv(home(), {
        OPENAI_API_KEY: standIns.env().OPENAI_API_KEY!,
        OPENAI_BASE_URL: standIns.env().OPENAI_BASE_URL!,
      }),
    );
    standIns.routes.set('/openai/v1/models', {
      status: 200,
      body: { object: 'list', data: OPENAI_MODELS.data.slice(1) },
    });
    const run = await runCli(['diff', '--json'], userEnv(home(), standIns.env()));
    expect(run.code).toBe(1);
    const body = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(body).toMatchObject({
      changed: true,
      changes: { openai: { added: [], removed: ['gpt-4o'] } },
      uncompared: ['ollama', 'openrouter'],
      errors: { groq: { kind: 'auth', status: 401 } },
    });
  });

  it('reports a failing provider on stderr; --strict makes it exit 1 even when nothing changed', async () => {
    const env = userEnv(home(), standIns.env());
    await runCli([], env);
    const run = await runCli(['diff'], env);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('error groq (auth)');
    expect(run.stderr).toMatch(/^openai +4 models +live +\d+ ms$/m);
    const strict = await runCli(['diff', '--strict', '--quiet'], env);
    expect(strict.code).toBe(1);
    expect(strict.stderr).not.toMatch(/ ms$/m);
  });

  it('shows changed fields when the change report carries them', () => {
    const text = describeChanges(
      {
        openai: {
          added: ['gpt-5'],
          removed: [],
          changed: [
            {
              id: 'gpt-4o',
              fields: [
                { field: 'contextLength', before: 128000, after: 200000 },
                { field: 'pricing.input', before: 2.5, after: undefined },
              ],
            },
          ],
        },
      },
      [{ provider: 'ollama', models: 1 }],
      picocolors.createColors(false),
    );
    expect(text.split('\n')).toEqual([
      'openai: 1 added, 1 changed',
      '  + gpt-5',
      '  ~ gpt-4o: contextLength 128000 -> 200000, pricing.input 2.5 -> none',
      'ollama: no cached list to compare; saved its 1 model for next time',
      '',
    ]);
  });

  it("shows a value's terminal controls and direction marks as \uFFFD, as ids are", () => {
    const text = describeChanges(
      {
        openai: {
          added: [],
          removed: [],
          changed: [
            {
              id: 'm1',
              fields: [{ field: 'ownedBy', before: 'x', after: 'evil\u009b31m\u202eRED\u001b[2J' }],
            },
          ],
        },
      },
      [],
      picocolors.createColors(false),
    );
    // C0 as JSON escapes it; C1 and the override, which JSON leaves raw, as \uFFFD.
    expect(text).toBe(
      'openai: 1 changed\n  ~ m1: ownedBy "x" -> "evil\uFFFD31m\uFFFDRED\\u001b[2J"\n',
    );
  });
});
