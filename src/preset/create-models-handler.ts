import {
  createHandler,
  type ModelsHandler,
  type ModelsHandlerOptions,
} from '../server/create-models-handler.js';
import type { ModelCatalog } from '../types.js';
import { getDefaultCatalog } from './list-models.js';

/**
 * Creates a `GET` models endpoint as a Fetch API handler `(request) => Promise<Response>`.
 * Without a catalog it serves the same default catalog as {@link listModels} (built on the
 * first request), so both share fetches, back-off and cache. Query parameters, formats and
 * statuses are those of the handler in `model-catalog/server`.
 *
 * @example
 * ```ts
 * // Next.js app/api/models/route.ts
 * export const GET = createModelsHandler();
 * // Hono, with a catalog of your own
 * const handler = createModelsHandler(createModelCatalog({ providers: [openai()] }), { format: 'openai' });
 * app.get('/v1/models', (c) => handler(c.req.raw));
 * ```
 */
export function createModelsHandler(
  catalog?: ModelCatalog,
  options: ModelsHandlerOptions = {},
): ModelsHandler {
  if (catalog !== undefined && typeof catalog?.listModels !== 'function') {
    throw new TypeError('`catalog` must be a model catalog (from createModelCatalog()).');
  }
  let resolved = catalog;
  return createHandler(() => {
    resolved ??= getDefaultCatalog();
    return resolved;
  }, options);
}
