/**
 * What the catalog reports through the `onEvent` option. The library never
 * logs on its own when a handler is given; messages are free of secrets.
 */
export type CatalogEvent =
  | { readonly type: 'cache:hit'; readonly provider: string; readonly fetchedAt: string }
  | { readonly type: 'cache:miss'; readonly provider: string }
  | { readonly type: 'cache:read-error'; readonly provider: string; readonly message: string }
  | { readonly type: 'cache:write-error'; readonly provider: string; readonly message: string };
