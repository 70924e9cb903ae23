import { HttpResponse, http } from 'msw';
import {
  anthropic,
  createModelCatalog,
  groq,
  type Model,
  openrouter,
  vercelAiGateway,
} from '../../src/index.js';
import { fixture } from '../helpers/fixtures.js';
import { server } from '../helpers/msw.js';

/** Answers Anthropic's two pages, OpenRouter's two lists, Groq's and the AI Gateway's lists from the fixtures. */
export function serveFourProviders(): void {
  server.use(
    http.get('https://api.anthropic.com/v1/models', ({ request }) =>
      HttpResponse.json(
        fixture(
          'anthropic',
          new URL(request.url).searchParams.get('after_id')
            ? 'models-page-2.json'
            : 'models-page-1.json',
        ),
      ),
    ),
    http.get('https://openrouter.ai/api/v1/models', () =>
      HttpResponse.json(fixture('openrouter', 'models.json')),
    ),
    http.get('https://openrouter.ai/api/v1/embeddings/models', () =>
      HttpResponse.json(fixture('openrouter', 'embedding-models.json')),
    ),
    http.get('https://api.groq.com/openai/v1/models', () =>
      HttpResponse.json(fixture('groq', 'models.json')),
    ),
    http.get('https://ai-gateway.vercel.sh/v1/models', () =>
      HttpResponse.json(fixture('vercel-ai-gateway', 'models.json')),
    ),
  );
}

/** A catalog of four real adapters (Anthropic, OpenRouter, Groq, AI Gateway) answered by the fixtures. */
export function fourProviderCatalog() {
  return createModelCatalog({
    providers: [anthropic(), openrouter(), groq(), vercelAiGateway()],
    env: { ANTHROPIC_API_KEY: 'sk-ant-query-test', GROQ_API_KEY: 'gsk-query-test' },
    cache: false,
    retries: 0,
  });
}

/** Every model of the four providers, listed through the catalog. */
export async function listFourProviders(): Promise<Model[]> {
  serveFourProviders();
  const { providers, errors } = await fourProviderCatalog().listModels();
  if (Object.keys(errors).length > 0) throw new Error(JSON.stringify(errors));
  return Object.values(providers).flat();
}

/** `<provider>/<id>` of each model, in order. */
export const keys = (models: readonly Model[]): string[] =>
  models.map((model) => `${model.provider}/${model.id}`);
