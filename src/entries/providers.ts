/**
 * `model-catalog/providers`: every built-in provider factory, `openaiCompatible()`, `defaultProviders()`,
 * and `defineProvider()` with its setting helpers for writing your own.
 *
 * @module model-catalog/providers
 */
export * from '../providers/index.js';
