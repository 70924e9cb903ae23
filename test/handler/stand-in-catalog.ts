import {
  createMemoryCache,
  createModelCatalog,
  type Model,
  type ModelCatalog,
  type ProviderAdapter,
  ProviderRequestError,
} from '../../src/index.js';

/** An in-memory provider whose list and failure the test changes between calls. */
export interface StandInProvider extends ProviderAdapter {
  models: Model[];
  failure: Error | undefined;
  calls: number;
}

export function standIn(
  id: string,
  ids: readonly string[],
  extra: Partial<Model> = {},
): StandInProvider {
  const provider: StandInProvider = {
    id,
    models: ids.map((modelId) => ({
      id: modelId,
      name: modelId,
      category: 'chat',
      provider: id,
      ...extra,
    })),
    failure: undefined,
    calls: 0,
    async listModels() {
      provider.calls++;
      if (provider.failure) throw provider.failure;
      return provider.models;
    },
  };
  return provider;
}

/** A provider that needs a key it never gets. */
export function unconfigured(id: string): ProviderAdapter {
  return {
    id,
    settings: {
      apiKey: {
        env: [`${id.toUpperCase()}_API_KEY`],
        required: true,
        secret: true,
        option: 'apiKey',
      },
    },
    async listModels() {
      return [];
    },
  };
}

export function rateLimited(provider: string): ProviderRequestError {
  return new ProviderRequestError(`${provider}: rate limited (429).`, {
    kind: 'rate_limit',
    provider,
    status: 429,
    retryable: true,
    retryAfterMs: 30_000,
  });
}

export interface Clock {
  now: () => number;
  advance(milliseconds: number): void;
}

export function clock(start = Date.parse('2026-03-01T10:00:00Z')): Clock {
  let time = start;
  return {
    now: () => time,
    advance(milliseconds) {
      time += milliseconds;
    },
  };
}

export function catalogOf(
  providers: readonly ProviderAdapter[],
  time: Clock = clock(),
): ModelCatalog {
  return createModelCatalog({
    providers,
    cache: createMemoryCache(),
    env: {},
    retries: 0,
    now: time.now,
  });
}
