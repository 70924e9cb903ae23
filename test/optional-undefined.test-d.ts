/**
 * Projects with `exactOptionalPropertyTypes` pass values that may be unset (`process.env.X`)
 * straight into every options object: each optional field also accepts `undefined`.
 */
import { describe, expectTypeOf, it } from 'vitest';
import { toNodeHandler } from '../src/entries/node.js';
import {
  anthropic,
  type CatalogEvent,
  type CatalogResult,
  createFileCache,
  createModelCatalog,
  createModelsHandler,
  googleGenAI,
  listModels,
  type ModelCatalogOptions,
  modelsDev,
  ollama,
  openai,
  openaiCompatible,
  type ProviderResult,
} from '../src/index.js';

declare const maybeString: string | undefined;
declare const maybeNumber: number | undefined;
declare const maybeSignal: AbortSignal | undefined;

describe('optional options that accept undefined', () => {
  it('take values that may be undefined in the catalog options and requests', () => {
    const catalog = createModelCatalog({
      cache: undefined,
      ttlMs: maybeNumber,
      timeoutMs: maybeNumber,
      maxRetries: maybeNumber,
      fetch: undefined,
      onEvent: undefined,
      env: undefined,
      providers: undefined,
    });
    expectTypeOf(
      catalog.listModels({ provider: maybeString, signal: maybeSignal }),
    ).resolves.toEqualTypeOf<CatalogResult | ProviderResult>();
    expectTypeOf(listModels({ provider: maybeString, refresh: undefined })).resolves.toEqualTypeOf<
      CatalogResult | ProviderResult
    >();
    // The narrow overloads still hold.
    expectTypeOf(listModels({ provider: 'openai' })).resolves.toEqualTypeOf<ProviderResult>();
    expectTypeOf(listModels({ provider: undefined })).resolves.toEqualTypeOf<CatalogResult>();
    catalog.watch({
      intervalMs: 60_000,
      jitter: maybeNumber,
      signal: maybeSignal,
      providers: undefined,
    });
  });

  it('take them in provider factories, caches, catalogs and handlers', () => {
    openai({ apiKey: maybeString, baseURL: maybeString, headers: undefined });
    openai({ organization: process.env.OPENAI_ORG_ID, project: process.env.OPENAI_PROJECT_ID });
    anthropic({ apiKey: process.env.ANTHROPIC_API_KEY, baseURL: process.env.ANTHROPIC_BASE_URL });
    anthropic({ authToken: process.env.ANTHROPIC_AUTH_TOKEN });
    ollama({ baseURL: maybeString, details: undefined });
    googleGenAI({ tunedModels: undefined });
    openaiCompatible({ id: 'local', baseURL: maybeString, apiKeyEnv: undefined });
    createFileCache({ dir: maybeString, env: undefined });
    modelsDev({ baseURL: maybeString });
    createModelsHandler(createModelCatalog(), {
      format: undefined,
      detectFormat: undefined,
      credentials: undefined,
      authorize: undefined,
      vary: undefined,
    });
  });

  it('keep rejecting a wrong type', () => {
    // @ts-expect-error ttlMs is a number
    createModelCatalog({ ttlMs: '1000' });
    // @ts-expect-error provider is a string
    listModels({ provider: 42 });
  });

  it('mark retries as the deprecated old name of maxRetries', () => {
    expectTypeOf<ModelCatalogOptions['maxRetries']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<ModelCatalogOptions['retries']>().toEqualTypeOf<number | undefined>();
  });
});

describe('the cache:fallback event', () => {
  it('says which cache and why, without a provider', () => {
    expectTypeOf<Extract<CatalogEvent, { type: 'cache:fallback' }>>().toEqualTypeOf<{
      readonly type: 'cache:fallback';
      readonly cache: 'memory';
      readonly reason: string;
    }>();
  });
});

describe('toNodeHandler', () => {
  it('takes a Fetch API handler and returns a node:http listener', () => {
    const listener = toNodeHandler(createModelsHandler(createModelCatalog()));
    expectTypeOf(listener).parameter(0).toEqualTypeOf<import('node:http').IncomingMessage>();
    expectTypeOf(listener).returns.toEqualTypeOf<Promise<void>>();
    // @ts-expect-error the handler must return a Response
    toNodeHandler(() => 'text');
  });
});
