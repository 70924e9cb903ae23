// The handler's filter, sort and search parameters, over what four real adapters (Anthropic,
// OpenRouter, Groq, AI Gateway) map from their fixtures, in every format.
import { describe, expect, it } from 'vitest';
import { createModelsHandler, MODEL_LIST_FORMATS } from '../../src/index.js';
import { fourProviderCatalog, serveFourProviders } from '../queries/across-providers.js';

async function get(path: string) {
  serveFourProviders();
  const handler = createModelsHandler(fourProviderCatalog());
  const response = await handler(new Request(`http://models.test${path}`));
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** The `<provider>/<id>` of each model of a native answer, in the answer's order. */
function nativeKeys(body: Record<string, unknown>): string[] {
  return Object.values(body.providers as Record<string, { id: string; provider: string }[]>)
    .flat()
    .map((model) => `${model.provider}/${model.id}`);
}

const ids = (list: unknown) => (list as { id: string }[]).map((entry) => entry.id);

describe('the models handler: capability, price, context, free, lifecycle and sort', () => {
  it('lists the models that call tools and read images, cheapest first, in the OpenAI format', async () => {
    const { status, body } = await get(
      '/v1/models?format=openai&capability=tools,vision&sort=input_price',
    );
    expect(status).toBe(200);
    expect(ids(body.data)).toEqual([
      'openrouter/openai/gpt-4o-mini',
      'openrouter/google/gemini-2.5-pro-preview',
      'vercel-ai-gateway/anthropic/claude-sonnet-4',
      'openrouter/anthropic/claude-opus-4',
      'groq/meta-llama/llama-4-scout-17b-16e-instruct',
    ]);
  });

  it.each(MODEL_LIST_FORMATS)('applies the same filters in the %s format', async (format) => {
    const { status, body } = await get(
      `/v1/models?format=${format}&capability=tools,vision&max_input_price=2`,
    );
    expect(status).toBe(200);
    const text = JSON.stringify(body);
    for (const id of ['openai/gpt-4o-mini', 'google/gemini-2.5-pro-preview'])
      expect(text).toContain(id);
    for (const id of ['claude-sonnet-4', 'claude-opus-4', 'llama-4-scout'])
      expect(text).not.toContain(id);
  });

  it('sorts descending with a leading -, keeps a least context window and a price bound', async () => {
    const { body } = await get('/v1/models?format=openai&min_context=1000000&sort=-context_length');
    expect(ids(body.data)).toEqual([
      // Equal context windows go by the id as written, here <provider>/<id>.
      'openrouter/openrouter/auto',
      'vercel-ai-gateway/acme/auto-router',
      'openrouter/google/gemini-2.5-pro-preview',
      'vercel-ai-gateway/openai/gpt-4.1-nano',
      'anthropic/claude-sonnet-4-6',
    ]);
    const cheap = await get('/v1/models?format=openai&category=chat&max_output_price=0.3');
    expect(ids(cheap.body.data)).toEqual([
      'openrouter/meta-llama/llama-3.3-70b-instruct',
      'openrouter/meta-llama/llama-3.3-70b-instruct:free',
      'vercel-ai-gateway/google/gemma-3-27b',
    ]);
  });

  it('keeps only free models with free=true', async () => {
    const { body } = await get('/v1/models?format=openai&free=true');
    expect(ids(body.data)).toEqual([
      'openrouter/meta-llama/llama-3.3-70b-instruct:free',
      'vercel-ai-gateway/google/gemma-3-27b',
    ]);
  });

  it('leaves retired models out by default, and serves them with lifecycle=all or lifecycle=retired', async () => {
    const retired = 'deepseek-r1-distill-llama-70b';
    expect(JSON.stringify((await get('/v1/models')).body)).not.toContain(retired);
    expect(JSON.stringify((await get('/v1/models?format=gemini')).body)).not.toContain(retired);
    expect(nativeKeys((await get('/v1/models?lifecycle=all')).body)).toContain(`groq/${retired}`);
    expect(nativeKeys((await get('/v1/models?lifecycle=retired')).body)).toEqual([
      `groq/${retired}`,
    ]);
    // Deprecated models are still served by default.
    expect(nativeKeys((await get('/v1/models?lifecycle=deprecated')).body)).toEqual([
      'anthropic/claude-opus-4-1-20250805',
      'openrouter/google/gemini-2.5-pro-preview',
    ]);
  });

  it('pages in the requested order, every model once', async () => {
    const all = await get('/v1/models?format=openai&sort=-input_price');
    const served: string[] = [];
    let token: string | undefined;
    do {
      const page = await get(
        `/v1/models?format=openai&sort=-input_price&page_size=4${token ? `&page_token=${token}` : ''}`,
      );
      served.push(...ids(page.body.data));
      token = page.body.next_page_token as string | undefined;
    } while (token);
    expect(served).toEqual(ids(all.body.data));
    expect(served.slice(0, 3)).toEqual([
      'openrouter/anthropic/claude-opus-4',
      'vercel-ai-gateway/anthropic/claude-sonnet-4',
      'openrouter/openai/gpt-audio',
    ]);
  });

  it('refuses a page token of another sort', async () => {
    const first = await get('/v1/models?format=openai&sort=input_price&page_size=2');
    const token = first.body.next_page_token as string;
    const other = await get(
      `/v1/models?format=openai&sort=-input_price&page_size=2&page_token=${token}`,
    );
    expect(other.status).toBe(400);
  });

  it.each([
    ['capability=telepathy', 'capability'],
    ['sort=colour', 'sort'],
    ['lifecycle=zombie', 'lifecycle'],
    ['min_context=lots', 'min_context'],
    ['max_input_price=-1', 'max_input_price'],
    ['max_output_price=cheap', 'max_output_price'],
    ['free=maybe', 'free'],
  ])('answers %s with 400 naming the parameter', async (parameter, name) => {
    const { status, body } = await get(`/v1/models?${parameter}`);
    expect(status).toBe(400);
    expect(JSON.stringify(body)).toContain(name);
  });
});

describe('the models handler: query and q', () => {
  it('ranks the matches of query, best first, and takes q as well', async () => {
    const { body } = await get('/v1/models?format=openai&query=claude sonnet 4');
    expect(ids(body.data)).toEqual([
      'anthropic/claude-sonnet-4-6',
      'vercel-ai-gateway/anthropic/claude-sonnet-4',
    ]);
    const short = await get('/v1/models?format=openai&q=claude%20sonnet%204');
    expect(short.body).toEqual(body);
  });

  it('orders by sort instead of relevance when both are given', async () => {
    const { body } = await get('/v1/models?format=openai&q=claude&sort=-release_date');
    expect(ids(body.data)).toEqual([
      'anthropic/claude-sonnet-4-6',
      'anthropic/claude-haiku-4-5-20251001',
      'anthropic/claude-opus-4-1-20250805',
      'vercel-ai-gateway/anthropic/claude-sonnet-4',
      'anthropic/claude-3-haiku-20240307',
      'openrouter/anthropic/claude-opus-4',
    ]);
  });
});
