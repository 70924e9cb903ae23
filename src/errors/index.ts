export { AdapterError } from './adapter-error.js';
export { createError, type ErrorFields } from './create-error.js';
export { InvalidParameterError } from './invalid-parameter-error.js';
export { InvalidResponseError } from './invalid-response-error.js';
export { ListingAbortedError } from './listing-aborted-error.js';
export { ModelCatalogError, type ModelCatalogErrorOptions } from './model-catalog-error.js';
export { NotConfiguredError } from './not-configured-error.js';
export { ProviderRequestError, type ProviderRequestKind } from './provider-request-error.js';
export { redactSecrets } from './redact.js';
export {
  describeError,
  type ErrorContext,
  errorMessage,
  toCatalogError,
} from './to-catalog-error.js';
export { UnknownProviderError } from './unknown-provider-error.js';
