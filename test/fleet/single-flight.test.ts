import { type ChildProcess, fork } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithRedis } from '../helpers/redis.js';

const PROCESSES = 4;
const CALLS_PER_PROCESS = 50;
const WORKER = fileURLToPath(new URL('./fleet-worker.ts', import.meta.url));

/** Each key sees its own list: a process that served another account's list would show it. */
const LISTS: Record<string, string[]> = {
  'sk-own-openai-PLANTED': ['gpt-4o', 'ft:own'],
  'sk-tenant-openai-PLANTED': ['gpt-4o', 'ft:tenant'],
  'sk-own-deepseek-PLANTED': ['deepseek-chat', 'deepseek-own'],
  'sk-tenant-deepseek-PLANTED': ['deepseek-chat', 'deepseek-tenant'],
};

interface CallResult {
  readonly account: 'own' | 'tenant';
  readonly providers: Record<string, string[]>;
  readonly sources: Record<string, string>;
  readonly errors: Record<string, unknown>;
}

describeWithRedis('fleet-wide single flight on a real Redis', (redisUrl) => {
  let server: Server;
  let providerUrl = '';
  /** Upstream requests by `<path> <key>`. */
  const requests = new Map<string, number>();

  beforeAll(async () => {
    server = createServer((request, response) => {
      const key = request.headers.authorization?.replace(/^Bearer /, '') ?? '';
      const counted = `${request.url} ${key}`;
      requests.set(counted, (requests.get(counted) ?? 0) + 1);
      // Slow enough that every process's calls are under way before the first answer.
      setTimeout(() => {
        response.writeHead(LISTS[key] ? 200 : 401, { 'content-type': 'application/json' });
        response.end(
          JSON.stringify({ object: 'list', data: (LISTS[key] ?? []).map((id) => ({ id })) }),
        );
      }, 300);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    providerUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it(`makes at most one upstream request per provider and account: ${PROCESSES} processes × ${CALLS_PER_PROCESS} concurrent cold calls`, async () => {
    const base = `model-catalog-fleet-${process.pid}-${Date.now().toString(36)}`; // a cold store
    const children: ChildProcess[] = [];
    try {
      for (let index = 0; index < PROCESSES; index++) {
        children.push(
          fork(WORKER, [], {
            execArgv: ['--import', 'tsx'],
            env: {
              ...process.env,
              REDIS_URL: redisUrl,
              REDIS_BASE: base,
              PROVIDER_URL: providerUrl,
              CALLS: String(CALLS_PER_PROCESS),
            },
            stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
          }),
        );
      }
      await Promise.all(children.map((child) => nextMessage(child, 'ready')));
      const done = children.map((child) => nextMessage(child, 'done'));
      for (const child of children) child.send({ type: 'go' });
      const results = (await Promise.all(done)).flatMap(
        (message) => (message as { results: CallResult[] }).results,
      );

      expect(results).toHaveLength(PROCESSES * CALLS_PER_PROCESS);
      for (const result of results) {
        expect(result.errors).toEqual({});
        expect(result.providers).toEqual(
          result.account === 'own'
            ? { openai: ['gpt-4o', 'ft:own'], deepseek: ['deepseek-chat', 'deepseek-own'] }
            : { openai: ['gpt-4o', 'ft:tenant'], deepseek: ['deepseek-chat', 'deepseek-tenant'] },
        );
      }
      expect(Object.fromEntries(requests)).toEqual({
        '/openai/v1/models sk-own-openai-PLANTED': 1,
        '/openai/v1/models sk-tenant-openai-PLANTED': 1,
        '/deepseek/v1/models sk-own-deepseek-PLANTED': 1,
        '/deepseek/v1/models sk-tenant-deepseek-PLANTED': 1,
      });
      // One process fetched each list; every other call was answered from the shared entry.
      const live = results.flatMap((result) =>
        Object.values(result.sources).filter((source) => source === 'live'),
      );
      expect(live.length).toBeGreaterThan(0);
      expect(live.length).toBeLessThanOrEqual(4 * (CALLS_PER_PROCESS / 2));
    } finally {
      for (const child of children) if (child.exitCode === null) child.kill();
    }
  }, 90_000);
});

/** The next IPC message of a type from a child; rejects if the child exits first. */
function nextMessage(child: ChildProcess, type: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: { type?: string }): void => {
      if (message?.type !== type) return;
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(message);
    };
    const onExit = (code: number | null): void =>
      reject(new Error(`fleet worker ${child.pid} exited with ${code} before "${type}"`));
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}
