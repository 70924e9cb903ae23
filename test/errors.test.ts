import { describe, expect, it } from 'vitest';
import * as core from '../src/entries/core.js';
import { createError, describeError, toCatalogError } from '../src/errors/index.js';
import * as root from '../src/index.js';
import {
  AdapterError,
  type ErrorKind,
  InvalidParameterError,
  InvalidResponseError,
  ListingAbortedError,
  ModelCatalogError,
  NotConfiguredError,
  ProviderRequestError,
  UnknownProviderError,
} from '../src/index.js';

const errors = {
  UnknownProviderError: new UnknownProviderError('acme', ['openai']),
  NotConfiguredError: new NotConfiguredError('openai', 'set OPENAI_API_KEY'),
  ProviderRequestError: new ProviderRequestError('openai: 500', { kind: 'http', status: 500 }),
  InvalidResponseError: new InvalidResponseError('openai: bad shape', { provider: 'openai' }),
};
const classes = {
  UnknownProviderError,
  NotConfiguredError,
  ProviderRequestError,
  InvalidResponseError,
};

describe('isInstance', () => {
  it.each(Object.entries(errors))('recognises a %s as a ModelCatalogError', (_name, error) => {
    expect(ModelCatalogError.isInstance(error)).toBe(true);
  });

  it.each(Object.keys(classes))('on %s matches only that subclass', (name) => {
    const errorClass = classes[name as keyof typeof classes];
    const matches = Object.entries(errors)
      .filter(([, error]) => errorClass.isInstance(error))
      .map(([errorName]) => errorName);
    expect(matches).toEqual([name]);
  });

  it('works across copies of the package, by marker and name rather than prototype', () => {
    const foreign = Object.assign(Object.create(null), {
      [Symbol.for('model-catalog.error')]: true,
      name: 'NotConfiguredError',
      message: 'from another copy',
    });
    expect(ModelCatalogError.isInstance(foreign)).toBe(true);
    expect(NotConfiguredError.isInstance(foreign)).toBe(true);
    expect(InvalidResponseError.isInstance(foreign)).toBe(false);
  });

  it('rejects plain errors and non-objects', () => {
    expect(ModelCatalogError.isInstance(new Error('x'))).toBe(false);
    expect(ModelCatalogError.isInstance('ModelCatalogError')).toBe(false);
    expect(ModelCatalogError.isInstance(null)).toBe(false);
  });
});

describe('isInstance called unbound', () => {
  it('acts as the base class check, as in errors.filter(ModelCatalogError.isInstance)', () => {
    const unbound = ModelCatalogError.isInstance as (error: unknown) => boolean;
    expect([errors.NotConfiguredError, new Error('plain')].filter(unbound)).toEqual([
      errors.NotConfiguredError,
    ]);
  });
});

// The kind decides the class and the class the kind, over every kind.
const KIND_CLASSES = [
  ['unknown_provider', UnknownProviderError],
  ['not_configured', NotConfiguredError],
  ['auth', ProviderRequestError],
  ['rate_limit', ProviderRequestError],
  ['timeout', ProviderRequestError],
  ['network', ProviderRequestError],
  ['http', ProviderRequestError],
  ['invalid_response', InvalidResponseError],
  ['aborted', ListingAbortedError],
  ['adapter', AdapterError],
  ['invalid_parameter', InvalidParameterError],
] as const satisfies readonly (readonly [
  ErrorKind,
  { readonly errorName: string; isInstance(error: unknown): boolean },
])[];
// Fails to compile when a kind is added to ErrorKind without a row here.
const everyKindHasAClass: Exclude<ErrorKind, (typeof KIND_CLASSES)[number][0]> extends never
  ? true
  : false = true;
const ALL_CLASSES = [...new Set(KIND_CLASSES.map(([, errorClass]) => errorClass))];

describe('the kind <-> class table', () => {
  it('lists every ErrorKind once', () => {
    expect(everyKindHasAClass).toBe(true);
    const kinds = KIND_CLASSES.map(([kind]) => kind);
    expect(new Set(kinds).size).toBe(kinds.length);
    expect(kinds).toHaveLength(11);
  });

  const rows = KIND_CLASSES.map(
    ([kind, errorClass]) => [kind, errorClass.name, errorClass] as const,
  );

  it.each(rows)('makes a %s error a %s, and only that', (kind, _name, errorClass) => {
    const error = createError(kind, `acme: ${kind}`, { provider: 'acme', status: 418 });
    expect(error).toBeInstanceOf(errorClass);
    expect(error.kind).toBe(kind);
    expect(error.name).toBe(errorClass.errorName);
    expect(error.message).toBe(`acme: ${kind}`);
    expect(ModelCatalogError.isInstance(error)).toBe(true);
    expect(ALL_CLASSES.filter((other) => other.isInstance(error))).toEqual([errorClass]);
  });

  it.each(rows)(
    'converts a plain ModelCatalogError of kind %s to a %s, keeping every field',
    (kind, _name, errorClass) => {
      const original = new ModelCatalogError(`acme: ${kind}`, {
        kind,
        provider: 'acme',
        status: 503,
        retryable: true,
        retryAfterMs: 7000,
      });
      const converted = toCatalogError(original, { provider: 'other' });
      expect(converted).toBeInstanceOf(errorClass);
      expect(errorClass.isInstance(converted)).toBe(true);
      expect({
        kind: converted.kind,
        name: converted.name,
        message: converted.message,
        provider: converted.provider,
        status: converted.status,
        retryable: converted.retryable,
        retryAfterMs: converted.retryAfterMs,
        cause: converted.cause,
      }).toEqual({
        kind,
        name: errorClass.errorName,
        message: `acme: ${kind}`,
        provider: 'acme',
        status: 503,
        retryable: true,
        retryAfterMs: 7000,
        cause: original,
      });
      // The same error converted again stays as it is.
      expect(toCatalogError(converted)).toBe(converted);
    },
  );

  it('makes every class construct only kinds that map back to it', () => {
    const constructed = [
      new UnknownProviderError('acme', ['openai']),
      new NotConfiguredError('acme', 'set ACME_API_KEY'),
      new ProviderRequestError('acme: 500', { kind: 'http' }),
      new InvalidResponseError('acme: bad', { provider: 'acme' }),
      new ListingAbortedError('acme: aborted', { provider: 'acme' }),
      new AdapterError('acme: crashed', { provider: 'acme' }),
      new InvalidParameterError('limit', '`limit` must be a number'),
    ];
    for (const error of constructed) {
      expect(createError(error.kind, error.message).name).toBe(error.name);
      expect(toCatalogError(error)).toBe(error);
    }
    expect(constructed.map((error) => error.kind)).toEqual([
      'unknown_provider',
      'not_configured',
      'http',
      'invalid_response',
      'aborted',
      'adapter',
      'invalid_parameter',
    ]);
  });

  it("converts a subclass given a kind of another class (from untyped code) to the kind's class", () => {
    const wrong = new ProviderRequestError('acme: bad shape', {
      kind: 'invalid_response' as 'http',
      provider: 'acme',
    });
    const converted = toCatalogError(wrong);
    expect(InvalidResponseError.isInstance(converted)).toBe(true);
    expect(ProviderRequestError.isInstance(converted)).toBe(false);
    expect(converted.cause).toBe(wrong);
  });

  it('makes InvalidResponseError.isInstance true for every invalid_response, however made', () => {
    const made = [
      new InvalidResponseError('a', {}),
      createError('invalid_response', 'b'),
      toCatalogError(new ModelCatalogError('c', { kind: 'invalid_response' })),
    ];
    expect(made.map((error) => InvalidResponseError.isInstance(error))).toEqual([true, true, true]);
  });
});

describe('toCatalogError', () => {
  it('turns a plain Error into an AdapterError naming the provider, the original as cause', () => {
    const original = new RangeError('index out of range');
    const error = toCatalogError(original, { provider: 'acme' });
    expect(AdapterError.isInstance(error)).toBe(true);
    expect({ kind: error.kind, message: error.message, cause: error.cause }).toEqual({
      kind: 'adapter',
      message: 'acme: index out of range',
      cause: original,
    });
  });

  it('turns a thrown string or object into an AdapterError too', () => {
    expect(toCatalogError('oops', { provider: 'acme' })).toMatchObject({
      kind: 'adapter',
      message: 'acme: oops',
    });
    expect(toCatalogError(undefined)).toMatchObject({ kind: 'adapter', message: 'undefined' });
  });

  it('turns an error of a kind this version does not know into an AdapterError', () => {
    const foreign = new ModelCatalogError('acme: odd', { kind: 'from_the_future' as ErrorKind });
    expect(toCatalogError(foreign)).toMatchObject({ kind: 'adapter', name: 'AdapterError' });
  });

  it('reports anything after the caller aborted as an AbortError of kind aborted', () => {
    const reason = new Error('user left');
    const error = toCatalogError(new Error('socket closed'), {
      provider: 'acme',
      signal: AbortSignal.abort(reason),
    });
    expect(ListingAbortedError.isInstance(error)).toBe(true);
    expect({ kind: error.kind, name: error.name, message: error.message }).toEqual({
      kind: 'aborted',
      name: 'AbortError',
      message: 'acme: listing was aborted.',
    });
    expect(error.cause).toBe(reason);
    expect(error).toBeInstanceOf(Error);
  });

  it('scrubs secrets from message and stack, and drops a foreign cause that quotes one', () => {
    const secret = 'sk-errors-PLANTED-31337';
    const ours = toCatalogError(
      new ModelCatalogError(`acme: rejected ${secret}`, { kind: 'auth' }),
      { secrets: [secret] },
    );
    expect(ours.message).toBe('acme: rejected [redacted]');
    expect(ours.stack).not.toContain(secret);
    const foreign = toCatalogError(new Error(`bad key ${secret}`), {
      provider: 'acme',
      secrets: [secret],
    });
    expect(foreign.message).toBe('acme: bad key [redacted]');
    expect(foreign.cause).toBeUndefined();
    expect(foreign.stack).not.toContain(secret);
  });
});

describe('the base class', () => {
  it('carries retryAfterMs for every kind, and describeError reports it', () => {
    const error = new ModelCatalogError('acme: slow down', {
      kind: 'rate_limit',
      provider: 'acme',
      status: 429,
      retryAfterMs: 30_000,
    });
    expect(error.retryAfterMs).toBe(30_000);
    expect(new ModelCatalogError('x', { kind: 'http' }).retryAfterMs).toBeUndefined();
    // A wait that is no number >= 0 says nothing (NaN would make a back-off spin).
    for (const retryAfterMs of [Number.NaN, -1, '5', null]) {
      const wrong = new ModelCatalogError('x', {
        kind: 'rate_limit',
        retryAfterMs: retryAfterMs as number,
      });
      expect(wrong.retryAfterMs).toBeUndefined();
    }
    expect(new ModelCatalogError('x', { kind: 'rate_limit', retryAfterMs: 0 }).retryAfterMs).toBe(
      0,
    );
    expect(describeError(error)).toEqual({
      kind: 'rate_limit',
      message: 'acme: slow down',
      status: 429,
      retryAfterMs: 30_000,
    });
  });

  it('has InvalidParameterError in the hierarchy, with its parameter', () => {
    const error = new InvalidParameterError('page_token', 'bad token');
    expect(ModelCatalogError.isInstance(error)).toBe(true);
    expect(InvalidParameterError.isInstance(error)).toBe(true);
    expect(error).toBeInstanceOf(ModelCatalogError);
    expect({ kind: error.kind, parameter: error.parameter, name: error.name }).toEqual({
      kind: 'invalid_parameter',
      parameter: 'page_token',
      name: 'InvalidParameterError',
    });
  });

  it('matches an AbortError of the platform only by name, never as ours', () => {
    const platform = new DOMException('aborted', 'AbortError');
    expect(ListingAbortedError.isInstance(platform)).toBe(false);
    expect(ModelCatalogError.isInstance(platform)).toBe(false);
  });
});

describe('every error class is exported', () => {
  it.each(ALL_CLASSES.map((errorClass) => [errorClass.name, errorClass] as const))(
    '%s from the root and from model-catalog/core',
    (name, errorClass) => {
      expect((root as Record<string, unknown>)[name]).toBe(errorClass);
      expect((core as Record<string, unknown>)[name]).toBe(errorClass);
    },
  );

  it('ModelCatalogError from both', () => {
    expect(root.ModelCatalogError).toBe(ModelCatalogError);
    expect(core.ModelCatalogError).toBe(ModelCatalogError);
  });
});
