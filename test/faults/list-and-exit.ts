// Child process of the fault suite: lists xAI from the stand-in at argv[2] with a long time
// budget, then does nothing else. On exit it prints how long the process lived after the
// listing settled: a request of ours left open after the listing (a sibling of one that
// failed) would keep it alive until the budget ran out.
import { createModelCatalog, xai } from '../../src/index.js';

const [baseURL = ''] = process.argv.slice(2);
let settledAt = 0;
let outcome = '';
process.on('exit', () => {
  console.log(
    JSON.stringify({ outcome, settledToExitMs: Math.round(performance.now() - settledAt) }),
  );
});
await createModelCatalog({
  providers: [xai({ apiKey: 'xai-exit-PLANTED-1', baseURL })],
  cache: false,
  retries: 0,
  timeoutMs: 30_000,
})
  .listModels({ provider: 'xai' })
  .then(
    (result) => {
      outcome = `listed ${result.models.length}`;
    },
    (error: { kind?: string; status?: number }) => {
      outcome = `${error.kind} ${error.status}`;
    },
  );
settledAt = performance.now();
