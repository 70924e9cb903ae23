import { anthropicFormat } from './anthropic.js';
import { geminiFormat } from './gemini.js';
import { groupedFormat } from './grouped.js';
import { nativeFormat } from './native.js';
import { openaiFormat } from './openai.js';
import { openrouterFormat } from './openrouter.js';
import type { WireFormat } from './wire-format.js';

/**
 * The answer formats of the models handler; `native` is the library's own `{ providers }` /
 * `{ provider, models }` shape.
 *
 * @example
 * ```ts
 * MODEL_LIST_FORMATS; // ['native', 'openai', 'anthropic', 'gemini', 'openrouter', 'grouped']
 * ```
 */
export const MODEL_LIST_FORMATS = [
  'native',
  'openai',
  'anthropic',
  'gemini',
  'openrouter',
  'grouped',
] as const;

/**
 * One of {@link MODEL_LIST_FORMATS}.
 *
 * @example
 * ```ts
 * const format: ModelListFormat = 'openrouter';
 * const handler = createModelsHandler(createModelCatalog(), { format });
 * ```
 */
export type ModelListFormat = (typeof MODEL_LIST_FORMATS)[number];

/**
 * The table the handler routes `format` through. To add a format: write
 * `formats/<name>.ts` exporting a {@link WireFormat}, add its name to
 * {@link MODEL_LIST_FORMATS} and its entry here (the compiler refuses one without the other).
 */
export const WIRE_FORMATS: { readonly [Name in ModelListFormat]: WireFormat } = {
  native: nativeFormat,
  openai: openaiFormat,
  anthropic: anthropicFormat,
  gemini: geminiFormat,
  openrouter: openrouterFormat,
  grouped: groupedFormat,
};

/** True for the name of a format of {@link WIRE_FORMATS}. */
export function isModelListFormat(name: string): name is ModelListFormat {
  return Object.hasOwn(WIRE_FORMATS, name);
}
