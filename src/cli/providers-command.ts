import { createModelCatalog } from '../index.js';
import { compareText } from '../server/paginate.js';
import { EXIT } from './arguments.js';
import { builtInProviderVariables } from './provider-hints.js';
import { jsonText, type Terminal } from './terminal.js';

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
    .sort((a, b) => Number(b.configured) - Number(a.configured) || compareText(a.id, b.id))
    .map((info) => {
      const known = variables.get(info.id);
      const names = known?.all ?? [];
      return {
        ...info,
        needs: [...(known?.needs ?? [])],
        variables: [...names],
        set: names.filter((name) => Boolean(process.env[name]?.trim())),
      };
    });

  if (values.json === true) {
    terminal.out(`${jsonText(providers)}\n`);
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
    terminal.out(`${colors.cyan(provider.id.padEnd(idWidth))}${state}${describe(provider)}\n`);
  }
  const configured = providers.filter((provider) => provider.configured).length;
  terminal.err(
    `${terminal.errColors.dim(`${configured} of ${providers.length} providers configured. Keys are read from the environment and never printed.`)}\n`,
  );
  return EXIT.ok;
}

interface ProviderLine {
  readonly configured: boolean;
  readonly reason?: string;
  readonly needs: readonly string[];
  readonly variables: readonly string[];
  readonly set: readonly string[];
}

/**
 * For a configured provider, the variables it reads, those set marked; for another, what to set
 * and what else it reads. One whose configuration was begun (a variable set) gets the library's
 * reason instead, which names only what is still missing.
 */
function describe(provider: ProviderLine): string {
  if (provider.configured) {
    const names = provider.variables.map((name) =>
      provider.set.includes(name) ? `${name} (set)` : name,
    );
    return `reads ${names.join(', ')}`;
  }
  const wanted =
    provider.set.length > 0 || provider.needs.length === 0
      ? forTheCommandLine(provider.reason ?? '')
      : `set ${provider.needs.map((need) => (provider.needs.length > 1 && need.includes(' or ') && !need.startsWith('(') ? `(${need})` : need)).join(' and ')}`;
  const others = provider.variables
    .filter((name) => !wanted.includes(name))
    .map((name) => (provider.set.includes(name) ? `${name} (set)` : name));
  return others.length > 0 ? `${wanted} (also reads ${others.join(', ')})` : wanted;
}

/**
 * The library's "not configured" reason, said for a shell: the environment variables to set,
 * without the factory options and `providers` a program would use instead.
 */
function forTheCommandLine(reason: string): string {
  return reason
    .replace(/^Provider "[^"]+" is not configured: /, '')
    .replace(/, or pass the \S+ adapter in `providers`/g, '')
    .replace(/the `\w+` option or /g, '')
    .replace(/the ([A-Z0-9_ /]+?|[A-Z0-9_]+(?: or [A-Z0-9_]+)+) environment variables?/g, '$1')
    .replaceAll(' / ', ' or ')
    .replace(/\.?$/, '');
}
