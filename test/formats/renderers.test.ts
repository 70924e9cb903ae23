import { describe, expect, it } from 'vitest';
import { qualifiedKey, sortModels } from '../../src/entries/server.js';
import {
  detectModelListFormat,
  groupByCategory,
  InvalidParameterError,
  type Model,
  toAnthropicModelList,
  toGeminiModelList,
  toOpenAIModelList,
  toOpenRouterModelList,
} from '../../src/index.js';
import { NOTHING_KNOWN } from '../helpers/anthropic-entry.js';

const gpt4o: Model = {
  id: 'gpt-4o',
  name: 'GPT-4o',
  category: 'chat',
  provider: 'openai',
  created: 1715367049,
  ownedBy: 'system',
};
const embedding: Model = {
  id: 'text-embedding-3-large',
  name: 'text-embedding-3-large',
  category: 'embedding',
  provider: 'openai',
};
const claude: Model = {
  id: 'claude-3-7-sonnet-20250219',
  name: 'Claude 3.7 Sonnet',
  category: 'chat',
  provider: 'anthropic',
  created: 1739923200,
};
const routed: Model = {
  id: 'openai/gpt-4o',
  name: 'OpenAI: GPT-4o',
  category: 'chat',
  provider: 'openrouter',
  created: 1715558400,
  description: 'GPT-4o ("o" for "omni")',
  contextLength: 128000,
  maxOutputTokens: 16384,
  inputModalities: ['text', 'image', 'file'],
  outputModalities: ['text'],
  pricing: { input: 2.5, output: 10, cacheRead: 1.25, image: 0.003613, request: 0 },
  supportedParameters: ['tools', 'temperature'],
  ownedBy: 'openai',
};
const gemini: Model = {
  id: 'gemini-2.5-flash',
  name: 'Gemini 2.5 Flash',
  category: 'chat',
  provider: 'google-genai',
  description: 'Stable version of Gemini 2.5 Flash',
  contextLength: 1048576,
  maxOutputTokens: 65536,
};
const letters = (count: number): Model[] =>
  Array.from({ length: count }, (_, index) => ({
    id: `model-${String.fromCharCode(97 + index)}`,
    name: `Model ${index}`,
    category: 'chat' as const,
    provider: 'acme',
  }));

describe('toOpenAIModelList', () => {
  it('renders the exact OpenAI list shape with an integer created and the owner', () => {
    expect(toOpenAIModelList([gpt4o, embedding])).toEqual({
      object: 'list',
      data: [
        { id: 'gpt-4o', object: 'model', created: 1715367049, owned_by: 'system' },
        { id: 'text-embedding-3-large', object: 'model', created: 0, owned_by: 'openai' },
      ],
    });
  });

  it('renders an empty list as an empty data array', () => {
    expect(toOpenAIModelList([])).toEqual({ object: 'list', data: [] });
  });

  it('rounds a fractional creation time down to whole seconds', () => {
    const [entry] = toOpenAIModelList([{ ...gpt4o, created: 1715367049.9 }]).data;
    expect(entry?.created).toBe(1715367049);
  });
});

describe('toAnthropicModelList', () => {
  it('renders the exact Anthropic shape with RFC 3339 times without milliseconds', () => {
    expect(toAnthropicModelList([claude])).toEqual({
      data: [
        {
          type: 'model',
          id: 'claude-3-7-sonnet-20250219',
          display_name: 'Claude 3.7 Sonnet',
          created_at: '2025-02-19T00:00:00Z',
          // Every field of the API's `ModelInfo`, null when unknown, as its SDK types them.
          ...NOTHING_KNOWN,
        },
      ],
      has_more: false,
      first_id: 'claude-3-7-sonnet-20250219',
      last_id: 'claude-3-7-sonnet-20250219',
    });
  });

  it('answers an empty list with null first and last ids', () => {
    expect(toAnthropicModelList([])).toEqual({
      data: [],
      has_more: false,
      first_id: null,
      last_id: null,
    });
  });

  it('uses the Unix epoch when the creation time is unknown', () => {
    expect(toAnthropicModelList([embedding]).data[0]?.created_at).toBe('1970-01-01T00:00:00Z');
  });

  it('writes created_at as Date.toISOString does, without milliseconds, for any whole second', () => {
    const seconds = [
      0,
      1,
      59,
      86_399,
      86_400,
      951_782_400,
      951_868_799,
      1_715_367_049,
      4_107_542_399,
      4_107_542_400,
      253_402_300_799,
      253_402_300_800,
      8.64e12,
      8.64e12 + 1,
      1.5,
    ];
    let seed = 11;
    for (let index = 0; index < 2_000; index++) {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      seconds.push(Math.floor((seed / 2_147_483_648) * 260_000_000_000));
    }
    const models = seconds.map((created, index) => ({ ...gpt4o, id: `m${index}`, created }));
    const written = [0, 1000, 2000].flatMap(
      (start) => toAnthropicModelList(models.slice(start, start + 1000), { limit: 1000 }).data,
    );
    const expected = (created: number): string => {
      const whole = Math.floor(created);
      return `${new Date(whole > 8.64e12 ? 0 : whole * 1000).toISOString().slice(0, -5)}Z`;
    };
    for (const entry of written) {
      const created = seconds[Number(entry.id.slice(1))] as number;
      expect([created, entry.created_at]).toEqual([created, expected(created)]);
    }
    expect(written).toHaveLength(seconds.length);
  });

  it('pages 20 at a time by default, like the real API', () => {
    const page = toAnthropicModelList(letters(25));
    expect(page.data).toHaveLength(20);
    expect(page.has_more).toBe(true);
  });

  it('follows after_id to the last page, where has_more is false', () => {
    const models = letters(5);
    const first = toAnthropicModelList(models, { limit: 2 });
    expect([first.first_id, first.last_id, first.has_more]).toEqual(['model-a', 'model-b', true]);
    const second = toAnthropicModelList(models, { limit: 2, afterId: first.last_id! });
    expect([second.first_id, second.last_id, second.has_more]).toEqual([
      'model-c',
      'model-d',
      true,
    ]);
    const last = toAnthropicModelList(models, { limit: 2, afterId: second.last_id! });
    expect(last.data.map((entry) => entry.id)).toEqual(['model-e']);
    expect(last.has_more).toBe(false);
  });

  it('returns the page just before before_id, with has_more telling whether older ones remain', () => {
    const models = letters(5);
    const page = toAnthropicModelList(models, { limit: 2, beforeId: 'model-e' });
    expect(page.data.map((entry) => entry.id)).toEqual(['model-c', 'model-d']);
    expect(page.has_more).toBe(true);
    const first = toAnthropicModelList(models, { limit: 2, beforeId: 'model-b' });
    expect(first.data.map((entry) => entry.id)).toEqual(['model-a']);
    expect(first.has_more).toBe(false);
  });

  it('resumes at the next id in order when after_id has left the list', () => {
    const models = letters(5).filter((model) => model.id !== 'model-b');
    const page = toAnthropicModelList(models, { limit: 2, afterId: 'model-b' });
    expect(page.data.map((entry) => entry.id)).toEqual(['model-c', 'model-d']);
  });

  it('answers an after_id past the end with an empty page, not a crash', () => {
    expect(toAnthropicModelList(letters(2), { afterId: 'zzz' })).toEqual({
      data: [],
      has_more: false,
      first_id: null,
      last_id: null,
    });
  });

  it('accepts a limit of 1 to 1000 and refuses one above, as the real API does', () => {
    expect(toAnthropicModelList(letters(3), { limit: 1000 }).data).toHaveLength(3);
    expect(() => toAnthropicModelList(letters(3), { limit: 1001 })).toThrow(/from 1 to 1000/);
  });

  it('pages to the end when several models share an id, instead of looping on it', () => {
    const shared = ['p1', 'p2', 'p3'].map(
      (provider): Model => ({ id: 'x', name: 'x', category: 'chat', provider }),
    );
    const models = [...shared, { ...shared[0]!, id: 'y' }];
    const ids: string[] = [];
    let afterId: string | undefined;
    let pages = 0;
    let more = true;
    while (more && pages < 10) {
      const page = toAnthropicModelList(models, { limit: 1, afterId });
      ids.push(...page.data.map((entry) => entry.id));
      afterId = page.last_id ?? undefined;
      more = page.has_more;
      pages++;
    }
    expect(ids).toEqual(['x', 'y']);
  });

  it('rejects a zero limit and both cursors at once', () => {
    expect(() => toAnthropicModelList(letters(2), { limit: 0 })).toThrow(InvalidParameterError);
    expect(() => toAnthropicModelList(letters(2), { afterId: 'a', beforeId: 'b' })).toThrow(
      /not both/,
    );
  });
});

describe('toGeminiModelList', () => {
  it('renders the models/ prefix, limits and the generation methods of the category', () => {
    expect(toGeminiModelList([gemini, embedding])).toEqual({
      models: [
        {
          name: 'models/gemini-2.5-flash',
          baseModelId: 'gemini-2.5-flash',
          displayName: 'Gemini 2.5 Flash',
          description: 'Stable version of Gemini 2.5 Flash',
          inputTokenLimit: 1048576,
          outputTokenLimit: 65536,
          supportedGenerationMethods: ['generateContent'],
        },
        {
          name: 'models/text-embedding-3-large',
          baseModelId: 'text-embedding-3-large',
          displayName: 'text-embedding-3-large',
          supportedGenerationMethods: ['embedContent'],
        },
      ],
    });
  });

  it('leaves unknown fields out rather than null, and has no nextPageToken on an empty list', () => {
    const body = toGeminiModelList([
      { id: 'omni-moderation', name: 'omni-moderation', category: 'other', provider: 'openai' },
    ]);
    expect(body).toEqual({
      models: [
        {
          name: 'models/omni-moderation',
          baseModelId: 'omni-moderation',
          displayName: 'omni-moderation',
        },
      ],
    });
    expect(toGeminiModelList([])).toEqual({ models: [] });
    expect('nextPageToken' in toGeminiModelList([])).toBe(false);
  });

  it('follows nextPageToken through every page exactly once', () => {
    const models = letters(7);
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = toGeminiModelList(models, { pageSize: 3, pageToken: token });
      seen.push(...page.models.map((entry) => entry.baseModelId));
      token = page.nextPageToken;
      pages++;
    } while (token);
    expect(pages).toBe(3);
    expect(seen).toEqual(models.map((model) => model.id));
  });

  it('pages 50 at a time by default, like the real API', () => {
    const page = toGeminiModelList(
      letters(26).flatMap((model) => [model, { ...model, provider: 'other' }]),
    );
    expect(page.models).toHaveLength(50);
    expect(typeof page.nextPageToken).toBe('string');
  });

  it('ends paging when a provider lists the same id twice, serving it once', () => {
    const models = [...letters(2), letters(2)[1]!, ...letters(3).slice(2)];
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = toGeminiModelList(models, { pageSize: 1, pageToken: token });
      seen.push(...page.models.map((entry) => entry.baseModelId));
      token = page.nextPageToken;
      pages++;
    } while (token && pages < 10);
    expect(seen).toEqual(['model-a', 'model-b', 'model-c']);
  });

  it('rejects a changed or foreign page token with InvalidParameterError', () => {
    const { nextPageToken } = toGeminiModelList(letters(4), { pageSize: 2 });
    const [payload, sum] = nextPageToken!.split('.');
    const tampered = `${payload}x.${sum}`;
    expect(() => toGeminiModelList(letters(4), { pageToken: tampered })).toThrow(
      InvalidParameterError,
    );
    expect(() => toGeminiModelList(letters(4), { pageToken: 'not-a-token' })).toThrow(/pageToken/);
    expect(() =>
      toGeminiModelList(letters(4), { pageToken: nextPageToken, scope: 'another query' }),
    ).toThrow(/different query/);
  });
});

describe('toOpenRouterModelList', () => {
  it('renders the rich gateway shape with provider-qualified ids and per-token price strings', () => {
    expect(toOpenRouterModelList([routed])).toEqual({
      data: [
        {
          id: 'openrouter/openai/gpt-4o',
          canonical_slug: 'openai/gpt-4o',
          name: 'OpenAI: GPT-4o',
          created: 1715558400,
          description: 'GPT-4o ("o" for "omni")',
          owned_by: 'openai',
          context_length: 128000,
          max_output_tokens: 16384,
          architecture: {
            input_modalities: ['text', 'image', 'file'],
            output_modalities: ['text'],
            modality: 'text+image+file->text',
          },
          pricing: {
            prompt: '0.0000025',
            completion: '0.00001',
            request: '0',
            image: '0.003613',
            input_cache_read: '0.00000125',
          },
          top_provider: { context_length: 128000, max_completion_tokens: 16384 },
          per_request_limits: null,
          supported_parameters: ['tools', 'temperature'],
          expiration_date: null,
        },
      ],
    });
  });

  it('writes prices without float noise, even below a millionth', () => {
    const [entry] = toOpenRouterModelList([
      {
        ...routed,
        pricing: { input: 0.1, output: 0.3, cacheRead: 0.025, cacheWrite: 3.75, reasoning: 60 },
      },
    ]).data;
    expect(entry?.pricing).toEqual({
      prompt: '0.0000001',
      completion: '0.0000003',
      internal_reasoning: '0.00006',
      input_cache_read: '0.000000025',
      input_cache_write: '0.00000375',
    });
  });

  it('makes nullable fields null and leaves others out when the provider said nothing', () => {
    expect(toOpenRouterModelList([embedding])).toEqual({
      data: [
        {
          id: 'openai/text-embedding-3-large',
          canonical_slug: 'text-embedding-3-large',
          name: 'text-embedding-3-large',
          created: 0,
          owned_by: 'openai',
          context_length: null,
          architecture: {
            input_modalities: ['text'],
            output_modalities: ['embeddings'],
            modality: 'text->embeddings',
          },
          top_provider: { context_length: null, max_completion_tokens: null },
          per_request_limits: null,
          expiration_date: null,
        },
      ],
    });
  });

  it('pages with next_page_token only when asked, and not on the last page', () => {
    const models = sortModels(letters(3), qualifiedKey);
    expect(toOpenRouterModelList(models).next_page_token).toBeUndefined();
    const first = toOpenRouterModelList(models, { pageSize: 2 });
    expect(first.data.map((entry) => entry.id)).toEqual(['acme/model-a', 'acme/model-b']);
    const last = toOpenRouterModelList(models, { pageSize: 2, pageToken: first.next_page_token });
    expect(last).toEqual({ data: [expect.objectContaining({ id: 'acme/model-c' })] });
  });
});

describe('groupByCategory', () => {
  it('lists every provider under every category, with configured-but-empty and unconfigured ones', () => {
    const grouped = groupByCategory(
      {
        providers: { openai: [gpt4o, embedding], anthropic: [] },
        errors: {
          groq: { kind: 'auth', message: 'groq: the key was refused (401).', status: 401 },
        },
      },
      {
        providers: [
          { id: 'openai', configured: true },
          { id: 'anthropic', configured: true },
          { id: 'groq', configured: true },
          { id: 'ollama', configured: false },
        ],
      },
    );
    expect(Object.keys(grouped)).toEqual(['chat', 'embedding', 'image', 'tts', 'stt', 'other']);
    expect(grouped.chat).toEqual([
      { provider: 'openai', configured: true, models: [gpt4o] },
      { provider: 'anthropic', configured: true, models: [] },
      {
        provider: 'groq',
        configured: true,
        models: [],
        error: { kind: 'auth', message: 'groq: the key was refused (401).', status: 401 },
      },
      { provider: 'ollama', configured: false, models: [] },
    ]);
    expect(grouped.embedding[0]).toEqual({
      provider: 'openai',
      configured: true,
      models: [embedding],
    });
  });
});

describe('detectModelListFormat', () => {
  it.each([
    [{ 'x-api-key': 'k', 'anthropic-version': '2023-06-01' }, {}, 'anthropic'],
    [{ 'X-Api-Key': '', 'Anthropic-Version': '' }, {}, 'anthropic'],
    [{ 'x-api-key': 'k' }, {}, 'openai'],
    [{ authorization: 'Bearer k', 'anthropic-version': '2023-06-01' }, {}, 'anthropic'],
    [{ 'x-goog-api-key': 'k' }, {}, 'gemini'],
    [{}, { key: 'k' }, 'gemini'],
    [{ authorization: 'Bearer k' }, {}, 'openai'],
    [{}, {}, 'openai'],
  ])('reads headers %j and query %j as %s', (headers, query, format) => {
    expect(detectModelListFormat({ headers, query })).toBe(format);
  });

  it('reads Fetch API Headers and URLSearchParams', () => {
    const headers = new Headers({ 'x-api-key': 'k', 'anthropic-version': '2023-06-01' });
    expect(detectModelListFormat({ headers })).toBe('anthropic');
    expect(
      detectModelListFormat({ headers: new Headers(), query: new URLSearchParams('key=abc') }),
    ).toBe('gemini');
  });
});
