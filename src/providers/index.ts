import type { ProviderAdapter } from '../provider.js';
import { openai } from './openai.js';
// built-in provider imports: keep one line per provider, alphabetical within each group.

/**
 * One adapter of every built-in provider, with default options. The catalog
 * uses each only when the environment configures it.
 */
export function defaultProviders(): ProviderAdapter[] {
  return [
    openai(),
    // built-in providers: add one line per provider below this comment.
  ];
}
