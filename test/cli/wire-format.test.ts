import { describe, expect, it } from 'vitest';
import { toWireFormat } from '../../src/cli/wire-format.js';
import type { Model } from '../../src/index.js';

// More models than one page of the formats that page (1000), in reverse id order.
const models: Model[] = Array.from({ length: 2500 }, (_, index) => ({
  id: `model-${String(2500 - index).padStart(4, '0')}`,
  name: `Model ${index}`,
  category: 'chat',
  provider: index % 2 === 0 ? 'openai' : 'groq',
}));
const qualified = models.map((model) => `${model.provider}/${model.id}`);

describe('toWireFormat', () => {
  it('keeps the order given in every format, across pages, when keepOrder', () => {
    const options = { qualify: true, keepOrder: true };
    const openai = toWireFormat('openai', models, options) as { data: { id: string }[] };
    expect(openai.data.map((entry) => entry.id)).toEqual(qualified);
    const anthropic = toWireFormat('anthropic', models, options) as {
      data: { id: string }[];
      first_id: string;
      last_id: string;
    };
    expect(anthropic.data.map((entry) => entry.id)).toEqual(qualified);
    expect([anthropic.first_id, anthropic.last_id]).toEqual([qualified[0], qualified.at(-1)]);
    const gemini = toWireFormat('gemini', models, options) as {
      models: { baseModelId: string }[];
    };
    expect(gemini.models.map((entry) => entry.baseModelId)).toEqual(qualified);
    const router = toWireFormat('openrouter', models, options) as { data: { id: string }[] };
    expect(router.data.map((entry) => entry.id)).toEqual(qualified);
  });
});
