import { describe, expect, it } from 'vitest';
import {
  buildModel,
  buildPricing,
  positiveInteger,
  pricePerMillion,
} from '../../src/providers/build-model.js';

describe('buildModel', () => {
  it('keeps only reported metadata, and names a model by its id when it has no name', () => {
    expect(
      buildModel({
        id: 'gpt-4o',
        provider: 'openai',
        name: '  ',
        description: '',
        ownedBy: null,
        inputModalities: [],
        pricing: {},
        created: 1715367049,
      }),
    ).toEqual({
      id: 'gpt-4o',
      name: 'gpt-4o',
      category: 'chat',
      provider: 'openai',
      created: 1715367049,
    });
  });

  it.each([0, -1, Number.NaN, 0.4])('drops a placeholder count or time such as %s', (value) => {
    const model = buildModel({
      id: 'm',
      provider: 'p',
      created: value,
      contextLength: value,
      maxOutputTokens: value,
    });
    expect(model).toEqual({ id: 'm', name: 'm', category: 'chat', provider: 'p' });
  });

  it('classifies from hints unless a category is given', () => {
    expect(
      buildModel({ id: 'x', provider: 'p', hints: { outputModalities: ['embeddings'] } }).category,
    ).toBe('embedding');
    expect(buildModel({ id: 'x', provider: 'p', category: 'tts' }).category).toBe('tts');
  });
});

describe('pricePerMillion', () => {
  it.each([
    ['0.0000025', 1e6, 2.5],
    [30000, 1e-4, 3],
    ['-1', 1e6, undefined],
    ['dynamic', 1e6, undefined],
    [0, 1, 0],
  ])('converts %j at scale %s to %s', (value, scale, expected) => {
    expect(pricePerMillion(value, scale)).toBe(expected);
  });
});

describe('numbers that are none', () => {
  it.each([
    ['1e303', 1e6],
    ['0x10', 1],
    ['Infinity', 1],
    [Number.POSITIVE_INFINITY, 1],
    [true, 1],
  ])('makes a price of %j NaN, to be dropped and counted', (value, scale) => {
    expect(pricePerMillion(value, scale)).toBeNaN();
  });

  it.each([['dynamic'], [''], ['  '], [null], [undefined], ['-1']])(
    'leaves a price of %j absent, not counted',
    (value) => {
      expect(pricePerMillion(value, 1e6)).toBeUndefined();
    },
  );

  it('drops and counts invalid values in buildModel, keeping valid ones and no NaN', () => {
    const model = buildModel({
      id: 'm',
      provider: 'p',
      contextLength: positiveInteger('0x10'),
      maxOutputTokens: positiveInteger('4096'),
      pricing: buildPricing({ input: pricePerMillion('1e303', 1e6), output: 2 }),
    });
    expect(model).toEqual({
      id: 'm',
      name: 'm',
      category: 'chat',
      provider: 'p',
      maxOutputTokens: 4096,
      pricing: { output: 2, free: false },
    });
    expect(JSON.stringify(model)).not.toContain('null');
    expect(
      (model as unknown as Record<symbol, number>)[Symbol.for('model-catalog.dropped-values')],
    ).toBe(2);
  });
});
