const REDACTED = '[redacted]';

/** Query parameters and header schemes whose values are credentials wherever they appear. */
const CREDENTIAL_PATTERNS: readonly RegExp[] = [
  /([?&](?:key|api[_-]?key|access[_-]?token|token|x-amz-signature|x-amz-credential|x-amz-security-token)=)[^&\s"'#]+/gi,
  /(\bBearer\s+)[\w.~+/=-]+/gi,
  /(\bSignature=)[0-9a-f]+/gi,
  // A URL's userinfo, which may be a token alone: https://user:password@host/, https://token@host/
  /(\/\/)[^\s/?#@]+(?=@)/g,
];

/** The shortest secret redacted wherever it appears; a shorter one would redact parts of ordinary words. */
const MIN_ANYWHERE_LENGTH = 6;

/**
 * Removes every known secret, and anything shaped like a credential in a URL
 * or header, from a text before it reaches an error, a warning or a log.
 * `quoted`: the text is what a provider said (its error message, its status text), where it may
 * echo a key however short: a secret shorter than six characters is redacted there too, where it
 * stands alone (not inside a longer word).
 */
export function redactSecrets(
  text: string,
  secrets: readonly string[] = [],
  quoted = false,
): string {
  let result = text;
  for (const secret of secrets) {
    if (secret.length >= MIN_ANYWHERE_LENGTH) result = result.split(secret).join(REDACTED);
    else if (quoted && secret.trim() !== '') {
      const alone = new RegExp(
        `(^|[^\\p{L}\\p{N}_])${escapeRegExp(secret)}(?![\\p{L}\\p{N}_])`,
        'gu',
      );
      result = result.replace(alone, `$1${REDACTED}`);
    }
  }
  for (const pattern of CREDENTIAL_PATTERNS) result = result.replace(pattern, `$1${REDACTED}`);
  return result;
}

/** A text cut at `max` characters, marked with an ellipsis: a message never quotes a whole body. */
export function cutText(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** `text` matched literally, also under the `u` flag (which refuses needless escapes such as `\-`). */
function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
