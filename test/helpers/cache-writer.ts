// A child process for the multi-process cache test: writes the `openai` entry of a file
// cache over and over for a while, then prints how many writes it made.
// Run: node --import tsx test/helpers/cache-writer.ts <dir> <writer> <durationMs>
import { createFileCache } from '../../src/cache/file.js';

const [dir, writer = '0', durationMs = '500'] = process.argv.slice(2);
const cache = createFileCache({ dir: dir! });
// Large enough (several hundred KB) that a write in place would be seen half done.
const models = Array.from({ length: 3000 }, (_, index) => ({
  id: `writer-${writer}-model-${index}`,
  name: `Writer ${writer} model ${index}`,
  category: 'chat' as const,
  provider: 'openai',
}));

const end = Date.now() + Number(durationMs);
let writes = 0;
while (Date.now() < end) {
  await cache.set('openai', {
    version: 1,
    providerId: 'openai',
    fetchedAt: new Date().toISOString(),
    models,
  });
  writes++;
}
process.stdout.write(String(writes));
