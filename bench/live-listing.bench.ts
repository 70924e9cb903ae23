/**
 * The library's own work on a live listing: `listModels({ provider, refresh: true })` minus a
 * raw fetch + `JSON.parse` of the same bodies, side by side in one run, with a fetch answering
 * from memory (so the figure is the library's, not the network's):
 * - OpenRouter, 326 models (two lists, models and embedding models): at most 1.5 ms;
 * - an OpenAI-style list of 10,000 models: at most 4 µs per model.
 */
import { createMemoryCache, createModelCatalog, openai, openrouter } from '../src/index.js';
import {
  duration,
  fakeFetch,
  figure,
  info,
  measure,
  openAIModels,
  openRouterModels,
} from './helpers.js';

const OPENROUTER_COUNT = 326;
const OPENAI_COUNT = 10_000;

const openRouterBodies = {
  '/api/v1/models': JSON.stringify({ data: openRouterModels(OPENROUTER_COUNT) }),
  '/api/v1/embeddings/models': JSON.stringify({ data: [] }),
};
const openAIBodies = {
  '/v1/models': JSON.stringify({ object: 'list', data: openAIModels(OPENAI_COUNT) }),
};

const openRouterFetch = fakeFetch(openRouterBodies);
const openAIFetch = fakeFetch(openAIBodies);
const openRouterCatalog = createModelCatalog({
  providers: [openrouter()],
  cache: createMemoryCache(),
  env: {},
  fetch: openRouterFetch,
});
const openAICatalog = createModelCatalog({
  providers: [openai({ apiKey: 'sk-bench' })],
  cache: createMemoryCache(),
  env: {},
  fetch: openAIFetch,
});

const rawRead = (fetcher: typeof fetch, base: string, paths: readonly string[]) => () =>
  Promise.all(
    paths.map(async (path) => JSON.parse(await (await fetcher(`${base}${path}`)).text())),
  );

const check = await openRouterCatalog.listModels({ provider: 'openrouter', refresh: true });
const checkOpenAI = await openAICatalog.listModels({ provider: 'openai', refresh: true });
if (check.models.length !== OPENROUTER_COUNT || checkOpenAI.models.length !== OPENAI_COUNT) {
  throw new Error(`listed ${check.models.length} and ${checkOpenAI.models.length} models`);
}

const openRouterTimes = await measure(
  {
    raw: rawRead(openRouterFetch, 'https://openrouter.ai', Object.keys(openRouterBodies)),
    listing: () => openRouterCatalog.listModels({ provider: 'openrouter', refresh: true }),
  },
  { rounds: 30 },
);
const own = openRouterTimes.listing! - openRouterTimes.raw!;
info(
  `live OpenRouter listing, ${OPENROUTER_COUNT} models`,
  `${duration(openRouterTimes.listing!)} in all, raw fetch + JSON.parse ${duration(openRouterTimes.raw!)}`,
);
figure(
  `library's own work, live OpenRouter listing of ${OPENROUTER_COUNT} models`,
  duration(own),
  'at most 1.5 ms',
  own <= 1.5,
);

const openAITimes = await measure(
  {
    raw: rawRead(openAIFetch, 'https://api.openai.com', Object.keys(openAIBodies)),
    listing: () => openAICatalog.listModels({ provider: 'openai', refresh: true }),
  },
  { rounds: 15, batchMs: 50 },
);
const perModel = (openAITimes.listing! - openAITimes.raw!) / OPENAI_COUNT;
info(
  `live OpenAI-style listing, ${OPENAI_COUNT.toLocaleString('en')} models`,
  `${duration(openAITimes.listing!)} in all, raw fetch + JSON.parse ${duration(openAITimes.raw!)}`,
);
figure(
  `library's own work per model, live OpenAI-style listing of ${OPENAI_COUNT.toLocaleString('en')} models`,
  duration(perModel),
  'at most 4 µs per model',
  perModel <= 0.004,
);
