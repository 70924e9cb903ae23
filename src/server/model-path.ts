import { InvalidParameterError } from '../errors/invalid-parameter-error.js';

/**
 * The model id a request for one model names in its path: the segments after the first one
 * that is `models`, decoded (`/v1/models/gpt-4o`, `/v1beta/models/gemini-2.5-pro`; `openai/gpt-4o`
 * from `/v1/models/openai%2Fgpt-4o`, as the SDKs send it, or from `/v1/models/openai/gpt-4o`).
 * A Gemini tuned model is named by its resource, `/v1beta/tunedModels/<id>`, its id
 * `tunedModels/<id>`. Undefined for a request for the list: a path without a `models` segment or
 * with nothing after it (`/v1/models`, `/v1/models/`, `/api/catalog`). A malformed escape is an
 * `InvalidParameterError` (a 400).
 */
export function modelIdOf(pathname: string): string | undefined {
  const segments = pathname.split('/');
  const at = segments.findIndex((segment) => segment === 'models' || segment === 'tunedModels');
  if (at === -1) return undefined;
  const rest = segments.slice(at + 1);
  // A trailing slash names no model: `/v1/models/` is the list, `/v1/models/gpt-4o/` the model.
  if (rest.at(-1) === '') rest.pop();
  let id: string;
  try {
    id = rest.map(decodeURIComponent).join('/');
  } catch {
    throw new InvalidParameterError(
      'model',
      'The model id in the path is not valid percent-encoding.',
    );
  }
  if (id === '') return undefined;
  // A Gemini tuned model's resource is `tunedModels/<id>` itself, as its id is.
  return segments[at] === 'tunedModels' ? `tunedModels/${id}` : id;
}
