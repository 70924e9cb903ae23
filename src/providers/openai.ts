import { checkOptionNames } from '../core/check-option.js';
import type { ProviderAdapter } from '../types.js';
import { isoDate } from './build-model.js';
import { apiKeySetting, baseURLSetting, setting } from './define-provider.js';
import { createOpenAICompatibleProvider } from './openai-compatible.js';

/**
 * Options of {@link openai}.
 *
 * @example
 * ```ts
 * const options: OpenAIProviderOptions = { apiKey: 'sk-...', project: 'proj_...' };
 * const catalog = createModelCatalog({ providers: [openai(options)] });
 * ```
 */
export interface OpenAIProviderOptions {
  /** API key. Default: the `OPENAI_API_KEY` environment variable. */
  readonly apiKey?: string | undefined;
  /** API root the `/models` path is appended to. Default: `OPENAI_BASE_URL`, else `https://api.openai.com/v1`. */
  readonly baseURL?: string | undefined;
  /** Organization, sent as `OpenAI-Organization`. Default: `OPENAI_ORG_ID`, as in openai-node. */
  readonly organization?: string | undefined;
  /** Project, sent as `OpenAI-Project`. Default: `OPENAI_PROJECT_ID`, as in openai-node. */
  readonly project?: string | undefined;
  /** Extra request headers; an `OpenAI-Organization` or `OpenAI-Project` here wins over the options. */
  readonly headers?: Readonly<Record<string, string>> | undefined;
}

/**
 * The OpenAI provider: `GET {baseURL}/models` with `Authorization: Bearer`.
 * OpenAI reports id, creation time and owner, so categories come from the id; a
 * `shutdown_date` (when announced) becomes `lifecycle.shutdownAt` with status `deprecated`,
 * and the account's fine-tunes (`ft:<base>:<org>::<id>`) are `fineTuned` with their `baseModel`.
 *
 * @example
 * ```ts
 * const catalog = createModelCatalog({ providers: [openai({ apiKey: 'sk-...' })] });
 * ```
 */
export function openai(options: OpenAIProviderOptions = {}): ProviderAdapter {
  checkOptionNames('openai()', options, [
    'apiKey',
    'baseURL',
    'organization',
    'project',
    'headers',
  ]);
  return createOpenAICompatibleProvider({
    id: 'openai',
    apiKey: apiKeySetting({ value: options.apiKey, env: 'OPENAI_API_KEY' }),
    baseURL: baseURLSetting({
      value: options.baseURL,
      env: 'OPENAI_BASE_URL',
      default: 'https://api.openai.com/v1',
    }),
    headers: options.headers,
    // The organization and project decide which fine-tunes the list holds.
    // Secret as the key is: they belong to the catalog's own account, so per-request credentials
    // never inherit them (a tenant's key with the catalog's organization would be refused).
    settings: {
      organization: setting({
        option: 'organization',
        value: options.organization,
        env: 'OPENAI_ORG_ID',
        secret: true,
      }),
      project: setting({
        option: 'project',
        value: options.project,
        env: 'OPENAI_PROJECT_ID',
        secret: true,
      }),
    },
    // Only the ones set: a header given with per-request credentials stays.
    settingHeaders: ({ organization, project }) => ({
      ...(organization && { 'OpenAI-Organization': organization }),
      ...(project && { 'OpenAI-Project': project }),
    }),
    // `shutdown_date` needs no schema: entries keep unknown fields, and isoDate checks it.
    mapEntry: ({ id, shutdown_date }) => {
      const shutdownAt = isoDate(shutdown_date);
      // `ft:<base>:<organization>::<suffix>`
      const base = id?.startsWith('ft:') ? id.split(':')[1] : undefined;
      return {
        lifecycle: shutdownAt ? { status: 'deprecated', shutdownAt } : undefined,
        fineTuned: base ? true : undefined,
        baseModel: base,
      };
    },
  });
}
