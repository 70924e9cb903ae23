import { readFileSync } from 'node:fs';

/** Reads `test/fixtures/<provider>/<name>` as parsed JSON. */
export function fixture<T = unknown>(provider: string, name: string): T {
  return JSON.parse(
    readFileSync(new URL(`../fixtures/${provider}/${name}`, import.meta.url), 'utf8'),
  ) as T;
}
