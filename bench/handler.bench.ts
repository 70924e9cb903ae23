/**
 * The models handler over a warm catalog of 3,000 models (six providers of 500), side by side
 * in one run, each request made and its body read in full, as a server adapter does:
 * - a warm `GET /v1/models?format=openai`: at least 0.6x the requests per second of a handler
 *   returning the same bytes, precomputed, with the same headers;
 * - a repeat with `If-None-Match`: answered 304 without a render (the render count is checked);
 * - paging right after the list changed: walking every page (Anthropic `limit=100`, and
 *   `page_size=100` with tokens) at most 2x rendering one full answer of the same list, in the
 *   same format. Anthropic's format has no answer of 3,000 models (its `limit` stops at 1,000),
 *   so its full answer is the same list in the fewest pages, three of 1,000.
 */
import {
  createMemoryCache,
  createModelCatalog,
  createModelsHandler,
  type Model,
  type ProviderAdapter,
} from '../src/index.js';
import { WIRE_FORMATS } from '../src/server/formats/index.js';
import { duration, figure, info, measure, measureAfter } from './helpers.js';

const PROVIDERS = 6;
const PER_PROVIDER = 500;
const TOTAL = PROVIDERS * PER_PROVIDER;
const BASE = 'http://models.bench';

/** A provider answering from memory, with a new list (new model objects) after `change()`. */
function provider(id: string): ProviderAdapter & { change(): void } {
  let version = 0;
  const build = (): Model[] =>
    Array.from({ length: PER_PROVIDER }, (_, index) => ({
      id: `${id}-model-${String(index).padStart(4, '0')}${version ? `-v${version}` : ''}`,
      name: `${id} model ${index}`,
      category: index % 10 === 0 ? 'embedding' : 'chat',
      provider: id,
      created: 1_700_000_000 + index,
      ownedBy: id,
      contextLength: 128_000,
      inputModalities: ['text'],
      outputModalities: ['text'],
    }));
  let models = build();
  return {
    id,
    async listModels() {
      return models;
    },
    change() {
      version++;
      models = build();
    },
  };
}

const providers = Array.from({ length: PROVIDERS }, (_, index) => provider(`provider-${index}`));
let now = Date.parse('2026-03-01T10:00:00Z');
const catalog = createModelCatalog({
  providers,
  cache: createMemoryCache(),
  env: {},
  now: () => now,
});
const handler = createModelsHandler(catalog, { now: () => now, minRefreshIntervalMs: 0 });
const get = (path: string, headers: Record<string, string> = {}) =>
  handler(new Request(`${BASE}${path}`, { headers }));

// Count renders: every format's render goes through the table.
let renders = 0;
for (const format of Object.values(WIRE_FORMATS)) {
  const render = format.render.bind(format);
  (format as { render: typeof render }).render = (input, query) => {
    renders++;
    return render(input, query);
  };
}

const warm = await get('/v1/models?format=openai');
const text = await warm.text();
const headers = Object.fromEntries(warm.headers);
if (JSON.parse(text).data.length !== TOTAL)
  throw new Error('the warm answer does not list every model');
/** A handler returning `body` precomputed, with the handler's own headers. */
const precomputedOf =
  (body: string) =>
  async (request: Request): Promise<Response> =>
    new Response(request.method === 'HEAD' ? null : body, { status: 200, headers });
const precomputed = precomputedOf(text);

const answers = await measure(
  {
    precomputed: async () =>
      (await precomputed(new Request(`${BASE}/v1/models?format=openai`))).arrayBuffer(),
    handler: async () => (await get('/v1/models?format=openai')).arrayBuffer(),
  },
  { rounds: 40 },
);
const ratio = answers.precomputed! / answers.handler!;
info(
  `warm GET /v1/models?format=openai, ${TOTAL.toLocaleString('en')} models`,
  `${Math.round(1000 / answers.handler!)} requests/s (${duration(answers.handler!)} each) against ${Math.round(1000 / answers.precomputed!)} for the precomputed bytes (${duration(answers.precomputed!)})`,
);
figure(
  'handler requests per second, warm OpenAI format, against precomputed bytes',
  `${ratio.toFixed(2)}x`,
  'at least 0.6x',
  ratio >= 0.6,
);

const etag = warm.headers.get('etag')!;
const before = renders;
const repeat = await get('/v1/models?format=openai', { 'if-none-match': etag });
const notModified = await measure(
  { repeat: () => get('/v1/models?format=openai', { 'if-none-match': etag }) },
  { rounds: 10 },
);
figure(
  'renders for a repeat with If-None-Match',
  `${renders - before} (status ${repeat.status}, ${duration(notModified.repeat!)} each)`,
  'none, status 304',
  renders === before && repeat.status === 304,
);

/** A new version of every list (new model objects), fetched: the next request renders afresh. */
const changeLists = async (): Promise<void> => {
  for (const each of providers) each.change();
  now += 1000;
  await catalog.listModels({ refresh: true });
};

const walk = async (first: string, next: (body: Record<string, unknown>) => string | undefined) => {
  let path: string | undefined = first;
  let pages = 0;
  while (path !== undefined) {
    const body = (await (await get(path)).json()) as Record<string, unknown>;
    pages++;
    path = next(body);
  }
  return pages;
};
const anthropicWalkOf = (limit: number) => () =>
  walk(`/v1/models?format=anthropic&limit=${limit}`, (body) =>
    body.has_more
      ? `/v1/models?format=anthropic&limit=${limit}&after_id=${encodeURIComponent(body.last_id as string)}`
      : undefined,
  );
const anthropicWalk = anthropicWalkOf(100);
const tokenWalk = (format: string) => () =>
  walk(`/v1/models?format=${format}&page_size=100`, (body) =>
    body.next_page_token
      ? `/v1/models?format=${format}&page_size=100&page_token=${encodeURIComponent(body.next_page_token as string)}`
      : undefined,
  );
const full = (format: string) => async () => (await get(`/v1/models?format=${format}`)).json();

if ((await anthropicWalk()) !== TOTAL / 100 || (await tokenWalk('openai')()) !== TOTAL / 100) {
  throw new Error('a walk did not take 30 pages');
}
// What the same requests cost Node itself (a Request, a Response, a body read and parsed), as
// answered by handlers returning precomputed bytes: taken off both sides, so that the figures
// compare the library's work.
const pageText = await (await get('/v1/models?format=openai&page_size=100')).text();
const fullText = await (await get('/v1/models?format=openai')).text();
const anthropicThirdText = await (await get('/v1/models?format=anthropic&limit=1000')).text();
const bytes = (body: string) => async (request: Request) =>
  (await (await precomputedOf(body)(request)).json()) as unknown;
const baselinePage = bytes(pageText);
const baselineFull = bytes(fullText);
const baselineAnthropicThird = bytes(anthropicThirdText);
const paging = await measureAfter(
  changeLists,
  {
    anthropicWalk,
    anthropicFull: anthropicWalkOf(1000),
    openaiWalk: tokenWalk('openai'),
    nativeWalk: tokenWalk('native'),
    openaiFull: full('openai'),
    nativeFull: full('native'),
  },
  { rounds: 30 },
);
const bytesOnly = await measure(
  {
    thirtyPagesOfBytes: async () => {
      for (let page = 0; page < TOTAL / 100; page++) {
        await baselinePage(new Request(`${BASE}/v1/models?page=${page}`));
      }
    },
    oneFullAnswerOfBytes: () => baselineFull(new Request(`${BASE}/v1/models`)),
    threeThirdsOfBytes: async () => {
      for (let page = 0; page < 3; page++) {
        await baselineAnthropicThird(new Request(`${BASE}/v1/models?page=${page}`));
      }
    },
  },
  { rounds: 20 },
);
Object.assign(paging, bytesOnly);
info(
  "Node's own cost of the requests (taken off too)",
  `${duration(paging.thirtyPagesOfBytes!)} for 30 pages, ${duration(paging.oneFullAnswerOfBytes!)} for one full answer`,
);
const walkCost = (name: string): number => paging[name]! - paging.thirtyPagesOfBytes!;
const fullCost = (name: string): number =>
  paging[name]! -
  (name === 'anthropicFull' ? paging.threeThirdsOfBytes! : paging.oneFullAnswerOfBytes!);
const againstOpenAI = walkCost('anthropicWalk') / fullCost('openaiFull');
info(
  'Anthropic limit=100 (30 pages), against one full OpenAI-format answer (an Anthropic entry has about 2.9x the bytes)',
  `${againstOpenAI.toFixed(2)}x`,
);
for (const [walkName, fullName, label] of [
  [
    'anthropicWalk',
    'anthropicFull',
    'Anthropic limit=100 (30 pages), against the same list at limit=1000 (3 pages)',
  ],
  ['openaiWalk', 'openaiFull', 'OpenAI page_size=100 (30 pages), against one full answer'],
  ['nativeWalk', 'nativeFull', 'native page_size=100 (30 pages), against one full answer'],
] as const) {
  const walkRatio = walkCost(walkName) / fullCost(fullName);
  figure(
    `paging right after a change, ${TOTAL.toLocaleString('en')} models, ${label}`,
    `${walkRatio.toFixed(2)}x (${duration(walkCost(walkName))} against ${duration(fullCost(fullName))})`,
    'at most 2x',
    walkRatio <= 2,
  );
}
