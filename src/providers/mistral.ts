import * as v from 'valibot';
import { checkOptionNames } from '../core/check-option.js';
import type { Model, ProviderAdapter } from '../types.js';
import { apiRoot, buildModel, isoDate, joinUrl, positiveInteger } from './build-model.js';
import {
  apiKeySetting,
  baseURLSetting,
  bearerHeader,
  defineBuiltInProvider,
} from './define-provider.js';
import { parseResponse } from './parse-response.js';

/**
 * Options of {@link mistral}.
 *
 * @example
 * ```ts
 * const options: MistralProviderOptions = { apiKey: '...' };
 * const catalog = createModelCatalog({ providers: [mistral(options)] });
 * ```
 */
export interface MistralProviderOptions {
  /** API key. Default: the `MISTRAL_API_KEY` environment variable. */
  readonly apiKey?: string | undefined;
  /**
   * The API's host, as the Mistral SDK's `serverURL` (`https://api.mistral.ai`), or its root with
   * `/v1`: a URL that does not end in a version path gets `/v1` appended. Default:
   * `MISTRAL_BASE_URL`, else `https://api.mistral.ai/v1`.
   */
  readonly baseURL?: string | undefined;
  /** Extra request headers. */
  readonly headers?: Readonly<Record<string, string>> | undefined;
}

const ModelListSchema = v.object({
  data: v.array(
    v.looseObject({
      id: v.nullish(v.string()),
      name: v.nullish(v.string()),
      description: v.nullish(v.string()),
      owned_by: v.nullish(v.string()),
      max_context_length: v.nullish(v.number()),
      aliases: v.nullish(v.array(v.string())),
      deprecation: v.nullish(v.string()),
      deprecation_replacement_model: v.nullish(v.string()),
      type: v.nullish(v.string()),
      root: v.nullish(v.string()),
      archived: v.nullish(v.boolean()),
      capabilities: v.nullish(v.record(v.string(), v.unknown())),
    }),
  ),
});

type Card = v.InferOutput<typeof ModelListSchema>['data'][number] & { readonly id: string };

/**
 * The Mistral provider: `GET {baseURL}/models` with `Authorization: Bearer`.
 *
 * Mistral lists every alias as its own entry carrying the same card; each card
 * becomes one model whose id is the card's `name` (the dated id) when the
 * listing holds it, with the other ids as `aliases`. The capabilities that are
 * true classify the model (an OCR, moderation or classification model is `other`), `vision`
 * and `audio` add input modalities, and `function_calling`, `vision`, `audio` and `reasoning`
 * are the `tools`, `vision`, `audioInput` and `reasoning` flags (each as reported). A set
 * `deprecation` date marks it deprecated (`lifecycle.deprecatedAt`, with the
 * `deprecation_replacement_model` as `replacement`); a fine-tuned card (`type: 'fine-tuned'`) is
 * `fineTuned`, its `root` the `baseModel`, and retired while `archived`. `created` is not mapped:
 * Mistral fills it with the time of the request, not a release date.
 *
 * @example
 * ```ts
 * const catalog = createModelCatalog({ providers: [mistral({ apiKey: '...' })] });
 * ```
 */
export function mistral(options: MistralProviderOptions = {}): ProviderAdapter {
  checkOptionNames('mistral()', options, ['apiKey', 'baseURL', 'headers']);
  return defineBuiltInProvider({
    id: 'mistral',
    headers: options.headers,
    settings: {
      apiKey: apiKeySetting({ value: options.apiKey, env: 'MISTRAL_API_KEY' }),
      baseURL: baseURLSetting({
        value: options.baseURL,
        env: 'MISTRAL_BASE_URL',
        default: 'https://api.mistral.ai/v1',
      }),
    },
    async listModels({ http, settings, headers }) {
      const body = await http.getJson(joinUrl(apiRoot(settings.baseURL, '/v1'), 'models'), {
        headers: { ...headers, ...bearerHeader(settings.apiKey) },
      });
      const { data } = parseResponse(ModelListSchema, body, 'mistral');
      const cards = data.filter((entry): entry is Card => Boolean(entry.id));
      return { skipped: data.length - cards.length, models: groupAliases(cards).map(toModel) };
    },
  });
}

/** The entries of one card: the ids the listing holds, and every id the card names. */
interface CardGroup {
  name: string | undefined;
  readonly entries: [Card, ...Card[]];
  readonly ids: Set<string>;
}

/** Groups entries that share a card: the same `name`, or any id in common with the group's ids and aliases. */
function groupAliases(cards: readonly Card[]): CardGroup[] {
  const groups: CardGroup[] = [];
  for (const card of cards) {
    const name = card.name?.trim() || undefined;
    const ids = [card.id, ...(card.aliases ?? [])];
    const group = groups.find(
      (candidate) => (name && candidate.name === name) || ids.some((id) => candidate.ids.has(id)),
    );
    if (group) {
      group.name ??= name;
      group.entries.push(card);
      for (const id of ids) group.ids.add(id);
    } else {
      groups.push({ name, entries: [card], ids: new Set(ids) });
    }
  }
  return groups;
}

function toModel(group: CardGroup): Model {
  const listed = group.entries.map((entry) => entry.id);
  const [first] = group.entries;
  const id = group.name && listed.includes(group.name) ? group.name : first.id;
  const card = group.entries.find((entry) => entry.id === id) ?? first;
  const capabilities = Object.entries(card.capabilities ?? {})
    .filter(([, value]) => value === true)
    .map(([capability]) => capability);
  const has = (capability: string): boolean => capabilities.includes(capability);
  const inputModalities =
    has('vision') || has('audio')
      ? ['text', ...(has('vision') ? ['image'] : []), ...(has('audio') ? ['audio'] : [])]
      : undefined;
  return buildModel({
    id,
    provider: 'mistral',
    hints: { capabilities },
    description: card.description,
    ownedBy: card.owned_by,
    contextLength: positiveInteger(card.max_context_length),
    inputModalities,
    aliases: [...group.ids].filter((alias) => alias !== id),
    capabilities: {
      tools: flag(card.capabilities?.function_calling),
      vision: flag(card.capabilities?.vision),
      audioInput: flag(card.capabilities?.audio),
      reasoning: flag(card.capabilities?.reasoning),
    },
    lifecycle: {
      // An archived fine-tune cannot be called until it is unarchived.
      status: card.archived ? 'retired' : card.deprecation ? 'deprecated' : undefined,
      deprecatedAt: isoDate(card.deprecation),
      replacement: card.deprecation_replacement_model,
    },
    fineTuned: card.type === 'fine-tuned' || undefined,
    baseModel: card.root,
  });
}

/** A capability Mistral reports as a boolean; anything else is "not reported". */
function flag(value: unknown): boolean | undefined {
  return typeof value === 'boolean' ? value : undefined;
}
