import { ModelCatalogError, type ModelCatalogErrorOptions } from './model-catalog-error.js';

/**
 * A listing cancelled by the caller's signal (kind `aborted`). Its `name` is `AbortError`,
 * as for every cancelled call of the web platform, so `error.name === 'AbortError'` checks
 * work; the class has a name of its own so that importing it never shadows another
 * library's `AbortError`. `cause` is the signal's reason.
 *
 * @example
 * ```ts
 * try { await catalog.listModels({ signal: AbortSignal.timeout(5000) }); }
 * catch (error) { if (ListingAbortedError.isInstance(error)) console.log(error.name); } // 'AbortError'
 * ```
 */
export class ListingAbortedError extends ModelCatalogError {
  static override readonly errorName: string = 'AbortError';

  constructor(message: string, options: Omit<ModelCatalogErrorOptions, 'kind'> = {}) {
    super(message, { ...options, kind: 'aborted' });
  }
}
