import { describe, expect, it } from 'vitest';
import { readModelsDev } from '../../src/catalogs/read-models-dev.js';
import { fixture } from '../helpers/fixtures.js';

const readOne = (model: Record<string, unknown>) =>
  readModelsDev({ acme: { models: { 'm-1': model } } }, () => true);

describe('readModelsDev()', () => {
  it('reads the real models.dev shape into entries qualified by their models.dev provider', () => {
    const reading = readModelsDev(fixture('models-dev', 'api.json'), (id) => id !== 'routing-run');
    expect(reading.issues).toEqual([]);
    expect(reading.skipped).toBe(0);
    expect(reading.models.map((model) => model.id)).toContain(
      'openrouter/meta-llama/llama-3.3-70b-instruct:free',
    );
    expect(reading.models.some((model) => model.provider === 'routing-run')).toBe(false);
    expect(reading.models.find((model) => model.id === 'anthropic/claude-sonnet-4-0')).toEqual({
      id: 'anthropic/claude-sonnet-4-0',
      name: 'Claude Sonnet 4 (latest)',
      category: 'chat',
      provider: 'anthropic',
      contextLength: 200000,
      maxOutputTokens: 64000,
      inputModalities: ['text', 'image', 'file'],
      outputModalities: ['text'],
      capabilities: {
        tools: true,
        vision: true,
        pdfInput: true,
        audioInput: false,
        reasoning: true,
        promptCaching: true,
      },
      reasoning: { budgetTokens: { min: 1024 } },
      pricing: { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75, free: false },
      family: 'claude-sonnet',
      releaseDate: '2025-05-22',
      knowledgeCutoff: '2025-03-31',
      openWeights: false,
    });
  });

  it.each([
    [
      'effort levels, a toggle and a token budget',
      {
        reasoning: true,
        reasoning_options: [
          { type: 'toggle' },
          { type: 'effort', values: ['low', 'high'] },
          { type: 'budget_tokens', min: 1024, max: 81920 },
        ],
      },
      {
        reasoning: {
          efforts: ['low', 'high'],
          canDisable: true,
          budgetTokens: { min: 1024, max: 81920 },
        },
        capabilities: { reasoning: true },
      },
    ],
    [
      'no reasoning options for a model that does not reason',
      { reasoning: false, reasoning_options: [{ type: 'toggle' }] },
      { capabilities: { reasoning: false } },
    ],
    [
      'an empty option list as nothing',
      { reasoning: true, reasoning_options: [] },
      { capabilities: { reasoning: true } },
    ],
    ['beta as preview', { status: 'beta' }, { lifecycle: { status: 'preview' } }],
    ['alpha as preview', { status: 'alpha' }, { lifecycle: { status: 'preview' } }],
    [
      'deprecated, also as `deprecated`',
      { status: 'deprecated' },
      { lifecycle: { status: 'deprecated' }, deprecated: true },
    ],
    ['an unknown status as nothing', { status: 'sunset' }, {}],
    ['a release month as no release date (dates are YYYY-MM-DD)', { release_date: '2025-04' }, {}],
    ['a knowledge cutoff by day', { knowledge: '2025-03-31' }, { knowledgeCutoff: '2025-03-31' }],
    ['a knowledge cutoff that is no date as nothing', { knowledge: 'early 2025' }, {}],
    [
      'zero prices as free',
      { cost: { input: 0, output: 0 } },
      { pricing: { input: 0, output: 0, free: true } },
    ],
    [
      'an input price alone as not known to be free',
      { cost: { input: 0 } },
      { pricing: { input: 0 } },
    ],
    [
      'negative (dynamic) prices as unknown',
      { cost: { input: -1, output: 2 } },
      { pricing: { output: 2 } },
    ],
    [
      'audio input, and audio output as tts',
      { modalities: { input: ['text', 'audio'], output: ['audio'] } },
      {
        category: 'tts',
        capabilities: { audioInput: true, vision: false, pdfInput: false },
        inputModalities: ['text', 'audio'],
        outputModalities: ['audio'],
      },
    ],
    ['zero limits (placeholders) as no limits', { limit: { context: 0, output: 0 } }, {}],
    [
      'a cache price as prompt caching',
      { cost: { input: 1, output: 2, cache_read: 0.1 } },
      {
        capabilities: { promptCaching: true },
        pricing: { input: 1, output: 2, cacheRead: 0.1, free: false },
      },
    ],
  ])('reads %s', (_label, model, expected) => {
    const reading = readOne(model);
    expect(reading.issues).toEqual([]);
    const { id, name, category, provider, ...rest } = reading.models[0]!;
    expect({ id, name, provider }).toEqual({ id: 'acme/m-1', name: 'm-1', provider: 'acme' });
    expect({ ...rest, ...('category' in expected ? { category } : {}) }).toEqual(expected);
  });

  it('leaves out a model of the wrong shape, naming where without quoting values', () => {
    const reading = readModelsDev(
      { acme: { models: { good: { name: 'Good' }, bad: { tool_call: 'yes-sk-secret-value' } } } },
      () => true,
    );
    expect(reading.models.map((model) => model.id)).toEqual(['acme/good']);
    expect(reading.skipped).toBe(1);
    expect(reading.issues).toEqual(['acme.models.bad.tool_call: expected boolean']);
    expect(JSON.stringify(reading.issues)).not.toContain('sk-secret');
  });
});
