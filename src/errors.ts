/**
 * The stable reason codes a {@link ModelCatalogError} carries.
 *
 * @example
 * ```ts
 * const { errors } = await catalog.listModels();
 * const kind: ErrorKind | undefined = errors.openai?.kind; // 'auth', 'rate_limit', ...
 * ```
 */
export type ErrorKind =
  | 'unknown_provider'
  | 'not_configured'
  | 'auth'
  | 'rate_limit'
  | 'timeout'
  | 'network'
  | 'http'
  | 'invalid_response'
  | 'aborted';

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
  private readonly [MARKER] = true;

  constructor(message: string, options: ModelCatalogErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.kind = options.kind;
    this.provider = options.provider;
    this.status = options.status;
    this.retryable = options.retryable ?? false;
  }

  /** True for any error of this library, even from another copy of the package. */
  static isInstance(error: unknown): error is ModelCatalogError {
    return typeof error === 'object' && error !== null && MARKER in error;
  }
}

/**
 * A provider id that no adapter of the catalog has. The message lists the valid ids.
 *
 * @example
 * ```ts
 * try { await catalog.listModels({ provider: 'opneai' }); }
 * catch (error) { if (error instanceof UnknownProviderError) console.log(error.validIds); }
 * ```
 */
export class UnknownProviderError extends ModelCatalogError {
  override readonly name: string = 'UnknownProviderError';
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
 * catch (error) { if (error instanceof NotConfiguredError) console.log(error.message); } // names `apiKey` and ANTHROPIC_API_KEY
 * ```
 */
export class NotConfiguredError extends ModelCatalogError {
  override readonly name: string = 'NotConfiguredError';

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
 * catch (error) { if (error instanceof ProviderRequestError && error.kind === 'rate_limit') console.log(error.retryAfterMs); }
 * ```
 */
export class ProviderRequestError extends ModelCatalogError {
  override readonly name: string = 'ProviderRequestError';
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
 * catch (error) { if (error instanceof InvalidResponseError) console.log(error.issues); } // ['data.0.id: Invalid type ...']
 * ```
 */
export class InvalidResponseError extends ModelCatalogError {
  override readonly name: string = 'InvalidResponseError';
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
