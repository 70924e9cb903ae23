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
  const node = schema as SchemaNode;
  if (node.async || node.pipe !== undefined || node.fallback !== undefined) return undefined;
  switch (node.type) {
    case 'unknown':
    case 'any':
      return () => true;
    case 'string':
      return (value) => typeof value === 'string';
    case 'number':
      return (value) => typeof value === 'number' && !Number.isNaN(value);
    case 'boolean':
      return (value) => typeof value === 'boolean';
    case 'literal': {
      const literal = node.literal;
      return (value) => value === literal;
    }
    case 'picklist': {
      const options = node.options as readonly unknown[];
      return (value) => options.includes(value);
    }
    case 'nullish':
    case 'optional':
    case 'nullable': {
      if (node.default !== undefined) return undefined;
      const wrapped = compileCheck(node.wrapped as v.GenericSchema);
      if (!wrapped) return undefined;
      const allowsNull = node.type !== 'optional';
      const allowsUndefined = node.type !== 'nullable';
      return (value) =>
        (value === null && allowsNull) ||
        (value === undefined && allowsUndefined) ||
        wrapped(value);
    }
    case 'array': {
      const item = compileCheck(node.item as v.GenericSchema);
      if (!item) return undefined;
      return (value) => {
        if (!Array.isArray(value)) return false;
        for (const entry of value) if (!item(entry)) return false;
        return true;
      };
    }
    case 'union': {
      const options: CompiledCheck[] = [];
      for (const option of node.options as readonly v.GenericSchema[]) {
        const check = compileCheck(option);
        if (!check) return undefined;
        options.push(check);
      }
      return (value) => options.some((check) => check(value));
    }
    case 'object':
    case 'loose_object':
    case 'strict_object':
      return compileObject(node);
    default:
      return undefined;
  }
}

/** What {@link compileCheck} reads of a schema: its kind and the parts valibot keeps on it. */
interface SchemaNode {
  readonly type: string;
  readonly async?: boolean;
  readonly pipe?: unknown;
  readonly fallback?: unknown;
  readonly default?: unknown;
  readonly wrapped?: unknown;
  readonly item?: unknown;
  readonly options?: unknown;
  readonly literal?: unknown;
  readonly entries?: Readonly<Record<string, v.GenericSchema>>;
}

/**
 * An object check, as valibot's: the value is any truthy object (an array too); a key the
 * schema names is checked when it is `in` the value, and may be missing only when its schema
 * is `optional` or `nullish`; a strict object has no other key.
 */
function compileObject(node: SchemaNode): CompiledCheck | undefined {
  const fields: {
    readonly key: string;
    readonly check: CompiledCheck;
    readonly optional: boolean;
  }[] = [];
  const entries = node.entries ?? {};
  for (const key in entries) {
    const schema = entries[key] as unknown as SchemaNode;
    const check = compileCheck(entries[key]!);
    if (!check) return undefined;
    fields.push({ key, check, optional: schema.type === 'optional' || schema.type === 'nullish' });
  }
  const strict = node.type === 'strict_object';
  return (value) => {
    if (!value || typeof value !== 'object') return false;
    const record = value as Record<string, unknown>;
    for (const { key, check, optional } of fields) {
      if (key in record) {
        if (!check(record[key])) return false;
      } else if (!optional) return false;
    }
    if (strict) for (const key in record) if (!Object.hasOwn(entries, key)) return false;
    return true;
  };
}
