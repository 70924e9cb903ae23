import type { Model } from '../types.js';
import { catalogCategory } from './read-models-dev.js';

/** Fields a catalog fills as a whole when the live listing left them out. */
const FIELDS = [
  'contextLength',
  'maxOutputTokens',
  'inputModalities',
  'outputModalities',
  'family',
  'releaseDate',
  'knowledgeCutoff',
  'openWeights',
] as const;

/**
 * Objects a catalog fills field by field: a live `capabilities.tools` stays beside a catalog
 * `capabilities.reasoning` (prices are filled only where the listing reported none, see `skips`).
 */
const GROUPS = ['capabilities', 'reasoning', 'pricing', 'lifecycle'] as const;

/** Capability flags that the live input modalities already answer, when it reported them. */
const MODALITY_FLAGS = ['vision', 'pdfInput', 'audioInput'];

/**
 * Fills what the live listing did not report from a catalog entry of the same model, and
 * records each field filled in `sources` as the catalog's id. Live values always win; the
 * category moves out of `chat` on the catalog's modalities only when the listing reported no
 * facts of its own (no modalities, no capabilities). Returns the model itself when nothing
 * was filled, so a model with nothing from elsewhere keeps having no `sources`.
 */
export function enrichModel(model: Model, entry: Model, catalogId: string): Model {
  const filled: Record<string, unknown> = {};
  const sources: Record<string, string> = {};
  for (const field of FIELDS) {
    if (model[field] === undefined && entry[field] !== undefined) {
      filled[field] = entry[field];
      sources[field] = catalogId;
    }
  }
  for (const group of GROUPS) {
    const own = (model[group] ?? {}) as Readonly<Record<string, unknown>>;
    const merged: Record<string, unknown> = { ...own };
    for (const [key, value] of Object.entries(entry[group] ?? {})) {
      if (own[key] !== undefined || skips(model, group, key, value)) continue;
      merged[key] = value;
      sources[`${group}.${key}`] = catalogId;
    }
    if (Object.keys(merged).length > Object.keys(own).length) filled[group] = merged;
  }
  if (model.deprecated === undefined && entry.deprecated && !model.lifecycle?.status) {
    filled.deprecated = true;
    sources.deprecated = catalogId;
  }
  const reportedFacts = model.inputModalities || model.outputModalities || model.capabilities;
  if (!reportedFacts) {
    const category = catalogCategory(model.id, model.category, {
      inputModalities: entry.inputModalities,
      outputModalities: entry.outputModalities,
    });
    if (category !== model.category) {
      filled.category = category;
      sources.category = catalogId;
    }
  }
  if (Object.keys(sources).length === 0) return model;
  return { ...model, ...filled, sources: { ...model.sources, ...sources } };
}

/**
 * A catalog entry as the model of one of our providers, for the fallback: the model id
 * without the catalog's provider prefix, and every field but the id and provider in `sources`.
 */
export function modelFromEntry(
  entry: Model,
  catalogProvider: string,
  provider: string,
  catalogId: string,
): Model {
  const model: Model = { ...entry, id: entry.id.slice(catalogProvider.length + 1), provider };
  const sources: Record<string, string> = {};
  for (const [field, value] of Object.entries(model)) {
    if (field === 'id' || field === 'provider') continue;
    const nested = typeof value === 'object' && !Array.isArray(value);
    for (const key of nested ? Object.keys(value) : ['']) {
      sources[key ? `${field}.${key}` : field] = catalogId;
    }
  }
  return { ...model, sources };
}

/**
 * True when a catalog value must not be filled in although the live listing left it out:
 * - a modality flag, when the listing reported its input modalities;
 * - any price, and `promptCaching`, when the listing reported prices of its own: the provider's
 *   price sheet is what it bills, and one mixed with a catalog's (taken elsewhere, another day)
 *   could show a cache read dearer than the input it caches;
 * - reasoning options, when the listing said the model does not reason;
 * - a `deprecated` or `retired` lifecycle status, when the listing said the model is not
 *   deprecated (`deprecated` is true whenever the status is one of them).
 */
function skips(model: Model, group: string, key: string, value: unknown): boolean {
  const pricedLive = Object.keys(model.pricing ?? {}).length > 0;
  if (group === 'capabilities') {
    if (key === 'promptCaching') return pricedLive;
    return MODALITY_FLAGS.includes(key) && !!model.inputModalities;
  }
  if (group === 'pricing') return pricedLive;
  if (group === 'reasoning') return model.capabilities?.reasoning === false;
  if (group === 'lifecycle' && key === 'status') {
    return model.deprecated === false && (value === 'deprecated' || value === 'retired');
  }
  return false;
}
