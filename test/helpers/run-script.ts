import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** What a child process left: its exit code and its stdout and stderr together. */
export interface ScriptRun {
  code: number | null;
  output: string;
}

/**
 * Runs a TypeScript script of this repository (a `file:` URL, usually
 * `new URL('./x.ts', import.meta.url)`) in a child Node process through tsx.
 */
export function runScript(script: URL, args: string[] = []): Promise<ScriptRun> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(script), ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer): void => {
    output += chunk.toString();
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  return new Promise((done) => child.on('close', (code) => done({ code, output })));
}

/** The JSON object a script printed on its last line of output. */
export function lastJsonLine<T>(run: ScriptRun): T {
  return JSON.parse(run.output.trim().split('\n').at(-1) ?? '') as T;
}
