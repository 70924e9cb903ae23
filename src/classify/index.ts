export { type ClassifyHints, classifyModel } from './classify-model.js';
