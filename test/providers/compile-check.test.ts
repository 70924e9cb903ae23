import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { InvalidResponseError } from '../../src/index.js';
import { compileCheck } from '../../src/providers/compile-check.js';
import { parseResponse } from '../../src/providers/parse-response.js';

/** A schema shaped like the ones adapters read lists with. */
const ListSchema = v.object({
  data: v.array(
    v.looseObject({
      id: v.nullish(v.string()),
      created: v.nullish(v.number()),
      active: v.optional(v.boolean()),
      kind: v.nullable(v.picklist(['chat', 'embedding'])),
      object: v.nullish(v.literal('model')),
      price: v.nullish(v.union([v.string(), v.number()])),
      architecture: v.nullish(
        v.object({ input_modalities: v.nullish(v.array(v.string())), tokenizer: v.unknown() }),
      ),
      limits: v.nullish(v.strictObject({ context: v.number() })),
    }),
  ),
});

const entry = {
  id: 'acme/chat-1',
  created: 1_700_000_000,
  active: true,
  kind: 'chat',
  object: 'model',
  price: '0.000001',
  architecture: { input_modalities: ['text'], tokenizer: { any: 'thing' }, extra: 1 },
  limits: { context: 8192 },
  unknown_field: [1, 2, 3],
};

describe('compileCheck', () => {
  it.each([
    ['a complete entry', { data: [entry] }],
    ['an empty list', { data: [] }],
    ['nulls for nullish fields', { data: [{ ...entry, id: null, created: null, kind: null }] }],
    ['missing optional fields', { data: [{ kind: null }] }],
    ['an array where an object is expected (valibot takes it)', { data: [[]] }],
    ['a number price', { data: [{ ...entry, price: 3 }] }],
    ['a string id', { data: [{ ...entry, id: 'x' }] }],
    ['a wrong id type', { data: [{ ...entry, id: 5 }] }],
    ['NaN as a number', { data: [{ ...entry, created: Number.NaN }] }],
    ['undefined for an optional boolean', { data: [{ ...entry, active: undefined }] }],
    ['null for an optional (not nullish) boolean', { data: [{ ...entry, active: null }] }],
    ['undefined for a nullable picklist', { data: [{ ...entry, kind: undefined }] }],
    ['a missing nullable picklist', { data: [{ id: 'x' }] }],
    ['a word the picklist lacks', { data: [{ ...entry, kind: 'image' }] }],
    ['another literal', { data: [{ ...entry, object: 'list' }] }],
    ['a boolean price', { data: [{ ...entry, price: true }] }],
    [
      'a modality that is no string',
      { data: [{ ...entry, architecture: { input_modalities: [1] } }] },
    ],
    [
      'a strict object with another key',
      { data: [{ ...entry, limits: { context: 1, other: 2 } }] },
    ],
    ['a strict object missing its key', { data: [{ ...entry, limits: {} }] }],
    ['no data', {}],
    ['data that is no list', { data: 'models' }],
    ['a string body', 'not json'],
    ['null', null],
    ['an entry that is null', { data: [null] }],
  ])('answers as valibot does for %s', (_, value) => {
    const check = compileCheck(ListSchema);
    expect(check).toBeTypeOf('function');
    expect(check?.(value)).toBe(v.safeParse(ListSchema, value).success);
  });

  it('answers as valibot does for any value shaped more or less like a list', () => {
    const check = compileCheck(ListSchema);
    // Edge values weigh most: each is one a hand-written check easily gets wrong.
    const anyValue = fc.oneof(
      {
        arbitrary: fc.constantFrom(undefined, null, Number.NaN, Infinity, 0, '', true, [], {}),
        weight: 4,
      },
      { arbitrary: fc.constantFrom('chat', 'model', 'embedding', 'image', 'text'), weight: 2 },
      { arbitrary: fc.jsonValue(), weight: 2 },
      { arbitrary: fc.array(fc.oneof(fc.string(), fc.integer())), weight: 1 },
      {
        arbitrary: fc.dictionary(
          fc.constantFrom('context', 'other', 'input_modalities'),
          fc.jsonValue(),
        ),
        weight: 1,
      },
    );
    // A valid entry with one or two of its fields (or nested fields) replaced, removed or added.
    const fieldNames = [...Object.keys(entry), 'extra'];
    const entryLike = fc
      .array(
        fc.record({
          path: fc.oneof(
            fc.constantFrom(...fieldNames).map((key) => [key]),
            fc
              .constantFrom('input_modalities', 'tokenizer', 'extra')
              .map((key) => ['architecture', key]),
            fc.constantFrom('context', 'other').map((key) => ['limits', key]),
          ),
          value: anyValue,
          remove: fc.boolean(),
        }),
        { minLength: 1, maxLength: 2 },
      )
      .map((changes) => {
        const changed: Record<string, unknown> = structuredClone(entry);
        for (const { path, value, remove } of changes) {
          let parent = changed;
          for (const key of path.slice(0, -1)) {
            const child = parent[key];
            if (child === null || typeof child !== 'object') break;
            parent = child as Record<string, unknown>;
          }
          const key = path.at(-1) as string;
          if (remove) delete parent[key];
          else parent[key] = value;
        }
        return changed;
      });
    const listLike = fc.oneof(
      fc.record({ data: fc.array(entryLike, { maxLength: 3 }) }),
      fc.record({ data: fc.array(fc.oneof(entryLike, anyValue), { maxLength: 3 }) }),
      fc.record({ data: anyValue }),
      anyValue,
    );
    fc.assert(
      fc.property(listLike, (value) => {
        expect(check?.(value)).toBe(v.safeParse(ListSchema, value).success);
      }),
      { numRuns: 3000 },
    );
  });

  it.each([
    ['a default', v.object({ id: v.optional(v.string(), 'x') })],
    ['a nullish default', v.nullish(v.number(), 0)],
    [
      'a pipe',
      v.pipe(
        v.string(),
        v.transform((text) => text.length),
      ),
    ],
    ['a fallback', v.fallback(v.string(), 'x')],
    ['a record', v.record(v.string(), v.unknown())],
    ['a pipe inside a list', v.array(v.pipe(v.string(), v.trim()))],
  ])('leaves a schema with %s to valibot', (_, schema) => {
    expect(compileCheck(schema as v.GenericSchema)).toBeUndefined();
  });
});

describe('parseResponse', () => {
  it('parses the first answer with valibot, and from then on hands back the answer itself, not a copy', async () => {
    const body = { data: [entry] };
    const first = parseResponse(ListSchema, body, 'acme');
    // The compiled checks load with the first answer (see parseResponse): until then, valibot's copy.
    expect(first).not.toBe(body);
    expect(first.data[0]).toMatchObject({
      id: entry.id,
      price: entry.price,
      unknown_field: [1, 2, 3],
    });
    await import('../../src/providers/compile-check.js');
    await new Promise((resolve) => setTimeout(resolve, 0));
    const parsed = parseResponse(ListSchema, body, 'acme');
    expect(parsed).toBe(body);
    expect(parsed.data[0]).toBe(entry);
  });

  it('parses a schema that transforms with valibot, its output as before', () => {
    const schema = v.object({ id: v.optional(v.string(), 'unnamed') });
    expect(parseResponse(schema, {}, 'acme')).toEqual({ id: 'unnamed' });
  });

  it('names where an answer fails, with valibot issues', () => {
    const error = (() => {
      try {
        parseResponse(ListSchema, { data: [entry, { ...entry, created: 'yesterday' }] }, 'acme');
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as InvalidResponseError).issues).toEqual(['data.1.created: expected number']);
    expect((error as Error).message).not.toContain('yesterday');
  });
});
