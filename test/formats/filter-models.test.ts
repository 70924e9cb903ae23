import { describe, expect, it } from 'vitest';
import { idKey, pageByToken, sortModels } from '../../src/entries/server.js';
import { filterModels, InvalidParameterError, type Model } from '../../src/index.js';

const models: Model[] = [
  {
    id: 'gpt-4o',
    name: 'GPT-4o',
    category: 'chat',
    provider: 'openai',
    inputModalities: ['text', 'image'],
    outputModalities: ['text'],
    supportedParameters: ['tools', 'temperature', 'response_format'],
  },
  {
    id: 'text-embedding-3-small',
    name: 'text-embedding-3-small',
    category: 'embedding',
    provider: 'openai',
  },
  { id: 'whisper-1', name: 'whisper-1', category: 'stt', provider: 'openai' },
  { id: 'dall-e-3', name: 'DALL·E 3', category: 'image', provider: 'openai' },
  {
    id: 'claude-sonnet-4',
    name: 'Claude Sonnet 4',
    category: 'chat',
    provider: 'anthropic',
    supportedParameters: ['tools', 'reasoning'],
  },
];
const ids = (list: readonly Model[]) => list.map((model) => model.id);

describe('filterModels', () => {
  it('keeps everything when no filter is given', () => {
    expect(filterModels(models)).toEqual(models);
  });

  it('keeps any of several categories given as a comma list', () => {
    expect(ids(filterModels(models, { category: 'embedding, stt' }))).toEqual([
      'text-embedding-3-small',
      'whisper-1',
    ]);
  });

  it('rejects an unknown category with the valid ones', () => {
    expect(() => filterModels(models, { category: 'programming' })).toThrow(InvalidParameterError);
    expect(() => filterModels(models, { category: 'programming' })).toThrow(
      /chat, embedding, image, tts, stt, other/,
    );
  });

  it('filters by provider, as a string or an array', () => {
    expect(ids(filterModels(models, { provider: 'anthropic' }))).toEqual(['claude-sonnet-4']);
    expect(filterModels(models, { provider: ['openai', 'anthropic'] })).toHaveLength(5);
  });

  it('judges output modalities by the category when the provider reported none', () => {
    expect(ids(filterModels(models, { outputModalities: 'embeddings' }))).toEqual([
      'text-embedding-3-small',
    ]);
    expect(ids(filterModels(models, { outputModalities: 'image,embeddings' }))).toEqual([
      'text-embedding-3-small',
      'dall-e-3',
    ]);
    expect(filterModels(models, { outputModalities: 'all' })).toHaveLength(5);
  });

  it('filters by input modality', () => {
    expect(ids(filterModels(models, { inputModalities: 'image' }))).toEqual(['gpt-4o']);
    expect(ids(filterModels(models, { inputModalities: 'audio' }))).toEqual(['whisper-1']);
  });

  it('requires every supported parameter listed', () => {
    expect(ids(filterModels(models, { supportedParameters: 'tools' }))).toEqual([
      'gpt-4o',
      'claude-sonnet-4',
    ]);
    expect(ids(filterModels(models, { supportedParameters: 'tools,reasoning' }))).toEqual([
      'claude-sonnet-4',
    ]);
  });

  it('searches id and name case-insensitively, and combines with other filters', () => {
    expect(ids(filterModels(models, { query: 'DALL' }))).toEqual(['dall-e-3']);
    expect(ids(filterModels(models, { query: 'o', category: 'chat', provider: 'openai' }))).toEqual(
      ['gpt-4o'],
    );
  });
});

describe('sortModels', () => {
  const model = (id: string, provider: string): Model => ({
    id,
    name: id,
    category: 'chat',
    provider,
  });

  it('orders by key in code units, then by provider, and leaves a frozen input as it was', () => {
    const input = Object.freeze([
      model('b', 'groq'),
      model('a', 'openai'),
      model('B', 'acme'),
      model('a', 'groq'),
      model('é', 'acme'),
    ]);
    const sorted = sortModels(input);
    expect(sorted.map((entry) => `${entry.provider}/${entry.id}`)).toEqual([
      'acme/B',
      'groq/a',
      'openai/a',
      'groq/b',
      'acme/é',
    ]);
    expect(sorted[1]).toBe(input[3]);
    expect(input.map((entry) => entry.id)).toEqual(['b', 'a', 'B', 'a', 'é']);
    // A key function is called with the model alone, as before: a second parameter keeps its default.
    const byId = (entry: Model, prefix = '') => `${prefix}${entry.id}`;
    expect(sortModels([model('b', 'x'), model('a', 'x')], byId).map((entry) => entry.id)).toEqual([
      'a',
      'b',
    ]);
    expect(sortModels(input, (entry) => entry.provider).map((entry) => entry.id)).toEqual([
      'B',
      'é',
      'b',
      'a',
      'a',
    ]);
  });
});

describe('pageByToken', () => {
  const list = (names: string[]): Model[] =>
    sortModels(names.map((id) => ({ id, name: id, category: 'chat', provider: 'acme' })));

  it('serves every model exactly once when models are added and removed between pages', () => {
    let current = list(['a', 'b', 'c', 'd', 'e', 'f']);
    const first = pageByToken(current, idKey, { pageSize: 2 }, { scope: 'test' });
    expect(ids(first.models)).toEqual(['a', 'b']);
    // "b" (the last seen) and "c" disappear; "aa" appears before the cursor, "cc" after it.
    current = list(['a', 'aa', 'cc', 'd', 'e', 'f']);
    const second = pageByToken(
      current,
      idKey,
      { pageSize: 2, pageToken: first.nextPageToken },
      { scope: 'test' },
    );
    expect(ids(second.models)).toEqual(['cc', 'd']);
    const third = pageByToken(
      current,
      idKey,
      { pageSize: 2, pageToken: second.nextPageToken },
      { scope: 'test' },
    );
    expect(ids(third.models)).toEqual(['e', 'f']);
    expect(third.nextPageToken).toBeUndefined();
  });

  it('returns everything without a page size, and caps a huge one at 1000', () => {
    expect(pageByToken(list(['a', 'b']), idKey, {}, { scope: 'test' })).toEqual({
      models: list(['a', 'b']),
    });
    const many = list(
      Array.from({ length: 1001 }, (_, index) => `m${String(index).padStart(4, '0')}`),
    );
    expect(pageByToken(many, idKey, { pageSize: 5000 }, { scope: 'test' }).models).toHaveLength(
      1000,
    );
  });

  it('keeps ids with non-ASCII characters intact in the token', () => {
    const names = list(['modèle-1', 'modèle-2', '模型-3']);
    const first = pageByToken(names, idKey, { pageSize: 1 }, { scope: 'test' });
    const second = pageByToken(
      names,
      idKey,
      { pageSize: 5, pageToken: first.nextPageToken },
      { scope: 'test' },
    );
    expect(ids(second.models)).toEqual(['modèle-2', '模型-3']);
  });
});
