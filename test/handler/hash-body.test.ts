import { describe, expect, it } from 'vitest';
import { hashBody } from '../../src/server/hash-body.js';

describe('hashBody', () => {
  it('gives the same hash for the same text, and another for any change', () => {
    const texts = [
      '',
      'a',
      'ab',
      'abc',
      'abcd',
      'abcde',
      '{"data":[]}',
      '{"data":[ ]}',
      'é',
      'e\u0301',
      '日本語のモデル',
      '🙂',
      '{"id":"gpt-4o","created":1715367049}',
      '{"id":"gpt-4o","created":1715367048}',
    ];
    const hashes = texts.map(hashBody);
    expect(new Set(hashes).size).toBe(texts.length);
    expect(texts.map(hashBody)).toEqual(hashes);
    for (const hash of hashes) expect(hash).toMatch(/^[0-9a-z]+$/);
  });

  it('tells apart texts that differ in one byte anywhere, and bodies past the scratch buffer', () => {
    const body = JSON.stringify(
      Array.from({ length: 20_000 }, (_, index) => ({ id: `model-${index}`, object: 'model' })),
    );
    expect(body.length).toBeGreaterThan(400_000);
    const large = body.repeat(3);
    expect(hashBody(large)).toBe(hashBody(`${large}`));
    const seen = new Set([hashBody(body), hashBody(large)]);
    for (const index of [0, 1, 2, 3, 1000, body.length - 2, body.length - 1]) {
      seen.add(hashBody(`${body.slice(0, index)}#${body.slice(index + 1)}`));
    }
    expect(seen.size).toBe(9);
  });
});
