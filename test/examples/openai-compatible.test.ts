import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

describe('examples/openai-compatible.ts', () => {
  it('lists its local stand-in server with one openaiCompatible call and exits 0', async () => {
    const { stdout } = await run('node_modules/.bin/tsx', ['examples/openai-compatible.ts'], {
      timeout: 15_000,
    });
    expect(stdout).toContain('Qwen/Qwen2.5-7B-Instruct\tchat\tcontext 32768');
    expect(stdout).toContain('BAAI/bge-m3\tembedding\tcontext 8192');
  });
});
