import { ModelCatalogError, type ModelCatalogErrorOptions } from './model-catalog-error.js';

/**
 * A request parameter that cannot be used (kind `invalid_parameter`): a bad page size, a
 * tampered or foreign page token, an unknown category. The models handler answers it with `400`.
 *
 * @example
 * ```ts
 * try { toGeminiModelList(models, { pageToken: 'garbage' }); }
 * catch (error) { if (InvalidParameterError.isInstance(error)) console.log(error.parameter); }
 * ```
 */
export class InvalidParameterError extends ModelCatalogError {
  static override readonly errorName: string = 'InvalidParameterError';
  /** The parameter at fault, as the request names it (`page_token`, `limit`, ...). */
  readonly parameter: string;

  constructor(
    parameter: string,
    message: string,
    options: Omit<ModelCatalogErrorOptions, 'kind'> = {},
  ) {
    super(message, { ...options, kind: 'invalid_parameter' });
    this.parameter = parameter;
  }
}
