import type * as v from 'valibot';

/** A check compiled from a schema: true exactly when valibot would parse the value. */
export type CompiledCheck = (value: unknown) => boolean;

/**
 * Compiles a valibot schema into a check that copies nothing: true exactly when `v.safeParse`
 * succeeds, for the schemas provider answers are read with (objects, loose and strict objects,
 * arrays, unions, `nullish`, `optional`, `nullable`, strings, numbers, booleans, literals,
 * picklists, `unknown`). A schema whose output is not its input (a default, a fallback, a pipe
 * that may transform, a record, which drops keys such as `__proto__`) or of any other kind
 * gives `undefined`: such a schema is parsed by valibot.
 *
 * valibot's parse builds a copy of every object and array it checks; on a list of hundreds of
 * models that copy is most of the cost of reading it. The check walks the same fields in one
 * pass, and the caller keeps the parsed JSON itself (with its unknown keys, which a plain
 * `v.object` would have dropped).
 */
export function compileCheck(schema: v.GenericSchema): CompiledCheck | undefined {
  const node = compileNode(schema as unknown as SchemaNode);
  return node && ((value) => matches(node, value));
}

/** What {@link compileCheck} reads of a schema: its kind and the parts valibot keeps on it. */
interface SchemaNode {
  readonly type: string;
  readonly async?: boolean;
  readonly pipe?: unknown;
  readonly fallback?: unknown;
  readonly default?: unknown;
  readonly wrapped?: SchemaNode;
  readonly item?: SchemaNode;
  readonly options?: readonly unknown[];
  readonly literal?: unknown;
  readonly entries?: Readonly<Record<string, SchemaNode>>;
}

/**
 * A compiled schema: what it says of `null` and `undefined`, and of any other value either a
 * `typeof` (the common leaves, tested inline) or a `check`; neither means any value passes.
 */
interface Node {
  readonly acceptsNull: boolean;
  readonly acceptsUndefined: boolean;
  readonly primitive: 'string' | 'number' | 'boolean' | undefined;
  readonly check: CompiledCheck | undefined;
}

function matches(node: Node, value: unknown): boolean {
  if (value === null) return node.acceptsNull;
  if (value === undefined) return node.acceptsUndefined;
  if (node.primitive !== undefined) {
    // valibot's number is no NaN.
    return typeof value === node.primitive && (node.primitive !== 'number' || !Number.isNaN(value));
  }
  return node.check === undefined || node.check(value);
}

function compileNode(schema: SchemaNode): Node | undefined {
  if (schema.async || schema.pipe !== undefined || schema.fallback !== undefined) return undefined;
  switch (schema.type) {
    case 'unknown':
    case 'any':
      return { acceptsNull: true, acceptsUndefined: true, primitive: undefined, check: undefined };
    case 'string':
    case 'number':
    case 'boolean':
      return {
        acceptsNull: false,
        acceptsUndefined: false,
        primitive: schema.type,
        check: undefined,
      };
    case 'literal': {
      const literal = schema.literal;
      return valueCheck((value) => value === literal);
    }
    case 'picklist': {
      const options = schema.options ?? [];
      return {
        acceptsNull: options.includes(null),
        acceptsUndefined: options.includes(undefined),
        primitive: undefined,
        check: (value) => options.includes(value),
      };
    }
    case 'nullish':
    case 'optional':
    case 'nullable': {
      if (schema.default !== undefined || !schema.wrapped) return undefined;
      const wrapped = compileNode(schema.wrapped);
      if (!wrapped) return undefined;
      return {
        ...wrapped,
        acceptsNull: schema.type !== 'optional' || wrapped.acceptsNull,
        acceptsUndefined: schema.type !== 'nullable' || wrapped.acceptsUndefined,
      };
    }
    case 'array':
      return schema.item && compileArray(schema.item);
    case 'union':
      return compileUnion(schema.options as readonly SchemaNode[] | undefined);
    case 'object':
    case 'loose_object':
    case 'strict_object':
      return compileObject(schema);
    default:
      return undefined;
  }
}

/** A node for values that are never `null` or `undefined`, tested by `check`. */
function valueCheck(check: CompiledCheck): Node {
  return { acceptsNull: false, acceptsUndefined: false, primitive: undefined, check };
}

function compileArray(itemSchema: SchemaNode): Node | undefined {
  const item = compileNode(itemSchema);
  if (!item) return undefined;
  const { primitive } = item;
  // A list of strings (the common one: modalities, parameters) is checked inline.
  if (primitive === 'string' && !item.acceptsNull && !item.acceptsUndefined) {
    return valueCheck((value) => {
      if (!Array.isArray(value)) return false;
      for (let index = 0; index < value.length; index++) {
        if (typeof value[index] !== 'string') return false;
      }
      return true;
    });
  }
  return valueCheck((value) => {
    if (!Array.isArray(value)) return false;
    for (let index = 0; index < value.length; index++) {
      if (!matches(item, value[index])) return false;
    }
    return true;
  });
}

function compileUnion(optionSchemas: readonly SchemaNode[] | undefined): Node | undefined {
  const options: Node[] = [];
  for (const option of optionSchemas ?? []) {
    const node = compileNode(option);
    if (!node) return undefined;
    options.push(node);
  }
  return {
    acceptsNull: options.some((option) => option.acceptsNull),
    acceptsUndefined: options.some((option) => option.acceptsUndefined),
    primitive: undefined,
    check: (value) => options.some((option) => matches(option, value)),
  };
}

/** One field of an object schema, compiled. */
interface Field {
  readonly key: string;
  readonly node: Node;
  /** The key may be missing (`optional` and `nullish` fields, as valibot has it). */
  readonly optional: boolean;
}

/**
 * An object check, as valibot's: the value is any truthy object (an array too); a key the
 * schema names is checked when it is `in` the value, and may be missing only when its schema
 * is `optional` or `nullish`; a strict object has no other key. Fields that take anything and
 * may be missing are not looked at.
 */
function compileObject(schema: SchemaNode): Node | undefined {
  const entries = schema.entries ?? {};
  const fields: Field[] = [];
  for (const key in entries) {
    const entry = entries[key]!;
    const node = compileNode(entry);
    if (!node) return undefined;
    const optional = entry.type === 'optional' || entry.type === 'nullish';
    const takesAnything =
      node.acceptsNull &&
      node.acceptsUndefined &&
      node.primitive === undefined &&
      node.check === undefined;
    if (!(optional && takesAnything)) fields.push({ key, node, optional });
  }
  const strict = schema.type === 'strict_object';
  return valueCheck((value) => {
    if (!value || typeof value !== 'object') return false;
    const record = value as Record<string, unknown>;
    for (let index = 0; index < fields.length; index++) {
      const field = fields[index]!;
      // One lookup for a key that is there (most are); `in` only tells a missing key from an
      // undefined one.
      const fieldValue = record[field.key];
      if (fieldValue !== undefined || field.key in record) {
        if (!matches(field.node, fieldValue)) return false;
      } else if (!field.optional) return false;
    }
    if (strict) for (const key in record) if (!Object.hasOwn(entries, key)) return false;
    return true;
  });
}
