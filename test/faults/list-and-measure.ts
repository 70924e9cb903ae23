// Child process of the fault suite: lists Anthropic from the stand-in at argv[2] with the
// default caps and prints the outcome and how far the process's peak memory (resident set)
// grew during the listing, in bytes.
import { anthropic, createModelCatalog } from '../../src/index.js';

const [baseURL = ''] = process.argv.slice(2);
const catalog = createModelCatalog({
  providers: [anthropic({ apiKey: 'sk-ant-memory-PLANTED-1', baseURL })],
  cache: false,
  retries: 0,
  timeoutMs: 60_000,
});
const peakBefore = process.resourceUsage().maxRSS * 1024;
const outcome = await catalog.listModels({ provider: 'anthropic' }).then(
  (result) => `listed ${result.models.length}`,
  (error: { kind?: string; message?: string }) => `${error.kind}: ${error.message}`,
);
const rssGrowthBytes = process.resourceUsage().maxRSS * 1024 - peakBefore;
console.log(JSON.stringify({ outcome, rssGrowthBytes }));
