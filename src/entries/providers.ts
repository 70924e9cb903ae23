/** `model-catalog/providers`: every built-in provider factory, `openaiCompatible()` and `defaultProviders()`. */
export * from '../providers/index.js';
