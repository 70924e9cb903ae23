/**
 * The `cacheKey` part of an adapter: the factory options besides settings that change what
 * the list holds (extra headers, a publisher, a filter). Nothing when none is set, so that
 * a plain adapter keeps honouring the seed's plain cache files.
 */
export function cacheKeyOf(parts: Readonly<Record<string, unknown>>): { cacheKey?: string } {
  const set = Object.entries(parts).filter(([, value]) => value !== undefined && value !== false);
  return set.length > 0 ? { cacheKey: JSON.stringify(Object.fromEntries(set)) } : {};
}
