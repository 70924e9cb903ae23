import { describe, expect, it } from 'vitest';
import { type Model, searchModels } from '../../src/index.js';
import { keys, listFourProviders } from './across-providers.js';

const model = (provider: string, id: string, extra: Partial<Model> = {}): Model => ({
  id,
  name: id,
  category: 'chat',
  provider,
  ...extra,
});

describe('searchModels', () => {
  const models: Model[] = [
    model('openai', 'gpt-4o-mini', { name: 'GPT-4o mini' }),
    model('openai', 'gpt-4o', { name: 'GPT-4o' }),
    model('openrouter', 'openai/gpt-4o', { name: 'OpenAI: GPT-4o' }),
    model('openai', 'gpt-4o-2024-11-20', { aliases: ['gpt-4o-latest'] }),
    model('ollama', 'qwen3:32b', { family: 'qwen3', description: 'qwen3 · 32.8B · Q4_K_M' }),
    model('anthropic', 'claude-sonnet-4-6', { name: 'Claude Sonnet 4.6', family: 'claude-sonnet' }),
    model('groq', 'llama-3.3-70b-versatile', {
      name: 'Llama 3.3 70B',
      description: 'A versatile model with tool use.',
    }),
  ];

  it('ranks the exact id first, then ids that start with the query, then ids that hold it', () => {
    expect(keys(searchModels(models, 'gpt-4o'))).toEqual([
      'openai/gpt-4o',
      'openai/gpt-4o-mini',
      'openai/gpt-4o-2024-11-20',
      'openrouter/openai/gpt-4o',
    ]);
  });

  it('matches an exact <provider>/<id> or alias first, whatever the case', () => {
    expect(keys(searchModels(models, 'OPENROUTER/openai/GPT-4o'))[0]).toBe(
      'openrouter/openai/gpt-4o',
    );
    expect(keys(searchModels(models, 'gpt-4o-latest'))).toEqual(['openai/gpt-4o-2024-11-20']);
  });

  it('finds every word of the query in id, name and family, in any order', () => {
    expect(keys(searchModels(models, 'sonnet claude'))).toEqual(['anthropic/claude-sonnet-4-6']);
    expect(keys(searchModels(models, 'sonnet 4.6'))).toEqual(['anthropic/claude-sonnet-4-6']);
    expect(keys(searchModels(models, 'qwen3 32b'))).toEqual(['ollama/qwen3:32b']);
  });

  it('looks in the description last, and leaves out a model missing any word', () => {
    expect(keys(searchModels(models, 'tool use'))).toEqual(['groq/llama-3.3-70b-versatile']);
    expect(keys(searchModels(models, 'q4_k_m'))).toEqual(['ollama/qwen3:32b']);
    expect(searchModels(models, 'sonnet gpt')).toEqual([]);
    expect(searchModels(models, 'gemini')).toEqual([]);
  });

  it('puts a title match before a description match', () => {
    const withDescriptions = [
      model('a', 'fast-embedder', { description: 'Embeds text for llama pipelines.' }),
      model('b', 'llama-3-8b'),
    ];
    expect(keys(searchModels(withDescriptions, 'llama'))).toEqual([
      'b/llama-3-8b',
      'a/fast-embedder',
    ]);
  });

  it('never picks one model: an exact match comes with every other match', () => {
    expect(searchModels(models, 'gpt-4o')).toHaveLength(4);
  });

  it('keeps every model, in order, for an empty query, and does not change the list', () => {
    const before = [...models];
    expect(searchModels(models, '  ')).toEqual(models);
    searchModels(models, 'gpt');
    expect(models).toEqual(before);
  });

  it('searches across providers at once', async () => {
    const all = await listFourProviders();
    expect(keys(searchModels(all, 'claude sonnet 4'))).toEqual([
      'anthropic/claude-sonnet-4-6',
      'vercel-ai-gateway/anthropic/claude-sonnet-4',
    ]);
    expect(keys(searchModels(all, 'text-embedding-3-small'))).toEqual([
      'vercel-ai-gateway/openai/text-embedding-3-small',
      'openrouter/openai/text-embedding-3-small',
    ]);
  });
});
