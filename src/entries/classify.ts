/**
 * `model-catalog/classify`: the pure classifier and the categories, with no HTTP client,
 * schema library or provider: importable in any test runner or browser.
 *
 * @module model-catalog/classify
 */
export { type ClassifyHints, classifyModel } from '../classify/index.js';
export { MODEL_CATEGORIES, type ModelCategory } from '../types.js';
