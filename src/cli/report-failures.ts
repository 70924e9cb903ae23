import type { ProviderErrorInfo, ProviderStatus } from '../index.js';
import { ago } from './progress.js';
import { builtInProviderVariables, failureHint } from './provider-hints.js';
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
      error.kind === 'not_configured' && hint
        ? 'Not configured.'
        : printable(error.message).replace(/\.?$/, '.');
    terminal.err(
      `${colors.red('error')} ${colors.bold(provider)} (${error.kind}): ${message}${hint ? ` ${capitalize(hint)}.` : ''}${cached}\n`,
    );
  }
}

function capitalize(text: string): string {
  return `${text[0]?.toUpperCase() ?? ''}${text.slice(1)}`;
}
