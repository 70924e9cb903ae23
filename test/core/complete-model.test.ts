import { describe, expect, it } from 'vitest';
import {
  completeModel,
  dropInvalidValues,
  freezeCleanModel,
} from '../../src/core/complete-model.js';
import { isValidPricing } from '../../src/core/model-fields.js';
import { freezeCacheValue, readCacheEntry } from '../../src/core/read-cache-entry.js';
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

describe('freezeCleanModel', () => {
  // Every field of the `Model` type (`Required` makes this list follow the type).
  const everyField: Required<Model> = {
    id: 'gpt-4o',
    name: 'GPT-4o',
    category: 'chat',
    provider: 'openai',
    description: 'A model.',
    created: 1_715_000_000,
    ownedBy: 'openai',
    contextLength: 128_000,
    maxOutputTokens: 16_384,
    inputModalities: ['text', 'image'],
    outputModalities: ['text'],
    pricing: { input: 2.5, output: 10, cacheRead: 1.25, free: false },
    supportedParameters: ['tools', 'temperature'],
    aliases: ['gpt-4o-2024-08-06'],
    deprecated: false,
    capabilities: { tools: true, vision: true },
    reasoning: { efforts: ['low', 'high'], budgetTokens: { min: 1024 } },
    lifecycle: { status: 'active' },
    family: 'gpt-4o',
    releaseDate: '2024-05-13',
    fineTuned: false,
    baseModel: 'gpt-4o',
    parameterSize: '200B',
    quantization: 'fp16',
    knowledgeCutoff: '2023-10',
    openWeights: false,
    sources: { pricing: 'models.dev' },
  };

  it('takes a clean model holding every field as it is, the same object, frozen deeply', () => {
    const model = structuredClone(everyField);
    expect(freezeCleanModel(model)).toBe(model);
    expect(model).toEqual(everyField);
    for (const part of [
      model,
      model.inputModalities,
      model.outputModalities,
      model.pricing,
      model.supportedParameters,
      model.aliases,
      model.capabilities,
      model.reasoning,
      model.reasoning.efforts,
      model.reasoning.budgetTokens,
      model.lifecycle,
      model.sources,
    ]) {
      expect(Object.isFrozen(part)).toBe(true);
    }
  });

  it.each<[string, Record<string, unknown>]>([
    ['no name', { name: undefined }],
    ['a blank name', { name: '  ' }],
    ['an unknown category', { category: 'robot' }],
    ['no provider', { provider: '' }],
    ['an empty id', { id: '' }],
    ['a key the Model type does not have', { extra: 1 }],
    ['a key holding undefined', { family: undefined }],
    ['a null', { description: null }],
    ['a negative count', { contextLength: -1 }],
    ['NaN', { created: Number.NaN }],
    ['a list with a number in it', { aliases: ['a', 1] }],
    ['a list that is an object', { inputModalities: { 0: 'text' } }],
    ['an object that is a list', { capabilities: [true] }],
    ['a text that is a number', { ownedBy: 7 }],
    ['a yes-or-no that is a string', { deprecated: 'no' }],
    ['a price that is a string', { pricing: { input: '2.5' } }],
    ['a pricing with an unknown key', { pricing: { input: 1, per: 'token' } }],
    ['an empty pricing', { pricing: {} }],
  ])(
    'leaves a model with %s to the full check, which gives the same as before',
    (_what, change) => {
      const model = { ...structuredClone(everyField), ...change };
      // The full check: what the catalog does with a value that is not frozen yet.
      const full = readCacheEntry(
        {
          version: 1,
          providerId: 'openai',
          fetchedAt: '2026-02-19T10:00:00.000Z',
          models: [structuredClone(model)],
        },
        'openai',
      );
      expect(freezeCleanModel(model)).toBeUndefined();
      // Through a parsed value: this check first, then the full one for the model it leaves.
      const parsed = freezeCacheValue({
        version: 1,
        providerId: 'openai',
        fetchedAt: '2026-02-19T10:00:00.000Z',
        models: [model],
      });
      expect(readCacheEntry(parsed, 'openai')).toEqual(full);
    },
  );

  it('leaves to the full check a model whose fields come from its prototype or a key not enumerable', () => {
    const parsed = () =>
      JSON.parse(
        '{"version":1,"providerId":"p","fetchedAt":"2024-01-01T00:00:00.000Z","models":[{"id":"a","name":"A","category":"chat","provider":"p","extra":{"deep":{}}}]}',
      ) as { models: { extra: { deep: object } }[] };
    // A polluted prototype lends a field the model does not have; an own key balances the count.
    const prototype = Object.prototype as Record<string, unknown>;
    prototype.family = 'polluted';
    try {
      const value = parsed();
      freezeCacheValue(value);
      expect(Object.isFrozen(value.models[0]!.extra.deep)).toBe(true);
    } finally {
      delete prototype.family;
    }
    // A field that is an own key, not enumerable.
    const value = parsed();
    Object.defineProperty(value.models[0], 'provider', { value: 'p', enumerable: false });
    freezeCacheValue(value);
    expect(Object.isFrozen(value.models[0]!.extra.deep)).toBe(true);
  });

  it('reads as the full check does on random models: the same entries, each clean model kept as it is', () => {
    // A small seeded generator, so that a failure can be replayed.
    let seed = 20_261_201;
    const random = (): number => {
      seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0;
      return seed / 2 ** 32;
    };
    const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
    const odd = [
      undefined,
      null,
      '',
      'text',
      0,
      -1,
      1.5,
      Number.NaN,
      Infinity,
      true,
      [],
      ['a'],
      [1],
      {},
      { a: 1 },
    ];
    // Odd values for any field, and some for one field only.
    const oddOf: Record<string, readonly unknown[]> = {
      name: [' '],
      category: ['nothing'],
      pricing: [{ input: 1, output: -1 }, { input: null }, {}, { free: 'yes' }],
    };
    const REQUIRED = ['id', 'name', 'category', 'provider'];
    let clean = 0;
    for (let round = 0; round < 5000; round++) {
      // Mostly clean models, each optional field present half the time, and now and then an
      // odd value: many models differ from a clean one in one value only.
      const model: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(everyField)) {
        if (random() < 0.5 && !REQUIRED.includes(key)) continue;
        const oddOne = random() < 0.05;
        model[key] = structuredClone(oddOne ? pick([...odd, ...(oddOf[key] ?? [])]) : value);
      }
      if (random() < 0.05) model.extra = pick(odd);
      const entry = {
        version: 1,
        providerId: 'openai',
        fetchedAt: '2026-02-19T10:00:00.000Z',
        models: [model],
      };
      const full = readCacheEntry(structuredClone(entry), 'openai');
      const taken = freezeCleanModel(structuredClone(model)) !== undefined;
      const read = readCacheEntry(freezeCacheValue(entry), 'openai');
      expect(read).toEqual(full);
      // A model taken as clean is the parsed object itself, which the full check keeps too.
      if (taken) {
        clean++;
        expect(read?.models[0]).toBe(model);
        expect(dropInvalidValues(model as unknown as Model)).toEqual({ model, dropped: 0 });
      }
    }
    // Enough of both kinds for the comparison to mean something.
    expect(clean).toBeGreaterThan(1000);
    expect(clean).toBeLessThan(4000);
  });
});

describe('isValidPricing', () => {
  it.each<[unknown, boolean]>([
    [{ input: 2.5, output: 10, free: false }, true],
    [{ free: true }, true],
    [
      { input: 0, output: 0, cacheRead: 0, cacheWrite: 0, reasoning: 0, image: 0, request: 0 },
      true,
    ],
    [{}, false],
    [{ input: -1 }, false],
    [{ input: Number.POSITIVE_INFINITY }, false],
    [{ input: undefined }, false],
    [{ input: 1, free: 'yes' }, false],
    [{ input: 1, perToken: 2 }, false],
    [[1], false],
    [null, false],
  ])('%j is %s', (pricing, valid) => {
    expect(isValidPricing(pricing)).toBe(valid);
  });
});

describe('freezeThrough', () => {
  it('freezes what a frozen object holds, ten levels down and through cycles, and ends', async () => {
    const { freezeThrough } = await import('../../src/core/freeze-deep.js');
    type Node = { child?: Node; self?: Node; list: number[] };
    const root: Node = { list: [0] };
    let node = root;
    for (let depth = 1; depth <= 10; depth++) {
      node.child = { list: [depth] };
      node = node.child;
    }
    node.self = root; // a cycle from the deepest level back to the top
    Object.freeze(root); // frozen at the top only
    expect(freezeThrough(root)).toBe(root);
    for (let at: Node | undefined = root; at; at = at.child) {
      expect(Object.isFrozen(at)).toBe(true);
      expect(Object.isFrozen(at.list)).toBe(true);
    }
  });
});

describe('freezeThrough on shared and cyclic objects', () => {
  it('visits each object a bounded number of times: 200 children pointing back, a wide DAG', async () => {
    const { freezeThrough } = await import('../../src/core/freeze-deep.js');
    type Child = { parent?: object; index: number };
    const parent: { children: Child[] } = { children: [] };
    for (let index = 0; index < 200; index++) parent.children.push({ parent, index });
    Object.freeze(parent);
    // Eight levels of sixteen references to one shared node: 16^8 paths, 9 objects.
    let shared: object = { leaf: [1] };
    for (let level = 0; level < 8; level++) {
      const node = shared;
      shared = Object.freeze(Array.from({ length: 16 }, () => node));
    }
    // Walked path by path, this would take hours (the test's time limit fails it).
    freezeThrough({ parent, shared });
    expect(parent.children.every((child) => Object.isFrozen(child))).toBe(true);
    let node: unknown = shared;
    while (Array.isArray(node)) node = node[0];
    expect(Object.isFrozen(node)).toBe(true);
    expect(Object.isFrozen((node as { leaf: number[] }).leaf)).toBe(true);
  });
});
