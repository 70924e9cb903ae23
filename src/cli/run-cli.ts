import { ModelCatalogError } from '../index.js';
import { EXIT, helpText, parseCommandLine, UsageError, usageLine } from './arguments.js';
import { diffCommand } from './diff-command.js';
import { listCommand } from './list-command.js';
import { providersCommand } from './providers-command.js';
import { serveCommand } from './serve-command.js';
import { printable, type Terminal } from './terminal.js';

/**
 * Runs one command line and resolves with the exit code: 0 success, 1 a provider failed (with
 * `--strict`) or `diff` found changes, 2 a usage error (printed with the usage on stderr).
 */
export async function runCli(argv: readonly string[], terminal: Terminal): Promise<number> {
  try {
    const invocation = parseCommandLine(argv);
    if (invocation.kind === 'version') {
      terminal.out(`${process.env.MODEL_CATALOG_VERSION ?? '0.0.0-dev'}\n`);
      return EXIT.ok;
    }
    if (invocation.kind === 'help') {
      terminal.out(helpText(invocation.command));
      return EXIT.ok;
    }
    const { command, values, positionals } = invocation;
    switch (command) {
      case 'list':
        return await listCommand(values, positionals, terminal);
      case 'providers':
        return providersCommand(values, terminal);
      case 'diff':
        return await diffCommand(values, terminal);
      case 'serve':
        return await serveCommand(values, terminal);
    }
  } catch (error) {
    const colors = terminal.errColors;
    if (error instanceof UsageError) {
      terminal.err(`${colors.red('error')} ${error.message}\n${usageLine(error.command)}\n`);
      return EXIT.usage;
    }
    // Library errors are free of secrets; anything else is shown by its message alone.
    const message = ModelCatalogError.isInstance(error)
      ? `${error.kind}: ${error.message}`
      : error instanceof Error
        ? error.message
        : String(error);
    terminal.err(`${colors.red('error')} ${printable(message)}\n`);
    return EXIT.failed;
  }
}
