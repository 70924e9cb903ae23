import { describe, expect, it } from 'vitest';
import { loadOnce } from '../../src/core/load-once.js';

describe('loadOnce', () => {
  it('loads once and hands every caller the same module', async () => {
    let loads = 0;
    const load = loadOnce(async () => ({ number: ++loads }));
    const [first, second] = await Promise.all([load(), load()]);
    expect(first).toBe(second);
    expect(await load()).toBe(first);
    expect(loads).toBe(1);
  });

  it('tries again after a load that failed, instead of failing for ever', async () => {
    let loads = 0;
    const load = loadOnce(async () => {
      loads++;
      if (loads === 1) throw new TypeError('Failed to fetch dynamically imported module');
      return { number: loads };
    });
    await expect(load()).rejects.toThrow('Failed to fetch dynamically imported module');
    expect(await load()).toEqual({ number: 2 });
    expect(await load()).toEqual({ number: 2 });
    expect(loads).toBe(2);
  });
});
