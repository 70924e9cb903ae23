import { parseArgs } from 'node:util';
import { closestIds } from '../errors/unknown-provider-error.js';
import { defaultProviders } from '../index.js';

/** Exit codes, documented in `--help` and the README. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** A command-line mistake: printed with the command's usage on stderr, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  constructor(
    message: string,
    /** The command whose usage to show; the overview when undefined. */
    readonly command?: CommandName,
  ) {
    super(message);
  }
}

interface OptionSpec {
  readonly type: 'string' | 'boolean';
  readonly short?: string;
  /** The value's placeholder in help, for string options. */
  readonly value?: string;
  /** A comma list: given again, the option adds to the list instead of replacing it. */
  readonly list?: boolean;
  readonly description: string;
}

interface CommandSpec {
  readonly usage: string;
  readonly summary: string;
  readonly positionals?: boolean;
  readonly options: Readonly<Record<string, OptionSpec>>;
  readonly details?: string;
}

const QUIET: OptionSpec = {
  type: 'boolean',
  short: 'q',
  description: 'no progress lines on stderr (warnings and failures still show)',
};
const STRICT: OptionSpec = {
  type: 'boolean',
  description: 'exit with code 1 when any provider failed',
};
const HELP: OptionSpec = { type: 'boolean', short: 'h', description: 'show this help' };

/**
 * Every command and its options, from which both `node:util`'s `parseArgs` options and the help
 * are made, so the two never disagree.
 */
export const COMMANDS = {
  list: {
    usage: 'model-catalog [list] [query] [options]',
    summary: "every configured provider's models as a table (the default command)",
    positionals: true,
    options: {
      provider: { type: 'string', short: 'p', value: 'id', description: 'only this provider' },
      category: {
        type: 'string',
        short: 'c',
        value: 'list',
        list: true,
        description: 'chat, embedding, image, tts, stt or other (comma list)',
      },
      capability: {
        type: 'string',
        value: 'list',
        list: true,
        description:
          'models having all of: tools, vision, pdfInput, audioInput, reasoning,\nstructuredOutput, jsonMode, promptCaching (comma list)',
      },
      'min-context': {
        type: 'string',
        value: 'tokens',
        description: 'least context window, e.g. 32000, 128k, 1m',
      },
      'max-price': {
        type: 'string',
        value: 'usd',
        description: 'highest input price, USD per million tokens',
      },
      free: { type: 'boolean', description: 'only models whose reported prices are zero' },
      sort: {
        type: 'string',
        short: 's',
        value: 'key',
        description:
          'provider, id, name, category, context, price, output-price or created,\nwith :asc or :desc; sorts across providers instead of grouping',
      },
      json: {
        type: 'boolean',
        description: "the library's native JSON: what listModels() returns, filtered",
      },
      format: {
        type: 'string',
        short: 'f',
        value: 'name',
        description: 'a wire format as JSON: openai, anthropic, gemini or openrouter',
      },
      refresh: {
        type: 'string',
        value: 'ids',
        list: true,
        description:
          'fetch again instead of reading the cache; --refresh openai,groq (or\n--refresh=openai,groq) refreshes only those providers',
      },
      strict: STRICT,
      quiet: QUIET,
      help: HELP,
    },
    details:
      'The query keeps models whose id, name, aliases, provider, owner or description contain every\nword.\nWithout --sort, models are grouped by provider and sorted by id.',
  },
  providers: {
    usage: 'model-catalog providers [options]',
    summary: 'each built-in provider, whether it is configured, and what would configure it',
    options: {
      json: { type: 'boolean', description: 'as JSON: listProviders() and the variables of each' },
      help: HELP,
    },
    details: 'Names environment variables only: never a value, a key or a fingerprint of one.',
  },
  diff: {
    usage: 'model-catalog diff [options]',
    summary: 'what changed since the cached lists (exit code 1 when something did)',
    options: {
      json: {
        type: 'boolean',
        description: 'as JSON: { changed, changes, uncompared, notSaved, errors }',
      },
      strict: STRICT,
      quiet: QUIET,
      help: HELP,
    },
    details:
      'Fetches every configured provider again and compares with the list in the cache, which it\nthen replaces. A provider with no cached list has nothing to compare: it is saved for next time.\nExit code 0 when nothing changed, 1 when something did, or when the cache could not keep a\nlist to compare next time: ready for cron jobs and CI.',
  },
  serve: {
    usage: 'model-catalog serve [options]',
    summary: 'a local page to browse the models, and the models API over HTTP',
    options: {
      port: {
        type: 'string',
        value: 'number',
        description: 'port to listen on (default 4747; 0: any free port)',
      },
      host: {
        type: 'string',
        value: 'address',
        description: 'address to bind (default 127.0.0.1: this machine only)',
      },
      quiet: QUIET,
      help: HELP,
    },
    details:
      'GET /             the page: a sortable, filterable table and a chart of price against context\nGET /v1/models    OpenAI format, or Anthropic or Gemini when the request headers ask for it,\n                  or any format with ?format=openai|anthropic|gemini|openrouter|native|grouped\nGET /api/models   the native format ({ providers, errors })\nGET /v1/models/<id>, /api/models/<id>   one model\nBoth APIs take provider, category, query, refresh=true and paging parameters.',
  },
} as const satisfies Record<string, CommandSpec>;

/** One command of {@link COMMANDS}. */
export type CommandName = keyof typeof COMMANDS;

/** What the command line asks for. */
export type Invocation =
  | { readonly kind: 'version' }
  | { readonly kind: 'help'; readonly command?: CommandName }
  | {
      readonly kind: 'run';
      readonly command: CommandName;
      readonly values: Readonly<Record<string, string | boolean | undefined>>;
      readonly positionals: readonly string[];
    };

/**
 * Reads the command line with Node's own `util.parseArgs` (strict: an unknown option or a
 * missing value is a {@link UsageError}). The command is the first word; without one it is `list`.
 */
export function parseCommandLine(argv: readonly string[]): Invocation {
  const [first, ...rest] = argv;
  if (first === '--version' || first === '-V') return { kind: 'version' };
  if (first === 'help') {
    const topic = rest[0];
    if (topic === undefined) return { kind: 'help' };
    if (!isCommand(topic)) throw new UsageError(`Unknown command "${topic}".`);
    return { kind: 'help', command: topic };
  }
  if (first === '--help' || first === '-h') return { kind: 'help' };
  let command: CommandName = 'list';
  let args = argv;
  if (first !== undefined && !first.startsWith('-')) {
    if (!isCommand(first)) {
      throw new UsageError(
        `Unknown command "${first}". To search the models, run: model-catalog list ${first}`,
      );
    }
    command = first;
    args = rest;
  }
  const spec: CommandSpec = COMMANDS[command];
  const options = {
    ...Object.fromEntries(
      Object.entries(spec.options).map(([name, option]) => [
        name,
        {
          type: option.type,
          ...(option.short ? { short: option.short } : {}),
          ...(option.list ? { multiple: true } : {}),
        },
      ]),
    ),
    version: { type: 'boolean' as const },
  };
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: command === 'list' ? withBareRefresh(args) : [...args],
      options,
      allowPositionals: spec.positionals === true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError(
      parseErrorMessage(error, Object.keys(options), spec.positionals === true),
      command,
    );
  }
  if (parsed.values.version === true) return { kind: 'version' };
  if (parsed.values.help === true) return { kind: 'help', command };
  const values: Record<string, string | boolean | undefined> = {};
  for (const [name, value] of Object.entries(parsed.values)) {
    // A list option given more than once: one comma list. An empty `--refresh=` (every
    // provider) among them stays empty, so that it still means every provider.
    values[name] = Array.isArray(value)
      ? value.some((each) => each === '') && name === 'refresh'
        ? ''
        : value.filter((each): each is string => typeof each === 'string').join(',')
      : value;
  }
  return { kind: 'run', command, values, positionals: parsed.positionals };
}

/** The help of one command, or the overview. */
export function helpText(command?: CommandName): string {
  if (command === undefined) return overview();
  const spec: CommandSpec = COMMANDS[command];
  const rows = Object.entries(spec.options).map(([name, option]) => {
    const flag = `${option.short ? `-${option.short}, ` : '    '}--${name}${option.value ? ` <${option.value}>` : ''}`;
    const shown = name === 'refresh' ? '    --refresh [<ids>]' : flag;
    return [shown, option.description] as const;
  });
  const width = Math.max(...rows.map(([flag]) => flag.length)) + 2;
  const lines = rows.map(
    ([flag, description]) =>
      `  ${flag.padEnd(width)}${description.replaceAll('\n', `\n  ${' '.repeat(width)}`)}`,
  );
  return [
    `Usage: ${spec.usage}`,
    '',
    `${spec.summary[0]?.toUpperCase()}${spec.summary.slice(1)}.`,
    '',
    'Options:',
    ...lines,
    ...(spec.details ? ['', spec.details] : []),
    '',
    EXIT_CODES_HELP,
    '',
  ].join('\n');
}

/** A short usage line for an error message. */
export function usageLine(command?: CommandName): string {
  return command === undefined
    ? 'Usage: model-catalog [command] [options]   (model-catalog --help for more)'
    : `Usage: ${COMMANDS[command].usage}   (model-catalog ${command} --help for more)`;
}

const EXIT_CODES_HELP = `Exit codes:
  0  success
  1  a provider failed (with --strict, or the one --provider asked for, even when its cached
     list is shown), or diff found changes or could not save a list to compare next time
  2  usage error: unknown command or option, or a bad value`;

function overview(): string {
  const names = Object.keys(COMMANDS) as CommandName[];
  const width = Math.max(...names.map((name) => name.length)) + 2;
  return [
    'Usage: model-catalog [command] [options]',
    '',
    'Lists every AI model your API keys can reach, from the keys in your environment',
    '(OPENAI_API_KEY, ANTHROPIC_API_KEY, OLLAMA_BASE_URL, ...), cached for 24 hours.',
    '',
    'Commands:',
    ...names.map((name) => `  ${name.padEnd(width)}${COMMANDS[name].summary}`),
    `  ${'help'.padEnd(width)}the help of a command: model-catalog help list`,
    '',
    'Options:',
    '  -h, --help     help of a command: model-catalog <command> --help',
    '      --version  the version',
    '',
    'Examples:',
    '  npx model-catalog',
    '  model-catalog list claude --capability tools,vision --sort price',
    '  model-catalog --format openai > models.json',
    '  model-catalog providers',
    '  model-catalog diff || echo "the model lists changed"',
    '  model-catalog serve --port 4747',
    '',
    "Environment: the providers' variables (see model-catalog providers), MODEL_CATALOG_CACHE_DIR\n(default ~/.cache/model-catalog), NO_COLOR, FORCE_COLOR, COLUMNS.",
    '',
    EXIT_CODES_HELP,
    '',
  ].join('\n');
}

function isCommand(name: string): name is CommandName {
  return Object.hasOwn(COMMANDS, name);
}

/**
 * `--refresh` takes an optional list, which `parseArgs` cannot express: a bare `--refresh` becomes
 * `--refresh=` (empty: every provider), unless the word after it names only providers
 * (`--refresh openai,groq`), which it then takes. Any other word stays the search query
 * (`list --refresh claude`); `--refresh=ids` is never ambiguous.
 */
function withBareRefresh(args: readonly string[]): string[] {
  const end = args.indexOf('--');
  const result: string[] = [];
  for (let index = 0; index < args.length; index++) {
    const arg = args[index]!;
    if (arg !== '--refresh' || (end !== -1 && index > end)) {
      result.push(arg);
      continue;
    }
    const next = args[index + 1];
    if (next !== undefined && index + 1 !== end && namesProviders(next)) {
      result.push(`--refresh=${next}`);
      index++;
    } else {
      result.push('--refresh=');
    }
  }
  return result;
}

/** True when the word is a comma list of built-in provider ids or aliases. */
function namesProviders(word: string): boolean {
  const known = new Set(
    defaultProviders().flatMap((adapter) => [adapter.id, ...(adapter.aliases ?? [])]),
  );
  const ids = word.split(',').map((id) => id.trim());
  return ids.length > 0 && ids.every((id) => known.has(id));
}

/**
 * `parseArgs`'s error in the CLI's words: an unknown option with the closest the command has
 * (its own text points at positional arguments, which is beside the point), and an option whose
 * value starts with a dash (`--max-price -1`) with the way to write it.
 */
function parseErrorMessage(
  error: unknown,
  optionNames: readonly string[],
  searches: boolean,
): string {
  const message = error instanceof Error ? error.message : String(error);
  const unknown = /^Unknown option '([^']+)'/.exec(message)?.[1];
  if (unknown !== undefined) {
    const options = optionNames.map((name) => `--${name}`);
    const near = closestIds(unknown, options);
    if (near.length > 0) {
      return `Unknown option "${unknown}". Did you mean ${near.map((name) => `"${name}"`).join(' or ')}?`;
    }
    // A search word that starts with a dash is one more way to get here.
    return `Unknown option "${unknown}".${searches ? ` To search for a word that starts with a dash, put it after --, as in: model-catalog list -- ${unknown}` : ''}`;
  }
  // Named by its long form, as parseArgs's own hint does: `-s=-created` would be read as `=-created`.
  const ambiguous = /argument is ambiguous[\s\S]*'(--[\w-]+)=-XYZ'/.exec(message)?.[1];
  if (ambiguous !== undefined) {
    return `${ambiguous} needs a value. For a value that starts with a dash, join them with =: ${ambiguous}=<value>.`;
  }
  return message;
}
