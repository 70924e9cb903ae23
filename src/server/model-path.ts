import { InvalidParameterError } from '../errors/invalid-parameter-error.js';

/**
 * The model id a request for one model names in its path, decoded; undefined for a request for
 * the list. `basePath` is the handler's `basePath` option:
 * - a path (`/v1/models`): the segments below it name the model (`/v1/models/gpt-4o`), and any
 *   other path is the list;
 * - undefined: the segments after the first `models` segment (`/v1/models/gpt-4o`,
 *   `/v1beta/models/gemini-2.5-pro`), or after a `tunedModels` one (a Gemini tuned model's own
 *   resource: `/v1beta/tunedModels/x` names `tunedModels/x`); a path without one, or with nothing
 *   after it (`/v1/models`, `/v1/models/`), is the list;
 * - false: every path is the list.
 *
 * `openai/gpt-4o` is named by `/v1/models/openai%2Fgpt-4o` (as the SDKs send it) and by
 * `/v1/models/openai/gpt-4o`. A malformed escape is an `InvalidParameterError` (a 400).
 */
export function modelIdOf(pathname: string, basePath?: string | false): string | undefined {
  if (basePath === false) return undefined;
  let rest: string[];
  let tuned = false;
  if (basePath !== undefined) {
    const base = basePath.replace(/\/+$/, '');
    if (!pathname.startsWith(`${base}/`)) return undefined;
    rest = pathname.slice(base.length + 1).split('/');
  } else {
    const segments = pathname.split('/');
    const at = segments.findIndex((segment) => segment === 'models' || segment === 'tunedModels');
    if (at === -1) return undefined;
    tuned = segments[at] === 'tunedModels';
    rest = segments.slice(at + 1);
  }
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
  return tuned ? `tunedModels/${id}` : id;
}
