import { describe, expect, it } from 'vitest';
import { readCacheEntry } from '../../src/core/read-cache-entry.js';

const FETCHED_AT = '2026-02-19T10:00:00.000Z';
const entry = (models: unknown[], extra: Record<string, unknown> = {}) => ({
  version: 1,
  providerId: 'openai',
  fetchedAt: FETCHED_AT,
  models,
  ...extra,
});

describe('readCacheEntry', () => {
  it('returns a complete model unchanged, with every metadata field kept', () => {
    const model = {
      id: 'gpt-4o',
      name: 'GPT-4o',
      category: 'chat',
      provider: 'openai',
      contextLength: 128000,
      pricing: { input: 2.5, output: 10 },
    };
    expect(readCacheEntry(entry([model], { fingerprint: 'abc' }), 'openai')).toEqual({
      version: 1,
      providerId: 'openai',
      fetchedAt: FETCHED_AT,
      models: [model],
      fingerprint: 'abc',
    });
  });

  it("completes a model of the seed's plain format: name from the id, provider from the entry, category classified", () => {
    const result = readCacheEntry(
      entry([
        { id: 'gpt-4o', name: 'GPT-4o', category: 'chat' },
        { id: 'text-embedding-3-large' },
        { id: 'whisper-1', name: '', category: 'not-a-category', provider: null },
      ]),
      'openai',
    );
    expect(result?.models).toEqual([
      { id: 'gpt-4o', name: 'GPT-4o', category: 'chat', provider: 'openai' },
      {
        id: 'text-embedding-3-large',
        name: 'text-embedding-3-large',
        category: 'embedding',
        provider: 'openai',
      },
      { id: 'whisper-1', name: 'whisper-1', category: 'stt', provider: 'openai' },
    ]);
  });

  it('keeps the first model of an id listed twice, as a live listing does', () => {
    const result = readCacheEntry(
      entry([
        { id: 'gpt-4o', name: 'first', contextLength: 1 },
        { id: 'o3' },
        { id: 'gpt-4o', name: 'second', contextLength: 2 },
      ]),
      'openai',
    );
    expect(result?.models.map((model) => [model.id, model.name])).toEqual([
      ['gpt-4o', 'first'],
      ['o3', 'o3'],
    ]);
  });

  it.each([
    ['another version', entry([], { version: 2 })],
    ['another provider', entry([], { providerId: 'groq' })],
    ['a fetchedAt that is no timestamp', entry([], { fetchedAt: 'yesterday' })],
    // Shaped like ISO 8601, but `Date.parse` cannot read them: valid yet never fresh.
    ['a fetchedAt with a comma fraction', entry([], { fetchedAt: '2026-02-19T10:00:00,5Z' })],
    ['a fetchedAt with an hours-only zone', entry([], { fetchedAt: '2026-02-19T10:00:00+01' })],
    ['a fingerprint that is no string', entry([], { fingerprint: 42 })],
    ['models that are no array', entry([], { models: { id: 'gpt-4o' } })],
    ['a model without an id', entry([{ id: 'gpt-4o' }, { name: 'No id' }])],
    ['a model with an empty id', entry([{ id: '' }])],
    ['a model that is no object', entry([null])],
    ['a model whose name is no string', entry([{ id: 'gpt-4o', name: 4 }])],
    ['a model whose category is no string', entry([{ id: 'gpt-4o', category: ['chat'] }])],
    ['nothing at all', undefined],
    ['a string', 'not an entry'],
  ])('treats %s as a miss', (_label, value) => {
    expect(readCacheEntry(value, 'openai')).toBeUndefined();
  });
});

describe('freezeCacheValue', () => {
  it('freezes what a backend parsed, deeply, and checks it in the same pass', async () => {
    const { freezeCacheValue } = await import('../../src/core/read-cache-entry.js');
    const value = {
      version: 1,
      providerId: 'openai',
      fetchedAt: FETCHED_AT,
      // A field another tool wrote beside ours: frozen too, so no caller can change it for the next.
      written: { by: ['another-tool'] },
      models: [
        {
          id: 'gpt-4o',
          name: 'GPT-4o',
          category: 'chat',
          provider: 'openai',
          inputModalities: ['text', 'image'],
          pricing: { input: 2.5, output: 10 },
        },
      ],
    };
    expect(freezeCacheValue(value)).toBe(value);
    const model = value.models[0]!;
    const { written } = value;
    for (const part of [
      value,
      value.models,
      model,
      model.inputModalities,
      model.pricing,
      written,
      written.by,
    ]) {
      expect(Object.isFrozen(part)).toBe(true);
    }
    // Checked already: the catalog's read gives the same entry again, the model as it is.
    const first = readCacheEntry(value, 'openai');
    expect(first?.models[0]).toBe(model);
    expect(readCacheEntry(value, 'openai')).toBe(first);
  });

  it('freezes a value that is no entry all the same, and the catalog takes it for a miss', async () => {
    const { freezeCacheValue } = await import('../../src/core/read-cache-entry.js');
    const value = {
      version: 1,
      providerId: 'openai',
      fetchedAt: FETCHED_AT,
      models: [
        { id: 'gpt-4o', pricing: { input: 1 } },
        { name: 'no id', aliases: ['x'] },
      ],
    };
    freezeCacheValue(value);
    expect(Object.isFrozen(value.models[1])).toBe(true);
    expect(Object.isFrozen(value.models[1]?.aliases)).toBe(true);
    expect(Object.isFrozen(value.models[0]?.pricing)).toBe(true);
    expect(readCacheEntry(value, 'openai')).toBeUndefined();
  });

  it('leaves out, and keeps out of the frozen original, a price that is no number', async () => {
    const { freezeCacheValue } = await import('../../src/core/read-cache-entry.js');
    const value = {
      version: 1,
      providerId: 'openai',
      fetchedAt: FETCHED_AT,
      models: [{ id: 'gpt-4o', pricing: { input: null, output: 10 } }],
    };
    freezeCacheValue(value);
    expect(readCacheEntry(value, 'openai')?.models).toEqual([
      {
        id: 'gpt-4o',
        name: 'gpt-4o',
        category: 'chat',
        provider: 'openai',
        pricing: { output: 10 },
      },
    ]);
    expect(value.models[0]?.pricing).toEqual({ input: null, output: 10 });
  });
});
