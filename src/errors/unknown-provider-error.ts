import { ModelCatalogError, type ModelCatalogErrorOptions } from './model-catalog-error.js';

/**
 * A provider id that no adapter of the catalog has (kind `unknown_provider`). The message
 * suggests the closest ids (`Did you mean "openrouter"?`) and lists the valid ones.
 *
 * @example
 * ```ts
 * try { await catalog.listModels({ provider: 'opnrouter' }); }
 * catch (error) { if (UnknownProviderError.isInstance(error)) console.log(error.suggestions, error.validIds); }
 * ```
 */
export class UnknownProviderError extends ModelCatalogError {
  static override readonly errorName: string = 'UnknownProviderError';
  /** The ids the catalog knows. */
  readonly validIds: readonly string[];
  /** The valid ids closest to the one asked for, closest first; empty when none is close. */
  readonly suggestions: readonly string[];

  /** `message` replaces the default one, which suggests the closest ids and lists `validIds`. */
  constructor(
    provider: string,
    validIds: readonly string[],
    message?: string,
    options: Omit<ModelCatalogErrorOptions, 'kind' | 'provider'> = {},
  ) {
    const suggestions = closestIds(String(provider), validIds);
    super(
      message ??
        `Unknown provider "${String(provider).slice(0, 100)}".${
          suggestions.length > 0
            ? ` Did you mean ${suggestions.map((id) => `"${id}"`).join(' or ')}?`
            : ''
        } Valid providers: ${validIds.join(', ') || '(none)'}.`,
      { ...options, kind: 'unknown_provider', provider },
    );
    this.validIds = Object.freeze([...validIds]);
    this.suggestions = Object.freeze(suggestions);
  }
}

/** The ids within a few edits of `wanted` (a third of its length, at least 2), closest first, at most 3. */
export function closestIds(wanted: string, ids: readonly string[]): string[] {
  const target = wanted.toLowerCase().slice(0, 100);
  const limit = Math.max(2, Math.floor(target.length / 3));
  return ids
    .map((id) => ({ id, distance: editDistance(target, id.toLowerCase()) }))
    .filter(({ distance }) => distance <= limit)
    .sort((a, b) => a.distance - b.distance)
    .slice(0, 3)
    .map(({ id }) => id);
}

/** Levenshtein distance, one row at a time. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(
        (previous[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = row;
  }
  return previous[b.length] as number;
}
