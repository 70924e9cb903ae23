const MARKER = Symbol.for('model-catalog.invalid-parameter');

/**
 * A request parameter that cannot be used: a bad page size, a tampered or foreign page token,
 * an unknown category. The models handler answers it with `400`.
 *
 * @example
 * ```ts
 * try { toGeminiModelList(models, { pageToken: 'garbage' }); }
 * catch (error) { if (InvalidParameterError.isInstance(error)) console.log(error.parameter); }
 * ```
 */
export class InvalidParameterError extends Error {
  override readonly name: string = 'InvalidParameterError';
  /** The parameter at fault, as the request names it (`page_token`, `limit`, ...). */
  readonly parameter: string;
  constructor(parameter: string, message: string) {
    super(message);
    this.parameter = parameter;
    Object.defineProperty(this, MARKER, { value: true });
  }

  /** True for this error, even from another copy of the package. */
  static isInstance(error: unknown): error is InvalidParameterError {
    return typeof error === 'object' && error !== null && MARKER in error;
  }
}
