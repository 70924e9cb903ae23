/**
 * The provider an id or an alias names. An exact id wins over another provider's alias, so a
 * provider of your own named `gemini` is found by `gemini` even beside `googleGenAI()`, whose
 * alias `gemini` is. The one rule of the catalog (`listModels({ provider })`) and the handler
 * (`?provider=`), over adapters or over `listProviders()` alike; case does not matter.
 *
 * @example
 * ```ts
 * findProvider(catalog.listProviders(), 'gemini')?.id; // 'google-genai'
 * ```
 */
export function findProvider<
  Provider extends { readonly id: string; readonly aliases?: readonly string[] | undefined },
>(providers: readonly Provider[], name: string): Provider | undefined {
  // Ids and aliases match without regard to case: `OpenAI` is `openai`.
  const wanted = String(name).toLowerCase();
  return (
    providers.find((provider) => provider.id.toLowerCase() === wanted) ??
    providers.find((provider) => provider.aliases?.some((alias) => alias.toLowerCase() === wanted))
  );
}
