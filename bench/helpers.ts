/**
 * What every benchmark shares: the one line per figure that `npm run bench` collects, model
 * lists shaped like the providers' own, a fetch answering from memory, and timing.
 */

/**
 * Prints one figure as `pass|FAIL  <what>: <value> (target <target>)`, the line the runner
 * (`bench/run.mjs`) collects into its summary.
 */
export function figure(what: string, value: string, target: string, pass: boolean): void {
  console.log(`${pass ? 'pass' : 'FAIL'}  ${what}: ${value} (target ${target})`);
}

/** Prints a figure with no target, for context (`info` lines are not counted). */
export function info(what: string, value: string): void {
  console.log(`info  ${what}: ${value}`);
}

/**
 * The CPU time per call, in milliseconds (user + system, every thread of the process, garbage
 * collection included), of tasks measured side by side: each round runs every task in turn (in
 * a rotating order), each in a batch of calls long enough to time well; the figure is the first
 * quartile of the rounds (see {@link lowQuartiles}). CPU time rather than wall time: on a
 * shared machine a process waits for a core far longer than it works, and the wait says
 * nothing about the library.
 */
export async function measure(
  tasks: Readonly<Record<string, () => unknown>>,
  options: { readonly rounds?: number; readonly batchMs?: number; readonly warmupMs?: number } = {},
): Promise<Record<string, number>> {
  const rounds = options.rounds ?? 40;
  const batchMs = options.batchMs ?? 2;
  const names = Object.keys(tasks);
  // `BENCH_CLOCK=wall` times by the wall clock instead, for a machine of your own.
  const clock = process.env.BENCH_CLOCK ?? 'cpu';
  const batch = async (task: () => unknown, calls: number): Promise<number> => {
    const started = process.cpuUsage();
    const wall = performance.now();
    for (let call = 0; call < calls; call++) await task();
    if (clock === 'wall') return (performance.now() - wall) / calls;
    const spent = process.cpuUsage(started);
    return (spent.user + spent.system) / 1000 / calls;
  };
  // Size each batch to about `batchMs` of work, and warm each task up for a while: the
  // optimizing compiler works on other threads, whose time would count otherwise.
  const calls: Record<string, number> = {};
  for (const name of names) {
    const once = Math.max(await batch(tasks[name]!, 3), 0.0001);
    calls[name] = Math.max(1, Math.min(100_000, Math.round(batchMs / once)));
    const warmUntil = performance.now() + (options.warmupMs ?? 300);
    while (performance.now() < warmUntil) await batch(tasks[name]!, calls[name]!);
  }
  const times: Record<string, number[]> = Object.fromEntries(names.map((name) => [name, []]));
  for (let round = 0; round < rounds; round++) {
    for (let index = 0; index < names.length; index++) {
      const name = names[(index + round) % names.length]!;
      times[name]!.push(await batch(tasks[name]!, calls[name]!));
    }
  }
  return lowQuartiles(times);
}

/**
 * The first quartile of each task's timings. On a shared machine, other processes only ever
 * add time (a busy cache, a core shared with another thread), and bursts of their work hit
 * some rounds and not others: the lower timings are the truer ones, and the first quartile
 * is steadier than the minimum.
 */
function lowQuartiles(times: Readonly<Record<string, number[]>>): Record<string, number> {
  const result: Record<string, number> = {};
  for (const [name, list] of Object.entries(times)) {
    const sorted = [...list].sort((first, second) => first - second);
    result[name] = sorted[Math.floor((sorted.length - 1) / 4)]!;
  }
  return result;
}

/**
 * Like {@link measure}, for tasks that each need a fresh state: every call runs `prepare`
 * first, untimed, then the task, timed alone (CPU time, one call at a time).
 */
export async function measureAfter(
  prepare: () => Promise<unknown>,
  tasks: Readonly<Record<string, () => unknown>>,
  options: { readonly rounds?: number; readonly warmupRounds?: number } = {},
): Promise<Record<string, number>> {
  const names = Object.keys(tasks);
  const times: Record<string, number[]> = Object.fromEntries(names.map((name) => [name, []]));
  const warmupRounds = options.warmupRounds ?? 5;
  const rounds = options.rounds ?? 30;
  for (let round = 0; round < warmupRounds + rounds; round++) {
    for (let index = 0; index < names.length; index++) {
      const name = names[(index + round) % names.length]!;
      await prepare();
      const started = process.cpuUsage();
      await tasks[name]!();
      const spent = process.cpuUsage(started);
      if (round >= warmupRounds) times[name]!.push((spent.user + spent.system) / 1000);
    }
  }
  return lowQuartiles(times);
}

/** Formats milliseconds as µs or ms. */
export function duration(milliseconds: number): string {
  return milliseconds < 1
    ? `${(milliseconds * 1000).toFixed(2)} µs`
    : `${milliseconds.toFixed(2)} ms`;
}

/**
 * A `fetch` answering each path with a prepared body (404 otherwise), the way a provider
 * would, without a network: the benchmarks time the library, not the wire.
 */
export function fakeFetch(bodies: Readonly<Record<string, string>>): typeof fetch {
  return async (input) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const body = bodies[url.pathname];
    return body === undefined
      ? new Response('{}', { status: 404, headers: { 'content-type': 'application/json' } })
      : new Response(body, { headers: { 'content-type': 'application/json' } });
  };
}

/** An OpenRouter `/models` list of `count` models, shaped like the real one. */
export function openRouterModels(count: number): unknown[] {
  const authors = [
    'anthropic',
    'openai',
    'google',
    'meta-llama',
    'mistralai',
    'qwen',
    'deepseek',
    'x-ai',
  ];
  const parameters = [
    'max_tokens',
    'temperature',
    'top_p',
    'stop',
    'frequency_penalty',
    'presence_penalty',
    'seed',
    'tools',
    'tool_choice',
    'response_format',
    'structured_outputs',
    'reasoning',
    'include_reasoning',
  ];
  return Array.from({ length: count }, (_, index) => {
    const author = authors[index % authors.length]!;
    const slug = `model-${index}${index % 5 === 0 ? ':free' : ''}`;
    return {
      id: `${author}/${slug}`,
      canonical_slug: `${author}/${slug}-20250101`,
      hugging_face_id: null,
      name: `${author}: Model ${index}`,
      created: 1_700_000_000 + index * 86_400,
      description:
        `Model ${index} by ${author} is a general-purpose model for chat, coding and reasoning. `.repeat(
          5,
        ),
      context_length: 32_768 * (1 + (index % 8)),
      architecture: {
        modality: 'text+image->text',
        input_modalities: ['text', 'image'],
        output_modalities: ['text'],
        tokenizer: 'Other',
        instruct_type: null,
      },
      pricing: {
        prompt: (0.000_000_1 * (1 + (index % 30))).toFixed(10),
        completion: (0.000_000_4 * (1 + (index % 30))).toFixed(10),
        request: '0',
        image: '0.001',
        web_search: '0',
        internal_reasoning: '0',
        input_cache_read: '0.00000001',
      },
      top_provider: { context_length: 32_768, max_completion_tokens: 8_192, is_moderated: false },
      per_request_limits: null,
      supported_parameters: parameters.slice(0, 6 + (index % 8)),
    };
  });
}

/** An OpenAI `/v1/models` list of `count` models: id, object, created, owned_by. */
export function openAIModels(count: number): unknown[] {
  const families = [
    'gpt-4o',
    'gpt-4.1-mini',
    'text-embedding-3',
    'whisper',
    'tts-1',
    'dall-e',
    'o4-mini',
    'omni-moderation',
  ];
  return Array.from({ length: count }, (_, index) => ({
    id: `${families[index % families.length]}-${index}`,
    object: 'model',
    created: 1_700_000_000 + index,
    owned_by: index % 3 === 0 ? 'system' : 'openai',
  }));
}
