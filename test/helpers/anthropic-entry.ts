/**
 * The fields an Anthropic-format entry has when nothing is known of its model but id, name and
 * date: every field of the Models API's `ModelInfo`, null where its SDK allows it, and the
 * lifecycle `active`. Spread into an expected entry.
 */
export const NOTHING_KNOWN = {
  max_input_tokens: null,
  max_tokens: null,
  capabilities: null,
  line: null,
  lifecycle: 'active',
  deprecated_at: null,
  retires_at: null,
} as const;
