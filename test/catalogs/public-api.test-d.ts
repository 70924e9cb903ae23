import { describe, expectTypeOf, it } from 'vitest';
import type { modelsDevSnapshot } from '../../src/entries/snapshot.js';
import type {
  CatalogSource,
  Model,
  ModelCatalogOptions,
  ModelSource,
  modelsDev,
  ProviderErrorInfo,
  ProviderStatus,
  staticCatalog,
} from '../../src/index.js';

// The names issue 13 fixes for outside checks.
describe('the catalog types', () => {
  it('give modelsDev, staticCatalog and modelsDevSnapshot the issue 13 signatures', () => {
    expectTypeOf<typeof modelsDev>().parameter(0).toExtend<
      | {
          readonly baseURL?: string | undefined;
          readonly headers?: Readonly<Record<string, string>> | undefined;
        }
      | undefined
    >();
    expectTypeOf<typeof modelsDev>().returns.toEqualTypeOf<CatalogSource>();
    expectTypeOf<typeof staticCatalog>().parameter(1).toExtend<{ readonly id: string }>();
    expectTypeOf<typeof staticCatalog>().returns.toEqualTypeOf<CatalogSource>();
    expectTypeOf<typeof modelsDevSnapshot>().returns.toEqualTypeOf<CatalogSource>();
  });

  it('add catalogs, overrides and fallback to the options', () => {
    expectTypeOf<ModelCatalogOptions['catalogs']>().toEqualTypeOf<
      readonly CatalogSource[] | undefined
    >();
    expectTypeOf<{ fallback: 'catalog' }>().toExtend<ModelCatalogOptions>();
    expectTypeOf<{
      overrides: { openai: { 'gpt-4o': { contextLength: 128_000 } } };
    }>().toExtend<ModelCatalogOptions>();
  });

  it('add sources, knowledgeCutoff and openWeights to Model, and catalog to the status source', () => {
    expectTypeOf<Model['sources']>().toEqualTypeOf<Readonly<Record<string, string>> | undefined>();
    expectTypeOf<Model['knowledgeCutoff']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<Model['openWeights']>().toEqualTypeOf<boolean | undefined>();
    expectTypeOf<'catalog'>().toExtend<ModelSource>();
    expectTypeOf<ProviderStatus['catalogErrors']>().toEqualTypeOf<
      Readonly<Record<string, ProviderErrorInfo>> | undefined
    >();
  });
});
