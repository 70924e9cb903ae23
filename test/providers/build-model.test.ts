import { describe, expect, it } from 'vitest';
import { DROPPED_VALUES } from '../../src/core/complete-model.js';
import {
  buildModel,
  buildPricing,
  flagsFromList,
  inputFlags,
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

describe('pricePerMillion on short decimals', () => {
  /** The conversion as written for every value: parse, scale, round to 12 digits. */
  const rounded = (text: string, scale: number): number =>
    Number((Number(text) * scale).toPrecision(12));

  it('gives the number the rounding gives, for decimals of up to 12 digits at scales 1e6 and 1', () => {
    let seed = 7;
    const random = (): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    const texts = [
      '0',
      '0.0',
      '5.',
      '.5',
      '0.0000025',
      '0.00000015',
      '0.0000001000',
      '123456789012',
    ];
    for (let index = 0; index < 20_000; index++) {
      const digits = 1 + Math.floor(random() * 12);
      let text = '';
      for (let digit = 0; digit < digits; digit++) text += Math.floor(random() * 10);
      const point = Math.floor(random() * (digits + 1));
      texts.push(point === digits ? text : `${text.slice(0, point)}.${text.slice(point)}`);
    }
    for (const text of texts.filter((candidate) => candidate.length <= 12)) {
      for (const scale of [1e6, 1]) {
        expect([text, scale, pricePerMillion(text, scale)]).toEqual([
          text,
          scale,
          rounded(text, scale),
        ]);
      }
    }
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

describe('buildModel in one pass', () => {
  it('stores the fields in the order of the `Model` type, `deprecated` true when the lifecycle says so, whatever its value', () => {
    const dropped = (model: object): number =>
      (model as { [DROPPED_VALUES]?: number })[DROPPED_VALUES] ?? 0;
    const retired = buildModel({
      id: 'old-1',
      provider: 'acme',
      deprecated: 'yes' as unknown as boolean,
      contextLength: 1000,
      lifecycle: { status: 'retired' },
    });
    expect(Object.keys(retired)).toEqual([
      'id',
      'name',
      'category',
      'provider',
      'contextLength',
      'deprecated',
      'lifecycle',
    ]);
    expect(retired.deprecated).toBe(true);
    expect(dropped(retired)).toBe(0);
    // Without such a lifecycle, a `deprecated` that is no boolean is left out and counted.
    const odd = buildModel({
      id: 'odd-1',
      provider: 'acme',
      deprecated: 'yes' as unknown as boolean,
      lifecycle: { status: 'active' },
    });
    expect(odd.deprecated).toBeUndefined();
    expect(dropped(odd)).toBe(1);
  });

  it('returns the model frozen, each list and object in it too', () => {
    const model = buildModel({
      id: 'acme/chat-1',
      provider: 'acme',
      inputModalities: ['text', 'image'],
      pricing: buildPricing({ input: 1, output: 2 }),
      capabilities: { tools: true, vision: undefined },
      lifecycle: { status: 'deprecated', shutdownAt: '2026-01-01' },
    });
    expect(model).toEqual({
      id: 'acme/chat-1',
      name: 'acme/chat-1',
      category: 'chat',
      provider: 'acme',
      inputModalities: ['text', 'image'],
      pricing: { input: 1, output: 2, free: false },
      capabilities: { tools: true },
      lifecycle: { status: 'deprecated', shutdownAt: '2026-01-01' },
      deprecated: true,
    });
    for (const value of [
      model,
      model.inputModalities,
      model.pricing,
      model.capabilities,
      model.lifecycle,
    ]) {
      expect(Object.isFrozen(value)).toBe(true);
    }
    expect(() => {
      (model as { name: string }).name = 'changed';
    }).toThrow(TypeError);
  });

  it('drops and counts values of the wrong type and negative prices, as the catalog would', () => {
    const model = buildModel({
      id: 'm',
      provider: 'p',
      description: 5 as unknown as string,
      inputModalities: ['text', 7] as unknown as string[],
      ownedBy: 'acme',
      pricing: { input: -1, output: 2 },
      capabilities: 'tools' as unknown as { tools: boolean },
    });
    expect(model).toEqual({
      id: 'm',
      name: 'm',
      category: 'chat',
      provider: 'p',
      ownedBy: 'acme',
      pricing: { output: 2 },
    });
    expect(
      (model as unknown as Record<symbol, number>)[Symbol.for('model-catalog.dropped-values')],
    ).toBe(4);
  });

  it('keeps what each field expects as it is, and takes anything else through the full rules', () => {
    const dropped = (model: object): number =>
      (model as { [DROPPED_VALUES]?: number })[DROPPED_VALUES] ?? 0;
    // Flags with an unreported value, a pricing with a name it does not know and a `free` that is
    // no boolean, nested reasoning options, a count written as text: each left as the rules say.
    const odd = buildModel({
      id: 'm',
      provider: 'p',
      contextLength: '4096' as unknown as number,
      maxOutputTokens: Number.POSITIVE_INFINITY,
      pricing: { input: 1, perSecond: 2, free: 'yes' } as unknown as { input: number },
      capabilities: { tools: true, vision: '' as unknown as boolean },
      reasoning: {
        efforts: ['low', 'high'],
        budgetTokens: { min: 1024, max: undefined as unknown as number },
      },
      aliases: [],
    });
    expect(odd).toEqual({
      id: 'm',
      name: 'm',
      category: 'chat',
      provider: 'p',
      contextLength: 4096,
      pricing: { input: 1, perSecond: 2, free: 'yes' },
      capabilities: { tools: true },
      reasoning: { efforts: ['low', 'high'], budgetTokens: { min: 1024 } },
    });
    expect(dropped(odd)).toBe(1);
    expect(Object.isFrozen(odd.reasoning?.efforts)).toBe(true);
    expect(Object.isFrozen(odd.reasoning?.budgetTokens)).toBe(true);
    // A pricing of valid prices is kept as the adapter made it; a price that is no number goes.
    const pricing = { input: 0.5, output: 1.5, free: false };
    expect(buildModel({ id: 'm', provider: 'p', pricing }).pricing).toBe(pricing);
    const noNumber = buildModel({
      id: 'm',
      provider: 'p',
      pricing: { input: Number.NaN, output: 1 },
    });
    expect(noNumber.pricing).toEqual({ output: 1 });
    expect(dropped(noNumber)).toBe(1);
  });

  it('leaves out a pricing none of whose prices is a number', () => {
    const model = buildModel({ id: 'm', provider: 'p', pricing: { input: -2 } });
    expect(model.pricing).toBeUndefined();
    expect(
      (model as unknown as Record<symbol, number>)[Symbol.for('model-catalog.dropped-values')],
    ).toBe(1);
  });
});

describe('buildPricing', () => {
  it('gives the prices in the order of `ModelPricing`, whatever the order they come in', () => {
    const pricing = buildPricing({ request: 0, output: 2, input: 1, cacheRead: 0.1 });
    expect(Object.keys(pricing ?? {})).toEqual(['input', 'output', 'cacheRead', 'request', 'free']);
    expect(pricing?.free).toBe(false);
    expect(buildPricing({ input: 0, output: 0 })?.free).toBe(true);
    expect(buildPricing({ input: 0 }, null)).toEqual({ input: 0 });
    expect(buildPricing({ input: undefined })).toBeUndefined();
    expect(buildPricing({}, true)).toEqual({ free: true });
    expect(buildPricing({ input: Number.NaN })?.free).toBe(false);
  });

  it('reads only the prices it is given, whatever a polluted prototype holds', () => {
    const prototype = Object.prototype as Record<string, unknown>;
    prototype.polluted = 1;
    try {
      expect(buildPricing({ input: 0 })).toEqual({ input: 0, free: true });
      expect(buildPricing({})).toBeUndefined();
    } finally {
      delete prototype.polluted;
    }
  });
});

describe('flagsFromList', () => {
  const WORDS = { tools: ['tools', 'tool_choice'], reasoning: ['reasoning'], jsonMode: ['json'] };

  it('answers every flag of the table, in its order: yes for a listed word in any case, no otherwise', () => {
    const flags = flagsFromList(['TOOL_CHOICE', 'temperature', 7 as unknown as string], WORDS);
    expect(flags).toEqual({ tools: true, reasoning: false, jsonMode: false });
    expect(Object.keys(flags ?? {})).toEqual(['tools', 'reasoning', 'jsonMode']);
    expect(flagsFromList(['reasoning', 'json', 'tools'], WORDS)).toEqual({
      tools: true,
      reasoning: true,
      jsonMode: true,
    });
  });

  it('says nothing for no list or an empty one, and adds to the flags it is given', () => {
    expect(flagsFromList(undefined, WORDS)).toBeUndefined();
    expect(flagsFromList([], WORDS)).toBeUndefined();
    const into = { promptCaching: true };
    expect(flagsFromList(['json'], WORDS, into)).toBe(into);
    expect(inputFlags(['Image', 'text'], into)).toBe(into);
    expect(into).toEqual({
      promptCaching: true,
      tools: false,
      reasoning: false,
      jsonMode: true,
      vision: true,
      audioInput: false,
      pdfInput: false,
    });
  });

  it('gives a word that answers two flags to both', () => {
    const shared = { tools: ['functions'], structuredOutput: ['functions', 'schema'] };
    expect(flagsFromList(['functions'], shared)).toEqual({ tools: true, structuredOutput: true });
    expect(flagsFromList(['schema'], shared)).toEqual({ tools: false, structuredOutput: true });
  });
});

// Inputs on the edge of each field's quick path, where a value must take the full rules.
describe('buildModel on odd values', () => {
  const dropped = (model: object): number =>
    (model as { [DROPPED_VALUES]?: number })[DROPPED_VALUES] ?? 0;

  it.each([
    ['no number, when the lifecycle says retired', Number.NaN, 'retired'],
    [
      'an object holding a number that is none, when the lifecycle says deprecated',
      { a: Number.POSITIVE_INFINITY },
      'deprecated',
    ],
  ] as const)('counts a `deprecated` that is %s', (_what, deprecated, status) => {
    const model = buildModel({
      id: 'm',
      provider: 'p',
      deprecated: deprecated as unknown as boolean,
      lifecycle: { status },
    });
    expect(model.deprecated).toBe(true);
    expect(dropped(model)).toBe(1);
  });

  it('leaves out an object field whose `length` is 0, as an unreported value', () => {
    const model = buildModel({
      id: 'm',
      provider: 'p',
      capabilities: { length: 0 } as unknown as { tools: boolean },
    });
    // `length: 0` reads as an empty list: no value, and not counted.
    expect(model.capabilities).toBeUndefined();
    expect(dropped(model)).toBe(0);
  });

  it('stores only the fields `ModelFields` declares', () => {
    const model = buildModel({
      id: 'm',
      provider: 'p',
      knowledgeCutoff: '2024-06',
      extra: Number.NaN,
    } as unknown as Parameters<typeof buildModel>[0]);
    expect(Object.keys(model)).toEqual(['id', 'name', 'category', 'provider']);
    expect(dropped(model)).toBe(0);
  });
});
