import { describe, expect, it } from 'vitest';
import { formatTokens } from '../../src/cli/model-table.js';

describe('formatTokens', () => {
  it.each([
    [undefined, '-'],
    [999, '999'],
    [1_000, '1K'],
    [8_192, '8.2K'],
    [9_999, '10K'],
    [128_000, '128K'],
    [999_499, '999K'],
    [999_500, '1M'],
    [999_999, '1M'],
    [1_000_000, '1M'],
    [1_048_576, '1M'],
    [2_000_000, '2M'],
  ])('%s tokens show as %s', (tokens, shown) => {
    expect(formatTokens(tokens)).toBe(shown);
  });
});
