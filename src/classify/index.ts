/** The pure model classifier: see {@link classifyModel}. */
export { type ClassifyHints, classifyModel } from './classify-model.js';
