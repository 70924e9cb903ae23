import * as v from 'valibot';
import { checkOptionNames } from '../core/check-option.js';
import type { Model, ProviderAdapter } from '../types.js';
import { buildModel, flagsFromList, joinUrl, positiveInteger, unixSeconds } from './build-model.js';
import {
  apiKeySetting,
  baseURLSetting,
  bearerHeader,
  defineBuiltInProvider,
} from './define-provider.js';
import { parseResponse } from './parse-response.js';

/**
 * Options of {@link ollama}.
 *
 * @example
 * ```ts
 * const options: OllamaProviderOptions = { baseURL: 'http://gpu-box:11434' };
 * const catalog = createModelCatalog({ providers: [ollama(options)] });
 * ```
 */
export interface OllamaProviderOptions {
  /**
   * Server root the `/api/tags` path is appended to: a URL, or a host as Ollama's own
   * `OLLAMA_HOST` takes it (`gpu-box`, `gpu-box:8080`, `:8080`, `0.0.0.0`), where the scheme
   * defaults to `http` and, without a scheme, the port to 11434. Default: `OLLAMA_BASE_URL`, else
   * `OLLAMA_HOST`, else `http://localhost:11434`.
   */
  readonly baseURL?: string | undefined;
  /**
   * Key for ollama.com or an authenticating proxy, sent as `Authorization: Bearer`
   * when set. A local server needs none. Default: the `OLLAMA_API_KEY` environment variable.
   */
  readonly apiKey?: string | undefined;
  /** Extra request headers. */
  readonly headers?: Readonly<Record<string, string>> | undefined;
  /**
   * Ask `POST /api/show` for each model, at most four at a time, for its capabilities, context
   * length, family, parameter size and quantization. Answers are kept by the model's digest, so
   * an unchanged model is asked once per adapter. `false` lists from `/api/tags` alone.
   * Default: `true`.
   */
  readonly details?: boolean | undefined;
}

/** The most `/api/show` requests under way at once. */
const SHOW_CONCURRENCY = 4;

const DetailsSchema = v.nullish(
  v.looseObject({
    family: v.nullish(v.string()),
    parameter_size: v.nullish(v.string()),
    quantization_level: v.nullish(v.string()),
  }),
);

const TagListSchema = v.object({
  models: v.array(
    v.looseObject({
      name: v.nullish(v.string()),
      model: v.nullish(v.string()),
      digest: v.nullish(v.string()),
      modified_at: v.nullish(v.string()),
      details: DetailsSchema,
      capabilities: v.nullish(v.array(v.string())),
    }),
  ),
});

/** What `/api/show` adds: capabilities, the architecture's context length, details. */
const ShowSchema = v.looseObject({
  capabilities: v.nullish(v.array(v.string())),
  model_info: v.nullish(v.record(v.string(), v.unknown())),
  details: DetailsSchema,
});

type ShowAnswer = v.InferOutput<typeof ShowSchema>;
type TagEntry = v.InferOutput<typeof TagListSchema>['models'][number];

/** Ollama's capability words, by flag; `embedding` and `completion` decide the category. */
const CAPABILITY_FLAGS = { tools: ['tools'], vision: ['vision'], reasoning: ['thinking'] };

/**
 * The Ollama provider: `GET {baseURL}/api/tags`, the models pulled on a server.
 * No key is needed locally; one is sent as `Authorization: Bearer` when set.
 *
 * The id is the tag's `name` as given (with `:latest`, the id you call). The
 * description joins the reported family, parameter size and quantization, as in
 * `qwen3 · 32.8B · Q4_K_M` (also `family`, `parameterSize` and `quantization`); `created` is
 * the `modified_at` time. Then `POST /api/show` for each model (at most four at a time;
 * `details: false` skips it) adds its `capabilities` (completion, tools, vision, thinking,
 * embedding: the category and the `tools`, `vision` and `reasoning` flags) and its context
 * length (`<architecture>.context_length` of `model_info`). Answers are kept by digest, so an
 * unchanged model is asked once per adapter. A failing `/api/show` leaves that model as
 * `/api/tags` lists it (newer servers report capabilities there too) and counts in
 * `status.incomplete`; it never fails the listing. In the default provider set
 * Ollama is used only when `OLLAMA_BASE_URL` or `OLLAMA_HOST` is set; `ollama()` passed in
 * `providers` uses the local default address.
 *
 * @example
 * ```ts
 * const catalog = createModelCatalog({ providers: [ollama({ baseURL: 'http://gpu-box:11434' })] });
 * ```
 */
export function ollama(options: OllamaProviderOptions = {}): ProviderAdapter {
  checkOptionNames('ollama()', options, ['baseURL', 'apiKey', 'headers', 'details']);
  // `/api/show` answers by digest: a model whose digest is unchanged is not asked again.
  const shownByDigest = new Map<string, ShowAnswer>();
  return defineBuiltInProvider({
    id: 'ollama',
    headers: options.headers,
    listOptions: { withoutDetails: options.details === false },
    settings: {
      baseURL: baseURLSetting({
        value: options.baseURL,
        env: ['OLLAMA_BASE_URL', 'OLLAMA_HOST'],
        default: 'http://localhost:11434',
      }),
      apiKey: apiKeySetting({ value: options.apiKey, env: 'OLLAMA_API_KEY', required: false }),
    },
    detectEnv: ['OLLAMA_BASE_URL', 'OLLAMA_HOST'],
    async listModels({ http, settings, headers, signal }) {
      const server = serverURL(settings.baseURL);
      const request = { headers: { ...headers, ...bearerHeader(settings.apiKey) } };
      const body = await http.getJson(joinUrl(server, 'api/tags'), request);
      const { models } = parseResponse(TagListSchema, body, 'ollama');
      const entries = models.flatMap((entry) => {
        const id = entry.name || entry.model;
        return id ? [{ id, entry }] : [];
      });
      let incomplete = 0;
      const show = async (id: string, entry: TagEntry): Promise<ShowAnswer | undefined> => {
        if (options.details === false) return undefined;
        const known = entry.digest ? shownByDigest.get(entry.digest) : undefined;
        if (known) return known;
        try {
          const answer = await http.getJson(joinUrl(server, 'api/show'), {
            ...request,
            // `/api/show` is asked with a POST; the catalog's client only GETs, so the request is
            // rewritten just before it is sent (as Bedrock's is signed), keeping its signal.
            signRequest: (get) =>
              new Request(get, {
                method: 'POST',
                headers: { ...Object.fromEntries(get.headers), 'content-type': 'application/json' },
                body: JSON.stringify({ model: id }),
              }),
          });
          const shown = parseResponse(ShowSchema, answer, 'ollama', `details of ${id}`);
          if (entry.digest) shownByDigest.set(entry.digest, shown);
          return shown;
        } catch (error) {
          // The listing's own end (cancelled, out of time) ends it; a model without details does not.
          if (signal?.aborted) throw error;
          incomplete++;
          return undefined;
        }
      };
      const shown = await mapConcurrently(entries, SHOW_CONCURRENCY, ({ id, entry }) =>
        show(id, entry),
      );
      // Forget the digests no longer listed, so the map never outgrows the server's models.
      const listed = new Set(entries.map(({ entry }) => entry.digest));
      for (const digest of shownByDigest.keys()) {
        if (!listed.has(digest)) shownByDigest.delete(digest);
      }
      return {
        skipped: models.length - entries.length,
        ...(incomplete > 0 ? { incomplete } : {}),
        models: entries.map(({ id, entry }, index) => toModel(id, entry, shown[index])),
      };
    },
  });
}

function toModel(id: string, entry: TagEntry, shown: ShowAnswer | undefined): Model {
  const details = shown?.details ?? entry.details;
  const capabilities = shown?.capabilities ?? entry.capabilities;
  const description = [details?.family, details?.parameter_size, details?.quantization_level]
    .filter((part) => part?.trim())
    .join(' · ');
  return buildModel({
    id,
    provider: 'ollama',
    hints: { capabilities: capabilities ?? undefined },
    description,
    created: unixSeconds(entry.modified_at),
    contextLength: positiveInteger(contextLengthOf(shown?.model_info)),
    // The capability list is complete: a capability it leaves out is a no.
    capabilities: flagsFromList(capabilities, CAPABILITY_FLAGS),
    family: details?.family,
    parameterSize: details?.parameter_size,
    quantization: details?.quantization_level,
  });
}

/** `<architecture>.context_length` of `model_info`, such as `qwen3.context_length`. */
function contextLengthOf(info: Readonly<Record<string, unknown>> | null | undefined): unknown {
  if (!info) return undefined;
  const architecture = info['general.architecture'];
  const exact =
    typeof architecture === 'string' ? info[`${architecture}.context_length`] : undefined;
  return exact ?? Object.entries(info).find(([key]) => key.endsWith('.context_length'))?.[1];
}

/** Maps `items` through `map` with at most `limit` calls under way, keeping their order. */
async function mapConcurrently<T, R>(
  items: readonly T[],
  limit: number,
  map: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  // One iterator shared by every worker: each takes the next item when it is free.
  const queue = items.entries();
  const work = async (): Promise<void> => {
    for (const [index, item] of queue) results[index] = await map(item);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, work));
  return results;
}

/**
 * The server URL of a base URL or an `OLLAMA_HOST`-style host, read as Ollama's clients read it:
 * `http` when no scheme is given, port 11434 when neither scheme nor port is (the scheme's own
 * port otherwise), `127.0.0.1` for a bare `:port`.
 */
function serverURL(host: string): string {
  if (host.includes('://')) return host.replace(/\/+$/, '');
  if (host.startsWith(':')) return `http://127.0.0.1${host}`.replace(/\/+$/, '');
  // `host`, `host:port`, `[::1]`, `[::1]:port`, each maybe followed by a path.
  const [, name = '', port = '11434', path = ''] =
    /^(\[[^\]]*\]|[^/:]*)(?::(\d+))?(.*)$/.exec(host) ?? [];
  return `http://${name}:${port}${path}`.replace(/\/+$/, '');
}
