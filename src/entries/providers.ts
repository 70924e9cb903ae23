/**
 * `model-catalog/providers`: every built-in provider factory, `openaiCompatible()` and `defaultProviders()`.
 *
 * @module model-catalog/providers
 */
export * from '../providers/index.js';
