/**
 * Runs the built binary, `dist/cli.js`, as a user's shell would: `node dist/cli.js ...` in a fresh
 * directory, with only PATH, a temporary HOME and the variables a test adds.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect } from 'vitest';
import { PLANTED_KEYS } from './stand-ins.js';

export const ROOT = join(import.meta.dirname, '..', '..', '..');
export const CLI = join(ROOT, 'dist', 'cli.js');

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly milliseconds: number;
}

/** A fresh HOME (and working directory) per test, removed after it. */
export function useHome(): () => string {
  let home: string | undefined;
  afterEach(() => {
    if (home) rmSync(home, { recursive: true, force: true });
    home = undefined;
  });
  return () => {
    home ??= mkdtempSync(join(tmpdir(), 'model-catalog-cli-'));
    return home;
  };
}

/** The environment of a user's shell: PATH and HOME, plus `extra`. */
export function userEnv(home: string, extra: Record<string, string> = {}): Record<string, string> {
  return { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, ...extra };
}

/**
 * Runs `node dist/cli.js ...args` to its end; asserts no planted key shows in its output.
 * `closeStderr` closes the reading end of its stderr at once, as `2>&1 | head` ends up doing.
 */
export async function runCli(
  args: readonly string[],
  env: Record<string, string>,
  options: { readonly cwd?: string; readonly closeStderr?: boolean } = {},
): Promise<CliRun> {
  const started = performance.now();
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? env.HOME ?? ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (options.closeStderr) child.stderr.destroy();
  const { stdout, stderr, code } = await collect(child);
  const run = { code, stdout, stderr, milliseconds: performance.now() - started };
  expectNoKeys(`${stdout}\n${stderr}`);
  return run;
}

/**
 * Runs `node dist/cli.js ...args` on a pseudo-terminal (util-linux `script`), as in an
 * interactive shell: stdout and stderr are the terminal, merged into the one output returned.
 */
export async function runInTerminal(
  args: readonly string[],
  env: Record<string, string>,
): Promise<{ code: number | null; output: string }> {
  const quote = (word: string): string => `'${word.replaceAll("'", "'\\''")}'`;
  const command = [process.execPath, CLI, ...args].map(quote).join(' ');
  const child = spawn('script', ['-qec', command, '/dev/null'], {
    cwd: env.HOME ?? ROOT,
    env: { TERM: 'xterm-256color', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const { stdout, stderr, code } = await collect(child);
  expectNoKeys(stdout + stderr);
  return { code, output: stdout };
}

/** Fails when any planted key, or a recognisable piece of one, appears in the text. */
export function expectNoKeys(text: string): void {
  for (const key of Object.values(PLANTED_KEYS)) {
    expect(text).not.toContain(key);
    expect(text).not.toContain(key.slice(-10));
  }
}

/** A running `serve`: its URL (read from stdout) and what it printed so far. */
export interface RunningServer {
  readonly url: string;
  readonly child: ChildProcess;
  output(): { stdout: string; stderr: string };
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `node dist/cli.js serve ...args` and resolves once it printed its URL. */
export function startServe(
  args: readonly string[],
  env: Record<string, string>,
): Promise<RunningServer> {
  const child = spawn(process.execPath, [CLI, 'serve', ...args], {
    cwd: env.HOME ?? ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve printed no URL:\n${stderr}`)), 15_000);
    const ready = (): void => {
      // The URL comes last on stdout, after the lines on stderr that say where it is bound.
      const match = /^(http:\/\/\S+\/)$/m.exec(stdout);
      if (!match || !stderr.includes('Ctrl+C stops.')) return;
      clearTimeout(timer);
      resolve({
        url: match[1]!,
        child,
        output: () => ({ stdout, stderr }),
        async stop() {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
          return exited;
        },
      });
    };
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      ready();
    });
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      ready();
    });
    void exited.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code} before printing a URL:\n${stderr}`));
    });
  });
}

function collect(
  child: ChildProcess,
): Promise<{ stdout: string; stderr: string; code: number | null }> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ stdout, stderr, code }));
  });
}
