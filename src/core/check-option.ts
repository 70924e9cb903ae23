import { closestIds } from '../errors/unknown-provider-error.js';

/**
 * The checks every options object of this library uses: each throws a `TypeError` that
 * names the option in backticks and the value it got.
 */

/**
 * Throws a `TypeError` when `options` is no object (its value unsaid: `openai('sk-...')` would
 * quote a key), and for a key of `options` that is none of `names` (`timeout` for
 * `timeoutMs`), suggesting the closest name and listing them all: a misspelled option is a
 * mistake to say, not a default to apply silently. A call compiles only while `names` holds every
 * option of `Options`: an option added to the type and not to the list fails to build.
 */
export function checkOptionNames<Options extends object, const Names extends readonly string[]>(
  where: string,
  options: Options,
  names: Names & (Exclude<keyof Options, Names[number]> extends never ? unknown : never),
): void {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new TypeError(`${where} options must be an object, got ${typeOf(options)}.`);
  }
  for (const name of Object.keys(options)) {
    if (names.includes(name)) continue;
    // A spelling apart, else a name the given one starts with (`directory` for `dir`).
    const closest =
      closestIds(name, names)[0] ??
      names.find(
        (option) => option.length > 2 && name.toLowerCase().startsWith(option.toLowerCase()),
      );
    throw new TypeError(
      `\`${name.slice(0, 100)}\` is not an option of ${where}.${closest ? ` Did you mean \`${closest}\`?` : ''} The options are ${names.join(', ')}.`,
    );
  }
}

/** A finite number from `minimum` (to `maximum`, when given). */
export function checkNumber(
  name: string,
  value: unknown,
  minimum: number,
  maximum?: number,
): number {
  const tooLarge = maximum !== undefined && (value as number) > maximum;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < minimum || tooLarge) {
    const range =
      maximum === undefined ? `of at least ${minimum}` : `from ${minimum} to ${maximum}`;
    throw optionError(name, `a finite number ${range}`, value);
  }
  return value;
}

/** A whole number of at least 0. */
export function checkInteger(name: string, value: unknown): number {
  if (!Number.isInteger(value) || (value as number) < 0) {
    throw optionError(name, 'a whole number of at least 0', value);
  }
  return value as number;
}

/** `true` or `false`. */
export function checkBoolean(name: string, value: unknown): boolean {
  if (typeof value !== 'boolean') throw optionError(name, 'true or false', value);
  return value;
}

/** One of a fixed list of values. */
export function checkOneOf<const T extends string>(
  name: string,
  value: unknown,
  allowed: readonly T[],
): T {
  if (!allowed.includes(value as T)) {
    throw optionError(name, `one of ${allowed.join(', ')}`, value);
  }
  return value as T;
}

/** A function, or undefined. */
export function checkFunction<T>(name: string, value: T | undefined): T | undefined {
  if (value !== undefined && typeof value !== 'function') {
    throw new TypeError(`\`${name}\` must be a function.`);
  }
  return value;
}

/** The `TypeError` of an option `name` that is not `expected`, quoting the value it got: `` `name` must be <expected>, got <value>. `` */
export function optionError(name: string, expected: string, value: unknown): TypeError {
  // A string quoted: `got "false"` for the text, where `got false` would read as the boolean.
  const shown = typeof value === 'string' ? JSON.stringify(value.slice(0, 100)) : String(value);
  return new TypeError(`\`${name}\` must be ${expected}, got ${shown}.`);
}

const PROVIDER_ID_PATTERN = /^[a-z0-9][a-z0-9._-]*$/;
/** What a provider id may hold, as the messages about a bad one say. */
const PROVIDER_ID_RULE =
  'lower-case letters, digits, ".", "_" and "-", starting with a letter or digit';

/** Throws a `TypeError` unless the id is safe as a file name: `^[a-z0-9][a-z0-9._-]*$`. */
export function assertProviderId(providerId: string): void {
  if (
    typeof providerId !== 'string' ||
    !PROVIDER_ID_PATTERN.test(providerId) ||
    providerId.includes('..')
  ) {
    throw new TypeError(
      `Invalid provider id ${JSON.stringify(providerId)}: use ${PROVIDER_ID_RULE}.`,
    );
  }
}

/** A provider id, then for an account other than the catalog's own `@` and its fingerprint. */
const CACHE_KEY_PATTERN = /^([a-z0-9][a-z0-9._-]*)(?:@[0-9a-f]+)?$/;

/**
 * Throws a `TypeError` unless the key is one the catalog writes: a provider id, or
 * `<provider id>@<fingerprint>`; safe as a file name. Returns the provider id.
 */
export function assertCacheKey(key: string): string {
  const providerId = typeof key === 'string' ? CACHE_KEY_PATTERN.exec(key)?.[1] : undefined;
  if (providerId === undefined || providerId.includes('..')) {
    throw new TypeError(
      `Invalid cache key ${JSON.stringify(key)}: use a provider id (${PROVIDER_ID_RULE}), optionally followed by "@" and a hexadecimal account fingerprint.`,
    );
  }
  return providerId;
}

/** A DNS label: what an option may be when it becomes part of a host name (a region, a resource name). */
const HOST_LABEL_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;

/**
 * Checks the value a provider setting was given in code: a string or nothing (a key that is a
 * number or an object is a mistake), and, for a setting that becomes part of a host name
 * (`format: 'host-label'`), a DNS label, so that `attacker.example?` never reaches a URL.
 * Returns the problem, or undefined.
 */
export function settingProblem(
  setting: { readonly option: string; readonly format?: 'host-label' | undefined },
  value: unknown,
): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string')
    return `\`${setting.option}\` must be a string, got ${typeOf(value)}.`;
  if (
    setting.format === 'host-label' &&
    value.trim() !== '' &&
    !HOST_LABEL_PATTERN.test(value.trim())
  ) {
    return `\`${setting.option}\` becomes part of a host name and must be a DNS label (letters, digits and inner hyphens, at most 63), got ${JSON.stringify(value.slice(0, 100))}.`;
  }
  return undefined;
}

/** Throws a `TypeError` unless `headers` is an object of string values, naming the bad one. */
export function checkHeaders(where: string, headers: unknown): void {
  if (headers === undefined) return;
  if (typeof headers !== 'object' || headers === null || Array.isArray(headers)) {
    throw new TypeError(
      `${where}\`headers\` must be an object of header values, got ${typeOf(headers)}.`,
    );
  }
  for (const [name, value] of Object.entries(headers)) {
    if (typeof value !== 'string') {
      throw new TypeError(`${where}\`headers.${name}\` must be a string, got ${typeOf(value)}.`);
    }
  }
}

/** How a message names the type of a value: `null` and `an array` apart from `object`. */
export function typeOf(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
}
