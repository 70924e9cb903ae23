import { getEventListeners } from 'node:events';
import ky from 'ky';
import { HttpResponse, http } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  createSharedLifetime,
  raceSignal,
  raceTimeout,
  startTimeBudget,
} from '../src/core/signals.js';
import { sleep } from '../src/core/sleep.js';
import { createMemoryCache, createModelCatalog, openai, openaiCompatible } from '../src/index.js';
import { server } from './helpers/msw.js';

const KEY = 'sk-signals-PLANTED-5150';
const URL = 'https://api.openai.com/v1/models';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('startTimeBudget', () => {
  it('ends with one frozen AbortError shared by every listing, not a timeout', () => {
    const first = startTimeBudget(new AbortController().signal, 60_000);
    const second = startTimeBudget(new AbortController().signal, 60_000);
    first.end();
    second.end();
    const reason = first.signal.reason as DOMException;
    expect(reason).toBeInstanceOf(DOMException);
    expect(reason.name).toBe('AbortError');
    expect(Object.isFrozen(reason)).toBe(true);
    expect(second.signal.reason).toBe(reason);
    expect(first.timedOut()).toBe(false);
    expect(first.remainingMs()).toBe(0);
  });

  it('ends with its own time, saying so, and reports the time left', async () => {
    const budget = startTimeBudget(new AbortController().signal, 40);
    expect(budget.timeoutMs).toBe(40);
    expect(budget.remainingMs()).toBeGreaterThan(0);
    expect(budget.remainingMs()).toBeLessThanOrEqual(40);
    expect(budget.timedOut()).toBe(false);
    await new Promise((resolve) => budget.signal.addEventListener('abort', resolve));
    expect(budget.timedOut()).toBe(true);
    expect(budget.remainingMs()).toBe(0);
  });

  it('ends with its caller, without calling that a timeout, even for a TimeoutError reason', () => {
    const caller = new AbortController();
    const budget = startTimeBudget(caller.signal, 60_000);
    caller.abort(new DOMException('the caller gave up', 'TimeoutError'));
    expect(budget.signal.aborted).toBe(true);
    expect(budget.timedOut()).toBe(false);
    expect(budget.signal.reason).toBe(caller.signal.reason);
  });
});

describe('createSharedLifetime', () => {
  it('aborts only when the last caller with a signal leaves', () => {
    const lifetime = createSharedLifetime();
    const one = new AbortController();
    const two = new AbortController();
    const leaveOne = lifetime.join(one.signal);
    const leaveTwo = lifetime.join(two.signal);
    leaveOne();
    expect(lifetime.signal.aborted).toBe(false);
    two.abort('second left');
    leaveTwo();
    expect(lifetime.signal.aborted).toBe(true);
    expect(lifetime.signal.reason).toBe('second left');
  });

  it('never aborts once a caller without a signal joined', () => {
    const lifetime = createSharedLifetime();
    const leave = lifetime.join(new AbortController().signal);
    lifetime.join(undefined);
    leave();
    expect(lifetime.signal.aborted).toBe(false);
  });
});

describe('raceSignal', () => {
  it('settles as the work does and removes its listener', async () => {
    const controller = new AbortController();
    await expect(raceSignal(Promise.resolve(7), controller.signal, () => 'no')).resolves.toBe(7);
    await expect(
      raceSignal(Promise.reject(new Error('own')), controller.signal, () => 'no'),
    ).rejects.toThrow('own');
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it('rejects at once when the signal aborts, with what `rejection` makes of the reason', async () => {
    const controller = new AbortController();
    const pending = raceSignal(new Promise(() => {}), controller.signal, (reason) => [reason]);
    controller.abort('stop');
    await expect(pending).rejects.toEqual(['stop']);
  });

  it('gives work that honours the signal the grace to settle with its own error', async () => {
    const controller = new AbortController();
    const work = new Promise((_resolve, reject) => {
      controller.signal.addEventListener('abort', () =>
        setTimeout(() => reject(new Error('own, precise')), 10),
      );
    });
    const pending = raceSignal(work, controller.signal, () => new Error('generic'), 200);
    controller.abort();
    await expect(pending).rejects.toThrow('own, precise');
  });

  it('rejects after the grace when the work ignores the signal', async () => {
    const controller = new AbortController();
    const pending = raceSignal(new Promise(() => {}), controller.signal, () => 'late', 30);
    const started = performance.now();
    controller.abort();
    await expect(pending).rejects.toBe('late');
    expect(performance.now() - started).toBeGreaterThanOrEqual(25);
  });
});

describe('raceTimeout', () => {
  it('settles as the work does, and leaves no timer behind', async () => {
    vi.useFakeTimers();
    try {
      await expect(raceTimeout(Promise.resolve(7), 1000, () => 'late')).resolves.toBe(7);
      await expect(
        raceTimeout(Promise.reject(new Error('own')), 1000, () => 'late'),
      ).rejects.toThrow('own');
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('rejects with what `rejection` makes once the time has passed, and not before', async () => {
    vi.useFakeTimers();
    try {
      let outcome: unknown = 'pending';
      raceTimeout(new Promise(() => {}), 400, () => 'late').catch((error: unknown) => {
        outcome = error;
      });
      await vi.advanceTimersByTimeAsync(399);
      expect(outcome).toBe('pending');
      await vi.advanceTimersByTimeAsync(1);
      expect(outcome).toBe('late');
    } finally {
      vi.useRealTimers();
    }
  });

  it("never keeps the process alive: its timer is unref'd", async () => {
    const timers: ReturnType<typeof setTimeout>[] = [];
    const setTimer = globalThis.setTimeout;
    vi.spyOn(globalThis, 'setTimeout').mockImplementation(((
      ...args: Parameters<typeof setTimeout>
    ) => {
      const timer = setTimer(...args);
      timers.push(timer);
      return timer;
    }) as typeof setTimeout);
    const pending = raceTimeout(new Promise(() => {}), 20, () => 'late');
    expect(timers).toHaveLength(1);
    expect(timers[0]!.hasRef()).toBe(false);
    await expect(pending).rejects.toBe('late');
  });
});

describe('sleep', () => {
  it('resolves after its time, or at once when the signal aborts, leaving no timer or listener', async () => {
    vi.useFakeTimers();
    try {
      const controller = new AbortController();
      let slept = false;
      void sleep(300, controller.signal).then(() => {
        slept = true;
      });
      await vi.advanceTimersByTimeAsync(299);
      expect(slept).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect(slept).toBe(true);

      let woken = false;
      void sleep(60_000, controller.signal).then(() => {
        woken = true;
      });
      controller.abort();
      await vi.advanceTimersByTimeAsync(0);
      expect(woken).toBe(true);
      expect(vi.getTimerCount()).toBe(0);
      expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('a catalog', () => {
  it('leaves no listener on the caller signal after listing, answered or cancelled', async () => {
    server.use(http.get(URL, () => HttpResponse.json({ data: [{ id: 'gpt-4o' }] })));
    const catalog = createModelCatalog({
      providers: [openai({ apiKey: KEY })],
      cache: createMemoryCache(),
      retries: 0,
    });
    const controller = new AbortController();
    await catalog.listModels({ provider: 'openai', signal: controller.signal });
    await catalog.listModels({ signal: controller.signal, refresh: true });
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);

    server.use(http.get(URL, () => new Promise<Response>(() => {})));
    const cancelled = new AbortController();
    const pending = catalog.listModels({
      provider: 'openai',
      refresh: true,
      signal: cancelled.signal,
    });
    cancelled.abort();
    await expect(pending).rejects.toMatchObject({ kind: 'aborted', name: 'AbortError' });
    expect(getEventListeners(cancelled.signal, 'abort')).toHaveLength(0);
  });

  it('creates one ky instance, with its first fetch, however many providers and listings', async () => {
    server.use(
      http.get(URL, () => HttpResponse.json({ data: [{ id: 'gpt-4o' }] })),
      http.get('http://127.0.0.1:9/v1/models', () => HttpResponse.json({ data: [{ id: 'x' }] })),
    );
    const create = vi.spyOn(ky, 'create');
    const catalog = createModelCatalog({
      providers: [
        openai({ apiKey: KEY }),
        openaiCompatible({ id: 'local', baseURL: 'http://127.0.0.1:9/v1' }),
      ],
      cache: false,
      retries: 0,
    });
    // The instance is made with the catalog's first fetch (the HTTP client loads then), once.
    expect(create).toHaveBeenCalledTimes(0);
    for (let round = 0; round < 3; round++) {
      const result = await catalog.listModels();
      expect(result.errors).toEqual({});
      expect(create).toHaveBeenCalledTimes(1);
    }
    await catalog.listModels({ provider: 'openai' });
    expect(create).toHaveBeenCalledTimes(1);
  });
});
