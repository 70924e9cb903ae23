// filterModels over what four real adapters (Anthropic, OpenRouter, Groq, AI Gateway) map from
// their fixtures: the same filters and sorts work across providers in one call.
import { describe, expect, it } from 'vitest';
import { filterModels, InvalidParameterError, lifecycleStatusOf } from '../../src/index.js';
import { keys, listFourProviders } from './across-providers.js';

describe('filterModels across providers', () => {
  it('keeps the models that can call tools and read images, cheapest first, unknown prices last', async () => {
    const models = await listFourProviders();
    expect(keys(filterModels(models, { capability: 'tools,vision', sort: 'inputPrice' }))).toEqual([
      'openrouter/openai/gpt-4o-mini',
      'openrouter/google/gemini-2.5-pro-preview',
      'vercel-ai-gateway/anthropic/claude-sonnet-4',
      'openrouter/anthropic/claude-opus-4',
      'groq/meta-llama/llama-4-scout-17b-16e-instruct',
    ]);
  });

  it('never matches a capability that is not reported, nor one reported false', async () => {
    const models = await listFourProviders();
    const thinkers = keys(filterModels(models, { capability: ['reasoning'] }));
    expect(thinkers).toContain('anthropic/claude-sonnet-4-6');
    expect(thinkers).toContain('groq/openai/gpt-oss-120b');
    expect(thinkers).toContain('vercel-ai-gateway/anthropic/claude-sonnet-4');
    // Reported false by Groq; not reported by the AI Gateway (no tag) nor the old Anthropic model.
    expect(thinkers).not.toContain('groq/llama-3.3-70b-versatile');
    expect(thinkers).not.toContain('vercel-ai-gateway/openai/gpt-4.1-nano');
    expect(thinkers).not.toContain('anthropic/claude-3-haiku-20240307');
    // snake_case, as the handler's query parameter writes it, names the same flag.
    expect(filterModels(models, { capability: 'pdf_input' })).toEqual(
      filterModels(models, { capability: 'pdfInput' }),
    );
    expect(keys(filterModels(models, { capability: 'pdf_input,structured_output' }))).toEqual([
      'anthropic/claude-sonnet-4-6',
      'anthropic/claude-haiku-4-5-20251001',
      'openrouter/openai/gpt-4o-mini',
      'openrouter/google/gemini-2.5-pro-preview',
    ]);
  });

  it('keeps a least context window, leaving out models that report none', async () => {
    const models = await listFourProviders();
    expect(keys(filterModels(models, { minContext: 1_000_000, sort: '-contextLength' }))).toEqual([
      // Equal values go by id, then provider.
      'vercel-ai-gateway/acme/auto-router',
      'openrouter/openrouter/auto',
      'openrouter/google/gemini-2.5-pro-preview',
      'vercel-ai-gateway/openai/gpt-4.1-nano',
      'anthropic/claude-sonnet-4-6',
    ]);
    expect(keys(filterModels(models, { minContext: 1 }))).not.toContain(
      'vercel-ai-gateway/bfl/flux-pro-1.1',
    );
  });

  it('bounds input and output prices, never matching an unknown price, and counts a free mark as zero', async () => {
    const models = await listFourProviders();
    expect(
      keys(filterModels(models, { maxInputPrice: 0.1, category: 'chat', sort: 'inputPrice' })),
    ).toEqual([
      // Marked free with no price: 0, tied with the zero-priced :free variant, then by id.
      'vercel-ai-gateway/google/gemma-3-27b',
      'openrouter/meta-llama/llama-3.3-70b-instruct:free',
      'openrouter/meta-llama/llama-3.3-70b-instruct',
      'vercel-ai-gateway/openai/gpt-4.1-nano',
    ]);
    const cheapOutput = keys(filterModels(models, { maxOutputPrice: 0.3, category: 'chat' }));
    expect(cheapOutput).toEqual([
      'openrouter/meta-llama/llama-3.3-70b-instruct',
      'openrouter/meta-llama/llama-3.3-70b-instruct:free',
      'vercel-ai-gateway/google/gemma-3-27b',
    ]);
    // Groq and Anthropic report no prices: no price bound ever keeps them.
    expect(
      filterModels(models, { maxInputPrice: 1_000_000 }).some((model) =>
        ['groq', 'anthropic'].includes(model.provider),
      ),
    ).toBe(false);
  });

  it('keeps free models only, or models known not to be free', async () => {
    const models = await listFourProviders();
    expect(keys(filterModels(models, { free: true }))).toEqual([
      'openrouter/meta-llama/llama-3.3-70b-instruct:free',
      'vercel-ai-gateway/google/gemma-3-27b',
    ]);
    const paid = filterModels(models, { free: false });
    expect(paid.length).toBe(14);
    expect(paid.every((model) => model.pricing?.free === false)).toBe(true);
  });

  it('keeps the lifecycle statuses asked for, counting an unreported status as active', async () => {
    const models = await listFourProviders();
    expect(keys(filterModels(models, { lifecycle: 'deprecated,retired' }))).toEqual([
      'anthropic/claude-opus-4-1-20250805',
      'openrouter/google/gemini-2.5-pro-preview',
      'groq/deepseek-r1-distill-llama-70b',
    ]);
    expect(filterModels(models, { lifecycle: ['active', 'preview', 'deprecated'] })).toHaveLength(
      models.length - 1,
    );
    expect(filterModels(models, { lifecycle: 'all' })).toHaveLength(models.length);
    expect(lifecycleStatusOf(models.find((model) => model.provider === 'openrouter')!)).toBe(
      'active',
    );
  });

  it('sorts by each key, ascending or descending, with unknown values last either way', async () => {
    const models = await listFourProviders();
    const chat = filterModels(models, { category: 'chat', provider: 'vercel-ai-gateway' });
    expect(keys(filterModels(chat, { sort: 'releaseDate' }))).toEqual([
      'vercel-ai-gateway/acme/auto-router',
      'vercel-ai-gateway/google/gemma-3-27b',
      'vercel-ai-gateway/openai/gpt-4.1-nano',
      'vercel-ai-gateway/anthropic/claude-sonnet-4',
    ]);
    expect(keys(filterModels(chat, { sort: '-release_date' }))).toEqual([
      'vercel-ai-gateway/anthropic/claude-sonnet-4',
      'vercel-ai-gateway/openai/gpt-4.1-nano',
      'vercel-ai-gateway/google/gemma-3-27b',
      'vercel-ai-gateway/acme/auto-router',
    ]);
    expect(keys(filterModels(chat, { sort: 'outputPrice' }))).toEqual([
      'vercel-ai-gateway/google/gemma-3-27b',
      'vercel-ai-gateway/openai/gpt-4.1-nano',
      'vercel-ai-gateway/anthropic/claude-sonnet-4',
      'vercel-ai-gateway/acme/auto-router',
    ]);
    expect(keys(filterModels(chat, { sort: '-outputPrice' }))).toEqual([
      'vercel-ai-gateway/anthropic/claude-sonnet-4',
      'vercel-ai-gateway/openai/gpt-4.1-nano',
      'vercel-ai-gateway/google/gemma-3-27b',
      'vercel-ai-gateway/acme/auto-router',
    ]);
    const groq = filterModels(models, { provider: 'groq' });
    expect(keys(filterModels(groq, { sort: '-created' })).slice(0, 3)).toEqual([
      'groq/canopylabs/orpheus-v1-english',
      'groq/groq/compound',
      'groq/openai/gpt-oss-120b',
    ]);
    expect(keys(filterModels(groq, { sort: 'name' })).slice(0, 3)).toEqual([
      'groq/canopylabs/orpheus-v1-english',
      'groq/groq/compound',
      'groq/deepseek-r1-distill-llama-70b',
    ]);
    expect(keys(filterModels(groq, { sort: '-id' })).slice(0, 2)).toEqual([
      'groq/whisper-large-v3-turbo',
      'groq/openai/gpt-oss-120b',
    ]);
    // Unknown context lengths last, ascending and descending.
    const gateway = filterModels(models, { provider: 'vercel-ai-gateway' });
    expect(keys(filterModels(gateway, { sort: 'contextLength' })).slice(-2)).toEqual([
      'vercel-ai-gateway/bfl/flux-pro-1.1',
      'vercel-ai-gateway/google/veo-3.0-generate-001',
    ]);
    expect(keys(filterModels(gateway, { sort: '-contextLength' })).slice(-2)).toEqual([
      'vercel-ai-gateway/bfl/flux-pro-1.1',
      'vercel-ai-gateway/google/veo-3.0-generate-001',
    ]);
  });

  it('sorts numbers of any size as numbers: created in microseconds, huge or infinite values', () => {
    const model = (id: string, created: number) =>
      ({ id, name: id, category: 'chat', provider: 'acme', created }) as const;
    const models = [
      model('micro-2024', 1_717_000_000_000_000),
      model('micro-2025', 1_750_000_000_000_000),
      model('seconds-2024', 1_717_000_000),
      model('huge', 1e30),
      model('micro-2023', 999_000_000_000_000),
    ];
    const ids = (sort: string) => filterModels(models, { sort }).map((each) => each.id);
    expect(ids('created')).toEqual([
      'seconds-2024',
      'micro-2023',
      'micro-2024',
      'micro-2025',
      'huge',
    ]);
    expect(ids('-created')).toEqual([
      'huge',
      'micro-2025',
      'micro-2024',
      'micro-2023',
      'seconds-2024',
    ]);
  });

  it('names the parameter of an unknown capability, lifecycle status or sort key', async () => {
    const models = await listFourProviders();
    const parameterOf = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        return InvalidParameterError.isInstance(error) ? error.parameter : 'another error';
      }
      return 'no error';
    };
    expect(parameterOf(() => filterModels(models, { capability: 'telepathy' }))).toBe('capability');
    expect(parameterOf(() => filterModels(models, { lifecycle: 'zombie' }))).toBe('lifecycle');
    expect(parameterOf(() => filterModels(models, { sort: 'colour' }))).toBe('sort');
    expect(() => filterModels(models, { sort: 'price' })).toThrow(/inputPrice/);
  });
});
