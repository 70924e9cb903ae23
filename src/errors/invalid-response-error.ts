import { ModelCatalogError, type ModelCatalogErrorOptions } from './model-catalog-error.js';

/**
 * A provider answer that is not what its API documents (kind `invalid_response`): not JSON,
 * HTML, the wrong shape, or more than the catalog's caps.
 *
 * @example
 * ```ts
 * try { await catalog.listModels({ provider: 'my-server' }); }
 * catch (error) { if (InvalidResponseError.isInstance(error)) console.log(error.issues); } // ['data.0.id: Invalid type ...']
 * ```
 */
export class InvalidResponseError extends ModelCatalogError {
  static override readonly errorName: string = 'InvalidResponseError';
  /** Where the answer did not match, as `path: message` lines (no values). */
  readonly issues: readonly string[];

  constructor(
    message: string,
    options: Omit<ModelCatalogErrorOptions, 'kind'> & {
      readonly issues?: readonly string[] | undefined;
    },
  ) {
    super(message, { ...options, kind: 'invalid_response' });
    // A copy, frozen: every caller of one failed fetch gets this list, and a back-off keeps it.
    this.issues = Object.freeze([...(options.issues ?? [])]);
  }
}
