import { InvalidParameterError } from '../errors/invalid-parameter-error.js';
import type { Model } from '../types.js';
import { finishHash } from './hash-body.js';

/** The largest page any format serves; larger sizes are lowered to it as Gemini does (the Anthropic format refuses them, as Anthropic does). */
export const MAX_PAGE_SIZE = 1000;

/**
 * Returns the key a list is ordered and paged by: the id as rendered.
 *
 * @example
 * ```ts
 * const byName: ModelKey = (model) => model.name;
 * const ordered = sortModels(models, byName);
 * ```
 */
export type ModelKey = (model: Model) => string;

/**
 * The key of most formats: the model id as given.
 *
 * @example
 * ```ts
 * const ordered = sortModels(models, idKey); // by id, then provider
 * ```
 */
export const idKey: ModelKey = (model) => model.id;

/**
 * The key of provider-qualified formats: `<provider>/<id>`.
 *
 * @example
 * ```ts
 * qualifiedKey({ id: 'gpt-4o', name: 'gpt-4o', category: 'chat', provider: 'openai' }); // 'openai/gpt-4o'
 * ```
 */
export const qualifiedKey: ModelKey = (model) => `${model.provider}/${model.id}`;

/**
 * What a cursor-paged request asks for.
 *
 * @example
 * ```ts
 * const request: TokenPageRequest = { pageSize: 100, pageToken: url.searchParams.get('page_token') ?? undefined };
 * const page = pageByToken(sortModels(models), idKey, request, { scope: 'my-endpoint' });
 * ```
 */
export interface TokenPageRequest {
  /** Models per page, 1 to 1000 (larger sizes are lowered to 1000). */
  readonly pageSize?: number | undefined;
  /** The `next_page_token` of the previous page. */
  readonly pageToken?: string | undefined;
  /**
   * Ties tokens to one query (format and filters): a token issued under another scope is
   * rejected as foreign. Default: the format's name.
   */
  readonly scope?: string | undefined;
}

/**
 * One page of a cursor-paged list.
 *
 * @example
 * ```ts
 * const { models: page, nextPageToken }: TokenPage = pageByToken(sortModels(models), idKey, { pageSize: 100 }, { scope: 'my-endpoint' });
 * ```
 */
export interface TokenPage {
  /** The page's models. */
  readonly models: Model[];
  /** Set when more models follow. */
  readonly nextPageToken?: string;
}

/**
 * Sorts models by key (the id by default), then provider, in code-unit order: the stable order
 * that paging needs so "resume after the last id seen" holds while the list changes.
 *
 * @example
 * ```ts
 * const ordered = sortModels(Object.values(result.providers).flat());
 * ```
 */
export function sortModels(models: readonly Model[], keyOf: ModelKey = idKey): Model[] {
  // Each key is computed once, not once per comparison (`qualifiedKey` builds a string), and
  // positions are sorted rather than objects: small integers, nothing new for the collector to
  // trace, which keeps a list of 100,000 models as cheap per model as one of 1,000.
  const keys = models.map((model) => keyOf(model));
  const positions = models.map((_, position) => position);
  positions.sort(
    (first, second) =>
      compareText(keys[first]!, keys[second]!) ||
      compareText(models[first]!.provider, models[second]!.provider),
  );
  return positions.map((position) => models[position]!);
}

/**
 * Cuts one page from a list sorted with {@link sortModels}, resuming after the model a token
 * names. When that model has left the list, paging resumes at the next key in order: no model
 * is served twice and none is skipped.
 *
 * Tokens are base64url JSON with a checksum: tamper-evident and tied to their scope, not secret
 * (a hand-made token can only move the start of a page). They hold no server state, so they stay
 * valid across restarts and across the instances of a multi-instance server.
 *
 * @example
 * ```ts
 * const first = pageByToken(models, idKey, { pageSize: 2 }, { scope: 'models' });
 * const second = pageByToken(models, idKey, { pageSize: 2, pageToken: first.nextPageToken }, { scope: 'models' });
 * ```
 */
export function pageByToken(
  models: readonly Model[],
  keyOf: ModelKey,
  request: TokenPageRequest,
  defaults: {
    readonly pageSize?: number | undefined;
    readonly scope: string;
    /** The request parameter the token came in, as errors name it. Default `page_token`. */
    readonly tokenParameter?: string | undefined;
  },
): TokenPage {
  const scope = request.scope ?? defaults.scope;
  const pageSize = checkPageSize('page_size', request.pageSize) ?? defaults.pageSize;
  let start = 0;
  if (request.pageToken !== undefined && request.pageToken !== '') {
    const cursor = decodePageToken(request.pageToken, scope, defaults.tokenParameter);
    start = indexAfter(models, keyOf, cursor.key, cursor.provider);
  }
  if (pageSize === undefined) return { models: models.slice(start) };
  const page = models.slice(start, start + pageSize);
  const last = page.at(-1);
  if (last === undefined || start + pageSize >= models.length) return { models: page };
  return { models: page, nextPageToken: encodePageToken(keyOf(last), last.provider, scope) };
}

/** A page size as a request gives it: a whole number of at least 1, lowered to {@link MAX_PAGE_SIZE}. */
export function checkPageSize(parameter: string, value: number | undefined): number | undefined {
  if (value === undefined) return undefined;
  // A size too long for a number (309 digits or more) reads as Infinity: lowered like any other.
  if (!(Number.isInteger(value) || value === Number.POSITIVE_INFINITY) || value < 1) {
    throw new InvalidParameterError(
      parameter,
      `\`${parameter}\` must be a whole number of at least 1.`,
    );
  }
  return Math.min(value, MAX_PAGE_SIZE);
}

/**
 * Index of the first model after `key` (and `provider`, when given) in a list sorted with
 * {@link sortModels}: after its last match, else the next key in order. After the last match,
 * so that models sharing a key (a provider listing an id twice, or several providers with
 * unqualified ids) cannot make a client page forever. A binary search: a page costs
 * `log n` keys, so walking every page of a list stays linear.
 */
export function indexAfter(
  models: readonly Model[],
  keyOf: ModelKey,
  key: string,
  provider?: string,
): number {
  return firstIndex(models, (model) => {
    const order = compareText(keyOf(model), key);
    return order > 0 || (order === 0 && provider !== undefined && model.provider > provider);
  });
}

/**
 * Index of the first model with `key` in a list sorted with {@link sortModels}, else of the
 * first model whose key sorts after it.
 */
export function indexOfKey(models: readonly Model[], keyOf: ModelKey, key: string): number {
  return firstIndex(models, (model) => compareText(keyOf(model), key) >= 0);
}

/** The first index where `isAfter` holds, in a list where it holds from some index to the end. */
function firstIndex(models: readonly Model[], isAfter: (model: Model) => boolean): number {
  let low = 0;
  let high = models.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (isAfter(models[middle]!)) high = middle;
    else low = middle + 1;
  }
  return low;
}

/**
 * A short, stable, non-cryptographic hash (53-bit cyrb53) in base 36, for checksums and ETags.
 * Synchronous and pure, so it runs in every runtime without Web Crypto.
 */
export function hashText(text: string): string {
  let first = 0xdeadbeef;
  let second = 0x41c6ce57;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    first = Math.imul(first ^ code, 2654435761);
    second = Math.imul(second ^ code, 1597334677);
  }
  return finishHash(first, second);
}

const TOKEN_VERSION = 1;
// Bounds the work a forged token costs; far above what a real one holds (a sort by name over
// ids of a few hundred characters writes tokens of a few thousand).
const MAX_TOKEN_LENGTH = 32 * 1024;

interface TokenBody {
  readonly v: number;
  readonly s: string;
  readonly k: string;
  readonly p: string;
}

/** `base64url(JSON)` + `.` + checksum, naming the last model served. */
export function encodePageToken(key: string, provider: string, scope: string): string {
  const body: TokenBody = { v: TOKEN_VERSION, s: scopeHash(scope), k: key, p: provider };
  const payload = toBase64Url(JSON.stringify(body));
  return `${payload}.${checksum(payload)}`;
}

/**
 * Reads a token made by {@link encodePageToken}, or throws {@link InvalidParameterError} naming
 * `parameter`, the request parameter it came in.
 */
export function decodePageToken(
  token: string,
  scope: string,
  parameter = 'page_token',
): { key: string; provider: string } {
  const invalid = (reason: string) =>
    new InvalidParameterError(
      parameter,
      `\`${parameter}\` is not valid: ${reason}. Start again without it.`,
    );
  const dot = token.length > MAX_TOKEN_LENGTH ? -1 : token.indexOf('.');
  const payload = token.slice(0, dot);
  const sum = token.slice(dot + 1);
  if (dot <= 0 || !sum || sum.includes('.') || checksum(payload) !== sum) {
    throw invalid('it was not issued by this server or was changed');
  }
  let body: Partial<TokenBody>;
  try {
    body = JSON.parse(fromBase64Url(payload)) as Partial<TokenBody>;
  } catch {
    throw invalid('it was not issued by this server or was changed');
  }
  if (body?.v !== TOKEN_VERSION || typeof body.k !== 'string' || typeof body.p !== 'string') {
    throw invalid('it was issued by another version of this server');
  }
  if (body.s !== scopeHash(scope))
    throw invalid('it belongs to a different query (format or filters)');
  return { key: body.k, provider: body.p };
}

function checksum(payload: string): string {
  return hashText(`model-catalog.page-token:${payload}`);
}

/**
 * The hash of a token's scope. A walk through the pages of one query asks for the same scope
 * twice a page (to read the token, and to write the next): the last one is remembered.
 */
function scopeHash(scope: string): string {
  if (lastScope?.text !== scope) lastScope = { text: scope, hash: hashText(scope) };
  return lastScope.hash;
}

/** None at first: the empty scope (a `scope` of `''` is kept) has a hash like any other. */
let lastScope: { readonly text: string; readonly hash: string } | undefined;

/** A character beyond ASCII: text without one is its own UTF-8, written by base64 as it is. */
const NON_ASCII = /[\u0080-\uffff]/;

function toBase64Url(text: string): string {
  let binary = text;
  if (NON_ASCII.test(text)) {
    binary = '';
    utf8Encoder ??= new TextEncoder();
    for (const byte of utf8Encoder.encode(text)) binary += String.fromCharCode(byte);
  }
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): string {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  if (!NON_ASCII.test(binary)) return binary;
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  // Fatal: bytes that are no UTF-8 make no token. Made once: each `decode` call starts afresh.
  utf8Decoder ??= new TextDecoder('utf-8', { fatal: true });
  return utf8Decoder.decode(bytes);
}

let utf8Encoder: TextEncoder | undefined;
let utf8Decoder: TextDecoder | undefined;

/**
 * Orders text by UTF-16 code units: the order of ids in every format and in the CLI, the same in
 * every locale (`localeCompare` follows LANG and sorts `aa` after `z` in Danish).
 */
export function compareText(first: string, second: string): number {
  return first < second ? -1 : first > second ? 1 : 0;
}
