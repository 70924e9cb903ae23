import { ModelCatalogError, type ModelCatalogErrorOptions } from './model-catalog-error.js';

/**
 * A fault in a provider adapter rather than in the provider's answer (kind `adapter`): a
 * hand-written adapter that throws a plain `Error`, or returns something that is no model
 * list. `cause` is what it threw, unless that quoted a secret.
 *
 * @example
 * ```ts
 * const { errors } = await catalog.listModels();
 * if (errors['my-server']?.kind === 'adapter') console.error('fix the my-server adapter:', errors['my-server'].message);
 * ```
 */
export class AdapterError extends ModelCatalogError {
  static override readonly errorName: string = 'AdapterError';

  constructor(message: string, options: Omit<ModelCatalogErrorOptions, 'kind'> = {}) {
    super(message, { ...options, kind: 'adapter' });
  }
}
