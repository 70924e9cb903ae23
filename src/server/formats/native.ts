import { pageByToken, type TokenPageRequest } from '../paginate.js';
import { queryTokenPage } from '../query-parameters.js';
import { errorsField, groupByProvider, nextPageField, type WireFormat } from './wire-format.js';

/**
 * The library's own format: `{ providers: { <id>: Model[] } }` for every provider, or
 * `{ provider, models }` for one, each with `errors` when some failed. Pages with `page_size` and
 * `page_token` over the merged list, ordered by `<provider>/<id>` (by id for one provider).
 *
 * @example
 * ```ts
 * const body = nativeFormat.render(input, nativeFormat.readQuery(new URLSearchParams('page_size=50')));
 * ```
 */
export const nativeFormat: WireFormat<TokenPageRequest> = {
  readQuery: queryTokenPage,
  render(input, page) {
    const single = input.provider;
    const order = single === undefined ? 'qualified' : 'id';
    const paged = pageByToken(input.models(order), input.pageKey(order), page, {
      scope: input.scope,
    });
    if (single !== undefined) {
      return {
        provider: single,
        models: paged.models,
        ...errorsField(input),
        ...nextPageField(paged.nextPageToken),
      };
    }
    return {
      providers: groupByProvider(input.providerIds, paged.models),
      ...errorsField(input),
      ...nextPageField(paged.nextPageToken),
    };
  },
  // The model as listed: its own id, beside its `provider`.
  renderOne: (_input, model) => model,
};
