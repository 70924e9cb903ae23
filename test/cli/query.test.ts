import { describe, expect, it } from 'vitest';
import {
  capabilitiesOf,
  capabilityList,
  isFree,
  parseCapabilities,
  parseCategories,
  parsePrice,
  parseSort,
  parseTokenCount,
  QueryValueError,
  queryModels,
  sortBy,
} from '../../src/cli/query.js';
import { filterModels, type Model } from '../../src/index.js';

const model = (id: string, extra: Partial<Model> & Record<string, unknown> = {}): Model => ({
  id,
  name: id,
  category: 'chat',
  provider: 'test',
  ...extra,
});

describe('capabilitiesOf', () => {
  it.each([
    ['tools from supported parameters', { supportedParameters: ['tool_choice'] }, ['tools']],
    [
      'vision and audio from input modalities',
      { inputModalities: ['text', 'image', 'audio'] },
      ['vision', 'audioInput'],
    ],
    ['PDF input from file input', { inputModalities: ['file'] }, ['pdfInput']],
    [
      'reasoning, JSON mode and structured output',
      { supportedParameters: ['include_reasoning', 'response_format', 'structured_outputs'] },
      ['reasoning', 'structuredOutput', 'jsonMode'],
    ],
    [
      'prompt caching from a cache price',
      { pricing: { input: 1, cacheRead: 0.1 } },
      ['promptCaching'],
    ],
    ['nothing when nothing is reported', {}, []],
  ])('reads %s', (_, extra, expected) => {
    expect(capabilityList(model('m', extra))).toEqual(expected);
  });

  it('prefers model.capabilities where it states a capability, and infers the rest', () => {
    const stated = model('m', {
      supportedParameters: ['tools', 'reasoning'],
      // A malformed flag (from a hand-written adapter or an old cache file) is ignored.
      capabilities: {
        tools: false,
        vision: true,
        jsonMode: 'yes',
      } as unknown as NonNullable<Model['capabilities']>,
    });
    expect(capabilitiesOf(stated)).toEqual({ tools: false, vision: true, reasoning: true });
    expect(capabilityList(stated)).toEqual(['vision', 'reasoning']);
  });
});

describe('isFree', () => {
  it.each([
    [{ pricing: { input: 0, output: 0 } }, true],
    [{ pricing: { input: 0 } }, true],
    [{ pricing: { input: 0, output: 0.1 } }, false],
    [{ pricing: { free: true, input: 1 } }, true],
    [{ pricing: { image: 0 } }, false],
    [{}, false],
  ])('%j is free: %s', (extra, expected) => {
    expect(isFree(model('m', extra as Partial<Model>))).toBe(expected);
  });
});

describe('queryModels', () => {
  const models = [
    model('big', {
      contextLength: 1_000_000,
      pricing: { input: 3 },
      supportedParameters: ['tools'],
    }),
    model('small', {
      contextLength: 8_000,
      pricing: { input: 0.1 },
      description: 'Fast and small',
    }),
    model('embed', { category: 'embedding', pricing: { input: 0 } }),
    model('unknown'),
  ];
  const ids = (list: Model[]) => list.map((entry) => entry.id);

  it('leaves out models that do not report what a filter needs', () => {
    expect(ids(queryModels(models, { minContext: 1 }))).toEqual(['big', 'small']);
    expect(ids(queryModels(models, { maxPrice: 1 }))).toEqual(['small', 'embed']);
    expect(ids(queryModels(models, { capabilities: ['tools'] }))).toEqual(['big']);
  });

  it('counts a model marked free that reports no price as costing 0 under --max-price, as the handler does', () => {
    const listed = [...models, model('free-tier', { pricing: { free: true } })];
    expect(ids(queryModels(listed, { maxPrice: 1 }))).toEqual(['small', 'embed', 'free-tier']);
    expect(ids(filterModels(listed, { maxInputPrice: 1 }))).toEqual([
      'small',
      'embed',
      'free-tier',
    ]);
  });

  it('combines every filter and the search words', () => {
    expect(ids(queryModels(models, { categories: ['chat'], search: 'FAST small' }))).toEqual([
      'small',
    ]);
    expect(ids(queryModels(models, { free: true }))).toEqual(['embed']);
    expect(ids(queryModels(models, {}))).toEqual(ids(models));
  });

  it('sorts text by code units, the same in every locale', () => {
    const models = [model('aardvark'), model('Zeta'), model('zebra'), model('Ångström')];
    const ids = sortBy(models, { key: 'id', direction: 'asc' }).map((each) => each.id);
    expect(ids).toEqual(['Zeta', 'aardvark', 'zebra', 'Ångström']);
  });

  it('sorts with unknown values last in both directions, keeping ties in order', () => {
    expect(ids(sortBy(models, { key: 'price', direction: 'asc' }))).toEqual([
      'embed',
      'small',
      'big',
      'unknown',
    ]);
    expect(ids(sortBy(models, { key: 'price', direction: 'desc' }))).toEqual([
      'big',
      'small',
      'embed',
      'unknown',
    ]);
    expect(ids(sortBy(models, { key: 'context', direction: 'asc' }))).toEqual([
      'small',
      'big',
      'embed',
      'unknown',
    ]);
  });
});

describe('reading option values', () => {
  it.each([
    ['price', { key: 'price', direction: 'asc' }],
    ['context', { key: 'context', direction: 'desc' }],
    ['Context:ASC', { key: 'context', direction: 'asc' }],
    ['created', { key: 'created', direction: 'desc' }],
    ['output-price:desc', { key: 'output-price', direction: 'desc' }],
  ])('--sort %s', (text, expected) => {
    expect(parseSort(text)).toEqual(expected);
  });

  it.each([
    ['32000', 32000],
    ['128k', 128000],
    ['1M', 1000000],
    ['1.5m', 1500000],
    ['200_000', 200000],
  ])('--min-context %s', (text, expected) => {
    expect(parseTokenCount('min-context', text)).toBe(expected);
  });

  it('reads prices, categories and capabilities in their usual spellings', () => {
    expect(parsePrice('max-price', '$0.5')).toBe(0.5);
    expect(parseCategories('chat, Embedding')).toEqual(['chat', 'embedding']);
    expect(parseCapabilities('tools,pdf-input,structured_output,caching')).toEqual([
      'tools',
      'pdfInput',
      'structuredOutput',
      'promptCaching',
    ]);
  });

  it.each([
    () => parseSort('size'),
    () => parseSort('price:up'),
    () => parseTokenCount('min-context', 'big'),
    () => parsePrice('max-price', 'free'),
    () => parsePrice('max-price', ''),
    () => parseCategories('music'),
    () => parseCapabilities('telepathy'),
  ])('refuses a value it cannot read (%#)', (read) => {
    expect(read).toThrow(QueryValueError);
  });
});
