// The built-in providers that list the OpenAI way (`GET {baseURL}/models`, Bearer key), as one
// table: each row runs the provider conformance suite, the request check, its mapping examples
// and its categories. What only one of them does is tested below the table.
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  cerebras,
  createModelCatalog,
  deepinfra,
  deepseek,
  fireworks,
  type Model,
  type ModelCatalogError,
  type ModelCategory,
  nvidia,
  type ProviderAdapter,
  parasail,
  sgl,
  together,
} from '../../src/index.js';
import { fixture } from '../helpers/fixtures.js';
import { recordRequests, server } from '../helpers/msw.js';
import { describeProviderConformance } from '../helpers/provider-conformance.js';

/** One mapped value to check: the models it is read from, and what it must equal. */
interface MappingExample {
  readonly title: string;
  readonly select: (models: readonly Model[]) => unknown;
  /** `equal` (the default) for `toEqual`, `subset` for `toMatchObject`. */
  readonly match?: 'equal' | 'subset';
  readonly expected: unknown;
}

interface CompatibleProviderCase {
  readonly id: string;
  readonly create: (options?: Record<string, unknown>) => ProviderAdapter;
  /** The planted key; the conformance suite checks it never leaks. */
  readonly key: string;
  /** The environment of the table's own tests (the key, or only a base URL). */
  readonly env: Readonly<Record<string, string>>;
  /** The environment and options of the conformance suite, when they differ from `env` and `{ apiKey }`. */
  readonly conformanceEnv?: Readonly<Record<string, string>>;
  readonly conformanceOptions?: Readonly<Record<string, unknown>>;
  /** The list URL the provider calls with `env`. */
  readonly url: string;
  /** What to say about the request in the test name. */
  readonly requestTitle: string;
  /** The `Authorization` header expected with `env`; null for none. */
  readonly authorization: string | null;
  readonly modelCount: number;
  readonly examples: readonly MappingExample[];
  readonly categoriesTitle: string;
  readonly categories: Readonly<Record<string, ModelCategory>>;
}

const KEYS = {
  cerebras: 'csk-test-cerebras-PLANTED-7d2m5',
  deepseek: 'sk-test-deepseek-PLANTED-4j8q1',
  fireworks: 'fw_test-fireworks-PLANTED-5k1p7',
  parasail: 'psk-test-parasail-PLANTED-3v9w0',
  sgl: 'sgl-test-key-PLANTED-9e2r6',
  nvidia: 'nvapi-test-nvidia-PLANTED-6b4h9',
  deepinfra: 'di-test-deepinfra-PLANTED-8n3c2',
  together: 'tgp-test-together-PLANTED-1x6z8',
};

const SGL_BASE_URL = 'http://127.0.0.1:30000/v1';

const CASES: readonly CompatibleProviderCase[] = [
  {
    id: 'cerebras',
    create: (options) => cerebras(options),
    key: KEYS.cerebras,
    env: { CEREBRAS_API_KEY: KEYS.cerebras },
    url: 'https://api.cerebras.ai/v1/models',
    requestTitle: 'sends one GET to /v1/models with the bearer key',
    authorization: `Bearer ${KEYS.cerebras}`,
    modelCount: 4,
    examples: [
      {
        title: 'maps id, created and owner',
        select: (models) => models[2],
        expected: {
          id: 'gpt-oss-120b',
          name: 'gpt-oss-120b',
          category: 'chat',
          provider: 'cerebras',
          created: 1754352000,
          ownedBy: 'OpenAI',
        },
      },
    ],
    categoriesTitle: 'classifies every model of the list from its id',
    categories: {
      'llama3.1-8b': 'chat',
      'llama-3.3-70b': 'chat',
      'gpt-oss-120b': 'chat',
      'qwen-3-32b': 'chat',
    },
  },
  {
    id: 'deepseek',
    create: (options) => deepseek(options),
    key: KEYS.deepseek,
    env: { DEEPSEEK_API_KEY: KEYS.deepseek },
    url: 'https://api.deepseek.com/models',
    requestTitle: 'sends one GET to /models on api.deepseek.com with the bearer key',
    authorization: `Bearer ${KEYS.deepseek}`,
    modelCount: 2,
    examples: [
      {
        title: 'maps id and owner, and no creation time since DeepSeek sends none',
        select: (models) => models,
        expected: [
          {
            id: 'deepseek-chat',
            name: 'deepseek-chat',
            category: 'chat',
            provider: 'deepseek',
            ownedBy: 'deepseek',
          },
          {
            id: 'deepseek-reasoner',
            name: 'deepseek-reasoner',
            category: 'chat',
            provider: 'deepseek',
            ownedBy: 'deepseek',
          },
        ],
      },
    ],
    categoriesTitle: 'classifies both models as chat from their ids',
    categories: { 'deepseek-chat': 'chat', 'deepseek-reasoner': 'chat' },
  },
  {
    id: 'fireworks',
    create: (options) => fireworks(options),
    key: KEYS.fireworks,
    env: { FIREWORKS_API_KEY: KEYS.fireworks },
    url: 'https://api.fireworks.ai/inference/v1/models',
    requestTitle: 'sends one GET to the inference /v1/models with the bearer key',
    authorization: `Bearer ${KEYS.fireworks}`,
    modelCount: 6,
    examples: [
      {
        title: 'keeps the whole account path as the id and shows the short name',
        select: (models) => models[0],
        expected: {
          id: 'accounts/fireworks/models/llama-v3p1-8b-instruct',
          name: 'llama-v3p1-8b-instruct',
          category: 'chat',
          provider: 'fireworks',
          created: 1721692800,
          ownedBy: 'fireworks',
          contextLength: 131072,
          capabilities: { tools: true, vision: false },
        },
      },
      {
        title: 'maps supports_image_input and supports_tools as reported, false included',
        select: (models) =>
          models.find((model) => model.id === 'accounts/fireworks/models/qwen2p5-vl-32b-instruct')
            ?.capabilities,
        expected: { tools: false, vision: true },
      },
      {
        title: 'shows the short name of an id outside accounts/',
        select: (models) => models[5],
        match: 'subset',
        expected: { id: 'nomic-ai/nomic-embed-text-v1.5', name: 'nomic-embed-text-v1.5' },
      },
    ],
    categoriesTitle: 'classifies every model of the list from its id',
    categories: {
      'accounts/fireworks/models/llama-v3p1-8b-instruct': 'chat',
      'accounts/fireworks/models/deepseek-v3': 'chat',
      'accounts/fireworks/models/qwen2p5-vl-32b-instruct': 'chat',
      'accounts/fireworks/models/flux-1-schnell-fp8': 'image',
      'accounts/fireworks/models/whisper-v3': 'stt',
      'nomic-ai/nomic-embed-text-v1.5': 'embedding',
    },
  },
  {
    id: 'parasail',
    create: (options) => parasail(options),
    key: KEYS.parasail,
    env: { PARASAIL_API_KEY: KEYS.parasail },
    url: 'https://api.parasail.io/v1/models',
    requestTitle: 'sends one GET to /v1/models with the bearer key',
    authorization: `Bearer ${KEYS.parasail}`,
    modelCount: 3,
    examples: [
      {
        title: 'maps id, created and owner',
        select: (models) => models[0],
        expected: {
          id: 'parasail-deepseek-r1',
          name: 'parasail-deepseek-r1',
          category: 'chat',
          provider: 'parasail',
          created: 1737936000,
          ownedBy: 'parasail',
        },
      },
    ],
    categoriesTitle: 'classifies every model from its id',
    categories: {
      'parasail-deepseek-r1': 'chat',
      'parasail-llama-33-70b-fp8': 'chat',
      'parasail-qwen25-vl-72b-instruct': 'chat',
    },
  },
  {
    id: 'sgl',
    create: (options) => sgl(options),
    key: KEYS.sgl,
    // The table's own tests run without the optional key; the conformance suite runs with it,
    // so it also checks the key stays out of URLs, errors and the cache.
    env: { SGL_BASE_URL },
    conformanceEnv: { SGL_BASE_URL, SGL_API_KEY: KEYS.sgl },
    conformanceOptions: { baseURL: SGL_BASE_URL, apiKey: KEYS.sgl },
    url: `${SGL_BASE_URL}/models`,
    requestTitle:
      'sends one GET to {baseURL}/models without an Authorization header when no key is set',
    authorization: null,
    modelCount: 1,
    examples: [
      {
        title: 'maps max_model_len to the context length',
        select: (models) => models,
        expected: [
          {
            id: 'meta-llama/Llama-3.1-8B-Instruct',
            name: 'meta-llama/Llama-3.1-8B-Instruct',
            category: 'chat',
            provider: 'sgl',
            created: 1735689600,
            ownedBy: 'sglang',
            contextLength: 131072,
          },
        ],
      },
    ],
    categoriesTitle: 'classifies the served model from its id',
    categories: { 'meta-llama/Llama-3.1-8B-Instruct': 'chat' },
  },
  {
    id: 'nvidia',
    create: (options) => nvidia(options),
    key: KEYS.nvidia,
    env: { NVIDIA_API_KEY: KEYS.nvidia },
    url: 'https://integrate.api.nvidia.com/v1/models',
    requestTitle: 'sends one GET to the hosted /v1/models with the bearer key',
    authorization: `Bearer ${KEYS.nvidia}`,
    modelCount: 6,
    examples: [
      {
        title: 'maps id and vendor from the hosted catalog',
        select: (models) => models[0],
        expected: {
          id: 'meta/llama-3.1-8b-instruct',
          name: 'meta/llama-3.1-8b-instruct',
          category: 'chat',
          provider: 'nvidia',
          ownedBy: 'meta',
        },
      },
      {
        title: 'leaves out the placeholder created of the hosted catalog',
        select: (models) => models.filter((model) => model.created !== undefined),
        expected: [],
      },
    ],
    categoriesTitle: 'classifies every model of the list from its id',
    categories: {
      'meta/llama-3.1-8b-instruct': 'chat',
      'deepseek-ai/deepseek-r1': 'chat',
      'nvidia/nv-embedqa-e5-v5': 'embedding',
      'nvidia/llama-3.2-nv-rerankqa-1b-v2': 'other',
      'meta/llama-guard-4-12b': 'other',
      'stabilityai/stable-diffusion-3-medium': 'image',
    },
  },
  {
    id: 'deepinfra',
    create: (options) => deepinfra(options),
    key: KEYS.deepinfra,
    env: { DEEPINFRA_API_KEY: KEYS.deepinfra },
    url: 'https://api.deepinfra.com/v1/openai/models',
    requestTitle: 'sends one GET to /v1/openai/models with the bearer key',
    authorization: `Bearer ${KEYS.deepinfra}`,
    modelCount: 6,
    examples: [
      {
        title: 'maps description, context, output limit and per-million prices from metadata',
        select: (models) => models[0],
        expected: {
          id: 'meta-llama/Llama-3.3-70B-Instruct-Turbo',
          name: 'meta-llama/Llama-3.3-70B-Instruct-Turbo',
          category: 'chat',
          provider: 'deepinfra',
          created: 1733443200,
          ownedBy: 'deepinfra',
          description:
            'Llama 3.3-70B is a multilingual LLM trained on a massive dataset of 15 trillion tokens.',
          contextLength: 131072,
          maxOutputTokens: 16384,
          pricing: { input: 0.13, output: 0.39, cacheRead: 0.065, free: false },
          capabilities: { promptCaching: true },
        },
      },
      {
        title: 'maps a vision tag, leaving untagged capabilities unknown',
        select: (models) =>
          models.find((model) => model.id === 'Qwen/Qwen2.5-VL-32B-Instruct')?.capabilities,
        expected: { vision: true },
      },
      {
        title: 'maps a null metadata and a created of 0 to nothing',
        select: (models) => models.find((model) => model.id === 'BAAI/bge-m3'),
        expected: {
          id: 'BAAI/bge-m3',
          name: 'BAAI/bge-m3',
          category: 'embedding',
          provider: 'deepinfra',
          ownedBy: 'deepinfra',
        },
      },
    ],
    categoriesTitle: 'classifies every model of the list from its id',
    categories: {
      'meta-llama/Llama-3.3-70B-Instruct-Turbo': 'chat',
      'Qwen/Qwen2.5-VL-32B-Instruct': 'chat',
      'BAAI/bge-m3': 'embedding',
      'black-forest-labs/FLUX-1-schnell': 'image',
      'openai/whisper-large-v3-turbo': 'stt',
      'meta-llama/Llama-Guard-4-12B': 'other',
    },
  },
  {
    id: 'together',
    create: (options) => together(options),
    key: KEYS.together,
    env: { TOGETHER_API_KEY: KEYS.together },
    url: 'https://api.together.xyz/v1/models',
    requestTitle: 'sends one GET to /v1/models with the bearer key',
    authorization: `Bearer ${KEYS.together}`,
    modelCount: 9,
    examples: [
      {
        title:
          'maps display name, organization, context length and per-million prices from the bare array',
        select: (models) => models[0],
        expected: {
          id: 'meta-llama/Llama-3.3-70B-Instruct-Turbo',
          name: 'Meta Llama 3.3 70B Instruct Turbo',
          category: 'chat',
          provider: 'together',
          created: 1733443200,
          ownedBy: 'Meta',
          contextLength: 131072,
          pricing: { input: 0.88, output: 0.88, free: false },
        },
      },
      {
        title:
          'leaves out a context length of 0 and keeps the prices Together reports, not calling an image model free',
        select: (models) => models.find((model) => model.id === 'black-forest-labs/FLUX.1-schnell'),
        expected: {
          id: 'black-forest-labs/FLUX.1-schnell',
          name: 'FLUX.1 [schnell]',
          category: 'image',
          provider: 'together',
          created: 1722470400,
          ownedBy: 'Black Forest Labs',
          pricing: { input: 0, output: 0 },
        },
      },
    ],
    categoriesTitle: 'classifies every model from its type',
    categories: {
      'meta-llama/Llama-3.3-70B-Instruct-Turbo': 'chat',
      'mistralai/Mixtral-8x7B-v0.1': 'chat',
      'Qwen/Qwen2.5-Coder-32B-Instruct': 'chat',
      'BAAI/bge-large-en-v1.5': 'embedding',
      'black-forest-labs/FLUX.1-schnell': 'image',
      'cartesia/sonic-2': 'tts',
      'openai/whisper-large-v3': 'stt',
      'meta-llama/Llama-Guard-4-12B': 'other',
      'Salesforce/Llama-Rank-V1': 'other',
    },
  },
];

const catalogFor = (row: CompatibleProviderCase, env: Readonly<Record<string, string>> = row.env) =>
  createModelCatalog({ providers: [row.create()], env: { ...env }, cache: false, retries: 0 });

const listedBy = (row: CompatibleProviderCase) => () => [
  http.get(row.url, () => HttpResponse.json(fixture(row.id, 'models.json'))),
];

for (const row of CASES) {
  describeProviderConformance({
    id: row.id,
    create: row.create,
    env: row.conformanceEnv ?? row.env,
    options: row.conformanceOptions ?? { apiKey: row.key },
    secret: row.key,
    handlers: listedBy(row),
    listUrl: row.url,
    modelCount: row.modelCount,
    checkRequest: (request) =>
      expect(request.headers.get('authorization')).toBe(`Bearer ${row.key}`),
  });
}

describe.each(CASES)('$id lists the OpenAI way', (row) => {
  it(row.requestTitle, async () => {
    server.use(...listedBy(row)());
    const requests = recordRequests();
    await catalogFor(row).listModels({ provider: row.id });
    expect(requests.map((request) => `${request.method} ${request.url}`)).toEqual([
      `GET ${row.url}`,
    ]);
    expect(requests[0]!.headers.get('authorization')).toBe(row.authorization);
  });

  for (const { title, select, match, expected } of row.examples) {
    it(title, async () => {
      server.use(...listedBy(row)());
      const { models } = await catalogFor(row).listModels({ provider: row.id });
      if (match === 'subset') expect(select(models)).toMatchObject(expected as object);
      else expect(select(models)).toEqual(expected);
    });
  }

  it(row.categoriesTitle, async () => {
    server.use(...listedBy(row)());
    const { models } = await catalogFor(row).listModels({ provider: row.id });
    expect(Object.fromEntries(models.map((model) => [model.id, model.category]))).toEqual(
      row.categories,
    );
  });
});

describe('deepseek', () => {
  it('uses DEEPSEEK_BASE_URL when set', async () => {
    server.use(
      http.get('https://proxy.example/deepseek/v1/models', () =>
        HttpResponse.json({ data: [{ id: 'deepseek-chat' }] }),
      ),
    );
    const { models } = await createModelCatalog({
      providers: [deepseek()],
      env: {
        DEEPSEEK_API_KEY: KEYS.deepseek,
        DEEPSEEK_BASE_URL: 'https://proxy.example/deepseek/v1/',
      },
      cache: false,
      retries: 0,
    }).listModels({ provider: 'deepseek' });
    expect(models.map((model) => model.id)).toEqual(['deepseek-chat']);
  });
});

describe('sgl', () => {
  const url = `${SGL_BASE_URL}/models`;

  it('sends the SGL_API_KEY as a bearer key and keeps it out of errors', async () => {
    server.use(
      http.get(url, () =>
        HttpResponse.json({ error: { message: `bad key ${KEYS.sgl}` } }, { status: 401 }),
      ),
    );
    const requests = recordRequests();
    const error = await createModelCatalog({
      providers: [sgl()],
      env: { SGL_BASE_URL, SGL_API_KEY: KEYS.sgl },
      cache: false,
      retries: 0,
    })
      .listModels({ provider: 'sgl' })
      .then(
        () => undefined,
        (caught: unknown) => caught as ModelCatalogError,
      );
    expect(requests[0]!.headers.get('authorization')).toBe(`Bearer ${KEYS.sgl}`);
    expect(error?.kind).toBe('auth');
    expect(error?.message).not.toContain(KEYS.sgl);
  });

  it('is in the default set only when SGL_BASE_URL is set', async () => {
    const without = createModelCatalog({
      env: { SGL_API_KEY: KEYS.sgl },
      cache: false,
    }).listProviders();
    expect(without.find((provider) => provider.id === 'sgl')).toMatchObject({ configured: false });
    expect(without.find((provider) => provider.id === 'sgl')?.reason).toContain('SGL_BASE_URL');
    const withUrl = createModelCatalog({ env: { SGL_BASE_URL }, cache: false }).listProviders();
    expect(withUrl.find((provider) => provider.id === 'sgl')).toMatchObject({ configured: true });
  });
});

describe('nvidia', () => {
  it('maps max_model_len of a self-hosted NIM to the context length', async () => {
    server.use(
      http.get('http://nim.internal:8000/v1/models', () =>
        HttpResponse.json(fixture('nvidia', 'self-hosted-models.json')),
      ),
    );
    const { models } = await createModelCatalog({
      providers: [nvidia()],
      env: { NVIDIA_API_KEY: KEYS.nvidia, NVIDIA_BASE_URL: 'http://nim.internal:8000/v1' },
      cache: false,
      retries: 0,
    }).listModels({ provider: 'nvidia' });
    expect(models).toEqual([
      {
        id: 'meta/llama-3.1-8b-instruct',
        name: 'meta/llama-3.1-8b-instruct',
        category: 'chat',
        provider: 'nvidia',
        created: 1735689600,
        ownedBy: 'system',
        contextLength: 131072,
      },
    ]);
  });
});

describe('together', () => {
  it('calls a token-billed model with zero prices free, and says nothing about an image model', async () => {
    server.use(
      http.get('https://api.together.xyz/v1/models', () =>
        HttpResponse.json([
          {
            id: 'meta-llama/Llama-3.3-70B-Instruct-Turbo-Free',
            type: 'chat',
            pricing: { input: 0, output: 0 },
          },
          {
            id: 'black-forest-labs/FLUX.1-schnell-Free',
            type: 'image',
            pricing: { input: 0, output: 0 },
          },
          { id: 'acme/unpriced', type: 'chat' },
        ]),
      ),
    );
    const { models } = await createModelCatalog({
      providers: [together()],
      env: { TOGETHER_API_KEY: KEYS.together },
      cache: false,
      retries: 0,
    }).listModels({ provider: 'together' });
    expect(models.map((model) => model.pricing)).toEqual([
      { input: 0, output: 0, free: true },
      { input: 0, output: 0 },
      undefined,
    ]);
  });

  it('lets the type decide over the id', async () => {
    server.use(
      http.get('https://api.together.xyz/v1/models', () =>
        HttpResponse.json([
          { id: 'acme/whisper-chat', type: 'chat' },
          { id: 'acme/new-thing', type: 'video' },
        ]),
      ),
    );
    const { models } = await createModelCatalog({
      providers: [together()],
      env: { TOGETHER_API_KEY: KEYS.together },
      cache: false,
      retries: 0,
    }).listModels({ provider: 'together' });
    expect(models.map((model) => [model.id, model.category])).toEqual([
      ['acme/whisper-chat', 'chat'],
      ['acme/new-thing', 'other'],
    ]);
  });
});
