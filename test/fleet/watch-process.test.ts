import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

it('never keeps a process alive: a process whose only work left is an hourly watch ends by itself', async () => {
  const script = `
    import { createModelCatalog, createMemoryCache } from './src/index.ts';
    const adapter = {
      id: 'local',
      async listModels() {
        console.log('listed');
        return [{ id: 'llama3', name: 'Llama 3', category: 'chat', provider: 'local' }];
      },
    };
    const catalog = createModelCatalog({ providers: [adapter], cache: createMemoryCache() });
    catalog.watch({ intervalMs: 60 * 60 * 1000, jitter: 0 });
  `;
  const { stdout } = await run(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '--eval', script],
    { cwd: ROOT, timeout: 30_000 },
  );
  // The first refresh ran, and then nothing held the event loop open.
  expect(stdout.trim()).toBe('listed');
}, 40_000);
