import * as v from 'valibot';
import { InvalidResponseError } from '../errors/index.js';

/**
 * Parses a provider answer with a valibot schema. A mismatch becomes an
 * `invalid_response` error listing where it failed (paths only, never values).
 */
export function parseResponse<const TSchema extends v.GenericSchema>(
  schema: TSchema,
  data: unknown,
  provider: string,
  what = 'model list',
): v.InferOutput<TSchema> {
  const result = v.safeParse(schema, data);
  if (result.success) return result.output;
  const issues = result.issues.slice(0, 10).map((issue) => {
    const path = v.getDotPath(issue) ?? '(root)';
    return `${path}: ${issue.expected ? `expected ${issue.expected}` : issue.kind}`;
  });
  throw new InvalidResponseError(
    `${provider}: the ${what} does not have the documented shape (${issues.join('; ')}).`,
    { provider, issues },
  );
}
