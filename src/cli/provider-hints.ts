import { defaultProviders, type ProviderAdapter, type ProviderErrorInfo } from '../index.js';

/** The environment variables a built-in provider reads, by role. Names only, never values. */
export interface ProviderVariables {
  /** Every variable it reads, in its settings' order. */
  readonly all: readonly string[];
  /** Variables holding a secret: a key or a token. */
  readonly secrets: readonly string[];
  /** Variables naming where the provider is: a base URL, an endpoint, a resource. */
  readonly locations: readonly string[];
  /**
   * What configures it, one entry per thing needed, alternatives joined by `or`:
   * `['AZURE_OPENAI_API_KEY', 'AZURE_OPENAI_ENDPOINT or AZURE_RESOURCE_NAME']`.
   */
  readonly needs: readonly string[];
}

/** The variables of each built-in provider, read from the adapters' declared settings. */
export function builtInProviderVariables(): Map<string, ProviderVariables> {
  return new Map(defaultProviders().map((adapter) => [adapter.id, variablesOf(adapter)]));
}

/**
 * True for a provider `not_configured` because something it needs is unset (the library's
 * "is not configured: set ..."), not because a value set cannot be used.
 */
export function isUnset(error: ProviderErrorInfo): boolean {
  return error.kind === 'not_configured' && / is not configured: set /.test(error.message);
}

/**
 * What to check after a failure, naming the provider's variables: what to set when it is not
 * configured, its key after `auth`, its base URL after a network failure, a 404 or an answer that
 * is not a model list. Empty when nothing helps.
 */
export function failureHint(
  error: ProviderErrorInfo,
  variables: ProviderVariables | undefined,
): string {
  const secrets = variables?.secrets.join(' or ');
  const locations = variables?.locations.join(' or ');
  switch (error.kind) {
    case 'not_configured':
      // The library's own message names its options too, which a command line cannot set; a
      // value set but unusable (a base URL without http(s), a region that is no DNS label) is
      // said by that message, with the variables that say where the provider is.
      if (isUnset(error)) return whatToSet(variables);
      return locations ? `check ${locations}` : '';
    case 'auth':
      return secrets ? `check ${secrets}` : 'check the key';
    case 'rate_limit':
      return error.retryAfterMs
        ? `try again in ${Math.ceil(error.retryAfterMs / 1000)} s`
        : 'try again later';
    case 'network':
    case 'timeout':
      return locations
        ? `check ${locations} and that the server is reachable`
        : 'check your connection';
    case 'http':
    case 'invalid_response':
      return error.status === 401 || error.status === 403
        ? `check ${secrets ?? 'the key'}`
        : locations
          ? `check ${locations}`
          : '';
    default:
      return '';
  }
}

/** `set A, and B or C`: what configures a provider; empty when its variables are not known. */
export function whatToSet(variables: ProviderVariables | undefined): string {
  return variables?.needs.length ? `set ${variables.needs.join(', and ')}` : '';
}

function variablesOf(adapter: ProviderAdapter): ProviderVariables {
  const settings = adapter.settings ?? {};
  const all: string[] = [...(adapter.detectEnv ?? [])];
  const secrets: string[] = [];
  const locations: string[] = [];
  const needs: string[] = [];
  for (const setting of Object.values(settings)) {
    const names = setting.env ?? [];
    for (const name of names) if (!all.includes(name)) all.push(name);
    if (setting.secret) secrets.push(...names);
    else if (/url|endpoint|resource/i.test(setting.option)) locations.push(...names);
    // A setting with a default always resolves: it is never what a user must set.
    if (setting.required && setting.default === undefined && names.length > 0) {
      needs.push(names.join(' or '));
    }
  }
  const groups = (adapter.requireOneOf ?? []).map((group) =>
    group.flatMap((name) => settings[name]?.env?.join(' or ') ?? []).join(' and '),
  );
  if (groups.length > 0) {
    needs.push(
      groups.map((group) => (group.includes(' and ') ? `(${group})` : group)).join(' or '),
    );
  } else if (
    adapter.detectEnv?.length &&
    !needs.some((need) => adapter.detectEnv?.some((name) => need.includes(name)))
  ) {
    // The default set uses the provider only when one of these is set.
    needs.unshift(adapter.detectEnv.join(' or '));
  }
  return { all, secrets, locations, needs };
}
