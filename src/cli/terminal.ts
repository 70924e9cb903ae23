import picocolors from 'picocolors';

/** The colour functions of one stream: picocolors', switched on or off for that stream. */
export type Colors = ReturnType<typeof picocolors.createColors>;

/** What the CLI writes to: data on `out` (stdout), everything for people on `err` (stderr). */
export interface Terminal {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly outColors: Colors;
  readonly errColors: Colors;
  /** Columns available to a table on stdout; `Infinity` when stdout is not a terminal. */
  readonly width: number;
  /** True when stderr is a terminal that can redraw a line (not `TERM=dumb`), for a spinner. */
  readonly errCanRedraw: boolean;
  readonly errStream: NodeJS.WriteStream;
}

/** The process's terminal, honouring `NO_COLOR`, `FORCE_COLOR` and `COLUMNS`. */
export function processTerminal(env: NodeJS.ProcessEnv): Terminal {
  const { stdout, stderr } = process;
  // A reader that stops early (`model-catalog --json | head`) closes the pipe: end quietly.
  let errClosed = false;
  // Any other failure to write (a full disk under `> models.json`) is said in one line, exit 1.
  stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    if (!errClosed) stderr.write(`error cannot write the output: ${error.code ?? error.message}\n`);
    process.exit(1);
  });
  // Closed stderr (`2>&1 | head`): drop the messages, but go on, so the data and exit code stay;
  // so for any other failure to write them.
  stderr.on('error', () => {
    errClosed = true;
  });
  return {
    out: (text) => void stdout.write(text),
    err: (text) => {
      if (!errClosed) stderr.write(text);
    },
    outColors: picocolors.createColors(colorsWanted(env, stdout)),
    errColors: picocolors.createColors(colorsWanted(env, stderr)),
    width: terminalWidth(env, stdout),
    errCanRedraw: stderr.isTTY === true && env.TERM !== 'dumb',
    errStream: stderr,
  };
}

/**
 * Colour or not, per stream, as https://no-color.org and the `FORCE_COLOR` convention say:
 * a non-empty `NO_COLOR` wins; `FORCE_COLOR` (other than `0` or `false`) forces colour even in
 * a pipe; otherwise only a terminal that is not `TERM=dumb` gets colour. picocolors' own
 * detection is not used: it also colours any output when `CI` is set, pipes included.
 */
export function colorsWanted(
  env: NodeJS.ProcessEnv,
  stream: { readonly isTTY?: boolean },
): boolean {
  if (env.NO_COLOR) return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  return stream.isTTY === true && env.TERM !== 'dumb';
}

/** The terminal's width, `COLUMNS` when set, and no limit when the output goes to a pipe or file. */
export function terminalWidth(env: NodeJS.ProcessEnv, stream: NodeJS.WriteStream): number {
  const fromEnv = Number(env.COLUMNS);
  if (Number.isInteger(fromEnv) && fromEnv > 0) return fromEnv;
  if (stream.isTTY && stream.columns > 0) return stream.columns;
  return Infinity;
}

/** Pads plain text to a width; `end` aligns right. */
export function pad(text: string, width: number, align: 'start' | 'end' = 'start'): string {
  return align === 'end' ? text.padStart(width) : text.padEnd(width);
}

/** Cuts text to a width, ending with `…` when cut. */
export function truncate(text: string, width: number): string {
  if (text.length <= width) return text;
  if (width <= 1) return text.slice(0, width);
  return `${text.slice(0, width - 1)}…`;
}

/**
 * Text from a provider (a model id, an error message), made safe to print on a terminal: every
 * control character (C0, DEL, C1) and every bidirectional override becomes `�`, so a
 * provider cannot send escape sequences (set the title, clear the screen, write the clipboard,
 * hide or reorder text) through the table or a message. `--json` escapes them already.
 */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, '\uFFFD');
}

/**
 * What a terminal acts on or reorders besides the C0 controls: DEL and the C1 controls, direction
 * marks, embeddings, overrides and isolates, line and paragraph separators. JSON leaves these raw.
 */
const UNSAFE_BEYOND_C0 =
  '\\u007f-\\u009f\\u200e\\u200f\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069';
const UNPRINTABLE = new RegExp(`[\\u0000-\\u001f${UNSAFE_BEYOND_C0}]`, 'g');
const RAW_IN_JSON = new RegExp(`[${UNSAFE_BEYOND_C0}]`, 'g');

/**
 * `value` as indented JSON for a terminal or a file: the same data, with what `JSON.stringify`
 * leaves raw and a terminal acts on (C1 controls, direction marks and overrides, line and
 * paragraph separators) written as `\uXXXX` escapes, which every JSON reader reads back.
 */
export function jsonText(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(
    RAW_IN_JSON,
    (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
