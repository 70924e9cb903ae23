/**
 * The `cacheKey` part of an adapter: the factory options besides settings that change what
 * the list holds (extra headers, a publisher, a filter). Unset, `false` and empty values are
 * left out, and header names are compared without case or order, so a plain adapter keeps
 * honouring the seed's plain cache files and equal options give equal keys.
 */
export function cacheKeyOf(parts: Readonly<Record<string, unknown>>): { cacheKey?: string } {
  const kept: [string, unknown][] = [];
  for (const [name, value] of Object.entries(parts)) {
    if (value === undefined || value === false || value === '') continue;
    if (typeof value === 'object' && value !== null) {
      const entries = Object.entries(value)
        .map(([key, entry]): [string, unknown] => [key.toLowerCase(), entry])
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      if (entries.length > 0) kept.push([name, entries]);
    } else {
      kept.push([name, value]);
    }
  }
  return kept.length > 0 ? { cacheKey: JSON.stringify(kept) } : {};
}
