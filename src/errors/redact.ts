const REDACTED = '[redacted]';

/** Query parameters and header schemes whose values are credentials wherever they appear. */
const CREDENTIAL_PATTERNS: readonly RegExp[] = [
  /([?&](?:key|api[_-]?key|access[_-]?token|token|x-amz-signature|x-amz-credential|x-amz-security-token)=)[^&\s"'#]+/gi,
  /(\bBearer\s+)[\w.~+/=-]+/gi,
  /(\bSignature=)[0-9a-f]+/gi,
  // A URL's userinfo, which may be a token alone: https://user:password@host/, https://token@host/
  /(\/\/)[^\s/?#@]+(?=@)/g,
];

/**
 * Removes every known secret, and anything shaped like a credential in a URL
 * or header, from a text before it reaches an error, a warning or a log.
 */
export function redactSecrets(text: string, secrets: readonly string[] = []): string {
  let result = text;
  for (const secret of secrets) {
    // Very short values would redact ordinary words; real keys are long.
    if (secret.length >= 6) result = result.split(secret).join(REDACTED);
  }
  for (const pattern of CREDENTIAL_PATTERNS) result = result.replace(pattern, `$1${REDACTED}`);
  return result;
}

/** A text cut at `max` characters, marked with an ellipsis: a message never quotes a whole body. */
export function cutText(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
