import type { ProviderErrorInfo, ProviderInfo, ProviderStatus } from '../index.js';
import { ago } from './progress.js';
import { builtInProviderVariables, failureHint, isUnset, whatToSet } from './provider-hints.js';
import { printable, type Terminal } from './terminal.js';

/**
 * One line per failing provider on stderr: what went wrong (the library's message, free of
 * secrets), what to check or set, and whether an older cached list is shown instead.
 */
export function reportFailures(
  terminal: Terminal,
  errors: Readonly<Record<string, ProviderErrorInfo>>,
  status: Readonly<Record<string, ProviderStatus>> = {},
): void {
  const colors = terminal.errColors;
  const variables = builtInProviderVariables();
  for (const [provider, error] of Object.entries(errors)) {
    const hint = failureHint(error, variables.get(provider));
    const cached = status[provider]?.stale
      ? ` Showing its list cached ${ago(status[provider].fetchedAt)}.`
      : '';
    // For a built-in provider the hint says what to set, in the terms of a command line.
    const message =
      isUnset(error) && hint ? 'Not configured.' : printable(error.message).replace(/\.?$/, '.');
    terminal.err(
      `${colors.red('error')} ${colors.bold(provider)} (${error.kind}): ${message}${hint ? ` ${capitalize(hint)}.` : ''}${cached}\n`,
    );
  }
}

/**
 * A warning for each provider `--refresh` named that is not configured: the library has nothing
 * to fetch for it and says nothing, so the user would think it fetched.
 */
export function reportNotRefreshed(
  terminal: Terminal,
  providers: readonly ProviderInfo[],
  refresh: boolean | readonly string[],
): void {
  if (!Array.isArray(refresh)) return;
  const variables = builtInProviderVariables();
  for (const name of refresh) {
    const info = providers.find((each) => each.id === name || each.aliases.includes(name));
    if (info === undefined || info.configured) continue;
    const hint = whatToSet(variables.get(info.id));
    terminal.err(
      `${terminal.errColors.yellow('warning')} ${info.id} is not configured, so it was not refreshed.${hint ? ` ${capitalize(hint)}.` : ''}\n`,
    );
  }
}

function capitalize(text: string): string {
  return `${text[0]?.toUpperCase() ?? ''}${text.slice(1)}`;
}
