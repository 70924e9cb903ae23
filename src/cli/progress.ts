import type { CatalogEvent } from '../index.js';
import { printable, type Terminal } from './terminal.js';

/** Reports, on stderr, each provider as it answers; a spinner too while waiting on a terminal. */
export interface Progress {
  /** The catalog's `onEvent`. */
  readonly onEvent: (event: CatalogEvent) => void;
  /**
   * Clears the spinner for good (later fetches and warnings still print their lines, cache hits
   * no longer do); call before the results.
   */
  readonly stop: () => void;
}

const SPINNER_FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const PROVIDER_WIDTH = 18;

/**
 * One line per provider with its time (`openai  4 models  live  212 ms`), as each answers, and on
 * a terminal a spinner naming the providers still being asked. `quiet` keeps only cache warnings.
 */
export function createProgress(terminal: Terminal, options: { readonly quiet: boolean }): Progress {
  const colors = terminal.errColors;
  const started = performance.now();
  const fetchStarts = new Map<string, number>();
  let spinner: ReturnType<typeof setInterval> | undefined;
  let frame = 0;
  let spinnerShown = false;
  let stopped = false;

  const clearSpinner = (): void => {
    if (!spinnerShown) return;
    terminal.errStream.cursorTo(0);
    terminal.errStream.clearLine(0);
    spinnerShown = false;
  };
  const drawSpinner = (): void => {
    if (fetchStarts.size === 0) return;
    clearSpinner();
    const waiting = [...fetchStarts.keys()].join(', ');
    const text = `${SPINNER_FRAMES[frame++ % SPINNER_FRAMES.length]} asking ${waiting}`;
    terminal.err(colors.dim(text.slice(0, Math.max(10, (terminal.errStream.columns || 80) - 1))));
    spinnerShown = true;
  };
  // A message may quote a path or a provider's text: printed without its control characters.
  const warning = (message: string): void => {
    clearSpinner();
    terminal.err(`${colors.yellow('warning')} ${printable(message)}\n`);
  };
  const line = (provider: string, detail: string, milliseconds: number): void => {
    if (options.quiet) return;
    clearSpinner();
    const time = colors.dim(`${Math.round(milliseconds)} ms`);
    terminal.err(`${colors.bold(provider.padEnd(PROVIDER_WIDTH))} ${detail}  ${time}\n`);
    if (spinner) drawSpinner();
  };

  return {
    onEvent(event) {
      const now = performance.now();
      switch (event.type) {
        case 'fetch:start':
          fetchStarts.set(event.provider, now);
          if (terminal.errCanRedraw && !options.quiet && !spinner && !stopped) {
            spinner = setInterval(drawSpinner, 80);
            spinner.unref();
            drawSpinner();
          }
          return;
        case 'fetch:success': {
          const since = fetchStarts.get(event.provider) ?? started;
          fetchStarts.delete(event.provider);
          const count = `${event.modelCount} model${event.modelCount === 1 ? '' : 's'}`;
          line(event.provider, `${colors.green(count)}  ${event.source}`, now - since);
          return;
        }
        case 'fetch:error': {
          const since = fetchStarts.get(event.provider) ?? started;
          fetchStarts.delete(event.provider);
          line(event.provider, colors.red(`failed (${event.kind})`), now - since);
          return;
        }
        case 'cache:hit':
          // Timed from the start of the listing: once it ended (`serve` answering requests), a
          // hit has no start to time it from, and a line per request would only repeat this one.
          if (stopped) return;
          line(event.provider, `cached, fetched ${ago(event.fetchedAt)}`, now - started);
          return;
        case 'cache:read-error':
        case 'cache:write-error':
          warning(
            `${event.provider}: ${event.type === 'cache:write-error' ? 'cannot write the cache' : 'cannot read the cache'} (${event.message}); going on without it.`,
          );
          return;
        case 'cache:fallback':
          // Sent once per catalog; the library prints its own line only without an `onEvent`.
          warning(`the file cache cannot be used: ${event.reason}; going on without it.`);
          return;
        default:
          return;
      }
    },
    stop() {
      stopped = true;
      if (spinner) clearInterval(spinner);
      spinner = undefined;
      clearSpinner();
    },
  };
}

/** "3 min ago", "2 h ago", "just now": how long ago an ISO time was. */
export function ago(iso: string, now: number = Date.now()): string {
  const seconds = Math.max(0, (now - Date.parse(iso)) / 1000);
  if (!Number.isFinite(seconds)) return 'at an unknown time';
  if (seconds < 60) return 'just now';
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 172_800) return `${Math.floor(seconds / 3600)} h ago`;
  return `${Math.floor(seconds / 86_400)} days ago`;
}
