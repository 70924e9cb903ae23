import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { capabilitiesOf } from '../../src/cli/query.js';
import {
  createFileCache,
  createModelCatalog,
  createModelsHandler,
  type Model,
} from '../../src/index.js';
import { CLI, runCli, runInTerminal, useHome, userEnv } from './helpers/run-cli.js';
import {
  OPENAI_MODELS,
  OPENROUTER_MODELS,
  type StandIns,
  startStandIns,
} from './helpers/stand-ins.js';

let standIns: StandIns;
beforeAll(async () => {
  standIns = await startStandIns();
});
afterAll(() => standIns.close());
afterEach(() => {
  standIns.routes.set('/openai/v1/models', { status: 200, body: OPENAI_MODELS });
});
const home = useHome();

/** The user's environment: keys and base URLs of the stand-ins, a fresh HOME. */
const env = (extra: Record<string, string> = {}) =>
  userEnv(home(), { ...standIns.env(), ...extra });

/** The same catalog the CLI builds, in this process, reading the CLI's cache directory. */
const libraryCatalog = () =>
  createModelCatalog({
    env: env(),
    cache: createFileCache({ dir: join(home(), '.cache', 'model-catalog') }),
  });

/** The table's rows (after the header) as [provider, id] pairs. */
const rows = (stdout: string): string[][] =>
  stdout
    .trimEnd()
    .split('\n')
    .slice(1)
    .map((line) => line.split(/\s{2,}/).slice(0, 2));

const ROUTER_IDS = OPENROUTER_MODELS.data.map((entry) => entry.id as string);

describe('model-catalog (list)', () => {
  it("prints every configured provider's models as a table grouped by provider, sorted by id", async () => {
    const run = await runCli([], env());
    expect(run.code).toBe(0);
    const [header] = run.stdout.split('\n');
    expect(header?.split(/\s{2,}/)).toEqual([
      'PROVIDER',
      'ID',
      'CATEGORY',
      'CONTEXT',
      'INPUT $/M',
      'OUTPUT $/M',
      'CAPABILITIES',
    ]);
    expect(rows(run.stdout)).toEqual([
      ['ollama', 'nomic-embed-text:latest'],
      ['ollama', 'qwen3:8b'],
      ['openai', 'gpt-4o'],
      ['openai', 'gpt-4o-mini'],
      ['openai', 'text-embedding-3-large'],
      ['openai', 'whisper-1'],
      ...[...ROUTER_IDS].sort().map((id) => ['openrouter', id]),
    ]);
    const gpt4o = run.stdout
      .split('\n')
      .find((line) => line.startsWith('openrouter  openai/gpt-4o '));
    expect(gpt4o?.split(/\s{2,}/)).toEqual([
      'openrouter',
      'openai/gpt-4o',
      'chat',
      '128K',
      '$2.50',
      '$10.00',
      'tools vision pdf structured json caching',
    ]);
    const whisper = run.stdout.split('\n').find((line) => line.includes(' whisper-1 '));
    expect(whisper?.split(/\s{2,}/)).toEqual(['openai', 'whisper-1', 'stt', '-', '-', '-']);
  });

  it('says on stderr why each failing provider failed and what to check, and keeps stdout to data', async () => {
    const run = await runCli([], env());
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(
      /^error groq \(auth\): groq: GET http:\/\/127\.0\.0\.1:\d+\/groq\/openai\/v1\/models answered 401 Unauthorized: Invalid API Key\. Check GROQ_API_KEY\.$/m,
    );
    expect(run.stderr).toContain('20 models from 3 providers; 1 provider failed.');
    expect(run.stdout).not.toContain('groq');
    expect(run.stdout).not.toMatch(/\d+ ms/);
  });

  it('reports progress on stderr, one line per provider with its time, as each answers', async () => {
    const run = await runCli([], env());
    const progress = run.stderr.split('\n').filter((line) => / \d+ ms$/.test(line));
    expect(progress.map((line) => line.split(/\s+/)[0]).sort()).toEqual([
      'groq',
      'ollama',
      'openai',
      'openrouter',
    ]);
    expect(run.stderr).toMatch(/^openai +4 models +live +\d+ ms$/m);
    expect(run.stderr).toMatch(/^openrouter +14 models +live +\d+ ms$/m);
    expect(run.stderr).toMatch(/^groq +failed \(auth\) +\d+ ms$/m);
  });

  it('answers a second run from the cache, without asking the providers again', async () => {
    expect((await runCli([], env())).code).toBe(0);
    const asked = standIns.requests.filter((path) => !path.startsWith('/groq')).length;
    let last = await runCli([], env());
    for (let attempt = 0; attempt < 3; attempt++) last = await runCli([], env());
    expect(standIns.requests.filter((path) => !path.startsWith('/groq')).length).toBe(asked);
    expect(last.stderr).toMatch(/^openai +cached, fetched just now +\d+ ms$/m);
    expect(rows(last.stdout)).toHaveLength(20);
    // How fast: `npm run bench` times this run (bench/cli-warm.mjs), never a test.
  });

  it('--quiet leaves out the progress lines but keeps failures', async () => {
    const run = await runCli(['--quiet'], env());
    expect(run.stderr).not.toMatch(/ \d+ ms$/m);
    expect(run.stderr).toContain('error groq (auth)');
    expect(rows(run.stdout)).toHaveLength(20);
  });

  it('--json prints exactly what listModels() returns', async () => {
    await runCli([], env());
    const run = await runCli(['--json'], env());
    expect(run.code).toBe(0);
    const expected = await libraryCatalog().listModels();
    expect(JSON.parse(run.stdout)).toEqual(JSON.parse(JSON.stringify(expected)));
  });

  it('--json with filters prints what listModels() returns with each list filtered', async () => {
    await runCli([], env());
    const run = await runCli(['--json', '--category', 'embedding'], env());
    const expected = await libraryCatalog().listModels();
    const providers = Object.fromEntries(
      Object.entries(expected.providers).map(([id, models]) => [
        id,
        models.filter((model) => model.category === 'embedding'),
      ]),
    );
    expect(JSON.parse(run.stdout)).toEqual(JSON.parse(JSON.stringify({ ...expected, providers })));
    expect(providers.openai?.map((model) => model.id)).toEqual(['text-embedding-3-large']);
  });

  it('--json with --provider prints what listModels({ provider }) returns', async () => {
    await runCli([], env());
    const run = await runCli(['--json', '--provider', 'ollama'], env());
    const expected = await libraryCatalog().listModels({ provider: 'ollama' });
    expect(JSON.parse(run.stdout)).toEqual(JSON.parse(JSON.stringify(expected)));
    expect(run.stderr).not.toContain('groq');
  });

  it.each([
    ['openai', ''],
    ['anthropic', '&limit=1000'],
    ['gemini', ''],
    ['openrouter', ''],
  ])('--format %s prints the same body as GET /v1/models?format=%s', async (format, paging) => {
    await runCli([], env());
    const run = await runCli(['--format', format], env());
    expect(run.code).toBe(0);
    const handler = createModelsHandler(libraryCatalog());
    const response = await handler(
      new Request(`http://localhost/v1/models?format=${format}${paging}`),
    );
    const { errors, ...body } = (await response.json()) as Record<string, unknown>;
    expect(Object.keys(errors as object)).toEqual(['groq']);
    expect(JSON.parse(run.stdout)).toEqual(body);
    expect(run.stdout).toContain('"openrouter/openai/gpt-4o"');
  });

  it('--provider, --capability, --min-context and --max-price keep only the models matching all', async () => {
    const run = await runCli(
      [
        '--provider',
        'openrouter',
        '--capability',
        'tools,vision',
        '--min-context',
        '200k',
        '--max-price',
        '5',
      ],
      env(),
    );
    expect(run.code).toBe(0);
    expect(rows(run.stdout).map(([, id]) => id)).toEqual([
      'anthropic/claude-haiku-4.5',
      'anthropic/claude-sonnet-4.5',
      'google/gemini-2.5-flash',
      'google/gemini-2.5-pro',
      'x-ai/grok-4',
    ]);
    expect(run.stderr).toContain('5 of 14 models from 1 provider match.');
  });

  it('--capability accepts every capability name and keeps models the table shows having it', async () => {
    const all = (await libraryCatalogAfter(['--quiet'])).filter(
      (model) => capabilitiesOf(model).reasoning === true,
    );
    const run = await runCli(['--capability', 'reasoning', '--quiet'], env());
    // The table groups by provider; the same models, whatever the order.
    expect(
      rows(run.stdout)
        .map(([, id]) => id)
        .sort(),
    ).toEqual(all.map((model) => model.id).sort());
    const pdf = await runCli(['--capability', 'pdf-input', '--quiet'], env());
    expect(rows(pdf.stdout).map(([, id]) => id)).toEqual([
      'anthropic/claude-opus-4.1',
      'anthropic/claude-sonnet-4.5',
      'google/gemini-2.5-pro',
      'openai/gpt-4o',
    ]);
  });

  it('--free keeps the models whose reported prices are zero', async () => {
    const run = await runCli(['--free'], env());
    expect(rows(run.stdout)).toEqual([['openrouter', 'deepseek/deepseek-chat-v3.1:free']]);
  });

  it('--category keeps the categories listed', async () => {
    const run = await runCli(['--category', 'embedding,stt'], env());
    expect(rows(run.stdout)).toEqual([
      ['ollama', 'nomic-embed-text:latest'],
      ['openai', 'text-embedding-3-large'],
      ['openai', 'whisper-1'],
    ]);
  });

  it('a search query keeps models whose id, name, provider or description has every word', async () => {
    const run = await runCli(['list', 'claude', 'sonnet'], env());
    expect(rows(run.stdout)).toEqual([['openrouter', 'anthropic/claude-sonnet-4.5']]);
    const byProvider = await runCli(['list', 'ollama'], env());
    expect(rows(byProvider.stdout).map(([provider]) => provider)).toEqual(['ollama', 'ollama']);
  });

  it('--sort price sorts across providers, cheapest first, unpriced models last', async () => {
    const run = await runCli(['--sort', 'price', '--provider', 'openrouter'], env());
    const prices = rows(run.stdout).map(([, id]) => id);
    expect(prices.slice(0, 4)).toEqual([
      'deepseek/deepseek-chat-v3.1:free',
      'mistralai/ministral-8b',
      'mistralai/mistral-small-3.2-24b-instruct',
      'meta-llama/llama-3.3-70b-instruct',
    ]);
    expect(prices.at(-1)).toBe('anthropic/claude-opus-4.1');
    const across = await runCli(['--sort', 'price'], env());
    expect(rows(across.stdout).at(-1)).toEqual(['openai', 'whisper-1']);
  });

  it('--sort context:desc puts the largest context window first; context sorts descending by default', async () => {
    const run = await runCli(['--sort', 'context:desc', '--provider', 'openrouter'], env());
    const ids = rows(run.stdout).map(([, id]) => id);
    expect(ids.slice(0, 3)).toEqual([
      'google/gemini-2.5-flash',
      'google/gemini-2.5-pro',
      'anthropic/claude-sonnet-4.5',
    ]);
    expect(ids.at(-1)).toBe('mistralai/ministral-8b');
    const byDefault = await runCli(['--sort', 'context', '--provider', 'openrouter'], env());
    expect(rows(byDefault.stdout).map(([, id]) => id)).toEqual(ids);
    const ascending = await runCli(['--sort', 'context:asc', '--provider', 'openrouter'], env());
    expect(rows(ascending.stdout)[0]?.[1]).toBe('mistralai/ministral-8b');
  });

  it('--refresh fetches every provider again; --refresh=ids or --refresh ids only those', async () => {
    await runCli([], env());
    const count = (prefix: string) =>
      standIns.requests.filter((path) => path.startsWith(prefix)).length;
    // Ollama's listing is /api/tags (each model's /api/show is asked beside it).
    const before = { openai: count('/openai'), ollama: count('/ollama/api/tags') };
    const all = await runCli(['--refresh'], env());
    expect(all.stderr).toMatch(/^openai +4 models +live/m);
    expect(count('/openai')).toBe(before.openai + 1);
    expect(count('/ollama/api/tags')).toBe(before.ollama + 1);
    const one = await runCli(['--refresh=ollama', 'q4_k_m'], env());
    expect(one.stderr).toMatch(/^ollama +2 models +live/m);
    expect(one.stderr).toMatch(/^openai +cached/m);
    expect(count('/openai')).toBe(before.openai + 1);
    expect(count('/ollama/api/tags')).toBe(before.ollama + 2);
    expect(rows(one.stdout)).toEqual([['ollama', 'qwen3:8b']]);
    // Followed by provider ids, a bare --refresh takes them; any other word is the query.
    const spaced = await runCli(['--refresh', 'ollama,openai', '--quiet'], env());
    expect(count('/openai')).toBe(before.openai + 2);
    expect(count('/ollama/api/tags')).toBe(before.ollama + 3);
    expect(rows(spaced.stdout)).toHaveLength(20);
    await runCli(['--refresh', 'gpt-4o-mini'], env());
    expect(count('/ollama/api/tags')).toBe(before.ollama + 4);
  });

  it('--strict exits with 1 when a provider failed, and 0 when none did', async () => {
    expect((await runCli(['--strict'], env())).code).toBe(1);
    const { GROQ_API_KEY: _key, GROQ_BASE_URL: _url, ...healthy } = standIns.env();
    expect((await runCli(['--strict'], userEnv(home(), healthy))).code).toBe(0);
  });

  it('exits with 1 when the one provider asked for fails, and 2 for a provider that does not exist', async () => {
    const failed = await runCli(['--provider', 'groq'], env());
    expect(failed.code).toBe(1);
    expect(failed.stdout).toBe('');
    expect(failed.stderr).toContain('error groq (auth)');
    const unknown = await runCli(['--provider', 'nope'], env());
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown provider "nope". Providers: openai, ');
    const misspelled = await runCli(['--provider', 'opnai'], env());
    expect(misspelled.code).toBe(2);
    expect(misspelled.stderr).toContain(
      'Unknown provider "opnai". Did you mean "openai"? Providers: openai, ',
    );
    const refresh = await runCli(['--refresh=nope'], env());
    expect(refresh.code).toBe(2);
  });

  it('says which variables to set for a provider asked for that is not configured', async () => {
    // Set to nothing: a command line has no option object, only the environment.
    const run = await runCli(['--provider', 'mistral'], env());
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      'error mistral (not_configured): Not configured. Set MISTRAL_API_KEY.',
    );
    expect(run.stderr).not.toContain('`apiKey` option');
    const refreshed = await runCli(['--refresh=mistral,openai'], env());
    expect(refreshed.stderr).toContain(
      'warning mistral is not configured, so it was not refreshed. Set MISTRAL_API_KEY.',
    );
    expect(refreshed.stderr).not.toContain('openai is not configured');
    const azure = await runCli(['--provider', 'azure'], env());
    expect(azure.stderr).toContain(
      'Set AZURE_OPENAI_API_KEY or AZURE_API_KEY, and AZURE_OPENAI_ENDPOINT or AZURE_RESOURCE_NAME.',
    );
  });

  it("says what is wrong with a key's provider whose base URL cannot be used, not to set the key", async () => {
    const run = await runCli(['--provider', 'openai'], {
      ...env(),
      OPENAI_BASE_URL: 'ftp://127.0.0.1/v1',
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      'error openai (not_configured): openai: ftp://127.0.0.1/v1/models is not an absolute http(s) URL: add https://',
    );
    expect(run.stderr).toContain('Check OPENAI_BASE_URL.');
    expect(run.stderr).not.toContain('Set OPENAI_API_KEY');
  });

  it('exits with 1 when the one --provider asked for fails, even when its cached list is shown', async () => {
    await runCli(['--provider', 'openai'], env());
    standIns.routes.set('/openai/v1/models', {
      status: 401,
      body: { error: { message: 'Invalid API Key', type: 'invalid_request_error' } },
    });
    const run = await runCli(['--provider', 'openai', '--refresh'], env());
    expect(run.code).toBe(1);
    expect(rows(run.stdout).map(([, id]) => id)).toEqual([
      'gpt-4o',
      'gpt-4o-mini',
      'text-embedding-3-large',
      'whisper-1',
    ]);
    expect(run.stderr).toMatch(/^error openai \(auth\): .* Showing its list cached just now\.$/m);
  });

  it('orders ids by code units whatever the locale, as --format does', async () => {
    standIns.routes.set('/openai/v1/models', {
      status: 200,
      body: {
        object: 'list',
        data: [
          ...OPENAI_MODELS.data,
          { id: 'aardvark-1', object: 'model', created: 1, owned_by: 'system' },
          { id: 'Zeta-1', object: 'model', created: 1, owned_by: 'system' },
        ],
      },
    });
    // Danish sorts `aa` after `z`, and every locale puts `Zeta` after `aardvark`.
    const danish = env({ LC_ALL: 'da_DK.UTF-8', LANG: 'da_DK.UTF-8' });
    const expected = [
      'Zeta-1',
      'aardvark-1',
      'gpt-4o',
      'gpt-4o-mini',
      'text-embedding-3-large',
      'whisper-1',
    ];
    const grouped = await runCli(['--provider', 'openai', '--quiet'], danish);
    expect(rows(grouped.stdout).map(([, id]) => id)).toEqual(expected);
    const sorted = await runCli(['--provider', 'openai', '--sort', 'id', '--quiet'], danish);
    expect(rows(sorted.stdout).map(([, id]) => id)).toEqual(expected);
    const format = await runCli(['--provider', 'openai', '--format', 'openai', '--quiet'], danish);
    const body = JSON.parse(format.stdout) as { data: { id: string }[] };
    expect(body.data.map((entry) => entry.id)).toEqual(expected);
  });

  it('--format lists the models in the order --sort asks for, in every format', async () => {
    const table = await runCli(['--sort', 'price', '--quiet'], env());
    const expected = rows(table.stdout).map(([provider, id]) => `${provider}/${id}`);
    expect(expected[0]).toBe('openrouter/deepseek/deepseek-chat-v3.1:free');
    const idsOf: Record<string, (body: never) => string[]> = {
      openai: (body: { data: { id: string }[] }) => body.data.map((entry) => entry.id),
      anthropic: (body: { data: { id: string }[] }) => body.data.map((entry) => entry.id),
      gemini: (body: { models: { baseModelId: string }[] }) =>
        body.models.map((entry) => entry.baseModelId),
      openrouter: (body: { data: { id: string }[] }) => body.data.map((entry) => entry.id),
    };
    for (const [format, ids] of Object.entries(idsOf)) {
      const run = await runCli(['--sort', 'price', '--format', format, '--quiet'], env());
      expect(ids(JSON.parse(run.stdout) as never)).toEqual(expected);
    }
  });

  it('warns once when the cache directory cannot be used, and lists without it', async () => {
    writeFileSync(join(home(), 'file'), '');
    const dir = join(home(), 'file', `cache\u001b[2J`);
    const run = await runCli([], env({ MODEL_CATALOG_CACHE_DIR: dir }));
    expect(run.code).toBe(0);
    expect(rows(run.stdout)).toHaveLength(20);
    // The path is printed with its control characters shown as `\uFFFD`.
    expect(run.stderr.split('\n').filter((line) => line.startsWith('warning'))).toEqual([
      expect.stringMatching(
        /^warning the file cache cannot be used: the cache directory is not usable \(ENOTDIR: .*cache\uFFFD\[2J.*\); going on without it\.$/,
      ),
    ]);
  });

  it('lists to the end, with its exit code, when stderr is closed (`2>&1 | head`)', async () => {
    const run = await runCli([], env(), { closeStderr: true });
    expect(run.code).toBe(0);
    expect(rows(run.stdout)).toHaveLength(20);
    const strict = await runCli(['--strict'], env(), { closeStderr: true });
    expect(strict.code).toBe(1);
    expect(rows(strict.stdout)).toHaveLength(20);
  });

  it.runIf(existsSync('/dev/full'))(
    'says in one line, with exit code 1, when its output cannot be written (a full disk)',
    async () => {
      const full = openSync('/dev/full', 'w');
      try {
        const child = spawn(process.execPath, [CLI, '--json'], {
          cwd: home(),
          env: env(),
          stdio: ['ignore', full, 'pipe'],
        });
        let stderr = '';
        child.stderr?.on('data', (chunk: Buffer) => {
          stderr += chunk.toString();
        });
        const code = await new Promise((resolve) => child.on('close', resolve));
        expect(code).toBe(1);
        expect(stderr).toContain('error cannot write the output: ENOSPC\n');
        expect(stderr).not.toMatch(/\n\s+at /);
      } finally {
        closeSync(full);
      }
    },
  );

  it('fits the table to the terminal width by cutting long ids, while --json never cuts them', async () => {
    const run = await runCli(['--provider', 'openrouter'], env({ COLUMNS: '60' }));
    const lines = run.stdout.trimEnd().split('\n');
    expect(Math.max(...lines.map((line) => line.length))).toBeLessThanOrEqual(60);
    expect(run.stdout).toContain('…');
    expect(run.stdout).toContain('openai/gpt-4o ');
    const json = await runCli(['--provider', 'openrouter', '--json'], env({ COLUMNS: '60' }));
    const ids = (JSON.parse(json.stdout) as { models: Model[] }).models.map((model) => model.id);
    expect(ids).toContain('mistralai/mistral-small-3.2-24b-instruct');
  });

  it('never cuts anything when stdout is a pipe and COLUMNS is not set', async () => {
    const run = await runCli([], env());
    expect(run.stdout).toContain('mistralai/mistral-small-3.2-24b-instruct');
    expect(run.stdout).not.toContain('…');
  });

  it('colours only when FORCE_COLOR asks for it in a pipe, and never with NO_COLOR', async () => {
    const ansi = new RegExp(`${String.fromCharCode(27)}\\[\\d+m`);
    expect((await runCli([], env())).stdout).not.toMatch(ansi);
    const forced = await runCli([], env({ FORCE_COLOR: '1' }));
    expect(forced.stdout).toMatch(ansi);
    expect(forced.stderr).toMatch(ansi);
    const off = await runCli([], env({ FORCE_COLOR: '1', NO_COLOR: '1' }));
    expect(off.stdout).not.toMatch(ansi);
    expect(off.stderr).not.toMatch(ansi);
    expect((await runCli([], env({ FORCE_COLOR: '0' }))).stdout).not.toMatch(ansi);
  });

  it('on a terminal, shows a spinner while the providers are asked, then colours the table', async () => {
    const { code, output } = await runInTerminal(['--provider', 'ollama'], env());
    expect(code).toBe(0);
    const ESC = String.fromCharCode(27);
    expect(output).toContain('⠋ asking ollama');
    expect(output).toContain(`${ESC}[2K`); // the spinner's line cleared
    expect(output).toContain(`${ESC}[36mollama`);
    const plain = output.replace(new RegExp(`${ESC}\\[[0-9;]*[A-Za-z]`, 'g'), '');
    // The spinner's line is cleared and then overwritten by the provider's line.
    expect(plain).toMatch(/asking ollama\s*ollama +2 models +live +\d+ ms\r?$/m);
    expect(plain).toMatch(/^ollama +qwen3:8b +chat /m);
    const monochrome = await runInTerminal(
      ['--provider', 'ollama', '--refresh'],
      env({ NO_COLOR: '1' }),
    );
    expect(monochrome.output).not.toMatch(new RegExp(`${ESC}\\[\\d+m`));
    expect(monochrome.output).toContain('⠋ asking ollama');
  });

  it('on a TERM=dumb terminal, prints plain progress lines: no spinner, no cursor codes', async () => {
    const { code, output } = await runInTerminal(['--provider', 'ollama'], env({ TERM: 'dumb' }));
    expect(code).toBe(0);
    expect(output).not.toContain(String.fromCharCode(27));
    expect(output).not.toContain('asking ollama');
    expect(output).toMatch(/^ollama +2 models +live +\d+ ms\r?$/m);
    expect(output).toMatch(/^ollama +qwen3:8b +chat /m);
  });

  it('prints a readable table from a local Ollama alone in a fresh directory', async () => {
    const run = await runCli([], userEnv(home(), { OLLAMA_BASE_URL: `${standIns.url}/ollama` }));
    expect(run.code).toBe(0);
    expect(rows(run.stdout)).toEqual([
      ['ollama', 'nomic-embed-text:latest'],
      ['ollama', 'qwen3:8b'],
    ]);
    expect(run.stderr).toContain('2 models from 1 provider.');
  });

  it('with no provider configured, prints nothing on stdout and says what to set', async () => {
    const run = await runCli([], userEnv(home()));
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('No provider is configured.');
    expect(run.stderr).toContain('model-catalog providers');
  });

  it('keeps its cache in MODEL_CATALOG_CACHE_DIR when set', async () => {
    const dir = join(home(), 'elsewhere');
    await runCli([], env({ MODEL_CATALOG_CACHE_DIR: dir }));
    const cached = await createFileCache({ dir }).get('openai');
    expect(cached?.models.map((model) => model.id)).toContain('gpt-4o');
  });

  /** Runs the CLI to fill the cache, then lists every model with the library. */
  async function libraryCatalogAfter(args: string[]): Promise<Model[]> {
    await runCli(args, env());
    return Object.values((await libraryCatalog().listModels()).providers).flat();
  }
});
