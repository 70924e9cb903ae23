import type {
  Environment,
  ProviderAdapter,
  ProviderCredentials,
  ProviderSetting,
  ResolvedSettings,
} from '../types.js';
import { resolveSetting, resolveSettings } from './settings.js';

/**
 * Checks the `credentials` of a call and returns them by canonical provider id. Messages
 * name the path of a bad value, never the value: it may be a key.
 */
export function readCredentials(
  credentials: unknown,
  idOf: (name: string) => string,
): Map<string, ProviderCredentials> {
  const byProvider = new Map<string, ProviderCredentials>();
  if (credentials === undefined) return byProvider;
  if (!isObject(credentials)) {
    throw new TypeError('`credentials` must be an object of settings by provider id.');
  }
  for (const [name, given] of Object.entries(credentials)) {
    if (!isObject(given)) throw new TypeError(`\`credentials.${name}\` must be an object.`);
    for (const [setting, value] of Object.entries(given)) {
      const valid =
        setting === 'headers'
          ? value === undefined ||
            (isObject(value) && Object.values(value).every((text) => typeof text === 'string'))
          : value === undefined || typeof value === 'string';
      if (!valid) {
        throw new TypeError(
          `\`credentials.${name}.${setting}\` must be ${setting === 'headers' ? 'an object of strings' : 'a string'}.`,
        );
      }
    }
    byProvider.set(idOf(name), given as ProviderCredentials);
  }
  return byProvider;
}

/**
 * An adapter's settings for one call with credentials: each setting the credentials give
 * (by setting or option name) replaces the catalog's; the catalog's non-secret settings fill
 * in the rest, but never its secrets, so that a key of the catalog is never sent with
 * another account's settings (to an endpoint the caller chose, say).
 */
export function resolveCredentialSettings(
  adapter: ProviderAdapter,
  credentials: ProviderCredentials,
  env: Environment,
): ResolvedSettings {
  const specs = adapter.settings ?? {};
  const givenFor = (name: string, spec: ProviderSetting): string | undefined =>
    (credentials[name] ?? credentials[spec.option]) as string | undefined;
  for (const name of Object.keys(credentials)) {
    const known =
      name === 'headers' ||
      Object.entries(specs).some(([setting, spec]) => setting === name || spec.option === name);
    if (!known) {
      const accepted = [...Object.keys(specs), 'headers'].join(', ');
      throw new TypeError(
        `\`credentials.${adapter.id}.${name}\` is not a setting of ${adapter.id}; it takes ${accepted}.`,
      );
    }
  }
  const overridden: Record<string, ProviderSetting> = {};
  for (const [name, spec] of Object.entries(specs)) {
    // Blank is not given: it leaves the catalog's own value (a non-secret one) in place.
    const given = givenFor(name, spec)?.trim();
    overridden[name] = given
      ? { ...spec, value: given }
      : spec.secret
        ? { option: spec.option, ...(spec.required ? { required: true } : {}), secret: true }
        : spec;
  }
  const settings = resolveSettings(adapter.id, overridden, env, adapter.requireOneOf);
  // Marks the settings as a call's own: an adapter given them lists for the caller's account
  // alone and never reaches for a secret of the catalog's (Vertex's `getAccessToken` reads this
  // mark). A registered symbol, so that no module is shared with the adapters for it.
  return Object.defineProperty(settings, Symbol.for('model-catalog.caller-account'), {
    value: true,
  });
}

/**
 * Options of built-in adapters known to leave the endpoint where it is (an API version is a
 * query parameter): any other non-secret setting may form the host or path, so it counts.
 */
const SAME_ENDPOINT_OPTIONS: readonly string[] = ['apiVersion'];

/**
 * True when the settings resolved for a call's credentials may send it to another endpoint than
 * the catalog's own: a setting that is no secret (a `baseURL`, an `endpoint`, a region, a server
 * of a `defineProvider` adapter) resolves to another value than the catalog's. Fails closed: only
 * keys, the catalog's own values and an API version keep the endpoint (and the headers
 * configured for it).
 */
export function choosesEndpoint(
  adapter: ProviderAdapter,
  settings: ResolvedSettings,
  env: Environment,
): boolean {
  return Object.entries(adapter.settings ?? {}).some(
    ([name, spec]) =>
      !spec.secret &&
      !SAME_ENDPOINT_OPTIONS.includes(spec.option) &&
      settings[name] !== resolveSetting(spec, env),
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
