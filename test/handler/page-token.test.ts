import { describe, expect, it, vi } from 'vitest';
import { InvalidParameterError } from '../../src/index.js';
import { base36, finishHash } from '../../src/server/hash-body.js';
import { decodePageToken, encodePageToken, hashText } from '../../src/server/paginate.js';

/** cyrb53's last mix as first written, with `toString(36)`: the text `finishHash` must keep. */
function finishHashAsWritten(first: number, second: number): string {
  const high =
    Math.imul(first ^ (first >>> 16), 2246822507) ^ Math.imul(second ^ (second >>> 13), 3266489909);
  const low =
    Math.imul(second ^ (second >>> 16), 2246822507) ^ Math.imul(high ^ (high >>> 13), 3266489909);
  return (4294967296 * (2097151 & low) + (high >>> 0)).toString(36);
}

/** The reason a token is refused with, or undefined when it is read. */
function refusal(token: string, scope: string): string | undefined {
  try {
    decodePageToken(token, scope);
    return undefined;
  } catch (error) {
    expect(InvalidParameterError.isInstance(error)).toBe(true);
    return (error as Error).message;
  }
}

describe('finishHash', () => {
  it('writes the 53-bit hash in base 36 exactly as toString(36) does', () => {
    // States whose hash is small, near 36^5 and near 2^53, and a spread of others.
    const states: [number, number][] = [
      [0, 0],
      [1, 0],
      [0xdeadbeef, 0x41c6ce57],
      [0xffffffff, 0xffffffff],
    ];
    let seed = 7;
    for (let index = 0; index < 5000; index++) {
      seed = Math.imul(seed ^ (seed >>> 15), 2246822519) + index;
      states.push([seed, Math.imul(seed, 3266489917) ^ index]);
    }
    for (const [first, second] of states) {
      expect(finishHash(first, second)).toBe(finishHashAsWritten(first, second));
    }
    expect(hashText('model-catalog')).toMatch(/^[0-9a-z]{1,11}$/);
  });
});

describe('base36', () => {
  it('writes any number as toString(36) does', () => {
    const values = [0, 1, 35, 36, 60_466_175, 60_466_176, 60_466_177, 2 ** 31, 2 ** 53 - 1];
    values.push(Date.parse('2026-03-01T10:00:00Z'), -1, -(2 ** 40), 0.5, 2 ** 53, 2 ** 60);
    // A fixed spread of 53-bit values (a linear congruential walk), so a failure repeats.
    let seed = 12_345;
    for (let index = 0; index < 2000; index++) {
      seed = (seed * 48_271) % 2_147_483_647;
      values.push(seed * 4_194_304 + (index % 4_194_304));
    }
    for (const value of values) expect(base36(value)).toBe(value.toString(36));
  });
});

describe('page tokens', () => {
  it('carry a key and a provider there and back, ASCII or not', () => {
    for (const [key, provider] of [
      ['openai\u0000gpt-4o', 'openai'],
      ['ollama\u0000llama3.2:latest', 'ollama'],
      ['local\u0000モデル-日本語', 'local'],
      ['local\u0000café 🙂', 'lokál'],
    ] as const) {
      const token = encodePageToken(key, provider, 'scope-a');
      expect(token).toMatch(/^[A-Za-z0-9_-]+\.[0-9a-z]+$/);
      expect(decodePageToken(token, 'scope-a')).toEqual({ key, provider });
      // Another query's scope, even right after this one's was remembered, is refused.
      expect(refusal(token, 'scope-b')).toMatch(/different query/);
      expect(decodePageToken(token, 'scope-a')).toEqual({ key, provider });
    }
  });

  it('refuse a changed token, one without its checksum, and one whose bytes are no UTF-8', () => {
    const token = encodePageToken('openai\u0000gpt-4o', 'openai', 'scope');
    const [payload, sum] = token.split('.') as [string, string];
    expect(refusal(`${payload}x.${sum}`, 'scope')).toMatch(/not issued by this server/);
    expect(refusal(payload, 'scope')).toMatch(/not issued by this server/);
    expect(refusal(`.${sum}`, 'scope')).toMatch(/not issued by this server/);
    expect(refusal(`${token}.`, 'scope')).toMatch(/not issued by this server/);
    expect(refusal(`${payload}.`, 'scope')).toMatch(/not issued by this server/);
    // A payload of bytes that are no UTF-8, with a checksum that matches it.
    const notUtf8 = btoa('\u00ff\u00fe{}').replace(/=+$/, '');
    const checksum = hashText(`model-catalog.page-token:${notUtf8}`);
    expect(refusal(`${notUtf8}.${checksum}`, 'scope')).toMatch(/not issued by this server/);
    // A payload of ASCII JSON that is no token body, with a matching checksum.
    const notABody = btoa('{"v":1}').replace(/=+$/, '');
    const bodySum = hashText(`model-catalog.page-token:${notABody}`);
    expect(refusal(`${notABody}.${bodySum}`, 'scope')).toMatch(/another version/);
  });

  it('of the empty scope are read by another instance of the server, whatever it paged before', async () => {
    // A fresh module is a server just started: its first token is of the empty scope.
    vi.resetModules();
    const started = await import('../../src/server/paginate.js');
    const token = started.encodePageToken('openai\u0000gpt-4o', 'openai', '');
    const body = JSON.parse(atob(token.split('.')[0]!.replace(/-/g, '+').replace(/_/g, '/')));
    expect(body.s).toBe(hashText(''));
    // This module has paged other scopes already.
    encodePageToken('k', 'p', 'scope-a');
    expect(decodePageToken(token, '')).toEqual({ key: 'openai\u0000gpt-4o', provider: 'openai' });
    expect(started.decodePageToken(token, '')).toEqual({
      key: 'openai\u0000gpt-4o',
      provider: 'openai',
    });
  });
});
