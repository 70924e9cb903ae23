import {
  type CatalogResult,
  createModelCatalog,
  type Model,
  ModelCatalogError,
  type ProviderErrorInfo,
  type ProviderResult,
  UnknownProviderError,
} from '../index.js';
import { EXIT, UsageError } from './arguments.js';
import { renderModelTable } from './model-table.js';
import { createProgress } from './progress.js';
import {
  type ModelQuery,
  parseCapabilities,
  parseCategories,
  parsePrice,
  parseSort,
  parseTokenCount,
  QueryValueError,
  queryModels,
  sortBy,
} from './query.js';
import { reportFailures, reportNotRefreshed } from './report-failures.js';
import { jsonText, type Terminal } from './terminal.js';
import { toWireFormat, WIRE_FORMATS, type WireFormat } from './wire-format.js';

type Values = Readonly<Record<string, string | boolean | undefined>>;

/**
 * `model-catalog [list] [query]`: lists, filters and prints the models as a table, as the
 * library's JSON (`--json`) or as a wire format (`--format`). Data goes to stdout; progress,
 * failures and the summary to stderr.
 */
export async function listCommand(
  values: Values,
  positionals: readonly string[],
  terminal: Terminal,
): Promise<number> {
  const query = readQuery(values, positionals);
  const format = readFormat(values);
  const refresh = readRefresh(values.refresh);
  const provider = text(values.provider);
  const progress = createProgress(terminal, { quiet: values.quiet === true });
  const catalog = createModelCatalog({ onEvent: progress.onEvent });

  let result: CatalogResult;
  let single: ProviderResult | undefined;
  try {
    if (provider !== undefined) {
      single = await catalog.listModels({ provider, refresh });
      result = {
        providers: { [single.provider]: single.models },
        errors: single.status.error ? { [single.provider]: single.status.error } : {},
        status: { [single.provider]: single.status },
      };
    } else {
      result = await catalog.listModels({ refresh });
    }
  } catch (error) {
    progress.stop();
    if (UnknownProviderError.isInstance(error)) {
      throw new UsageError(
        `Unknown provider "${error.provider}".${
          error.suggestions.length > 0
            ? ` Did you mean ${error.suggestions.map((id) => `"${id}"`).join(' or ')}?`
            : ''
        } Providers: ${error.validIds.join(', ')}.`,
        'list',
      );
    }
    if (ModelCatalogError.isInstance(error) && error.provider !== undefined) {
      reportFailures(terminal, { [error.provider]: describe(error) });
      return EXIT.failed;
    }
    throw error;
  }
  progress.stop();

  // Filter each provider's list; sort it too when asked, so `--json` keeps the order shown.
  const filtered: Record<string, Model[]> = {};
  for (const [id, models] of Object.entries(result.providers)) {
    filtered[id] = queryModels(models, query);
  }
  // Grouped by provider, by id within each; `--sort` then orders across providers (ties keep that).
  const grouped = Object.keys(filtered)
    .sort()
    .flatMap((id) => sortBy(filtered[id]!, { key: 'id', direction: 'asc' }));
  const shown = query.sort ? sortBy(grouped, query.sort) : grouped;

  if (values.json === true) {
    const body = single
      ? {
          provider: single.provider,
          models: filtered[single.provider] ?? [],
          status: single.status,
        }
      : { providers: filtered, errors: result.errors, status: result.status };
    terminal.out(`${jsonText(body)}\n`);
  } else if (format !== undefined) {
    const body = toWireFormat(format, shown, {
      qualify: single === undefined,
      keepOrder: query.sort !== undefined,
    });
    terminal.out(`${jsonText(body)}\n`);
  } else if (shown.length > 0) {
    terminal.out(renderModelTable(shown, { width: terminal.width, colors: terminal.outColors }));
  }

  reportFailures(terminal, result.errors, result.status);
  reportNotRefreshed(terminal, catalog.listProviders(), refresh);
  summarize(terminal, result, shown.length, values.quiet === true);
  // The one provider asked for failed even when its older cached list is shown.
  const failed = Object.keys(result.errors).length > 0;
  return failed && (values.strict === true || single !== undefined) ? EXIT.failed : EXIT.ok;
}

/** The closing line on stderr: how many models from how many providers, or what to do next. */
function summarize(terminal: Terminal, result: CatalogResult, shown: number, quiet: boolean): void {
  const colors = terminal.errColors;
  const providers = Object.keys(result.providers).length;
  const failed = Object.keys(result.errors).length;
  if (providers === 0 && failed === 0) {
    terminal.err(
      `${colors.yellow('No provider is configured.')} Set a key such as OPENAI_API_KEY or ANTHROPIC_API_KEY, or OLLAMA_BASE_URL for a local Ollama; \`model-catalog providers\` lists them all.\n`,
    );
    return;
  }
  if (quiet) return;
  const total = Object.values(result.providers).reduce((sum, models) => sum + models.length, 0);
  const plural = (count: number, word: string): string =>
    `${count} ${word}${count === 1 ? '' : 's'}`;
  const counted =
    shown === total
      ? `${plural(total, 'model')} from ${plural(providers, 'provider')}`
      : `${shown} of ${plural(total, 'model')} from ${plural(providers, 'provider')} match`;
  const failures = failed > 0 ? `; ${plural(failed, 'provider')} failed` : '';
  terminal.err(`${colors.dim(`${counted}${failures}.`)}\n`);
}

function readQuery(values: Values, positionals: readonly string[]): ModelQuery {
  try {
    const category = text(values.category);
    const capability = text(values.capability);
    const minContext = text(values['min-context']);
    const maxPrice = text(values['max-price']);
    const sort = text(values.sort);
    return {
      search: positionals.join(' '),
      categories: category === undefined ? undefined : parseCategories(category),
      capabilities: capability === undefined ? undefined : parseCapabilities(capability),
      minContext: minContext === undefined ? undefined : parseTokenCount('min-context', minContext),
      maxPrice: maxPrice === undefined ? undefined : parsePrice('max-price', maxPrice),
      free: values.free === true,
      sort: sort === undefined ? undefined : parseSort(sort),
    };
  } catch (error) {
    if (error instanceof QueryValueError) throw new UsageError(error.message, 'list');
    throw error;
  }
}

function readFormat(values: Values): WireFormat | undefined {
  const format = text(values.format);
  if (format === undefined) return undefined;
  if (values.json === true) throw new UsageError('Give --json or --format, not both.', 'list');
  const found = WIRE_FORMATS.find((known) => known === format.toLowerCase());
  if (!found) {
    throw new UsageError(
      `Unknown format "${format}". Formats: ${WIRE_FORMATS.join(', ')} (or --json for the native one).`,
      'list',
    );
  }
  return found;
}

/** `--refresh` (every provider), `--refresh=openai,groq` (those), or nothing. */
function readRefresh(value: string | boolean | undefined): boolean | string[] {
  if (value === undefined || value === false) return false;
  if (value === true) return true;
  const ids = value
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean);
  return ids.length === 0 ? true : ids;
}

function text(value: string | boolean | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function describe(error: ModelCatalogError): ProviderErrorInfo {
  const retryAfterMs = (error as { retryAfterMs?: number }).retryAfterMs;
  return {
    kind: error.kind,
    message: error.message,
    ...(error.status === undefined ? {} : { status: error.status }),
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  };
}
