import type { ErrorKind } from '../types.js';

/** Set on every error of this library, so checks work across duplicate copies of the package. */
const MARKER: unique symbol = Symbol.for('model-catalog.error');

/**
 * Fields shared by every error of this library.
 *
 * @example
 * ```ts
 * const options: ModelCatalogErrorOptions = { kind: 'http', provider: 'my-server', status: 502, retryable: true };
 * throw new ModelCatalogError('my-server: the gateway failed', options); // reported as a ProviderRequestError
 * ```
 */
export interface ModelCatalogErrorOptions {
  /** Why it failed; the catalog reports the error as the class of this kind. */
  readonly kind: ErrorKind;
  /** The provider id, when one provider failed. */
  readonly provider?: string | undefined;
  /** The HTTP status, when the provider answered. */
  readonly status?: number | undefined;
  /** True when trying again later may succeed. Default: false. */
  readonly retryable?: boolean | undefined;
  /**
   * Milliseconds the provider asked us to wait (`Retry-After`), when it said; anything but a
   * number >= 0 is dropped.
   */
  readonly retryAfterMs?: number | undefined;
  /** The error this one wraps. */
  readonly cause?: unknown | undefined;
}

/**
 * The base class of every error this library throws or reports. Its `kind` decides its class:
 * `auth`, `rate_limit`, `timeout`, `network` and `http` are {@link ProviderRequestError}s,
 * `invalid_response` an {@link InvalidResponseError}, and so on; an adapter that throws a
 * plain `ModelCatalogError` has it reported as the class of its kind. Check with
 * {@link ModelCatalogError.isInstance}, which also works across duplicate copies of the package.
 *
 * @example
 * ```ts
 * try { await listModels({ provider: 'openai' }); }
 * catch (error) { if (ModelCatalogError.isInstance(error)) console.log(error.kind, error.status); }
 * ```
 */
export class ModelCatalogError extends Error {
  /** The class's {@link ModelCatalogError.errorName}: `ProviderRequestError`, `AbortError`, ... */
  override readonly name: string;
  /** Why it failed; stable across versions. */
  readonly kind: ErrorKind;
  /** The provider id the error concerns, when there is one. */
  readonly provider: string | undefined;
  /** The HTTP status the provider answered with, when there was one. */
  readonly status: number | undefined;
  /** True when trying again later may succeed (network, timeout, 408, 429, 500, 502, 503, 504). */
  readonly retryable: boolean;
  /** Milliseconds the provider asked us to wait before trying again (`Retry-After`), when it said. */
  readonly retryAfterMs: number | undefined;

  constructor(message: string, options: ModelCatalogErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = (new.target as unknown as typeof ModelCatalogError).errorName;
    this.kind = options.kind;
    this.provider = options.provider;
    this.status = options.status;
    this.retryable = options.retryable ?? false;
    // A wait that is not a number >= 0 (NaN, -1, '5') says nothing: it would make a back-off spin.
    const { retryAfterMs } = options;
    this.retryAfterMs =
      typeof retryAfterMs === 'number' && retryAfterMs >= 0 ? retryAfterMs : undefined;
    // Read by `isInstance` (through `in`), also from another copy of the package.
    Object.defineProperty(this, MARKER, { value: true });
  }

  /** The `name` of this class's errors; {@link ModelCatalogError.isInstance} on a subclass matches it. */
  static readonly errorName: string = 'ModelCatalogError';

  /**
   * True for an error of this class, even from another copy of the package: on
   * `ModelCatalogError` any error of this library, on a subclass only that subclass.
   *
   * @example
   * ```ts
   * const failures = errors.filter(ModelCatalogError.isInstance);
   * ```
   */
  static isInstance<T extends abstract new (...args: never[]) => ModelCatalogError>(
    this: T & { readonly errorName: string },
    error: unknown,
  ): error is InstanceType<T> {
    if (typeof error !== 'object' || error === null || !(MARKER in error)) return false;
    // `this` is the class `isInstance` was called on: a subclass matches only its own errors.
    // Unbound (`errors.filter(X.isInstance)`) it is undefined: the base class check.
    // biome-ignore lint/complexity/noThisInStatic: the subclass called on decides what matches.
    const wanted = (this as { errorName?: string } | undefined)?.errorName ?? 'ModelCatalogError';
    return wanted === 'ModelCatalogError' || (error as { name?: unknown }).name === wanted;
  }
}
