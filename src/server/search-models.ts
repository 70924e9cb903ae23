import type { Model } from '../types.js';

/**
 * Finds models by text: the ones whose id, name, family or description holds every word of
 * `query`, best match first. An exact id (or `<provider>/<id>`, or an alias) comes first, then
 * ids and names that start with the query, then ids and names that hold it, then models whose
 * words start with every query word, then models that hold every query word anywhere (the
 * description included); within a rank, shorter ids first. Case is ignored. It only ranks:
 * it never picks one model for you, even when one is an exact match. An empty query keeps
 * every model in its order.
 *
 * @example
 * ```ts
 * const { providers } = await listModels();
 * const hits = searchModels(Object.values(providers).flat(), 'sonnet 4');
 * console.log(hits.slice(0, 5).map((model) => `${model.provider}/${model.id}`));
 * ```
 */
export function searchModels(models: readonly Model[], query: string): Model[] {
  const rank = searchRanker(query);
  if (rank === undefined) return [...models];
  return models
    .map((model, index) => ({ model, index, score: rank(model) }))
    .filter(
      (entry): entry is { model: Model; index: number; score: number } => entry.score !== undefined,
    )
    .sort((first, second) => first.score - second.score || first.index - second.index)
    .map((entry) => entry.model);
}

/**
 * How well a model matches a query: a number, lower for a better match, or undefined when it
 * does not match at all. Undefined (no ranker) for an empty query. Used by {@link searchModels}
 * and by the models handler's `query` parameter, which pages in this order.
 */
export function searchRanker(query: string): ((model: Model) => number | undefined) | undefined {
  const wanted = query.trim().toLowerCase();
  if (wanted === '') return undefined;
  const words = wordsOf(wanted);
  return (model) => {
    const id = model.id.toLowerCase();
    const name = model.name.toLowerCase();
    const tier = tierOf(model, id, name, wanted, words);
    // Within a tier, the shorter id is the closer match.
    return tier === undefined ? undefined : tier * SCORE_SPAN + Math.min(id.length, SCORE_SPAN - 1);
  };
}

/** Scores of one tier span this many values. */
const SCORE_SPAN = 10_000;

function tierOf(
  model: Model,
  id: string,
  name: string,
  wanted: string,
  words: readonly string[],
): number | undefined {
  const ids = [id, `${model.provider}/${id}`.toLowerCase(), ...(model.aliases ?? [])];
  if (ids.some((candidate) => candidate.toLowerCase() === wanted)) return 0;
  if (id.startsWith(wanted) || name.startsWith(wanted)) return 1;
  if (id.includes(wanted) || name.includes(wanted)) return 2;
  // A query of symbols only (`😀`, `-`) has no words: it matches what holds it (above), and
  // no more; every model would hold all of no words.
  if (words.length === 0) return undefined;
  const family = model.family?.toLowerCase() ?? '';
  const titleWords = wordsOf(`${id} ${name} ${family}`);
  if (words.every((word) => titleWords.some((candidate) => candidate.startsWith(word)))) return 3;
  const text = `${id}\n${name}\n${family}\n${model.description?.toLowerCase() ?? ''}`;
  if (words.every((word) => text.includes(word))) return 4;
  return undefined;
}

/** The words of a text: runs of letters, digits and dots (`4.1`), split at anything else. */
function wordsOf(text: string): string[] {
  return text.split(/[^\p{L}\p{N}.]+/u).filter(Boolean);
}
