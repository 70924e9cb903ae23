import { describe, expect, it } from 'vitest';
import {
  InvalidResponseError,
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
