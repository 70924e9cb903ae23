import { describe, expect, it } from 'vitest';
import { cutText, redactSecrets } from '../src/errors/redact.js';

describe('redactSecrets', () => {
  it('replaces every occurrence of each known secret', () => {
    expect(
      redactSecrets('key sk-abc123456 and again sk-abc123456, token tok-987654', [
        'sk-abc123456',
        'tok-987654',
      ]),
    ).toBe('key [redacted] and again [redacted], token [redacted]');
  });

  it('leaves secrets shorter than six characters alone, so ordinary words survive', () => {
    expect(redactSecrets('the model is gpt-4o', ['gpt', 'model'])).toBe('the model is gpt-4o');
  });

  it('treats a secret as plain text, not as a pattern', () => {
    expect(redactSecrets('a key a.b*c+d(e) here', ['a.b*c+d(e)'])).toBe('a key [redacted] here');
  });

  it.each([
    [
      'https://api.test/v1/models?key=AIzaSyPLANTED&pageSize=50',
      'https://api.test/v1/models?key=[redacted]&pageSize=50',
    ],
    ['GET /models?api_key=abc123', 'GET /models?api_key=[redacted]'],
    ['GET /models?apiKey=abc123', 'GET /models?apiKey=[redacted]'],
    ['GET /models?api-key=abc123', 'GET /models?api-key=[redacted]'],
    ['GET /models?x=1&access_token=ya29.abc', 'GET /models?x=1&access_token=[redacted]'],
    ['GET /models?token=abc#frag', 'GET /models?token=[redacted]#frag'],
    [
      '?X-Amz-Signature=deadbeef&X-Amz-Credential=AKIA%2F2026',
      '?X-Amz-Signature=[redacted]&X-Amz-Credential=[redacted]',
    ],
    ['&x-amz-security-token=FwoGZX', '&x-amz-security-token=[redacted]'],
    ['Authorization: Bearer sk-live.abc_DEF-123/+=', 'Authorization: Bearer [redacted]'],
    ['authorization: bearer abc.def', 'authorization: bearer [redacted]'],
    [
      'AWS4-HMAC-SHA256 Credential=x, Signature=0123abcdef',
      'AWS4-HMAC-SHA256 Credential=x, Signature=[redacted]',
    ],
    ['"url":"https://x.test/?key=abc"', '"url":"https://x.test/?key=[redacted]"'],
    ['GET http://admin:hunter2@127.0.0.1:1/api/tags', 'GET http://[redacted]@127.0.0.1:1/api/tags'],
    // A token alone as the userinfo, and a password without a user (`redis://:secret@host`).
    ['GET https://sk-live-SECRET1@srv.test/v1', 'GET https://[redacted]@srv.test/v1'],
    ['redis://:hunter2@10.0.0.1:6379', 'redis://[redacted]@10.0.0.1:6379'],
  ])('scrubs credentials shaped like %j', (input, expected) => {
    expect(redactSecrets(input)).toBe(expected);
  });

  it('leaves text without credentials unchanged', () => {
    const text =
      'openai: GET https://api.openai.com/v1/models?limit=100 answered 500 Internal Server Error';
    expect(redactSecrets(text)).toBe(text);
    // An @ after the host, in a path or a query, is no userinfo.
    for (const url of ['https://x.test/v1/models@latest', 'https://x.test/?to=a@b.test']) {
      expect(redactSecrets(url)).toBe(url);
    }
    expect(redactSecrets('')).toBe('');
  });

  it('redacts a secret that also sits in a URL exactly once', () => {
    expect(redactSecrets('GET /v1?key=AIzaSyPLANTED0001', ['AIzaSyPLANTED0001'])).toBe(
      'GET /v1?key=[redacted]',
    );
  });
});

describe('cutText', () => {
  it('cuts a text past `max` characters with an ellipsis, and leaves a shorter one as it is', () => {
    expect(cutText('abcdef', 3)).toBe('abc…');
    expect(cutText('abc', 3)).toBe('abc');
    expect(cutText('', 3)).toBe('');
  });
});
