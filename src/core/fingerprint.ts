import type { ProviderSetting, ResolvedSettings } from '../types.js';

/**
 * A one-way fingerprint of who a list was fetched for: the provider id, every
 * non-secret setting (base URL, region, project) and a SHA-256 of each secret.
 * Stored in cache entries so that a changed key or endpoint never serves another
 * account's list. Uses Web Crypto, present in Node 20 and edge runtimes.
 */
export async function settingsFingerprint(
  providerId: string,
  settings: Readonly<Record<string, ProviderSetting>>,
  resolved: ResolvedSettings,
  cacheKey?: string,
): Promise<string> {
  // The adapter's cacheKey may hold header values (tokens too): it goes in hashed, like a secret.
  const parts: string[] = [
    providerId,
    cacheKey === undefined ? '' : `cacheKey=${await sha256(cacheKey)}`,
  ];
  for (const name of Object.keys(settings).sort()) {
    const value = resolved[name];
    if (value === undefined) continue;
    parts.push(`${name}=${settings[name]?.secret ? await sha256(value) : value}`);
  }
  return (await sha256(parts.join('\n'))).slice(0, 32);
}

/**
 * True when every non-secret setting has its default value: the "default endpoint",
 * for which a cache file in the plain format (no fingerprint) is still honoured.
 * An adapter with a `cacheKey` (extra headers, filters) is never the default endpoint.
 */
export function usesDefaultEndpoint(
  settings: Readonly<Record<string, ProviderSetting>>,
  resolved: ResolvedSettings,
  cacheKey?: string,
): boolean {
  return (
    cacheKey === undefined &&
    Object.entries(settings).every(
      ([name, setting]) => setting.secret || resolved[name] === setting.default,
    )
  );
}

async function sha256(text: string): Promise<string> {
  // Node's own hash where there is one (`getBuiltinModule`, Node 20.16+): synchronous, and far
  // cheaper than a Web Crypto call for a few bytes; Web Crypto everywhere else.
  let nodeCrypto: typeof import('node:crypto') | undefined;
  try {
    nodeCrypto = globalThis.process?.getBuiltinModule?.('node:crypto');
  } catch {
    // Next.js's edge runtime has a `process` whose Node functions throw when called.
  }
  if (nodeCrypto) return nodeCrypto.createHash('sha256').update(text).digest('hex');
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
