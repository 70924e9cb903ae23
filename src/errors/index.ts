import type { ErrorKind, ProviderErrorInfo } from '../types.js';
import { redactSecrets } from './redact.js';

const MARKER = Symbol.for('model-catalog.error');

/** Fields shared by every error of this library. */
export interface ModelCatalogErrorOptions {
  readonly kind: ErrorKind;
  readonly provider?: string | undefined;
  readonly status?: number | undefined;
  readonly retryable?: boolean | undefined;
  readonly cause?: unknown;
}

/**
 * The base class of every error this library throws or reports. Check with
 * {@link ModelCatalogError.isInstance}, which also works across duplicate copies of the package.
 *
 * @example
 * ```ts
 * try { await listModels({ provider: 'openai' }); }
 * catch (error) { if (ModelCatalogError.isInstance(error)) console.log(error.kind, error.status); }
 * ```
 */
export class ModelCatalogError extends Error {
  override readonly name: string = 'ModelCatalogError';
  /** Why it failed; stable across versions. */
  readonly kind: ErrorKind;
  /** The provider id the error concerns, when there is one. */
  readonly provider: string | undefined;
  /** The HTTP status the provider answered with, when there was one. */
  readonly status: number | undefined;
  /** True when trying again later may succeed (network, timeout, 408, 429, 5xx). */
  readonly retryable: boolean;
  // biome-ignore lint/correctness/noUnusedPrivateClassMembers: read by `isInstance` through `in`.
  private readonly [MARKER] = true;

  constructor(message: string, options: ModelCatalogErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.kind = options.kind;
    this.provider = options.provider;
    this.status = options.status;
    this.retryable = options.retryable ?? false;
  }

  /** The `name` of this class's errors; {@link ModelCatalogError.isInstance} on a subclass matches it. */
  static readonly errorName: string = 'ModelCatalogError';

  /**
   * True for an error of this class, even from another copy of the package: on
   * `ModelCatalogError` any error of this library, on a subclass only that subclass.
   */
  static isInstance<T extends abstract new (...args: never[]) => ModelCatalogError>(
    this: T & { readonly errorName: string },
    error: unknown,
  ): error is InstanceType<T> {
    if (typeof error !== 'object' || error === null || !(MARKER in error)) return false;
    // `this` is the class `isInstance` was called on: a subclass matches only its own errors.
    // `this` is the class called on; unbound (`errors.filter(X.isInstance)`) it is the base class.
    // biome-ignore lint/complexity/noThisInStatic: the subclass called on decides what matches.
    const wanted = (this as { errorName?: string } | undefined)?.errorName ?? 'ModelCatalogError';
    return wanted === 'ModelCatalogError' || (error as { name?: unknown }).name === wanted;
  }
}

/**
 * A provider id that no adapter of the catalog has. The message lists the valid ids.
 *
 * @example
 * ```ts
 * try { await catalog.listModels({ provider: 'opneai' }); }
 * catch (error) { if (UnknownProviderError.isInstance(error)) console.log(error.validIds); }
 * ```
 */
export class UnknownProviderError extends ModelCatalogError {
  override readonly name: string = 'UnknownProviderError';
  static override readonly errorName: string = 'UnknownProviderError';
  /** The ids the catalog knows. */
  readonly validIds: readonly string[];

  constructor(provider: string, validIds: readonly string[]) {
    super(`Unknown provider "${provider}". Valid providers: ${validIds.join(', ') || '(none)'}.`, {
      kind: 'unknown_provider',
      provider,
    });
    this.validIds = validIds;
  }
}

/**
 * A provider that lacks a required credential or endpoint. The message names
 * the factory option and the environment variables that would configure it.
 *
 * @example
 * ```ts
 * try { await catalog.listModels({ provider: 'anthropic' }); }
 * catch (error) { if (NotConfiguredError.isInstance(error)) console.log(error.message); } // names `apiKey` and ANTHROPIC_API_KEY
 * ```
 */
export class NotConfiguredError extends ModelCatalogError {
  override readonly name: string = 'NotConfiguredError';
  static override readonly errorName: string = 'NotConfiguredError';

  constructor(provider: string, message: string) {
    super(message, { kind: 'not_configured', provider });
  }
}

/**
 * A provider request that failed: authentication, rate limit, timeout,
 * network failure or another HTTP error status.
 *
 * @example
 * ```ts
 * try { await catalog.listModels({ provider: 'openai' }); }
 * catch (error) { if (ProviderRequestError.isInstance(error) && error.kind === 'rate_limit') console.log(error.retryAfterMs); }
 * ```
 */
export class ProviderRequestError extends ModelCatalogError {
  override readonly name: string = 'ProviderRequestError';
  static override readonly errorName: string = 'ProviderRequestError';
  /** Milliseconds the provider asked us to wait (`Retry-After`), when it said. */
  readonly retryAfterMs: number | undefined;

  constructor(
    message: string,
    options: ModelCatalogErrorOptions & { readonly retryAfterMs?: number | undefined },
  ) {
    super(message, options);
    this.retryAfterMs = options.retryAfterMs;
  }
}

/**
 * A provider answer that is not what its API documents: not JSON, HTML, or the wrong shape.
 *
 * @example
 * ```ts
 * try { await catalog.listModels({ provider: 'my-server' }); }
 * catch (error) { if (InvalidResponseError.isInstance(error)) console.log(error.issues); } // ['data.0.id: Invalid type ...']
 * ```
 */
export class InvalidResponseError extends ModelCatalogError {
  override readonly name: string = 'InvalidResponseError';
  static override readonly errorName: string = 'InvalidResponseError';
  /** Where the answer did not match, as `path: message` lines (no values). */
  readonly issues: readonly string[];

  constructor(
    message: string,
    options: {
      provider?: string | undefined;
      status?: number | undefined;
      issues?: readonly string[];
      cause?: unknown;
    },
  ) {
    super(message, { ...options, kind: 'invalid_response' });
    this.issues = options.issues ?? [];
  }
}

/** The plain, secret-free form of an error used in results. */
export function describeError(error: unknown, provider?: string): ProviderErrorInfo {
  if (ModelCatalogError.isInstance(error)) {
    const retryAfterMs = (error as { retryAfterMs?: unknown }).retryAfterMs;
    return {
      kind: error.kind,
      message: error.message,
      ...(error.status ? { status: error.status } : {}),
      ...(typeof retryAfterMs === 'number' ? { retryAfterMs } : {}),
    };
  }
  return {
    kind: 'invalid_response',
    message: `${provider ? `${provider}: ` : ''}${errorMessage(error)}`,
  };
}

/** The error a cancelled call rejects with. */
export function abortError(provider: string | undefined, reason: unknown): ModelCatalogError {
  return new ModelCatalogError(`${provider ? `${provider}: ` : ''}listing was aborted.`, {
    kind: 'aborted',
    provider,
    cause: reason,
  });
}

/** Any thrown value as a {@link ModelCatalogError}; foreign ones become `invalid_response`. */
export function asCatalogError(error: unknown, provider: string): ModelCatalogError {
  return ModelCatalogError.isInstance(error)
    ? error
    : new InvalidResponseError(`${provider}: ${errorMessage(error)}`, {
        provider,
        cause: error,
      });
}

/**
 * The error of a failed listing, fit to show: an abort says so, secrets are removed from
 * message and stack, and a foreign error becomes `invalid_response`.
 */
export function scrubError(
  error: unknown,
  provider: string,
  secrets: readonly string[],
  signal: AbortSignal,
): ModelCatalogError {
  if (signal.aborted && !(ModelCatalogError.isInstance(error) && error.kind === 'aborted')) {
    return abortError(provider, signal.reason);
  }
  if (ModelCatalogError.isInstance(error)) {
    return redactError(error, secrets);
  }
  const message = errorMessage(error);
  return new ModelCatalogError(`${provider}: ${redactSecrets(message, secrets)}`, {
    kind: 'invalid_response',
    provider,
    // An original that quotes a secret would carry it along as `cause`; drop it then.
    cause: secrets.some((secret) => message.includes(secret)) ? undefined : error,
  });
}

/** The message of any thrown value. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Removes secrets from an error's message and stack, in place, and returns it. */
export function redactError<T extends Error>(error: T, secrets: readonly string[]): T {
  if (secrets.some((secret) => error.message.includes(secret) || error.stack?.includes(secret))) {
    error.message = redactSecrets(error.message, secrets);
    if (error.stack) error.stack = redactSecrets(error.stack, secrets);
  }
  return error;
}
export { InvalidParameterError } from './invalid-parameter-error.js';
