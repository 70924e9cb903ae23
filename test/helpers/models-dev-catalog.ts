// The setting of the models.dev join tests: an OpenAI listing and models.dev's api.json answered
// by msw, and a catalog joining them at a fixed time through the memory cache.
import { HttpResponse, http } from 'msw';
import {
  createMemoryCache,
  createModelCatalog,
  type Model,
  type ModelCatalog,
  type ModelCatalogOptions,
  modelsDev,
  openai,
} from '../../src/index.js';
import { fixture } from './fixtures.js';

/** The key the OpenAI adapter of {@link catalogWith} is given: planted, to be looked for. */
export const KEY = 'sk-test-catalogs-PLANTED-8d21f';
export const OPENAI_URL = 'https://api.openai.com/v1/models';
export const MODELS_DEV_URL = 'https://models.dev/api.json';
export const NOW_ISO = '2026-07-02T09:00:00.000Z';
export const NOW: number = Date.parse(NOW_ISO);
export const HOUR: number = 60 * 60 * 1000;

/** models.dev answering with the test subset of its api.json. */
export const serveModelsDev = (): ReturnType<typeof http.get> =>
  http.get(MODELS_DEV_URL, () => HttpResponse.json(fixture('models-dev', 'api.json')));

/** OpenAI and models.dev joined, at {@link NOW}, with no retries; `options` override. */
export function catalogWith(options: ModelCatalogOptions = {}): ModelCatalog {
  return createModelCatalog({
    providers: [openai({ apiKey: KEY })],
    catalogs: [modelsDev()],
    cache: createMemoryCache(),
    env: {},
    now: () => NOW,
    retries: 0,
    ...options,
  });
}

export const byId = (models: readonly Model[], id: string): Model | undefined =>
  models.find((model) => model.id === id);
