import { ModelCatalogError, type ModelCatalogErrorOptions } from './model-catalog-error.js';

/**
 * A provider that lacks a required credential or endpoint (kind `not_configured`). The
 * message names the factory option and the environment variables that would configure it.
 *
 * @example
 * ```ts
 * try { await catalog.listModels({ provider: 'anthropic' }); }
 * catch (error) { if (NotConfiguredError.isInstance(error)) console.log(error.message); } // names `apiKey` and ANTHROPIC_API_KEY
 * ```
 */
export class NotConfiguredError extends ModelCatalogError {
  static override readonly errorName: string = 'NotConfiguredError';

  constructor(
    provider: string,
    message: string,
    options: Omit<ModelCatalogErrorOptions, 'kind' | 'provider'> = {},
  ) {
    super(message, { ...options, kind: 'not_configured', provider });
  }
}
