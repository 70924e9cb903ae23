import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createModelCatalog } from '../../src/index.js';
import { runCli, useHome, userEnv } from './helpers/run-cli.js';
import { PLANTED_KEYS, type StandIns, startStandIns } from './helpers/stand-ins.js';

let standIns: StandIns;
beforeAll(async () => {
  standIns = await startStandIns();
});
afterAll(() => standIns.close());
const home = useHome();

/** The provider rows of the table: id -> [status, environment]. */
const table = (stdout: string): Map<string, [string, string]> =>
  new Map(
    stdout
      .trimEnd()
      .split('\n')
      .slice(1)
      .map((line) => {
        const [id = '', status = '', ...rest] = line.split(/\s{2,}/);
        return [id, [status, rest.join('  ')]];
      }),
  );

describe('model-catalog providers', () => {
  it('lists every built-in provider, the configured ones first, with what the others need', async () => {
    const env = userEnv(home(), standIns.env());
    const run = await runCli(['providers'], env);
    expect(run.code).toBe(0);
    const rows = table(run.stdout);
    const library = createModelCatalog({ env }).listProviders();
    expect([...rows.keys()].sort()).toEqual(library.map((info) => info.id).sort());
    expect([...rows.keys()].slice(0, 4)).toEqual(['groq', 'ollama', 'openai', 'openrouter']);
    expect(rows.get('openai')).toEqual([
      'configured',
      'reads OPENAI_API_KEY (set), OPENAI_BASE_URL (set), OPENAI_ORG_ID, OPENAI_PROJECT_ID',
    ]);
    expect(rows.get('ollama')).toEqual([
      'configured',
      'reads OLLAMA_BASE_URL (set), OLLAMA_HOST, OLLAMA_API_KEY',
    ]);
    expect(rows.get('anthropic')).toEqual([
      'not configured',
      'set ANTHROPIC_API_KEY or ANTHROPIC_AUTH_TOKEN (also reads ANTHROPIC_BASE_URL)',
    ]);
    expect(rows.get('azure')?.[1]).toBe(
      'set (AZURE_OPENAI_API_KEY or AZURE_API_KEY) and (AZURE_OPENAI_ENDPOINT or AZURE_RESOURCE_NAME) (also reads AZURE_OPENAI_API_VERSION, OPENAI_API_VERSION)',
    );
    expect(rows.get('bedrock')?.[1]).toMatch(
      /^set \(AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY\) or AWS_BEARER_TOKEN_BEDROCK /,
    );
    expect(run.stderr).toContain('4 of 25 providers configured.');
  });

  it('for a provider begun but not finished, names only what is still missing', async () => {
    const run = await runCli(
      ['providers'],
      userEnv(home(), { AWS_ACCESS_KEY_ID: 'AKIAPLANTED000000' }),
    );
    expect(table(run.stdout).get('bedrock')).toEqual([
      'not configured',
      'set AWS_SECRET_ACCESS_KEY, or AWS_BEARER_TOKEN_BEDROCK (also reads AWS_ACCESS_KEY_ID (set), AWS_SESSION_TOKEN, AWS_REGION, AWS_DEFAULT_REGION, AWS_ENDPOINT_URL_BEDROCK)',
    ]);
    expect(run.stdout).not.toContain('AKIAPLANTED');
  });

  it('never prints a key or a fingerprint of one, and asks no provider', async () => {
    const asked = standIns.requests.length;
    const env = userEnv(home(), standIns.env());
    for (const args of [['providers'], ['providers', '--json']]) {
      const run = await runCli(args, env);
      const output = run.stdout + run.stderr;
      for (const key of Object.values(PLANTED_KEYS)) expect(output).not.toContain(key.slice(4, 16));
      expect(output).not.toMatch(/[0-9a-f]{32,}/);
    }
    expect(standIns.requests.length).toBe(asked);
  });

  it("--json gives listProviders() with each provider's variables, needs and which are set", async () => {
    const env = userEnv(home(), standIns.env());
    const run = await runCli(['providers', '--json'], env);
    const body = JSON.parse(run.stdout) as {
      id: string;
      configured: boolean;
      reason?: string;
      needs: string[];
      variables: string[];
      set: string[];
    }[];
    const library = createModelCatalog({ env }).listProviders();
    for (const info of library) {
      expect(body.find((entry) => entry.id === info.id)).toMatchObject(
        JSON.parse(JSON.stringify(info)),
      );
    }
    expect(body.find((entry) => entry.id === 'groq')).toEqual({
      id: 'groq',
      aliases: [],
      configured: true,
      needs: ['GROQ_API_KEY'],
      variables: ['GROQ_API_KEY', 'GROQ_BASE_URL'],
      set: ['GROQ_API_KEY', 'GROQ_BASE_URL'],
    });
    expect(body.find((entry) => entry.id === 'google-genai')?.needs).toEqual([
      'GOOGLE_GENERATIVE_AI_API_KEY or GOOGLE_API_KEY or GEMINI_API_KEY',
    ]);
  });
});
