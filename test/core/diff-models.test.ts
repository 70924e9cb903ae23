import { describe, expect, it } from 'vitest';
import { diffModels } from '../../src/core/diff-models.js';
import type { Model } from '../../src/index.js';

const model = (id: string, extra: Record<string, unknown> = {}): Model =>
  ({ id, name: id, category: 'chat', provider: 'openai', ...extra }) as Model;

describe('diffModels', () => {
  it('reports nothing for two equal lists, whatever the order of fields', () => {
    const before = [
      model('gpt-4o', { pricing: { input: 2.5, output: 10 }, contextLength: 128000 }),
    ];
    const after = [
      {
        contextLength: 128000,
        pricing: { output: 10, input: 2.5 },
        provider: 'openai',
        category: 'chat',
        name: 'gpt-4o',
        id: 'gpt-4o',
      } as Model,
    ];
    expect(diffModels(before, after)).toEqual({ added: [], removed: [], changed: [] });
  });

  it('returns its report frozen, every change and list in it', () => {
    const report = diffModels(
      [model('a'), model('b', { contextLength: 1000 })],
      [model('b', { contextLength: 2000 }), model('c')],
    );
    expect(report).toEqual({
      added: ['c'],
      removed: ['a'],
      changed: [{ id: 'b', fields: [{ field: 'contextLength', before: 1000, after: 2000 }] }],
    });
    const change = report.changed[0]!;
    for (const part of [report, report.added, report.removed, report.changed, change]) {
      expect(Object.isFrozen(part)).toBe(true);
    }
    expect(Object.isFrozen(change.fields)).toBe(true);
    expect(Object.isFrozen(change.fields[0])).toBe(true);
  });

  it('lists added and removed ids in list order', () => {
    const before = [model('a'), model('b'), model('c')];
    const after = [model('d'), model('b'), model('e')];
    expect(diffModels(before, after)).toEqual({
      added: ['d', 'e'],
      removed: ['a', 'c'],
      changed: [],
    });
  });

  it('reports each changed price, limit and name with its old and new value', () => {
    const before = [
      model('gpt-4o', { name: 'GPT-4o', pricing: { input: 5, output: 15 }, contextLength: 128000 }),
    ];
    const after = [
      model('gpt-4o', {
        name: 'GPT-4o (2024-08)',
        pricing: { input: 2.5, output: 15, cacheRead: 1.25 },
        contextLength: 128000,
        maxOutputTokens: 16384,
      }),
    ];
    expect(diffModels(before, after).changed).toEqual([
      {
        id: 'gpt-4o',
        fields: [
          { field: 'name', before: 'GPT-4o', after: 'GPT-4o (2024-08)' },
          { field: 'pricing.input', before: 5, after: 2.5 },
          { field: 'pricing.cacheRead', before: undefined, after: 1.25 },
          { field: 'maxOutputTokens', before: undefined, after: 16384 },
        ],
      },
    ]);
  });

  it('covers fields it does not know, such as capabilities and lifecycle objects', () => {
    const before = [
      model('o3', {
        capabilities: { tools: true, vision: false },
        lifecycle: { status: 'active' },
        deprecated: false,
      }),
    ];
    const after = [
      model('o3', {
        capabilities: { tools: true, vision: true },
        lifecycle: { status: 'deprecated', shutdownAt: '2026-06-01' },
        deprecated: true,
      }),
    ];
    expect(diffModels(before, after).changed).toEqual([
      {
        id: 'o3',
        fields: [
          { field: 'capabilities.vision', before: false, after: true },
          { field: 'lifecycle.status', before: 'active', after: 'deprecated' },
          { field: 'lifecycle.shutdownAt', before: undefined, after: '2026-06-01' },
          { field: 'deprecated', before: false, after: true },
        ],
      },
    ]);
  });

  it('compares arrays as a whole and reports a field that appears or disappears entirely', () => {
    const before = [
      model('gpt-4o', { inputModalities: ['text'], pricing: { input: 1 } }),
      model('same', { inputModalities: ['text', 'image'] }),
    ];
    const after = [
      model('gpt-4o', { inputModalities: ['text', 'image'] }),
      model('same', { inputModalities: ['text', 'image'] }),
    ];
    expect(diffModels(before, after).changed).toEqual([
      {
        id: 'gpt-4o',
        fields: [
          { field: 'inputModalities', before: ['text'], after: ['text', 'image'] },
          { field: 'pricing', before: { input: 1 }, after: undefined },
        ],
      },
    ]);
  });

  it('treats a field set to undefined as a missing one', () => {
    expect(diffModels([model('a', { description: undefined })], [model('a')]).changed).toEqual([]);
  });
});
