import { NotConfiguredError } from '../errors/index.js';
import type { Environment, ProviderSetting, ResolvedSettings } from '../types.js';
import { settingProblem } from './check-option.js';

/**
 * Resolves one setting: option, then environment, then default. Values are trimmed once, here,
 * so the value sent and the value scrubbed are the same string; empty ones count as unset.
 */
export function resolveSetting(setting: ProviderSetting, env: Environment): string | undefined {
  const value = setting.value?.trim();
  if (value) return value;
  for (const name of setting.env ?? []) {
    const value = envValue(env, name);
    if (value) return value;
  }
  return setting.default;
}

/**
 * An environment variable, trimmed; undefined when unset, empty, or not a string: a Worker's
 * `env` also holds its bindings and typed vars, and a bundler's `import.meta.env` booleans.
 */
export function envValue(env: Environment, name: string): string | undefined {
  const value: unknown = env[name];
  return typeof value === 'string' ? value.trim() || undefined : undefined;
}

/** Resolves every setting of an adapter; throws {@link NotConfiguredError} naming what is missing. */
export function resolveSettings(
  provider: string,
  settings: Readonly<Record<string, ProviderSetting>>,
  env: Environment,
  requireOneOf: readonly (readonly string[])[] = [],
): ResolvedSettings {
  const resolved: Record<string, string | undefined> = {};
  const missing: string[] = [];
  for (const [name, setting] of Object.entries(settings)) {
    const value = resolveSetting(setting, env);
    if (value === undefined && setting.required) missing.push(describeSetting(setting));
    // A value from the environment that would make a bad host name (`attacker.example?`).
    const problem = settingProblem(setting, value);
    if (problem) {
      throw new NotConfiguredError(
        provider,
        `Provider "${provider}" is not configured: ${problem}`,
      );
    }
    resolved[name] = value;
  }
  // Alternatives, such as a key pair or a token: one whole group must resolve.
  const complete = (group: readonly string[]): boolean =>
    group.every((name) => resolved[name] !== undefined);
  if (requireOneOf.length > 0 && !requireOneOf.some(complete)) {
    // Name only what each way still lacks: with AWS_ACCESS_KEY_ID set, ask for the secret.
    const groups = requireOneOf.map((group) =>
      group
        .filter((name) => resolved[name] === undefined)
        .map((name) => settings[name])
        .filter((setting): setting is ProviderSetting => setting !== undefined)
        .map(describeSetting)
        .join(' and '),
    );
    missing.push(groups.join(', or '));
  }
  if (missing.length > 0) {
    throw new NotConfiguredError(
      provider,
      `Provider "${provider}" is not configured: set ${missing.join('; and ')}.`,
    );
  }
  return resolved;
}

/**
 * Set on the context of a call whose credentials chose the endpoint (a base URL, a region): an
 * adapter made by `defineProvider` then sends none of the headers it was configured with (they
 * may carry the catalog's tokens) to that endpoint.
 */
export const CALLER_ENDPOINT: unique symbol = Symbol('model-catalog.caller-endpoint');

/**
 * The secret values among resolved settings, for scrubbing: each as sent and URL-encoded, the
 * forms a provider may echo back.
 */
export function secretValues(
  settings: Readonly<Record<string, ProviderSetting>>,
  resolved: ResolvedSettings,
): string[] {
  return Object.keys(settings)
    .filter((name) => settings[name]?.secret && resolved[name] !== undefined)
    .flatMap((name) => [resolved[name] as string, encodeURIComponent(resolved[name] as string)]);
}

function describeSetting(setting: ProviderSetting): string {
  const env = setting.env ?? [];
  const variables = env.length > 0 ? ` or the ${env.join(' / ')} environment variable` : '';
  return `the \`${setting.option}\` option${variables}`;
}
