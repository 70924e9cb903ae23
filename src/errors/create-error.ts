import type { ErrorKind } from '../types.js';
import { AdapterError } from './adapter-error.js';
import { InvalidParameterError } from './invalid-parameter-error.js';
import { InvalidResponseError } from './invalid-response-error.js';
import { ListingAbortedError } from './listing-aborted-error.js';
import type { ModelCatalogError, ModelCatalogErrorOptions } from './model-catalog-error.js';
import { NotConfiguredError } from './not-configured-error.js';
import { ProviderRequestError } from './provider-request-error.js';
import { UnknownProviderError } from './unknown-provider-error.js';

/** What an error of any kind may carry besides its message. */
export type ErrorFields = Omit<ModelCatalogErrorOptions, 'kind'> & {
  readonly issues?: readonly string[] | undefined;
  readonly validIds?: readonly string[] | undefined;
  readonly parameter?: string | undefined;
};

/**
 * The one table from kind to class (openai-node's status-to-class map, for kinds): every
 * error of a kind is of its class, and every class makes only its own kinds.
 */
const ERROR_CLASSES: { readonly [Kind in ErrorKind]: { readonly errorName: string } } = {
  unknown_provider: UnknownProviderError,
  not_configured: NotConfiguredError,
  auth: ProviderRequestError,
  rate_limit: ProviderRequestError,
  timeout: ProviderRequestError,
  network: ProviderRequestError,
  http: ProviderRequestError,
  invalid_response: InvalidResponseError,
  aborted: ListingAbortedError,
  adapter: AdapterError,
  invalid_parameter: InvalidParameterError,
};

/** An error of `kind`, of the class the kind decides. */
export function createError(
  kind: ErrorKind,
  message: string,
  fields: ErrorFields = {},
): ModelCatalogError {
  const ErrorClass = ERROR_CLASSES[kind];
  // Three classes take their subject first, as their public constructors always have.
  if (ErrorClass === UnknownProviderError) {
    return new UnknownProviderError(fields.provider ?? '', fields.validIds ?? [], message, fields);
  }
  if (ErrorClass === NotConfiguredError) {
    return new NotConfiguredError(fields.provider ?? '', message, fields);
  }
  if (ErrorClass === InvalidParameterError) {
    return new InvalidParameterError(fields.parameter ?? '', message, fields);
  }
  // The others take (message, options); each sets its own kind, ProviderRequestError takes it.
  const OtherClass = ErrorClass as typeof ModelCatalogError;
  return new OtherClass(message, { ...fields, kind });
}

/** The `name` of the class errors of `kind` have, or undefined for a kind this version does not know. */
export function errorNameOf(kind: string): string | undefined {
  return Object.hasOwn(ERROR_CLASSES, kind)
    ? ERROR_CLASSES[kind as ErrorKind].errorName
    : undefined;
}
