import * as v from 'valibot';
import { loadOnce } from '../core/load-once.js';
import { InvalidResponseError } from '../errors/index.js';
import type { CompiledCheck } from './compile-check.js';

/**
 * Parses a provider answer with a valibot schema. A mismatch becomes an
 * `invalid_response` error listing where it failed (paths only, never values), from the answer's
 * top: `at` is the path of `data` in it, when an adapter parses a part (`data` of `{ data: [...] }`).
 *
 * From the second answer a program reads on, an answer that matches is returned as it is, not
 * copied: the schema's check, compiled once (see `compileCheck`, loaded with the first answer,
 * so that a program that lists once loads none of it), walks it in one pass, and valibot
 * parses only an answer that fails it, to say where. The schemas of provider answers
 * therefore never transform (no defaults, no pipes), and a plain `v.object` may keep the
 * unknown keys of the answer, as `v.looseObject` does; adapters read the fields they map and
 * never enumerate the others.
 */
export function parseResponse<const TSchema extends v.GenericSchema>(
  schema: TSchema,
  data: unknown,
  provider: string,
  what = 'model list',
  at?: string,
): v.InferOutput<TSchema> {
  let check = checks.get(schema);
  if (check === undefined && compiler) {
    check = compiler.compileCheck(schema) ?? null;
    checks.set(schema, check);
  }
  if (check?.(data)) return data as v.InferOutput<TSchema>;
  if (!compiler) void loadCompiler();
  const result = v.safeParse(schema, data);
  if (result.success) return result.output;
  const issues = result.issues.slice(0, 10).map((issue) => {
    const path = [at, v.getDotPath(issue)].filter(Boolean).join('.') || 'the body';
    return `${path}: ${issue.expected ? `expected ${issue.expected}` : issue.kind}`;
  });
  throw new InvalidResponseError(
    `${provider}: the ${what} does not have the documented shape (${issues.join('; ')}).`,
    { provider, issues },
  );
}

/** The compiled check of each schema seen, `null` for a schema valibot must parse. */
const checks = new WeakMap<v.GenericSchema, CompiledCheck | null>();
let compiler: typeof import('./compile-check.js') | undefined;
/** Loads the compiled checks once; without them, valibot parses every answer. */
const loadCompiler = loadOnce(() =>
  import('./compile-check.js').then(
    (module) => {
      compiler = module;
    },
    () => {},
  ),
);
