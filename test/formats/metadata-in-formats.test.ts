// What the wire formats carry of a model's capabilities, reasoning options and lifecycle.
import type Anthropic from '@anthropic-ai/sdk';
import { describe, expect, it } from 'vitest';
import {
  createModelsHandler,
  type Model,
  toAnthropicModelList,
  toGeminiModelList,
  toOpenRouterModelList,
} from '../../src/index.js';
import { catalogOf, clock, standIn } from '../handler/stand-in-catalog.js';
import { NOTHING_KNOWN } from '../helpers/anthropic-entry.js';

const thinker: Model = {
  id: 'claude-opus-4-1-20250805',
  name: 'Claude Opus 4.1',
  category: 'chat',
  provider: 'anthropic',
  contextLength: 200000,
  maxOutputTokens: 32000,
  capabilities: {
    vision: true,
    pdfInput: true,
    structuredOutput: false,
    reasoning: true,
    tools: true,
  },
  reasoning: { efforts: ['low', 'medium', 'high'], canDisable: true },
  lifecycle: { status: 'deprecated', deprecatedAt: '2026-05-14', shutdownAt: '2026-11-14' },
  deprecated: true,
  family: 'claude-opus',
  releaseDate: '2025-08-05',
};

const plain: Model = { id: 'acme-1', name: 'acme-1', category: 'chat', provider: 'acme' };

describe('toAnthropicModelList', () => {
  it('writes token limits, capabilities in the Models API shape and the lifecycle when known', () => {
    expect(toAnthropicModelList([thinker]).data[0]).toEqual({
      type: 'model',
      id: 'claude-opus-4-1-20250805',
      display_name: 'Claude Opus 4.1',
      created_at: '1970-01-01T00:00:00Z',
      max_input_tokens: 200000,
      max_tokens: 32000,
      // Every key of the API's shape: the ones not known here read as not supported.
      capabilities: {
        batch: { supported: false },
        citations: { supported: false },
        code_execution: { supported: false },
        context_management: {
          supported: false,
          clear_thinking_20251015: null,
          clear_tool_uses_20250919: null,
          compact_20260112: null,
        },
        effort: {
          supported: true,
          low: { supported: true },
          medium: { supported: true },
          high: { supported: true },
          xhigh: { supported: false },
          max: { supported: false },
        },
        image_input: { supported: true },
        pdf_input: { supported: true },
        server_tools: {
          supported: false,
          code_execution: { supported: false },
          web_search: { supported: false },
        },
        structured_outputs: { supported: false },
        thinking: {
          supported: true,
          types: {
            adaptive: { supported: false },
            between_tools: { supported: false },
            disabled: { supported: true },
            enabled: { supported: true },
          },
        },
      },
      line: 'opus',
      lifecycle: 'deprecated',
      deprecated_at: '2026-05-14T00:00:00Z',
      retires_at: '2026-11-14T00:00:00Z',
    });
  });

  it('writes them null when nothing is known, as the API does', () => {
    expect(toAnthropicModelList([plain]).data[0]).toEqual({
      type: 'model',
      id: 'acme-1',
      display_name: 'acme-1',
      created_at: '1970-01-01T00:00:00Z',
      ...NOTHING_KNOWN,
    });
  });

  it("gives entries the type of Anthropic's SDK's ModelInfo, every key it types readable", () => {
    const [entry, bare] = toAnthropicModelList([thinker, plain]).data;
    // Compile time: each field as the SDK (a dev dependency) types it; `line` is any Claude line,
    // not only the ones that SDK version names.
    const info: Omit<Anthropic.ModelInfo, 'line'> & { readonly line: string | null } = entry!;
    const unknown: Omit<Anthropic.ModelInfo, 'line'> = bare!;
    expect(info.capabilities?.server_tools.web_search.supported).toBe(false);
    expect(info.capabilities?.thinking.types.disabled.supported).toBe(true);
    expect(info.capabilities?.thinking.types.between_tools.supported).toBe(false);
    expect(info.capabilities?.context_management.compact_20260112).toBeNull();
    expect(info.capabilities?.effort.xhigh?.supported).toBe(false);
    expect([info.lifecycle, info.deprecated_at, info.retires_at]).toEqual([
      'deprecated',
      '2026-05-14T00:00:00Z',
      '2026-11-14T00:00:00Z',
    ]);
    expect([unknown.capabilities, unknown.lifecycle, unknown.max_tokens]).toEqual([
      null,
      'active',
      null,
    ]);
  });
});

describe('toGeminiModelList', () => {
  it('writes inputTokenLimit, outputTokenLimit and thinking when known', () => {
    expect(toGeminiModelList([thinker]).models[0]).toMatchObject({
      inputTokenLimit: 200000,
      outputTokenLimit: 32000,
      thinking: true,
    });
    const noThinking = { ...plain, capabilities: { reasoning: false } };
    expect(toGeminiModelList([noThinking]).models[0]?.thinking).toBe(false);
    expect(toGeminiModelList([plain]).models[0]).not.toHaveProperty('thinking');
  });
});

describe('toOpenRouterModelList', () => {
  it('writes supported_parameters from the capabilities, image and file input, and the expiration date', () => {
    const [entry] = toOpenRouterModelList([thinker]).data;
    expect(entry?.supported_parameters).toEqual([
      'tools',
      'tool_choice',
      'reasoning',
      'include_reasoning',
    ]);
    expect(entry?.architecture).toEqual({
      input_modalities: ['text', 'image', 'file'],
      output_modalities: ['text'],
      modality: 'text+image+file->text',
    });
    expect(entry?.expiration_date).toBe('2026-11-14');
  });

  it('merges reported parameters with those of the capabilities, once each', () => {
    const [entry] = toOpenRouterModelList([
      {
        ...plain,
        supportedParameters: ['temperature', 'tools'],
        capabilities: { tools: true, structuredOutput: true, jsonMode: true },
      },
    ]).data;
    expect(entry?.supported_parameters).toEqual([
      'temperature',
      'tools',
      'tool_choice',
      'structured_outputs',
      'response_format',
    ]);
    expect(entry?.expiration_date).toBeNull();
  });
});

describe('the native and grouped formats', () => {
  it('carry every new field of the model as it is', async () => {
    const provider = standIn('anthropic', []);
    provider.models = [thinker];
    const handler = createModelsHandler(catalogOf([provider], clock()));
    const native = (await (await handler(new Request('http://models.test/m'))).json()) as {
      providers: Record<string, Model[]>;
    };
    expect(native.providers.anthropic).toEqual([thinker]);
    const grouped = (await (
      await handler(new Request('http://models.test/m?format=grouped&lifecycle=all'))
    ).json()) as Record<string, { providers: { models: Model[] }[] }[]>;
    expect(JSON.stringify(grouped)).toContain('"efforts":["low","medium","high"]');
  });
});
