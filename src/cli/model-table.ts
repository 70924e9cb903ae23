import type { Model } from '../index.js';
import { CAPABILITY_RULES, capabilityList } from './query.js';
import { type Colors, pad, printable, truncate } from './terminal.js';

interface Column {
  readonly name: string;
  readonly header: string;
  readonly align: 'start' | 'end';
  readonly cell: (model: Model) => string;
  readonly paint?: (text: string, colors: Colors) => string;
}

const COLUMNS: readonly Column[] = [
  {
    name: 'provider',
    header: 'PROVIDER',
    align: 'start',
    cell: (model) => model.provider,
    paint: (text, colors) => colors.cyan(text),
  },
  { name: 'id', header: 'ID', align: 'start', cell: (model) => model.id },
  {
    name: 'category',
    header: 'CATEGORY',
    align: 'start',
    cell: (model) => model.category,
    paint: (text, colors) => colors.dim(text),
  },
  {
    name: 'context',
    header: 'CONTEXT',
    align: 'end',
    cell: (model) => formatTokens(model.contextLength),
  },
  {
    name: 'input',
    header: 'INPUT $/M',
    align: 'end',
    cell: (model) => formatPrice(model.pricing?.input),
    paint: paintPrice,
  },
  {
    name: 'output',
    header: 'OUTPUT $/M',
    align: 'end',
    cell: (model) => formatPrice(model.pricing?.output),
    paint: paintPrice,
  },
  {
    name: 'capabilities',
    header: 'CAPABILITIES',
    align: 'start',
    cell: (model) =>
      capabilityList(model)
        .map((name) => CAPABILITY_RULES[name].label)
        .join(' '),
    paint: (text, colors) => colors.magenta(text),
  },
];

/**
 * How columns give way when the table is wider than the terminal, in order: a column may shrink
 * to `min` characters (cut with `…`), and one that would go below its header's width is dropped.
 * Ids shrink last and only on a terminal: in a pipe the width is unlimited and nothing is cut.
 */
const SHRINK_ORDER: readonly (readonly [string, number])[] = [
  ['capabilities', 0],
  ['category', 0],
  ['id', 28],
  ['provider', 10],
  ['output', 0],
  ['id', 12],
];

const GAP = '  ';

/** The models as a text table fitting `width` columns, one model per line, with a header line. */
export function renderModelTable(
  models: readonly Model[],
  options: { readonly width: number; readonly colors: Colors },
): string {
  // Provider text is printed as it would show, never as the escape sequences it may hold.
  const cells = models.map((model) => COLUMNS.map((column) => printable(column.cell(model))));
  const widths = COLUMNS.map((column, index) =>
    Math.max(column.header.length, ...cells.map((row) => row[index]!.length)),
  );
  // The capabilities column shows only when some model's capabilities are known.
  const shown = COLUMNS.map(
    (column, index) => column.name !== 'capabilities' || cells.some((row) => row[index] !== ''),
  );
  fitColumns(widths, shown, options.width);
  const visible = COLUMNS.map((_, index) => index).filter((index) => shown[index]);
  const { colors } = options;
  const header = visible
    .map((index) => pad(COLUMNS[index]!.header, widths[index]!, COLUMNS[index]!.align))
    .join(GAP);
  const lines = cells.map((row) =>
    visible
      .map((index) => {
        const column = COLUMNS[index]!;
        const last = index === visible.at(-1);
        const text = truncate(row[index]!, widths[index]!);
        const padded =
          last && column.align === 'start' ? text : pad(text, widths[index]!, column.align);
        return column.paint && padded.trim() !== '' ? column.paint(padded, colors) : padded;
      })
      .join(GAP)
      .trimEnd(),
  );
  return `${colors.bold(header.trimEnd())}\n${lines.join('\n')}\n`;
}

/** Shrinks or drops columns, in {@link SHRINK_ORDER}, until the table fits. */
function fitColumns(widths: number[], shown: boolean[], width: number): void {
  const total = (): number =>
    widths.reduce((sum, each, index) => sum + (shown[index] ? each + GAP.length : 0), -GAP.length);
  for (const [name, min] of SHRINK_ORDER) {
    const overflow = total() - width;
    if (overflow <= 0) return;
    const index = COLUMNS.findIndex((column) => column.name === name);
    if (!shown[index]) continue;
    const target = Math.max(min, widths[index]! - overflow);
    if (target < COLUMNS[index]!.header.length) shown[index] = false;
    else widths[index] = target;
  }
}

/** 128000 -> `128K`, 1048576 -> `1M`, 999999 -> `1M`, 8192 -> `8.2K`; `-` when unknown. */
export function formatTokens(tokens: number | undefined): string {
  if (tokens === undefined) return '-';
  // From 999_500 on, thousands round to `1000K`: that is `1M`.
  if (tokens >= 999_500) return `${round(tokens / 1_000_000)}M`;
  if (tokens >= 1_000) return `${round(tokens / 1_000)}K`;
  return String(tokens);
}

/** USD per million tokens: `$2.50`, `$0.30`, `$0.075`, `free` for zero, `-` when unknown. */
export function formatPrice(price: number | undefined): string {
  if (price === undefined) return '-';
  if (price === 0) return 'free';
  if (price >= 100) return `$${price.toFixed(0)}`;
  if (price >= 0.1) return `$${price.toFixed(2)}`;
  return `$${Number(price.toPrecision(2))}`;
}

function paintPrice(text: string, colors: Colors): string {
  return text.trim() === 'free' ? colors.green(text) : text;
}

function round(value: number): string {
  return value >= 10 ? String(Math.round(value)) : String(Math.round(value * 10) / 10);
}
