import type { ErrorKind } from '../types.js';
import { ModelCatalogError, type ModelCatalogErrorOptions } from './model-catalog-error.js';

/**
 * The kinds of a {@link ProviderRequestError}.
 *
 * @example
 * ```ts
 * const kind: ProviderRequestKind = 'rate_limit';
 * ```
 */
export type ProviderRequestKind = Extract<
  ErrorKind,
  'auth' | 'rate_limit' | 'timeout' | 'network' | 'http'
>;

/**
 * A provider request that failed: authentication (`auth`), rate limit (`rate_limit`),
 * the time budget spent (`timeout`), a network failure (`network`) or another HTTP error
 * status (`http`).
 *
 * @example
 * ```ts
 * try { await catalog.listModels({ provider: 'openai' }); }
 * catch (error) { if (ProviderRequestError.isInstance(error) && error.kind === 'rate_limit') console.log(error.retryAfterMs); }
 * ```
 */
export class ProviderRequestError extends ModelCatalogError {
  static override readonly errorName: string = 'ProviderRequestError';
  /** Why the request failed: `auth`, `rate_limit`, `timeout`, `network` or `http`. */
  declare readonly kind: ProviderRequestKind;

  constructor(
    message: string,
    options: ModelCatalogErrorOptions & { readonly kind: ProviderRequestKind },
  ) {
    super(message, options);
  }
}
