import { afterEach, expect, it, vi } from 'vitest';
import { unrefTimeout } from '../../src/core/unref-timeout.js';

afterEach(() => {
  vi.unstubAllGlobals();
});

it('returns a timer that no longer holds the process, and still fires', async () => {
  let fired = false;
  const timer = unrefTimeout(() => {
    fired = true;
  }, 1);
  expect((timer as unknown as { hasRef: () => boolean }).hasRef()).toBe(false);
  await vi.waitFor(() => expect(fired).toBe(true));
});

it('sets a plain timer where timers are numbers and nothing can unref them (browsers, Workers)', () => {
  vi.stubGlobal('setTimeout', () => 7);
  expect(unrefTimeout(() => {}, 1000)).toBe(7);
});
