import { afterEach, expect, it, vi } from 'vitest';

// The scheduler is loaded with `import()` on the first watch; here its first load fails, as a
// chunk a browser could not fetch does.
let loads = 0;
vi.mock('../src/core/watch-schedule.js', async (importOriginal) => {
  loads++;
  if (loads === 1) throw new Error('chunk load failed');
  return importOriginal();
});

const { startWatch } = await import('../src/core/watch.js');

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
process.on('unhandledRejection', onUnhandled);
afterEach(() => {
  process.off('unhandledRejection', onUnhandled);
});

it('loads the scheduler again an interval after a failed load, leaving no unhandled rejection', async () => {
  const refreshed: string[] = [];
  const target = {
    providerIds: () => ['openai'],
    refresh: async (provider: string) => {
      refreshed.push(provider);
      return { provider, models: [], status: { provider } } as never;
    },
    subscribe: () => () => {},
  };
  const stop = startWatch({ intervalMs: 50, jitter: 0 }, target);
  await vi.waitFor(() => expect(refreshed).toEqual(['openai']), { timeout: 5_000 });
  stop();
  expect(loads).toBeGreaterThanOrEqual(2);
  expect(unhandled).toEqual([]);
});
