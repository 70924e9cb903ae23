import { describe, expect, it } from 'vitest';
import { completeModel } from '../../src/core/complete-model.js';
import { readCacheEntry } from '../../src/core/read-cache-entry.js';
import { createModelCatalog, type Model, type ProviderAdapter } from '../../src/index.js';
import { buildModel } from '../../src/providers/build-model.js';

describe('completeModel', () => {
  it('returns a complete model as it is, the same object', () => {
    const model: Model = { id: 'gpt-4o', name: 'GPT-4o', category: 'chat', provider: 'openai' };
    expect(completeModel(model, 'openai')).toBe(model);
  });

  it.each([
    ['no name', { id: 'text-embedding-3-small' }],
    ['a blank name', { id: 'text-embedding-3-small', name: '  ' }],
    [
      'a null name and an unknown category',
      { id: 'text-embedding-3-small', name: null, category: 'vector' },
    ],
  ])(
    'fills in a model with %s: name from the id, category classified, provider of the adapter',
    (_label, draft) => {
      expect(completeModel(draft, 'openai')).toEqual({
        id: 'text-embedding-3-small',
        name: 'text-embedding-3-small',
        category: 'embedding',
        provider: 'openai',
      });
    },
  );

  it('classifies with the hints it is given, and keeps every other field', () => {
    expect(
      completeModel({ id: 'acme-1', contextLength: 8192 }, 'acme', { outputModalities: ['image'] }),
    ).toEqual({
      id: 'acme-1',
      name: 'acme-1',
      category: 'image',
      provider: 'acme',
      contextLength: 8192,
    });
  });

  it('completes alike what an adapter builds, what a hand-written adapter returns and what a cache holds', async () => {
    const expected = { id: 'whisper-1', name: 'whisper-1', category: 'stt', provider: 'p' };
    expect(buildModel({ id: 'whisper-1', provider: 'p', name: ' ' })).toEqual(expected);
    expect(
      readCacheEntry(
        {
          version: 1,
          providerId: 'p',
          fetchedAt: '2026-02-19T10:00:00.000Z',
          models: [{ id: 'whisper-1', name: '' }],
        },
        'p',
      )?.models,
    ).toEqual([expected]);
    const handWritten: ProviderAdapter = {
      id: 'p',
      async listModels() {
        return [{ id: 'whisper-1', name: '   ' } as Model];
      },
    };
    const { models } = await createModelCatalog({
      providers: [handWritten],
      env: {},
      cache: false,
    }).listModels({
      provider: 'p',
    });
    expect(models).toEqual([expected]);
  });
});
