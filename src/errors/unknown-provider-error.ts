import { ModelCatalogError, type ModelCatalogErrorOptions } from './model-catalog-error.js';

/**
 * A provider id that no adapter of the catalog has (kind `unknown_provider`). The message
 * lists the valid ids.
 *
 * @example
 * ```ts
 * try { await catalog.listModels({ provider: 'opneai' }); }
 * catch (error) { if (UnknownProviderError.isInstance(error)) console.log(error.validIds); }
 * ```
 */
export class UnknownProviderError extends ModelCatalogError {
  static override readonly errorName: string = 'UnknownProviderError';
  /** The ids the catalog knows. */
  readonly validIds: readonly string[];

  /** `message` replaces the default one, which lists `validIds`. */
  constructor(
    provider: string,
    validIds: readonly string[],
    message?: string,
    options: Omit<ModelCatalogErrorOptions, 'kind' | 'provider'> = {},
  ) {
    super(
      message ??
        `Unknown provider "${provider}". Valid providers: ${validIds.join(', ') || '(none)'}.`,
      { ...options, kind: 'unknown_provider', provider },
    );
    this.validIds = validIds;
  }
}
