/**
 * What the runtime and bundler tests share: the runtimes `.ci/runtimes.mjs` installed, scratch
 * projects with the packed package installed as a user would, child processes, and the stand-in
 * provider they list.
 */
import { type ExecFileOptions, execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, expect, inject, type TestContext } from 'vitest';
import { NOTHING_KNOWN } from '../helpers/anthropic-entry.js';

export const ROOT = resolve(import.meta.dirname, '../..');
export const FIXTURES = join(import.meta.dirname, 'fixtures');
export const RUNTIMES_DIR = resolve(process.env.RUNTIMES_DIR || join(ROOT, '.runtimes'));

/** `runtimes.json`, as written by `.ci/runtimes.mjs`. */
interface Manifest {
  readonly runtimes: Record<
    string,
    { readonly bin?: string; readonly version?: string; readonly package: string }
  >;
  readonly tools: Record<string, string | undefined>;
}

const manifest: Manifest | undefined = (() => {
  try {
    return JSON.parse(readFileSync(join(RUNTIMES_DIR, 'runtimes.json'), 'utf8')) as Manifest;
  } catch {
    return undefined;
  }
})();

/** A runtime and its version as installed (`node 22.23.5`, `bun 1.4.5`), for test names. */
export function runtimeVersion(name: string): string {
  return `${name.replace(/\d+$/, '')} ${manifest?.runtimes[name]?.version ?? `(${name} not installed)`}`;
}

/** A tool's version as installed (`8.4.0`); `undefined` when it is not. */
export function toolVersion(name: string): string | undefined {
  return manifest?.tools[name];
}

/**
 * The binary of a runtime from `.ci/runtimes.mjs`. Where it is missing the test is skipped, except
 * in CI (`CI` set), where a missing runtime fails it: CI must prove every runtime.
 */
export function requireRuntime(context: TestContext, name: string): string {
  const bin = manifest?.runtimes[name]?.bin;
  if (bin && existsSync(bin)) return bin;
  return missing(context, `the ${name} runtime`);
}

/** The folder of a tool (vite, jest, webpack...) from `.ci/runtimes.mjs`, skipped or failing as above. */
export function requireTool(context: TestContext, name: string): string {
  const dir = join(RUNTIMES_DIR, 'node_modules', name);
  if (manifest?.tools[name] && existsSync(join(dir, 'package.json'))) return dir;
  return missing(context, name);
}

function missing(context: TestContext, what: string): never {
  const message = `${what} is not installed in ${RUNTIMES_DIR}: run \`node .ci/runtimes.mjs\`.`;
  if (process.env.CI) throw new Error(message);
  context.skip(message);
  throw new Error(message);
}

/** Options of {@link createProject}. */
export interface ProjectOptions {
  /** Fields of package.json besides name and private (`type`, `dependencies`, ...). */
  readonly packageJson?: Record<string, unknown>;
  /** More packages to install from the registry with the tarball, each pinned (`next@16.4.6`). */
  readonly install?: readonly string[];
  /** Tools from the runtimes folder to link into node_modules instead of installing them. */
  readonly link?: readonly string[];
  /** Files to write, by path inside the project. */
  readonly files?: Readonly<Record<string, string>>;
}

/**
 * A scratch project as a user has it: its own package.json, `npm install <tarball>` (dependencies
 * from the npm cache when there), the smoke fixtures copied in, and the given files.
 */
export async function createProject(name: string, options: ProjectOptions = {}): Promise<string> {
  const dir = join(inject('scratch'), name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name, private: true, ...options.packageJson }, null, 2),
  );
  await run(
    'npm',
    [
      'install',
      inject('tarball'),
      ...(options.install ?? []),
      '--prefer-offline',
      '--ignore-scripts',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
    ],
    // npm keeps its own environment: its cache (under HOME) is what makes this install quick.
    { cwd: dir, timeout: 240_000, inheritEnvironment: true },
  );
  for (const tool of options.link ?? []) {
    const link = join(dir, 'node_modules', tool);
    // A scoped tool (`@rollup/plugin-node-resolve`) goes into its scope's folder.
    mkdirSync(join(link, '..'), { recursive: true });
    symlinkSync(join(RUNTIMES_DIR, 'node_modules', tool), link, 'dir');
  }
  cpSync(FIXTURES, dir, { recursive: true });
  for (const [path, text] of Object.entries(options.files ?? {})) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

/** What a child process printed. */
export interface Output {
  readonly stdout: string;
  readonly stderr: string;
}

/** Options of {@link run}. */
export interface RunOptions extends Omit<ExecFileOptions, 'env'> {
  /** Added to the small environment. */
  readonly env?: Record<string, string>;
  /** Start from this process's environment instead of the small one (for npm). */
  readonly inheritEnvironment?: boolean;
}

/**
 * Runs a command with a small environment (no keys, `HOME` in the scratch folder, no update
 * checks or telemetry) and fails with its output when it exits non-zero.
 */
export function run(
  command: string,
  args: readonly string[],
  { inheritEnvironment = false, ...options }: RunOptions = {},
): Promise<Output> {
  const scratch = inject('scratch');
  const env = {
    ...(inheritEnvironment ? process.env : {}),
    PATH: process.env.PATH ?? '',
    ...(inheritEnvironment ? {} : { HOME: join(scratch, 'home'), TMPDIR: scratch }),
    NODE_OPTIONS: '',
    DENO_DIR: join(scratch, 'deno-dir'),
    DENO_NO_UPDATE_CHECK: '1',
    DO_NOT_TRACK: '1',
    NEXT_TELEMETRY_DISABLED: '1',
    ...options.env,
  };
  return new Promise((resolvePromise, reject) => {
    execFile(
      command,
      args,
      { timeout: 120_000, maxBuffer: 64 << 20, encoding: 'utf8', ...options, env },
      (error, stdout, stderr) => {
        if (error) {
          const output = `${stdout}\n${stderr}`.trim().slice(-4000);
          const why = error.killed ? `timed out (${error.signal})` : `exit code ${error.code}`;
          reject(new Error(`${command} ${args.join(' ')} failed, ${why}:\n${output}`));
        } else resolvePromise({ stdout: String(stdout), stderr: String(stderr) });
      },
    );
  });
}

/** The last line of a probe's output, parsed. */
export function lastJsonLine(stdout: string): Record<string, unknown> {
  const lines = stdout.trim().split('\n');
  return JSON.parse(lines.at(-1) ?? '') as Record<string, unknown>;
}

export const STAND_IN_MODELS = [
  { id: 'gpt-4o', object: 'model', created: 1715367049, owned_by: 'system' },
  { id: 'text-embedding-3-small', object: 'model', created: 1705953180, owned_by: 'system' },
  { id: 'whisper-1', object: 'model', created: 1677532384, owned_by: 'openai-internal' },
];

/**
 * Serves an OpenAI-style `GET /v1/models` on 127.0.0.1 for the file's tests; `url()` is the base
 * URL (`http://127.0.0.1:<port>/v1`), `requests()` counts the lists served.
 */
export function useStandInProvider(): { url: () => string; requests: () => number } {
  let url = '';
  let requests = 0;
  const server = createServer((request, response) => {
    const known = request.url === '/v1/models';
    if (known) requests++;
    response.writeHead(known ? 200 : 404, { 'content-type': 'application/json' });
    response.end(JSON.stringify(known ? { object: 'list', data: STAND_IN_MODELS } : {}));
  });
  beforeAll(async () => {
    await new Promise<void>((resolveListen) => server.listen(0, '127.0.0.1', resolveListen));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolveClose) => server.close(resolveClose));
  });
  return { url: () => url, requests: () => requests };
}

/** What the smoke must have seen on every runtime and in every bundle: see `fixtures/smoke.js`. */
export function expectSmoke(result: Record<string, unknown>): void {
  const ids = STAND_IN_MODELS.map((model) => model.id);
  expect(result.memory).toEqual({
    first: { ids, source: 'live' },
    second: { source: 'cache' },
    categories: { 'gpt-4o': 'chat', 'text-embedding-3-small': 'embedding', 'whisper-1': 'stt' },
    all: { providers: ['stand-in'], errors: [] },
    unknownProvider: { isUnknownProviderError: true, isInstance: true, kind: 'unknown_provider' },
  });
  expect(result.failedRequest).toEqual({ isInstance: true, kind: 'http', status: 404 });
  expect(result.openai).toEqual({
    status: 200,
    contentType: 'application/json; charset=utf-8',
    body: {
      object: 'list',
      data: STAND_IN_MODELS.map((model) => ({ ...model, id: `stand-in/${model.id}` })),
    },
  });
  expect(result.anthropic).toEqual({
    status: 200,
    body: {
      data: [
        {
          type: 'model',
          id: 'gpt-4o',
          display_name: 'gpt-4o',
          created_at: '2024-05-10T18:50:49Z',
          ...NOTHING_KNOWN,
        },
        {
          type: 'model',
          id: 'text-embedding-3-small',
          display_name: 'text-embedding-3-small',
          created_at: '2024-01-22T19:53:00Z',
          ...NOTHING_KNOWN,
        },
      ],
      has_more: true,
      first_id: 'gpt-4o',
      last_id: 'text-embedding-3-small',
    },
  });
}

/**
 * What the default-cache probe must see where there is no usable filesystem: a memory cache, and
 * one `cache:fallback` event whose reason matches `reason` (no filesystem in this build, by default).
 */
export function expectMemoryDefault(
  probe: Record<string, unknown>,
  reason: RegExp = /^no filesystem in this build/,
): void {
  expect(probe).toMatchObject({ first: 'live', second: 'cache' });
  expect(probe.events).not.toContain('cache:read-error');
  expect(probe.events).not.toContain('cache:write-error');
  expect(probe.fallbacks).toEqual([{ cache: 'memory', reason: expect.stringMatching(reason) }]);
}
