import type { ProviderErrorInfo } from '../types.js';
import { AdapterError } from './adapter-error.js';
import { createError, type ErrorFields, errorNameOf } from './create-error.js';
import { ListingAbortedError } from './listing-aborted-error.js';
import { ModelCatalogError } from './model-catalog-error.js';
import { cutText, redactSecrets } from './redact.js';

/** What {@link toCatalogError} knows of where an error came from. */
export interface ErrorContext {
  /** The provider whose listing failed. */
  readonly provider?: string | undefined;
  /** Values scrubbed from the message and stack (keys, tokens, header values). */
  readonly secrets?: readonly string[] | undefined;
  /** The caller's signal: once it has aborted, any failure is reported as `aborted`. */
  readonly signal?: AbortSignal | undefined;
}

/**
 * The one way anything thrown becomes an error of this library, fit to show:
 * - after the caller's signal aborted, an `aborted` {@link ListingAbortedError};
 * - an error of this library, of the class its kind decides (an adapter's plain
 *   `ModelCatalogError` with kind `auth` becomes a `ProviderRequestError`);
 * - anything else, such as a plain `Error` from a hand-written adapter, an {@link AdapterError}
 *   (kind `adapter`): a crashing adapter is not blamed on the provider.
 * Secrets are removed from the message and stack; a foreign cause that quotes one is dropped.
 */
export function toCatalogError(error: unknown, context: ErrorContext = {}): ModelCatalogError {
  const { provider, secrets = [], signal } = context;
  const prefix = provider ? `${provider}: ` : '';
  if (signal?.aborted && !(ModelCatalogError.isInstance(error) && error.kind === 'aborted')) {
    return new ListingAbortedError(`${prefix}listing was aborted.`, {
      provider,
      cause: signal.reason,
    });
  }
  if (ModelCatalogError.isInstance(error)) {
    scrubInPlace(error, secrets);
    // A cause is printed with the error (`console.error`, `util.inspect`): one quoting a secret goes.
    if (quotesSecret(error.cause, secrets)) {
      Object.defineProperty(error, 'cause', {
        value: undefined,
        configurable: true,
        writable: true,
      });
    }
    const wanted = errorNameOf(error.kind);
    if (error.name === wanted) return error;
    // A plain `ModelCatalogError`, or a subclass with a kind of another class: the kind decides.
    // Its own fields (issues, validIds, parameter, status, ...) carry over.
    return createError(wanted ? error.kind : 'adapter', error.message, {
      ...(error as ErrorFields),
      provider: error.provider ?? provider,
      cause: error,
    });
  }
  const adapterError = new AdapterError(`${prefix}${errorMessage(error)}`, {
    provider,
    // An original that quotes a secret, or has a cause that does, would carry it along: dropped.
    cause: quotesSecret(error, secrets) ? undefined : error,
  });
  scrubInPlace(adapterError, secrets);
  return adapterError;
}

/**
 * The plain, secret-free form of an error, as results carry it (`errors`, `status.error`).
 *
 * @example
 * ```ts
 * const info = describeError(error, 'openai'); // { kind: 'timeout', message: 'openai: ...' }
 * ```
 */
export function describeError(error: unknown, provider?: string): ProviderErrorInfo {
  const { kind, message, status, retryAfterMs } = toCatalogError(error, { provider });
  return {
    kind,
    message,
    ...(status ? { status } : {}),
    // Only a wait that is a number: an adapter's own error may carry Infinity (JSON's null).
    ...(retryAfterMs !== undefined && retryAfterMs >= 0 && retryAfterMs < Infinity
      ? { retryAfterMs }
      : {}),
  };
}

/** The message of any thrown value: an object's own `message` too, not `[object Object]`. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  const message = (error as { message?: unknown } | null | undefined)?.message;
  if (typeof message === 'string') return message;
  try {
    return String(error);
  } catch {
    return 'a thrown value that is no error'; // `Object.create(null)` has no `toString`
  }
}

/**
 * True when a thrown value, or a cause under it (five deep), quotes a secret or anything shaped
 * like a credential (see `redactSecrets`) in its message, its stack or, for a value that is no
 * error, its JSON.
 */
function quotesSecret(value: unknown, secrets: readonly string[], depth = 0): boolean {
  if (value === undefined || value === null || depth > 5) return false;
  let text = '';
  try {
    // An error's own properties too: `util.inspect` and `console.error` print them (the request
    // an HTTP client's error carries, headers and all).
    if (value instanceof Error) text = `${value.message}\n${value.stack ?? ''}\n${jsonOf(value)}`;
    else text = typeof value === 'object' ? jsonOf(value) : String(value);
  } catch {
    text = errorMessage(value); // a getter that throws
  }
  if (redactSecrets(text, secrets) !== text) return true;
  return value instanceof Error && quotesSecret(value.cause, secrets, depth + 1);
}

/**
 * The JSON of a value's own enumerable properties, as far as printing it would show them:
 * nested errors with their messages, `Headers`, `Request`s and `Response`s with their URLs and
 * headers, `Map`s; a value seen before (a cycle) once.
 */
function jsonOf(value: object): string {
  const seen = new WeakSet<object>();
  return (
    JSON.stringify(value instanceof Error ? { ...value } : value, (_key, item: unknown) => {
      if (typeof item === 'bigint') return String(item);
      if (typeof item !== 'object' || item === null) return item;
      if (seen.has(item)) return '[seen]';
      seen.add(item);
      if (typeof Headers !== 'undefined' && item instanceof Headers) return [...item.entries()];
      if (
        (typeof Request !== 'undefined' && item instanceof Request) ||
        (typeof Response !== 'undefined' && item instanceof Response)
      ) {
        return { url: item.url, headers: [...item.headers.entries()] };
      }
      if (item instanceof Map) return [...item.entries()];
      if (item instanceof Error) return { ...item, message: item.message };
      return item;
    }) ?? ''
  );
}

/** The longest message an error of this library carries; quoted provider text is cut well before. */
const MAX_MESSAGE_LENGTH = 1000;

/**
 * Removes secrets, and anything shaped like a credential, from an error's message and stack,
 * then cuts a message longer than {@link MAX_MESSAGE_LENGTH} (scrubbed first, so that half a
 * secret never survives the cut).
 */
function scrubInPlace(error: Error, secrets: readonly string[]): void {
  const original = error.message;
  const message = cutText(redactSecrets(original, secrets), MAX_MESSAGE_LENGTH);
  if (message !== original) error.message = message;
  if (error.stack) {
    const stack = redactSecrets(error.stack.replace(original, message), secrets);
    if (stack !== error.stack) error.stack = stack;
  }
}
