import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  type CatalogChange,
  type CatalogEvent,
  createMemoryCache,
  createModelCatalog,
  type Model,
  type ModelCache,
  type ProviderAdapter,
  ProviderRequestError,
  UnknownProviderError,
} from '../src/index.js';

const MINUTE = 60_000;

/** A provider whose models and failure the test sets, counting calls. */
function standIn(id: string, models: Model[]) {
  const state = { models, failure: undefined as Error | undefined, calls: 0 };
  const adapter: ProviderAdapter = {
    id,
    async listModels() {
      state.calls++;
      if (state.failure) throw state.failure;
      return state.models;
    },
  };
  return { adapter, state };
}

const gpt4o = (pricing = { input: 5, output: 15 }): Model => ({
  id: 'gpt-4o',
  name: 'GPT-4o',
  category: 'chat',
  provider: 'openai',
  pricing,
  contextLength: 128000,
});

/**
 * Runs the timers due now and lets promises and off-thread work (the first fingerprint digest)
 * settle, on real event-loop turns: at least 50, and until `done` holds or 10 s have passed, so
 * that a busy machine cannot make an assertion run early.
 */
async function settle(done: () => boolean = () => true): Promise<void> {
  const started = performance.now();
  for (let turn = 0; turn < 50 || (!done() && performance.now() - started < 10_000); turn++) {
    await vi.advanceTimersByTimeAsync(0);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Moves the fake clock, one timer at a time, letting each refresh finish. */
async function advance(milliseconds: number, done?: () => boolean): Promise<void> {
  await vi.advanceTimersByTimeAsync(milliseconds);
  await settle(done);
}

// The catalog loads its scheduler, fetch path and diff with their first use. Under vitest a first
// import is transformed first, which takes more real event-loop turns than `settle` waits for a
// refresh without a condition: loaded here, so these tests time the schedule, not the transform.
beforeAll(async () => {
  await Promise.all([
    import('../src/core/watch-schedule.js'),
    import('../src/core/fetch-provider.js'),
    import('../src/core/http.js'),
    import('../src/core/diff-models.js'),
  ]);
});

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  vi.setSystemTime(Date.parse('2026-03-01T10:00:00.000Z'));
});
afterEach(() => {
  vi.useRealTimers();
});

function catalogOf(adapters: ProviderAdapter[], cache: ModelCache = createMemoryCache()) {
  const events: CatalogEvent[] = [];
  const catalog = createModelCatalog({
    providers: adapters,
    cache,
    retries: 0,
    now: () => Date.now(),
    onEvent: (event) => events.push(event),
  });
  return { catalog, events };
}

describe('catalog.watch', () => {
  it('refreshes on schedule, backs off after failures, and reports a field-level change', async () => {
    const openai = standIn('openai', [gpt4o()]);
    const { catalog } = catalogOf([openai.adapter]);
    const changes: CatalogChange[] = [];
    const stop = catalog.watch({
      intervalMs: 10 * MINUTE,
      jitter: 0,
      onChange: (change) => changes.push(change),
    });
    await settle(() => openai.state.calls === 1);
    expect(openai.state.calls).toBe(1); // the first refresh runs at once without jitter

    await advance(10 * MINUTE - 1);
    expect(openai.state.calls).toBe(1);
    await advance(1);
    expect(openai.state.calls).toBe(2);

    openai.state.models = [gpt4o({ input: 2.5, output: 10 })];
    await advance(10 * MINUTE);
    expect(openai.state.calls).toBe(3);
    expect(changes).toEqual([
      {
        provider: 'openai',
        fetchedAt: '2026-03-01T10:20:00.000Z',
        changes: {
          added: [],
          removed: [],
          changed: [
            {
              id: 'gpt-4o',
              fields: [
                { field: 'pricing.input', before: 5, after: 2.5 },
                { field: 'pricing.output', before: 15, after: 10 },
              ],
            },
          ],
        },
      },
    ]);

    // Failures: the wait doubles (20, then 40 minutes), then a success brings it back to 10.
    openai.state.failure = new ProviderRequestError('openai: down (503).', {
      kind: 'http',
      provider: 'openai',
      status: 503,
      retryable: true,
    });
    await advance(10 * MINUTE);
    expect(openai.state.calls).toBe(4);
    await advance(20 * MINUTE - 1);
    expect(openai.state.calls).toBe(4);
    await advance(1);
    expect(openai.state.calls).toBe(5);
    await advance(40 * MINUTE - 1);
    expect(openai.state.calls).toBe(5);
    openai.state.failure = undefined;
    await advance(1);
    expect(openai.state.calls).toBe(6);
    await advance(10 * MINUTE);
    expect(openai.state.calls).toBe(7);
    expect(changes).toHaveLength(1); // failures served the same list: no change

    stop();
    await advance(120 * MINUTE);
    expect(openai.state.calls).toBe(7);
  });

  it('waits at least as long as a provider asked with Retry-After', async () => {
    const openai = standIn('openai', [gpt4o()]);
    const { catalog } = catalogOf([openai.adapter]);
    catalog.watch({ intervalMs: MINUTE, jitter: 0 });
    await settle(() => openai.state.calls === 1);
    openai.state.failure = new ProviderRequestError('openai: rate limited (429).', {
      kind: 'rate_limit',
      provider: 'openai',
      status: 429,
      retryable: true,
      retryAfterMs: 30 * MINUTE,
    });
    await advance(MINUTE);
    expect(openai.state.calls).toBe(2);
    openai.state.failure = undefined;
    await advance(30 * MINUTE - 1);
    expect(openai.state.calls).toBe(2);
    await advance(1);
    expect(openai.state.calls).toBe(3);
  });

  it('spreads refreshes within the jitter and refreshes only the providers named', async () => {
    const openai = standIn('openai', [gpt4o()]);
    const groq = standIn('groq', [{ ...gpt4o(), id: 'llama', provider: 'groq' }]);
    const { catalog } = catalogOf([openai.adapter, groq.adapter]);
    const random = vi.spyOn(Math, 'random').mockReturnValue(1);
    try {
      catalog.watch({ intervalMs: 10 * MINUTE, jitter: 0.2, providers: ['groq'] });
      // The first refresh within jitter × interval (2 minutes), the next 10 minutes + 20% later.
      await advance(2 * MINUTE - 1);
      expect(groq.state.calls).toBe(0);
      await advance(1, () => groq.state.calls === 1);
      expect(groq.state.calls).toBe(1);
      await advance(12 * MINUTE - 1);
      expect(groq.state.calls).toBe(1);
      await advance(1);
      expect(groq.state.calls).toBe(2);
      expect(openai.state.calls).toBe(0);
    } finally {
      random.mockRestore();
    }
  });

  it('counts a list fetched less than half an interval ago as refreshed, as another instance on the store may have done', async () => {
    const openai = standIn('openai', [gpt4o()]);
    const cache = createMemoryCache();
    const { catalog } = catalogOf([openai.adapter], cache);
    await catalog.listModels({ provider: 'openai' });
    expect(openai.state.calls).toBe(1);
    await advance(4 * MINUTE);
    catalog.watch({ intervalMs: 10 * MINUTE, jitter: 0 });
    await settle();
    expect(openai.state.calls).toBe(1); // 4 minutes old: fresh enough
    await advance(10 * MINUTE);
    expect(openai.state.calls).toBe(2); // 14 minutes old
  });

  it('tells a second instance on the same store about the change the first one fetched', async () => {
    const openai = standIn('openai', [gpt4o()]);
    const cache = createMemoryCache();
    const first = catalogOf([openai.adapter], cache).catalog;
    const second = catalogOf([openai.adapter], cache).catalog;
    const heard: CatalogChange[] = [];
    second.onChange((change) => heard.push(change));
    await second.listModels({ provider: 'openai' });
    expect(openai.state.calls).toBe(1);

    openai.state.models = [gpt4o(), { ...gpt4o(), id: 'gpt-5', name: 'GPT-5' }];
    await advance(11 * MINUTE);
    await first.listModels({ provider: 'openai', refresh: true });
    expect(openai.state.calls).toBe(2);
    second.watch({ intervalMs: 20 * MINUTE, jitter: 0 });
    await settle(() => heard.length === 1);
    expect(openai.state.calls).toBe(2); // read from the store, not fetched
    expect(heard).toEqual([
      {
        provider: 'openai',
        fetchedAt: '2026-03-01T10:11:00.000Z',
        changes: { added: ['gpt-5'], removed: [], changed: [] },
      },
    ]);
  });

  it('stops with its AbortSignal, and removes its onChange listener', async () => {
    const openai = standIn('openai', [gpt4o()]);
    const { catalog } = catalogOf([openai.adapter]);
    const controller = new AbortController();
    const heard: CatalogChange[] = [];
    catalog.watch({
      intervalMs: MINUTE,
      jitter: 0,
      signal: controller.signal,
      onChange: (change) => heard.push(change),
    });
    await settle(() => openai.state.calls === 1);
    expect(openai.state.calls).toBe(1);
    controller.abort();
    openai.state.models = [{ ...gpt4o(), name: 'renamed' }];
    await advance(10 * MINUTE);
    expect(openai.state.calls).toBe(1);
    await catalog.listModels({ provider: 'openai', refresh: true });
    expect(heard).toEqual([]);
  });

  it('stopped at the call, before its scheduler has loaded, never refreshes and hears nothing', async () => {
    const openai = standIn('openai', [gpt4o()]);
    const { catalog } = catalogOf([openai.adapter]);
    const heard: CatalogChange[] = [];
    // The scheduler loads on first use; stopping in the same turn must win over its loading.
    const stop = catalog.watch({
      intervalMs: MINUTE,
      jitter: 0,
      onChange: (change) => heard.push(change),
    });
    stop();
    await advance(5 * MINUTE);
    expect(openai.state.calls).toBe(0);
    await catalog.listModels({ provider: 'openai' });
    openai.state.models = [{ ...gpt4o(), name: 'renamed' }];
    await catalog.listModels({ provider: 'openai', refresh: true });
    expect(openai.state.calls).toBe(2);
    expect(heard).toEqual([]);
    stop(); // stopping twice is harmless
  });

  it('hears a change made while its scheduler loads: the listener is added at the call', async () => {
    const openai = standIn('openai', [gpt4o()]);
    const { catalog } = catalogOf([openai.adapter]);
    await catalog.listModels({ provider: 'openai' });
    const heard: CatalogChange[] = [];
    const stop = catalog.watch({
      intervalMs: 10 * MINUTE,
      jitter: 0.5,
      onChange: (change) => heard.push(change),
    });
    openai.state.models = [{ ...gpt4o(), name: 'renamed' }];
    await catalog.listModels({ provider: 'openai', refresh: true });
    expect(heard.map((change) => change.changes.changed)).toEqual([
      [{ id: 'gpt-4o', fields: [{ field: 'name', before: 'GPT-4o', after: 'renamed' }] }],
    ]);
    stop();
  });

  it('does not start with a signal already aborted', async () => {
    const openai = standIn('openai', [gpt4o()]);
    const { catalog } = catalogOf([openai.adapter]);
    const stop = catalog.watch({ intervalMs: MINUTE, jitter: 0, signal: AbortSignal.abort() });
    await advance(5 * MINUTE);
    expect(openai.state.calls).toBe(0);
    expect(stop).toBeTypeOf('function');
    stop(); // stopping twice is harmless
  });

  it.each([
    [{ intervalMs: 0 }, /`intervalMs` must be a finite number from 1/],
    [{ intervalMs: Number.NaN }, /`intervalMs`/],
    [{ intervalMs: MINUTE, jitter: 0.9 }, /`jitter` must be a finite number from 0 to 0.5/],
    [{ intervalMs: MINUTE, onChange: 'log' }, /`onChange` must be a function/],
    [{ intervalMs: MINUTE, providers: 'openai' }, /`providers` must be an array/],
    [{ intervalMs: MINUTE, signal: {} }, /`signal` must be an AbortSignal/],
  ])('rejects the options %j with a TypeError', (options, message) => {
    const { catalog } = catalogOf([standIn('openai', []).adapter]);
    expect(() => catalog.watch(options as never)).toThrow(TypeError);
    expect(() => catalog.watch(options as never)).toThrow(message);
  });

  it('rejects an unknown provider id, as listModels does', () => {
    const { catalog } = catalogOf([standIn('openai', []).adapter]);
    expect(() => catalog.watch({ intervalMs: MINUTE, providers: ['opnai'] })).toThrow(
      UnknownProviderError,
    );
  });
});

describe('catalog.watch with a wait that is no number', () => {
  it('backs off as usual when an error from another copy of the package asks to wait NaN ms', async () => {
    const openai = standIn('openai', [gpt4o()]);
    const failure = new ProviderRequestError('openai: slow down', {
      kind: 'rate_limit',
      provider: 'openai',
      retryable: true,
    });
    // As an older copy of the package may make it: its constructor did not drop NaN.
    Object.defineProperty(failure, 'retryAfterMs', { value: Number.NaN });
    openai.state.failure = failure;
    const { catalog, events } = catalogOf([openai.adapter]);
    const stop = catalog.watch({ intervalMs: MINUTE, jitter: 0 });
    try {
      await settle(() => openai.state.calls === 1);
      await advance(1000);
      // A timer of NaN ms fires at once: the watch would refresh again and again.
      expect(events.filter((event) => event.type === 'cache:miss')).toHaveLength(1);
      expect(openai.state.calls).toBe(1);
    } finally {
      stop();
    }
  });
});

describe('catalog.onChange', () => {
  it('hears new lists after one dated in the future was served', async () => {
    const openai = standIn('openai', [gpt4o()]);
    const cache = createMemoryCache();
    // Written by an instance whose clock is a day ahead.
    await cache.set('openai', {
      version: 1,
      providerId: 'openai',
      fetchedAt: '2026-03-02T10:00:00.000Z',
      models: [gpt4o({ input: 1, output: 2 })],
    });
    const events: CatalogEvent[] = [];
    const catalog = createModelCatalog({
      providers: [openai.adapter],
      cache,
      retries: 0,
      now: () => Date.now(),
      revalidate: 'background',
      onEvent: (event) => events.push(event),
    });
    const heard: CatalogChange[] = [];
    catalog.onChange((change) => heard.push(change));
    const served = await catalog.listModels({ provider: 'openai' });
    expect(served.status).toMatchObject({ fetchedAt: '2026-03-02T10:00:00.000Z', stale: true });
    await settle(() => openai.state.calls === 1);
    await advance(MINUTE);
    openai.state.models = [gpt4o(), { ...gpt4o(), id: 'o3', name: 'o3' }];
    await catalog.listModels({ provider: 'openai', refresh: true });
    expect(heard.map((change) => change.changes.added)).toContainEqual(['o3']);
  });

  it('never reports an older list seen after a newer one, both dated by a clock ahead within the skew', async () => {
    let clock = Date.parse('2026-03-01T10:00:00.000Z');
    const at = (offsetMs: number) => new Date(clock + offsetMs).toISOString();
    const model = (id: string): Model => ({ id, name: id, category: 'chat', provider: 'openai' });
    // Written by an instance whose clock is half a minute ahead; a replica serves them out of order.
    const older = {
      version: 1 as const,
      providerId: 'openai',
      fetchedAt: at(30_000),
      models: [model('a')],
    };
    const newer = {
      version: 1 as const,
      providerId: 'openai',
      fetchedAt: at(40_000),
      models: [model('a'), model('b')],
    };
    let served = older;
    const store: ModelCache = { get: async () => served, set: async () => {} };
    const catalog = createModelCatalog({
      providers: [standIn('openai', [model('a')]).adapter],
      cache: store,
      now: () => clock,
    });
    const heard: string[][] = [];
    catalog.onChange((change) => heard.push([...change.changes.added, ...change.changes.removed]));
    for (const entry of [older, newer, older, newer]) {
      served = entry;
      clock += 1000;
      await catalog.listModels({ provider: 'openai' });
    }
    await settle(() => heard.length > 0);
    expect(heard).toEqual([['b']]);
  });

  it('calls each listener once per new list, survives a throwing listener, and stops after removal', async () => {
    const openai = standIn('openai', [gpt4o()]);
    const { catalog } = catalogOf([openai.adapter]);
    const heard: string[] = [];
    catalog.onChange(() => {
      throw new Error('listener bug');
    });
    catalog.onChange(async () => {
      throw new Error('async listener bug');
    });
    const remove = catalog.onChange((change) => heard.push(change.changes.added.join(',')));
    await catalog.listModels({ provider: 'openai' });
    openai.state.models = [gpt4o(), { ...gpt4o(), id: 'o3', name: 'o3' }];
    await advance(MINUTE);
    // Concurrent callers share one fetch: one change.
    await Promise.all([
      catalog.listModels({ provider: 'openai', refresh: true }),
      catalog.listModels({ provider: 'openai', refresh: true }),
      catalog.listModels(),
    ]);
    expect(heard).toEqual(['o3']);
    remove();
    openai.state.models = [gpt4o()];
    await advance(MINUTE);
    await catalog.listModels({ provider: 'openai', refresh: true });
    expect(heard).toEqual(['o3']);
    expect(() => catalog.onChange('listener' as never)).toThrow(TypeError);
  });

  it('hands every listener the change frozen: one cannot rewrite it for the next', async () => {
    const openai = standIn('openai', [gpt4o()]);
    const { catalog } = catalogOf([openai.adapter]);
    const writes: string[] = [];
    catalog.onChange((change) => {
      for (const write of [
        () => Object.assign(change, { provider: 'HIJACKED' }),
        () => Object.assign(change, { changes: { added: ['forged'], removed: [], changed: [] } }),
        () => (change.changes.added as string[]).push('forged'),
      ]) {
        try {
          write();
        } catch (error) {
          writes.push((error as Error).name);
        }
      }
    });
    const heard: unknown[] = [];
    catalog.onChange((change) =>
      heard.push({ provider: change.provider, added: change.changes.added }),
    );
    await catalog.listModels({ provider: 'openai' });
    openai.state.models = [gpt4o(), { ...gpt4o(), id: 'o3', name: 'o3' }];
    await advance(MINUTE);
    await catalog.listModels({ provider: 'openai', refresh: true });
    expect(writes).toEqual(['TypeError', 'TypeError', 'TypeError']);
    expect(heard).toEqual([{ provider: 'openai', added: ['o3'] }]);
  });
});
