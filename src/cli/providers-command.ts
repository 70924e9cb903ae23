import { createModelCatalog } from '../index.js';
import { EXIT } from './arguments.js';
import { builtInProviderVariables } from './provider-hints.js';
import type { Terminal } from './terminal.js';

type Values = Readonly<Record<string, string | boolean | undefined>>;

/**
 * `model-catalog providers`: every built-in provider, whether the environment configures it, the
 * variables it reads (those set are marked) and, when it is not configured, what would configure
 * it. It names variables, never their values, and calls no provider.
 */
export function providersCommand(values: Values, terminal: Terminal): number {
  const variables = builtInProviderVariables();
  const providers = createModelCatalog({ cache: false })
    .listProviders()
    .map((info) => {
      const names = variables.get(info.id)?.all ?? [];
      return {
        ...info,
        variables: [...names],
        set: names.filter((name) => Boolean(process.env[name]?.trim())),
      };
    });

  if (values.json === true) {
    terminal.out(`${JSON.stringify(providers, null, 2)}\n`);
    return EXIT.ok;
  }
  const colors = terminal.outColors;
  const idWidth = Math.max(...providers.map((provider) => provider.id.length)) + 2;
  const stateWidth = 'not configured'.length + 2;
  terminal.out(
    `${colors.bold(`${'PROVIDER'.padEnd(idWidth)}${'STATUS'.padEnd(stateWidth)}ENVIRONMENT`)}\n`,
  );
  for (const provider of providers) {
    const state = provider.configured
      ? colors.green('configured'.padEnd(stateWidth))
      : colors.dim('not configured'.padEnd(stateWidth));
    const detail = provider.configured
      ? `reads ${provider.variables.map((name) => (provider.set.includes(name) ? `${name} (set)` : name)).join(', ')}`
      : (provider.reason ?? '').replace(/^Provider "[^"]+" is not configured: /, '');
    terminal.out(`${colors.cyan(provider.id.padEnd(idWidth))}${state}${detail}\n`);
  }
  const configured = providers.filter((provider) => provider.configured).length;
  terminal.err(
    terminal.errColors.dim(
      `${configured} of ${providers.length} providers configured. Keys are read from the environment and never printed.\n`,
    ),
  );
  return EXIT.ok;
}
