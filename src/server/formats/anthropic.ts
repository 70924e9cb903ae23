import { InvalidParameterError } from '../../errors/invalid-parameter-error.js';
import type { Model } from '../../types.js';
import { lifecycleStatusOf } from '../filter-models.js';
import { idKey, indexAfter, indexOfKey, MAX_PAGE_SIZE, type ModelKey } from '../paginate.js';
import { queryText, queryWholeNumber } from '../query-parameters.js';
import { wholeSeconds } from './openai.js';
import { errorsField, type WireFormat } from './wire-format.js';

/**
 * One entry of Anthropic's `GET /v1/models`.
 *
 * @example
 * ```ts
 * const entry: AnthropicModelEntry | undefined = toAnthropicModelList(models).data[0];
 * // { type: 'model', id: 'claude-sonnet-4-5', display_name: 'Claude Sonnet 4.5', created_at: '2025-09-29T00:00:00Z',
 * //   max_input_tokens: 200000, max_tokens: 64000, capabilities: { batch: { supported: false }, ... }, line: 'sonnet' }
 * ```
 */
export interface AnthropicModelEntry {
  /** Always `model`. */
  readonly type: 'model';
  /** The model id, without the provider. */
  readonly id: string;
  /** The display name; the id when the provider gave none. */
  readonly display_name: string;
  /** RFC 3339; the Unix epoch when the creation time is unknown. */
  readonly created_at: string;
  /** The context window; `null` when unknown, as the Models API writes it. */
  readonly max_input_tokens: number | null;
  /** The largest `max_tokens` a request may ask; `null` when unknown. */
  readonly max_tokens: number | null;
  /**
   * The capabilities, every key of the Models API's shape (see {@link AnthropicCapabilities});
   * `null` when none is known.
   */
  readonly capabilities: AnthropicCapabilities | null;
  /** The Claude model line (`opus`, `sonnet`, `haiku`, ...) of a model of family `claude-<line>`; `null` for others. */
  readonly line: string | null;
  /**
   * `active`, `deprecated` or `retired`: the reported status (`preview` is `active`), else
   * `deprecated` for a model flagged deprecated, else `active`.
   */
  readonly lifecycle: 'active' | 'deprecated' | 'retired';
  /** RFC 3339, when the model was deprecated; `null` when unknown. */
  readonly deprecated_at: string | null;
  /** RFC 3339, when the model is (or was) retired; `null` when unknown. */
  readonly retires_at: string | null;
}

/**
 * A capability as the Anthropic Models API writes it.
 *
 * @example
 * ```ts
 * const vision: AnthropicCapabilitySupport = { supported: true };
 * ```
 */
export interface AnthropicCapabilitySupport {
  /** Whether the model has the capability. */
  readonly supported: boolean;
}

/**
 * The capabilities of an entry, in the shape of the Models API: every key present, as the API
 * and its SDK's `ModelCapabilities` have them. The ones the catalog knows (`image_input`,
 * `pdf_input`, `structured_outputs`, `thinking` with its `enabled` and `disabled` types, `effort`)
 * are written as reported; the others (`batch`, `citations`, `code_execution`,
 * `context_management`, `server_tools`, thinking's `adaptive` and `between_tools` types) are not
 * kept by the catalog and read `supported: false`, as does a known one the provider did not
 * report.
 *
 * @example
 * ```ts
 * const vision = toAnthropicModelList(models).data[0]?.capabilities?.image_input.supported;
 * ```
 */
export interface AnthropicCapabilities {
  /** The Batch API; not known here. */
  readonly batch: AnthropicCapabilitySupport;
  /** Citations; not known here. */
  readonly citations: AnthropicCapabilitySupport;
  /** Code execution tools; not known here. */
  readonly code_execution: AnthropicCapabilitySupport;
  /** Context management and its strategies; not known here. */
  readonly context_management: AnthropicCapabilitySupport & {
    /** The `clear_thinking_20251015` strategy; null here. */
    readonly clear_thinking_20251015: AnthropicCapabilitySupport | null;
    /** The `clear_tool_uses_20250919` strategy; null here. */
    readonly clear_tool_uses_20250919: AnthropicCapabilitySupport | null;
    /** The `compact_20260112` strategy; null here. */
    readonly compact_20260112: AnthropicCapabilitySupport | null;
  };
  /** The effort levels (`reasoning.efforts`), each supported or not. */
  readonly effort: AnthropicCapabilitySupport & {
    /** The `low` level. */
    readonly low: AnthropicCapabilitySupport;
    /** The `medium` level. */
    readonly medium: AnthropicCapabilitySupport;
    /** The `high` level. */
    readonly high: AnthropicCapabilitySupport;
    /** The `xhigh` level. */
    readonly xhigh: AnthropicCapabilitySupport;
    /** The `max` level. */
    readonly max: AnthropicCapabilitySupport;
  };
  /** Image input (`capabilities.vision`). */
  readonly image_input: AnthropicCapabilitySupport;
  /** PDF input (`capabilities.pdfInput`). */
  readonly pdf_input: AnthropicCapabilitySupport;
  /** Server-side tools (code execution, web search); not known here. */
  readonly server_tools: AnthropicCapabilitySupport & {
    /** The code execution server tool; not known here. */
    readonly code_execution: AnthropicCapabilitySupport;
    /** The web search server tool; not known here. */
    readonly web_search: AnthropicCapabilitySupport;
  };
  /** Structured outputs (`capabilities.structuredOutput`). */
  readonly structured_outputs: AnthropicCapabilitySupport;
  /** Extended thinking (`capabilities.reasoning`). */
  readonly thinking: AnthropicCapabilitySupport & {
    /** The kinds of thinking a request may choose. */
    readonly types: {
      /** Thinking with `type: 'adaptive'`; not known here. */
      readonly adaptive: AnthropicCapabilitySupport;
      /** Thinking between tool calls; not known here. */
      readonly between_tools: AnthropicCapabilitySupport;
      /** Thinking switched off (`reasoning.canDisable`). */
      readonly disabled: AnthropicCapabilitySupport;
      /** Thinking with `type: 'enabled'`: whenever the model thinks. */
      readonly enabled: AnthropicCapabilitySupport;
    };
  };
}

/**
 * Anthropic's `GET /v1/models` body.
 *
 * @example
 * ```ts
 * const body: AnthropicModelList = toAnthropicModelList(models, { limit: 20 });
 * if (body.has_more) console.log('next page after', body.last_id);
 * ```
 */
export interface AnthropicModelList {
  /** The page's models. */
  readonly data: AnthropicModelEntry[];
  /** True when a next page follows (ask with `after_id` = `last_id`). */
  readonly has_more: boolean;
  /** The first id of the page; `null` for an empty page. */
  readonly first_id: string | null;
  /** The last id of the page; `null` for an empty page. */
  readonly last_id: string | null;
}

/**
 * Anthropic's paging parameters.
 *
 * @example
 * ```ts
 * const page: AnthropicPageRequest = { limit: 50, afterId: 'claude-3-5-haiku-20241022' };
 * const body = toAnthropicModelList(models, page);
 * ```
 */
export interface AnthropicPageRequest {
  /** Models per page, 1 to 1000 (others are refused). Default 20, as Anthropic's API. */
  readonly limit?: number | undefined;
  /** Return the page just after this id. */
  readonly afterId?: string | undefined;
  /** Return the page just before this id. */
  readonly beforeId?: string | undefined;
}

const DEFAULT_LIMIT = 20;

/**
 * Renders models as Anthropic's model list, honouring `limit`, `after_id` and `before_id` as the
 * real API does. Every entry has the API's fields, as its SDK's `ModelInfo` types them:
 * `max_input_tokens`, `max_tokens`, `capabilities` (every key of the API's shape, see
 * {@link AnthropicCapabilities}), `line`, `deprecated_at` and `retires_at` are `null` when
 * unknown; `lifecycle` is `active` unless the model is reported deprecated or retired. Give the list in `sortModels` order
 * (from `model-catalog/server`): an `after_id`/`before_id` that has left the list then resumes at
 * the next id in that order. A list in another order (by price, say) comes with `keyOf`, the key
 * it is sorted by: an id is then looked for in it, and one no longer there is refused (400).
 * `first_id` and `last_id` are null on an empty page. `created_at` is RFC 3339, the Unix epoch
 * when the creation time is unknown.
 *
 * @example
 * ```ts
 * const body = toAnthropicModelList(models, { limit: 2, afterId: 'claude-3-5-haiku' });
 * ```
 */
export function toAnthropicModelList(
  listed: readonly Model[],
  page: AnthropicPageRequest = {},
  keyOf: ModelKey = idKey,
): AnthropicModelList {
  const { served, hasMore } = anthropicPage(listed, page, keyOf, idKey);
  return anthropicBody(served, hasMore);
}

/**
 * The models of one page, and whether more follow, for ids written as `idOf` gives them (the
 * cursors name ids so written): a list sorted by `keyOf`, which is `idOf` when it is in id order.
 */
function anthropicPage(
  listed: readonly Model[],
  page: AnthropicPageRequest,
  keyOf: ModelKey,
  idOf: ModelKey,
): { readonly served: readonly Model[]; readonly hasMore: boolean } {
  const inIdOrder = keyOf === idOf;
  // An id several providers list (with `qualifyIds` off) is served once, at its first place,
  // whatever the page size: `after_id` names an id, so paging by id must pass all its models.
  // In id order they sit side by side and are skipped as the page is cut (no pass over the
  // whole list per page); in another order they are left out first.
  const models = inIdOrder ? listed : firstOfEachId(listed, idOf);
  const { limit, afterId, beforeId } = checkedPage(page);
  const repeats = (index: number): boolean =>
    index > 0 && idOf(models[index]!) === idOf(models[index - 1]!);
  const served: Model[] = [];
  let hasMore: boolean;
  if (beforeId !== undefined) {
    let index =
      (inIdOrder
        ? indexOfKey(models, idOf, beforeId)
        : positionOf(models, idOf, beforeId, 'before_id')) - 1;
    for (; index >= 0 && served.length < limit; index--) {
      if (!repeats(index)) served.push(models[index]!);
    }
    served.reverse();
    // The first model of the list is never a repeat: any model left before is one more to serve.
    hasMore = index >= 0;
  } else {
    let index =
      afterId === undefined
        ? 0
        : inIdOrder
          ? indexAfter(models, idOf, afterId)
          : positionOf(models, idOf, afterId, 'after_id') + 1;
    for (; index < models.length && served.length < limit; index++) {
      if (!repeats(index)) served.push(models[index]!);
    }
    while (index < models.length && repeats(index)) index++;
    hasMore = index < models.length;
  }
  return { served, hasMore };
}

/** The body of one page: its models as entries, with their ids as given. */
function anthropicBody(served: readonly Model[], hasMore: boolean): AnthropicModelList {
  const data = served.map(anthropicEntry);
  return {
    data,
    has_more: hasMore,
    first_id: data[0]?.id ?? null,
    last_id: data.at(-1)?.id ?? null,
  };
}

/** One entry: every field of the API's `ModelInfo`, null where unknown; no spread, one object. */
function anthropicEntry(model: Model): AnthropicModelEntry {
  return {
    type: 'model',
    id: model.id,
    display_name: model.name,
    created_at: rfc3339(model.created),
    max_input_tokens: model.contextLength || null,
    max_tokens: model.maxOutputTokens || null,
    capabilities: anthropicCapabilities(model),
    line: model.family?.startsWith('claude-') ? model.family.slice('claude-'.length) : null,
    lifecycle: lifecycleOf(model),
    deprecated_at: model.lifecycle?.deprecatedAt
      ? `${model.lifecycle.deprecatedAt}T00:00:00Z`
      : null,
    retires_at: model.lifecycle?.shutdownAt ? `${model.lifecycle.shutdownAt}T00:00:00Z` : null,
  };
}

/** The Models API's three statuses: a `preview` model is `active` there. */
function lifecycleOf(model: Model): AnthropicModelEntry['lifecycle'] {
  const status = lifecycleStatusOf(model);
  return status === 'preview' ? 'active' : status;
}

/** `{ supported }`: true only when reported so. */
const support = (supported: boolean | undefined): AnthropicCapabilitySupport => ({
  supported: supported === true,
});

/**
 * The model's capabilities in the Models API's shape, every key present; null when none is
 * known (no capability flag and no effort level).
 */
function anthropicCapabilities(model: Model): AnthropicCapabilities | null {
  const flags = model.capabilities;
  const efforts = model.reasoning?.efforts ?? [];
  if (flags === undefined && efforts.length === 0) return null;
  const thinks = support(flags?.reasoning);
  return {
    // What no provider but Anthropic's own listing reports.
    batch: support(false),
    citations: support(false),
    code_execution: support(false),
    context_management: {
      supported: false,
      clear_thinking_20251015: null,
      clear_tool_uses_20250919: null,
      compact_20260112: null,
    },
    effort: {
      supported: efforts.length > 0,
      low: support(efforts.includes('low')),
      medium: support(efforts.includes('medium')),
      high: support(efforts.includes('high')),
      xhigh: support(efforts.includes('xhigh')),
      max: support(efforts.includes('max')),
    },
    image_input: support(flags?.vision),
    pdf_input: support(flags?.pdfInput),
    server_tools: {
      supported: false,
      code_execution: support(false),
      web_search: support(false),
    },
    structured_outputs: support(flags?.structuredOutput),
    thinking: {
      supported: thinks.supported,
      types: {
        adaptive: support(false),
        between_tools: support(false),
        disabled: support(model.reasoning?.canDisable),
        enabled: thinks,
      },
    },
  };
}

/** `models` with each id (as `idOf` writes it) once, at its first place; the list itself when none repeats. */
function firstOfEachId(models: readonly Model[], idOf: ModelKey): readonly Model[] {
  const ids = new Set<string>();
  for (const model of models) ids.add(idOf(model));
  if (ids.size === models.length) return models;
  ids.clear();
  return models.filter((model) => ids.size < ids.add(idOf(model)).size);
}

/**
 * Where the model `id` is in a list in another order than its ids' (a request's `sort`, or
 * relevance to its `q`; each id once): looked for, since no key of it can be sought. One that has
 * left the list has no place in that order to resume from.
 */
function positionOf(
  models: readonly Model[],
  idOf: ModelKey,
  id: string,
  parameter: 'after_id' | 'before_id',
): number {
  const index = models.findIndex((model) => idOf(model) === id);
  if (index === -1) {
    throw new InvalidParameterError(
      parameter,
      `\`${parameter}\` names no model of this list (it may have changed): start again without it.`,
    );
  }
  return index;
}

/** The page asked for, checked: its limit (20 when none), and at most one of its cursors. */
function checkedPage(
  page: AnthropicPageRequest,
  limitName = 'limit',
): {
  readonly limit: number;
  readonly afterId: string | undefined;
  readonly beforeId: string | undefined;
} {
  const limit = checkLimit(page.limit, limitName);
  const afterId = page.afterId || undefined;
  const beforeId = page.beforeId || undefined;
  if (afterId !== undefined && beforeId !== undefined) {
    throw new InvalidParameterError('after_id', 'Give `after_id` or `before_id`, not both.');
  }
  return { limit, afterId, beforeId };
}

/** Anthropic's API accepts 1 to 1000 and refuses anything else; so does this renderer. */
function checkLimit(limit: number | undefined, name: string): number {
  if (limit === undefined) return DEFAULT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
    throw new InvalidParameterError(
      name,
      `\`${name}\` must be a whole number from 1 to ${MAX_PAGE_SIZE}.`,
    );
  }
  return limit;
}

/** Unix seconds as RFC 3339 without milliseconds (`2025-02-19T00:00:00Z`), the epoch when unknown. */
function rfc3339(created: number | undefined): string {
  const seconds = wholeSeconds(created);
  // Years 1970 to 9999 from the days since the epoch (H. Hinnant's `civil_from_days`): a Date and
  // its `toISOString` cost several times more, on every entry of every page.
  if (seconds < LAST_FOUR_DIGIT_SECOND) {
    const days = Math.floor(seconds / 86_400);
    const time = seconds - days * 86_400;
    const shifted = days + 719_468;
    const era = Math.floor(shifted / 146_097);
    const dayOfEra = shifted - era * 146_097;
    const yearOfEra = Math.floor(
      (dayOfEra -
        Math.floor(dayOfEra / 1460) +
        Math.floor(dayOfEra / 36_524) -
        Math.floor(dayOfEra / 146_096)) /
        365,
    );
    const dayOfYear =
      dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
    const monthIndex = Math.floor((5 * dayOfYear + 2) / 153);
    const day = dayOfYear - Math.floor((153 * monthIndex + 2) / 5) + 1;
    const month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
    const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
    const hours = Math.floor(time / 3600);
    const minutes = Math.floor((time % 3600) / 60);
    return `${year}-${two(month)}-${two(day)}T${two(hours)}:${two(minutes)}:${two(time % 60)}Z`;
  }
  // toISOString() always ends in `.sssZ`; a whole second has no milliseconds to keep. Beyond
  // what a date can hold (8.64e12 s), it would throw: the epoch, as unknown.
  return `${new Date(seconds > 8.64e12 ? 0 : seconds * 1000).toISOString().slice(0, -5)}Z`;
}

/** 10000-01-01T00:00:00Z in Unix seconds: from there on, years have more than four digits. */
const LAST_FOUR_DIGIT_SECOND = 253_402_300_800;

function two(value: number): string {
  return value < 10 ? `0${value}` : `${value}`;
}

/**
 * The Anthropic format of the models handler: {@link toAnthropicModelList}, paged with `limit`
 * (or `page_size`), `after_id` and `before_id`; ids are `<provider>/<id>` when the answer spans
 * providers (option `qualifyIds`).
 *
 * @example
 * ```ts
 * const body = anthropicFormat.render(input, anthropicFormat.readQuery(new URLSearchParams('limit=100')));
 * ```
 */
export const anthropicFormat: WireFormat<AnthropicPageRequest> = {
  readQuery(query) {
    const page = {
      limit: queryWholeNumber(query, 'limit', 'page_size'),
      afterId: queryText(query, 'after_id'),
      beforeId: queryText(query, 'before_id'),
    };
    // Checked now, as the handler's other parameters are: a bad page is a 400 before anything
    // is listed (a `refresh=true` beside it then fetches nothing and spends no refresh window).
    // Named as the request gave it: `page_size` stands in for `limit`.
    checkedPage(page, queryText(query, 'limit') === undefined ? 'page_size' : 'limit');
    return page;
  },
  render(input, page) {
    const { served, hasMore } = anthropicPage(
      input.models('rendered'),
      page,
      input.pageKey('rendered'),
      input.renderedId,
    );
    return { ...anthropicBody(input.rendered(served), hasMore), ...errorsField(input) };
  },
  renderOne: (input, model) => anthropicEntry(input.rendered([model])[0]!),
};
