import { createModelCatalog, type ProviderStatus } from '../index.js';
import { EXIT } from './arguments.js';
import { createProgress } from './progress.js';
import { reportFailures } from './report-failures.js';
import { type Colors, jsonText, printable, type Terminal } from './terminal.js';

type Values = Readonly<Record<string, string | boolean | undefined>>;

/** One field of a model that changed, as the library's change report will carry it. */
export interface FieldChange {
  readonly field: string;
  readonly before?: unknown;
  readonly after?: unknown;
}

/** A provider's change report: today `{ added, removed }`; `changed` when the library adds it. */
export interface ProviderChanges {
  readonly added: readonly string[];
  readonly removed: readonly string[];
  readonly changed?: readonly { readonly id: string; readonly fields: readonly FieldChange[] }[];
}

/**
 * `model-catalog diff`: fetches every configured provider again (`listModels({ refresh: true })`)
 * and prints the library's change report against the list that was in the cache, which the fetch
 * then replaces. A provider without a cached list has nothing to compare: its list is saved for
 * the next run. Exit code 1 when anything changed, or when the cache could not keep a list it had
 * nothing to compare with (the next run could not compare either), else 0 (1 with `--strict` when
 * one failed).
 */
export async function diffCommand(values: Values, terminal: Terminal): Promise<number> {
  const progress = createProgress(terminal, { quiet: values.quiet === true });
  // A list the cache could not keep gives the next run nothing to compare: said, not promised.
  const unsaved = new Set<string>();
  let noCache = false;
  const catalog = createModelCatalog({
    onEvent(event) {
      progress.onEvent(event);
      if (event.type === 'cache:fallback') noCache = true;
      if (event.type === 'cache:write-error') unsaved.add(event.provider);
    },
  });
  const result = await catalog.listModels({ refresh: true });
  progress.stop();

  const changes: Record<string, ProviderChanges> = {};
  const uncompared: string[] = [];
  for (const provider of Object.keys(result.status).sort()) {
    const status = result.status[provider]!;
    if (status.stale) continue; // it failed: reported with the errors
    const report = changesOf(status);
    if (report) changes[provider] = report;
    else uncompared.push(provider);
  }
  const changed = Object.values(changes).some(
    (report) => report.added.length + report.removed.length + (report.changed?.length ?? 0) > 0,
  );

  // Compared or not: a list not kept is compared again next time with the older one.
  const notSaved = Object.keys(result.status)
    .sort()
    .filter((provider) => !result.status[provider]!.stale && (noCache || unsaved.has(provider)));
  if (values.json === true) {
    terminal.out(
      `${jsonText({ changed, changes, uncompared, notSaved, errors: result.errors })}\n`,
    );
  } else {
    const lists = uncompared.map((provider) => ({
      provider,
      models: result.providers[provider]?.length ?? 0,
      saved: !notSaved.includes(provider),
    }));
    terminal.out(describeChanges(changes, lists, terminal.outColors));
  }
  reportFailures(terminal, result.errors);
  if (notSaved.length > 0) {
    terminal.err(
      `The cache could not keep the list${notSaved.length === 1 ? '' : 's'} of ${notSaved.join(', ')}: the next run compares with the older list${notSaved.length === 1 ? '' : 's'}, or with none. Set MODEL_CATALOG_CACHE_DIR to a directory this user can write.\n`,
    );
    return EXIT.failed;
  }
  if (Object.keys(changes).length === 0 && Object.keys(result.errors).length === 0) {
    terminal.err(
      Object.keys(result.status).length === 0
        ? 'No provider is configured: `model-catalog providers` says what to set.\n'
        : 'Nothing to compare yet: there were no cached lists. They are saved now; run `model-catalog diff` again later to see what changed.\n',
    );
  }
  if (changed) return EXIT.failed;
  return values.strict === true && Object.keys(result.errors).length > 0 ? EXIT.failed : EXIT.ok;
}

/**
 * The change report as text: per provider a line of counts, then `+ id` added, `- id` removed,
 * `~ id: field before -> after` changed; then each provider that had no cached list.
 */
export function describeChanges(
  changes: Readonly<Record<string, ProviderChanges>>,
  uncompared: readonly {
    readonly provider: string;
    readonly models: number;
    /** False when the cache could not keep the list. */
    readonly saved?: boolean;
  }[],
  colors: Colors,
): string {
  const lines: string[] = [];
  for (const [provider, report] of Object.entries(changes)) {
    const counts = [
      report.added.length > 0 ? `${report.added.length} added` : '',
      report.removed.length > 0 ? `${report.removed.length} removed` : '',
      report.changed?.length ? `${report.changed.length} changed` : '',
    ].filter(Boolean);
    lines.push(`${colors.bold(provider)}: ${counts.length > 0 ? counts.join(', ') : 'no changes'}`);
    for (const id of report.added) lines.push(colors.green(`  + ${printable(id)}`));
    for (const id of report.removed) lines.push(colors.red(`  - ${printable(id)}`));
    for (const entry of report.changed ?? []) {
      const fields = entry.fields
        .map(
          (change) => `${printable(change.field)} ${show(change.before)} -> ${show(change.after)}`,
        )
        .join(', ');
      lines.push(colors.yellow(`  ~ ${printable(entry.id)}: ${fields}`));
    }
  }
  for (const { provider, models, saved = true } of uncompared) {
    const count = `${models} model${models === 1 ? '' : 's'}`;
    lines.push(
      `${colors.bold(provider)}: no cached list to compare; ${saved ? `saved its ${count} for next time` : `its ${count} could not be saved`}`,
    );
  }
  return lines.map((line) => `${line}\n`).join('');
}

/** The change report of a provider's status, checked, or undefined when there was nothing to compare. */
function changesOf(status: ProviderStatus): ProviderChanges | undefined {
  const report = status.changes as ProviderChanges | undefined;
  if (!report || !Array.isArray(report.added) || !Array.isArray(report.removed)) return undefined;
  const changed = Array.isArray(report.changed)
    ? report.changed.filter((entry) => typeof entry?.id === 'string' && Array.isArray(entry.fields))
    : undefined;
  return {
    added: report.added,
    removed: report.removed,
    ...(changed ? { changed } : {}),
  };
}

/** A field's value as a change line shows it: JSON, with what JSON leaves raw (C1, direction marks) as `\uFFFD`. */
function show(value: unknown): string {
  return value === undefined ? 'none' : printable(JSON.stringify(value));
}
