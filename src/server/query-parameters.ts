import { InvalidParameterError } from '../errors/invalid-parameter-error.js';
import type { TokenPageRequest } from './paginate.js';

/**
 * The first non-empty value among the named query parameters, trimmed: formats accept their
 * own name first and the handler's common one after (`limit`, then `page_size`).
 */
export function queryText(query: URLSearchParams, ...names: readonly string[]): string | undefined {
  for (const name of names) {
    const value = query.get(name)?.trim();
    if (value) return value;
  }
  return undefined;
}

/**
 * A list parameter as one comma list: every item of every value of `name`, trimmed, the empty
 * ones left out; `undefined` when none is left (`lifecycle=,` is no list, as `lifecycle=` is). A
 * repeated name (`capability=tools&capability=vision`, as most clients send a list) counts as
 * much as a comma list (`capability=tools,vision`), and so does the name with brackets
 * (`lifecycle[]=retired`, as Anthropic's SDK sends a list).
 */
export function queryList(query: URLSearchParams, name: string): string | undefined {
  const items = [...query.getAll(name), ...query.getAll(`${name}[]`)]
    .flatMap((value) => value.split(','))
    .map((item) => item.trim())
    .filter((item) => item !== '');
  return items.length > 0 ? items.join(',') : undefined;
}

/**
 * A whole number of at least 1 under the first of `names` that is given, else `undefined`;
 * anything else is an {@link InvalidParameterError} naming the name it was given under.
 */
export function queryWholeNumber(
  query: URLSearchParams,
  ...names: readonly [string, ...string[]]
): number | undefined {
  const value = queryText(query, ...names);
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < 1) {
    // Named as the request gave it (`page_size` for Anthropic's `limit`, say).
    const given = names.find((name) => queryText(query, name) !== undefined) ?? names[0];
    throw new InvalidParameterError(
      given,
      `\`${given}\` must be a whole number of at least 1, got "${value}".`,
    );
  }
  return Number(value);
}

/**
 * A number of at least 0 (decimals allowed, as prices have) under `name`, else `undefined`;
 * anything else is an {@link InvalidParameterError} naming it.
 */
export function queryNumber(query: URLSearchParams, name: string): number | undefined {
  const value = queryText(query, name);
  if (value === undefined) return undefined;
  if (!/^\d+(\.\d+)?$/.test(value)) {
    throw new InvalidParameterError(
      name,
      `\`${name}\` must be a number of at least 0, got "${value}".`,
    );
  }
  return Number(value);
}

/** `true`/`1` or `false`/`0`/empty/absent; anything else is an {@link InvalidParameterError}. */
export function queryFlag(query: URLSearchParams, name: string): boolean {
  const value = query.get(name);
  if (value === null) return false;
  const normalized = value.trim().toLowerCase();
  if (normalized === 'true' || normalized === '1') return true;
  if (normalized === 'false' || normalized === '0' || normalized === '') return false;
  throw new InvalidParameterError(name, `\`${name}\` must be true or false, got "${value}".`);
}

/**
 * The paging parameters most formats share: `page_size` and `page_token`.
 *
 * @example
 * ```ts
 * queryTokenPage(new URLSearchParams('page_size=100')); // { pageSize: 100, pageToken: undefined }
 * ```
 */
export function queryTokenPage(query: URLSearchParams): TokenPageRequest {
  return {
    pageSize: queryWholeNumber(query, 'page_size'),
    pageToken: queryText(query, 'page_token'),
  };
}
