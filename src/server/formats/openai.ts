import type { Model } from '../../types.js';
import { pageByToken, type TokenPageRequest } from '../paginate.js';
import { queryTokenPage } from '../query-parameters.js';
import { errorsField, nextPageField, type WireFormat } from './wire-format.js';

/**
 * One entry of OpenAI's `GET /v1/models`.
 *
 * @example
 * ```ts
 * const ids = toOpenAIModelList(models).data.map((entry: OpenAIModelEntry) => entry.id);
 * ```
 */
export interface OpenAIModelEntry {
  /** The model id (`<provider>/<id>` over several providers). */
  readonly id: string;
  /** Always `model`. */
  readonly object: 'model';
  /** Unix seconds; 0 when unknown. */
  readonly created: number;
  /** Who makes the model; the provider id when unknown. */
  readonly owned_by: string;
}

/**
 * OpenAI's `GET /v1/models` body.
 *
 * @example
 * ```ts
 * const body: OpenAIModelList = toOpenAIModelList(models);
 * return Response.json(body);
 * ```
 */
export interface OpenAIModelList {
  /** Always `list`. */
  readonly object: 'list';
  /** The models. */
  readonly data: OpenAIModelEntry[];
}

/**
 * Renders models as OpenAI's model list, which every OpenAI-compatible client reads.
 * `created` is 0 when unknown; `owned_by` is the model's owner, else its provider id.
 *
 * @example
 * ```ts
 * const body = toOpenAIModelList(models); // { object: 'list', data: [{ id, object: 'model', created, owned_by }] }
 * ```
 */
export function toOpenAIModelList(models: readonly Model[]): OpenAIModelList {
  return { object: 'list', data: models.map(openaiEntry) };
}

/** One model as an entry of OpenAI's list (and the body of `GET /v1/models/{model}`). */
function openaiEntry(model: Model): OpenAIModelEntry {
  return {
    id: model.id,
    object: 'model',
    created: wholeSeconds(model.created),
    owned_by: model.ownedBy || model.provider,
  };
}

/** Unix seconds as a whole number, 0 when unknown. */
export function wholeSeconds(value: number | undefined): number {
  return value !== undefined && Number.isFinite(value) && value > 0 ? Math.floor(value) : 0;
}

/**
 * The OpenAI format of the models handler: {@link toOpenAIModelList} with a gateway's
 * `next_page_token`, paged with `page_size` and `page_token`; ids are `<provider>/<id>` when the
 * answer spans providers (option `qualifyIds`).
 *
 * @example
 * ```ts
 * const body = openaiFormat.render(input, openaiFormat.readQuery(url.searchParams));
 * ```
 */
export const openaiFormat: WireFormat<TokenPageRequest> = {
  readQuery: queryTokenPage,
  render(input, page) {
    const paged = pageByToken(input.models('rendered'), input.pageKey('rendered'), page, {
      scope: input.scope,
    });
    return {
      ...toOpenAIModelList(input.rendered(paged.models)),
      ...nextPageField(paged.nextPageToken),
      ...errorsField(input),
    };
  },
  renderOne: (input, model) => openaiEntry(input.rendered([model])[0]!),
};
