import type { Model, ProviderErrorInfo, ProviderInfo } from '../../types.js';
import { idKey, type ModelKey, qualifiedKey, sortModels } from '../paginate.js';

/**
 * One wire format of the models handler: the query parameters it owns (its paging, in the
 * names its clients send) and how it renders an answer. The handler does the rest: routing,
 * loading, filtering, caching headers and errors. A new format is one file exporting a
 * `WireFormat` and one entry in the table of `formats/index.ts`.
 *
 * @example
 * ```ts
 * const idsOnly: WireFormat<{ readonly pageSize: number | undefined }> = {
 *   readQuery: (query) => ({ pageSize: queryWholeNumber(query, 'page_size') }),
 *   render: (input, { pageSize }) => ({ ids: input.models('id').slice(0, pageSize).map((model) => model.id) }),
 *   renderOne: (input, model) => ({ id: input.renderedId(model) }),
 * };
 * ```
 */
export interface WireFormat<Query = unknown> {
  /**
   * Reads and checks this format's own query parameters. A bad value throws an
   * `InvalidParameterError` naming the parameter, which the handler answers with 400.
   */
  readQuery(query: URLSearchParams): Query;
  /** The answer's body, as a value `JSON.stringify` writes. May throw `InvalidParameterError`. */
  render(input: FormatInput, query: Query): unknown;
  /**
   * The body of a request for one model (`GET .../models/<id>`, as the SDKs' `retrieve` and
   * `get` send): the model as one entry of this format's list, with its id as rendered.
   */
  renderOne(input: FormatInput, model: Model): unknown;
}

/**
 * The orders a format may ask its models in. Each sorts by its key, then by provider, in
 * code-unit order (see `sortModels`), the order paging resumes in. The models are the ones
 * listed, never copies: a format writes the ids it renders with {@link FormatInput.rendered}.
 * - `id`: by the provider's own id.
 * - `qualified`: by `<provider>/<id>`.
 * - `rendered`: by the id as rendered ({@link FormatInput.renderedId}): `<provider>/<id>` when
 *   {@link FormatInput.qualifyIds} is set, else the provider's own id.
 *
 * @example
 * ```ts
 * const order: ModelOrder = 'rendered';
 * ```
 */
export type ModelOrder = 'id' | 'qualified' | 'rendered';

/**
 * What the handler gives a format to render one request with.
 *
 * @example
 * ```ts
 * const render = (input: FormatInput) => ({ data: input.models('id'), ...errorsField(input) });
 * ```
 */
export interface FormatInput {
  /** The provider the request named, by its canonical id; undefined when listing every provider. */
  readonly provider: string | undefined;
  /** The providers listed, in the catalog's order: the keys of a per-provider answer. */
  readonly providerIds: readonly string[];
  /** Why listed providers have no fresh list (no secrets); empty when every provider answered. */
  readonly errors: Readonly<Record<string, ProviderErrorInfo>>;
  /** Whether `rendered` ids are `<provider>/<id>`: the answer spans providers and `qualifyIds` is on. */
  readonly qualifyIds: boolean;
  /** Ties page tokens to this request's query (format, provider, filters). */
  readonly scope: string;
  /**
   * The models the request asked for, filtered, in `order`: by the request's `sort` (or, for a
   * `query`, by relevance) first when it has one, then by the order's key. Do not change the list.
   */
  models(order: ModelOrder): readonly Model[];
  /** The key the list of `order` is sorted by: what `pageByToken` pages that list with. */
  pageKey(order: ModelOrder): ModelKey;
  /** The id a model is rendered with: `<provider>/<id>` when {@link FormatInput.qualifyIds}, else its id. */
  readonly renderedId: ModelKey;
  /**
   * `models` with their ids as rendered: copies with `<provider>/<id>` ids when
   * {@link FormatInput.qualifyIds}, else the list itself. Called on what an answer serves (a
   * page), so that no copy is made of the models a page leaves out.
   */
  rendered(models: readonly Model[]): readonly Model[];
  /** Every provider of the catalog, configured or not. */
  catalogProviders(): readonly ProviderInfo[];
}

/**
 * `{ errors }` when some provider failed, else nothing: spread into a body, so that an answer
 * without failures has no `errors` field.
 *
 * @example
 * ```ts
 * const body = { ...toOpenAIModelList(input.rendered(input.models('rendered'))), ...errorsField(input) };
 * ```
 */
export function errorsField(input: Pick<FormatInput, 'errors'>): {
  errors?: Readonly<Record<string, ProviderErrorInfo>>;
} {
  return Object.keys(input.errors).length > 0 ? { errors: input.errors } : {};
}

/**
 * `{ next_page_token }` when more models follow, else nothing.
 *
 * @example
 * ```ts
 * const body = { providers, ...nextPageField(page.nextPageToken) };
 * ```
 */
export function nextPageField(token: string | undefined): { next_page_token?: string } {
  return token === undefined ? {} : { next_page_token: token };
}

/**
 * Models by provider, one key per listed provider in catalog order (empty lists included),
 * each list in the order given.
 *
 * @example
 * ```ts
 * groupByProvider(['openai', 'groq'], models); // { openai: [...], groq: [] }
 * ```
 */
export function groupByProvider(
  providerIds: readonly string[],
  models: readonly Model[],
): Record<string, Model[]> {
  // Keys are data (a shared cache may hold a model of provider `__proto__` or `constructor`):
  // an object without a prototype has no key of its own but those set here.
  const grouped: Record<string, Model[]> = Object.create(null);
  for (const id of providerIds) grouped[id] = [];
  for (const model of models) {
    grouped[model.provider] ??= [];
    grouped[model.provider]!.push(model);
  }
  return grouped;
}

/**
 * `models` in `order` (see {@link ModelOrder}), as a new list of the same models. With `first`,
 * models are sorted by it before the order's key (see {@link orderKey}).
 *
 * @example
 * ```ts
 * orderModels(models, 'rendered', true)[0]?.provider; // 'anthropic', sorted by `<provider>/<id>`
 * ```
 */
export function orderModels(
  models: readonly Model[],
  order: ModelOrder,
  qualifyIds: boolean,
  first?: ModelKey,
): Model[] {
  return sortModels(models, orderKey(order, qualifyIds, first));
}

/**
 * The key a list of `order` is sorted and paged by: the model's id as rendered (`<provider>/<id>`
 * for `qualified`, and for `rendered` when `qualifyIds`), after `first` (a request's sort) when
 * given.
 *
 * @example
 * ```ts
 * const page = pageByToken(models, orderKey('qualified', true), { pageSize: 50 }, { scope: 'all' });
 * ```
 */
export function orderKey(order: ModelOrder, qualifyIds: boolean, first?: ModelKey): ModelKey {
  const own = order === 'qualified' || (order === 'rendered' && qualifyIds) ? qualifiedKey : idKey;
  return first ? (model) => first(model) + own(model) : own;
}

/**
 * `models` with `<provider>/<id>` ids, as copies; what {@link FormatInput.rendered} gives when
 * ids are qualified.
 *
 * @example
 * ```ts
 * withQualifiedIds([gpt4o])[0]?.id; // 'openai/gpt-4o'
 * ```
 */
export function withQualifiedIds(models: readonly Model[]): Model[] {
  return models.map((model) => ({ ...model, id: qualifiedKey(model) }));
}
