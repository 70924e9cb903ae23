/**
 * The runtime matrix: the packed package, installed into a scratch project, lists a stand-in
 * provider on 127.0.0.1 through the memory cache, serves the list in OpenAI's and Anthropic's
 * formats, and round-trips the file cache, under the Node running the tests, Node 22 and 24, Bun,
 * Deno and, bundled as a worker, workerd (no filesystem, so no file cache there). The runtimes come
 * from `node .ci/runtimes.mjs`; without them these tests skip, except in CI, where they fail.
 *
 *   node .ci/runtimes.mjs && npx vitest run --project runtimes
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { build } from 'esbuild';
import { beforeAll, describe, expect, inject, it, type TestContext } from 'vitest';
import {
  createProject,
  expectMemoryDefault,
  expectSmoke,
  lastJsonLine,
  requireRuntime,
  run,
  runtimeVersion,
  STAND_IN_MODELS,
  useStandInProvider,
} from './scratch.js';

const standIn = useStandInProvider();
let app = '';

beforeAll(async () => {
  app = await createProject('runtimes-app', { packageJson: { type: 'module' } });
}, 240_000);

/** How each command-line runtime runs `cli.js`, given the file cache's folder. */
const CLI_RUNTIMES: ReadonlyArray<{
  readonly name: string;
  readonly version: string;
  readonly bin: (context: TestContext) => string;
  readonly args: (cacheDir: string) => string[];
}> = [
  {
    name: 'node',
    version: `node ${process.versions.node} (the one running the tests)`,
    bin: () => process.execPath,
    args: () => [],
  },
  ...['node22', 'node24', 'bun'].map((name) => ({
    name,
    version: runtimeVersion(name),
    bin: (context: TestContext) => requireRuntime(context, name),
    args: () => [],
  })),
  {
    name: 'deno',
    version: runtimeVersion('deno'),
    bin: (context) => requireRuntime(context, 'deno'),
    // Only what the smoke needs: the stand-in and the cache folder.
    args: (cacheDir) => [
      'run',
      `--allow-net=${new URL(standIn.url()).host}`,
      `--allow-read=${cacheDir}`,
      `--allow-write=${cacheDir}`,
    ],
  },
];

describe.each(CLI_RUNTIMES.map((runtime) => [runtime.version, runtime] as const))(
  'on %s',
  (_, runtime) => {
    it('lists through the memory cache, serves OpenAI and Anthropic formats, and round-trips the file cache', async (context) => {
      const bin = runtime.bin(context);
      const cacheDir = mkdtempSync(`${inject('scratch')}/cache-${runtime.name}-`);
      const { stdout } = await run(
        bin,
        [...runtime.args(cacheDir), 'cli.js', 'smoke', standIn.url(), cacheDir],
        { cwd: app },
      );
      const result = lastJsonLine(stdout);

      expectSmoke(result);
      expect(result.file).toEqual({
        path: `${cacheDir}/stand-in.json`,
        written: { source: 'live', count: 3 },
        readBack: {
          source: 'cache',
          ids: STAND_IN_MODELS.map((model) => model.id),
          sameFetchedAt: true,
        },
      });
    });

    it('picks the file cache by default where the filesystem works, with no fallback', async (context) => {
      const bin = runtime.bin(context);
      const cacheDir = mkdtempSync(`${inject('scratch')}/default-${runtime.name}-`);
      const { stdout } = await run(
        bin,
        [...runtime.args(cacheDir), 'cli.js', 'default-cache', standIn.url(), cacheDir],
        { cwd: app },
      );
      expect(lastJsonLine(stdout)).toMatchObject({ first: 'live', second: 'cache', fallbacks: [] });
      expect(readdirSync(cacheDir)).toEqual(['stand-in.json']);
    });

    it('exits with a watch left running, whose timers never keep a process alive', async (context) => {
      const bin = runtime.bin(context);
      const cacheDir = mkdtempSync(`${inject('scratch')}/watch-${runtime.name}-`);
      // A runtime held open by the watch's timers runs until its first refresh, drawn within
      // half a day: the 60 s limit fails it.
      const { stdout } = await run(
        bin,
        [...runtime.args(cacheDir), 'cli.js', 'watch', standIn.url()],
        { cwd: app, timeout: 60_000 },
      );
      expect(lastJsonLine(stdout)).toMatchObject({ listed: 'live', watching: true });
    });
  },
);

describe(`on ${runtimeVersion('workerd')}`, () => {
  it('lists through the memory cache and serves OpenAI and Anthropic formats from a worker', async (context) => {
    const bin = requireRuntime(context, 'workerd');
    const worker = await startWorker(bin);
    try {
      const response = await fetch(
        `${worker.url}/smoke?baseURL=${encodeURIComponent(standIn.url())}`,
      );
      const result = (await response.json()) as Record<string, unknown>;
      expect(result.error).toBeUndefined();
      expect(response.status).toBe(200);
      expectSmoke(result);
      expect(result.runtime).toBe('workerd');
      expect(result.file).toBeUndefined();

      // No filesystem: the default cache is memory, without a cache error on the way.
      const defaults = await fetch(
        `${worker.url}/default-cache?baseURL=${encodeURIComponent(standIn.url())}`,
      );
      expectMemoryDefault((await defaults.json()) as Record<string, unknown>);
    } finally {
      await worker.stop();
    }
  });
});

describe(`on ${runtimeVersion('deno')} without permissions`, () => {
  // `node:fs` loads without permissions, and then every call fails ("Requires sys access to
  // homedir"): the default cache tries the calls, falls back to memory and says why, once.
  it('falls back to the memory cache by default, so the second list is cached', async (context) => {
    const bin = requireRuntime(context, 'deno');
    const { stdout } = await run(
      bin,
      [
        'run',
        `--allow-net=${new URL(standIn.url()).host}`,
        'cli.js',
        'default-cache',
        standIn.url(),
      ],
      { cwd: app },
    );
    expectMemoryDefault(
      lastJsonLine(stdout),
      /^the cache directory is not usable \(.*(--allow-sys|--allow-read|--allow-write)/,
    );
  });
});

/**
 * Bundles `worker.js` as Wrangler would (esbuild, `workerd`/`worker`/`browser` conditions) and
 * serves it with workerd on a free 127.0.0.1 port, which workerd reports on its control socket.
 * Its outbound network may reach local addresses, where the stand-in listens.
 */
async function startWorker(bin: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const dir = `${app}/workerd`;
  mkdirSync(dir, { recursive: true });
  await build({
    entryPoints: [`${app}/worker.js`],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    conditions: ['workerd', 'worker', 'browser'],
    outfile: `${dir}/worker.js`,
    logLevel: 'silent',
  });
  writeFileSync(`${dir}/config.capnp`, WORKERD_CONFIG);
  const child = spawn(bin, ['serve', 'config.capnp', '--control-fd=3'], {
    cwd: dir,
    stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
    env: { PATH: process.env.PATH ?? '' },
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const port = await listenEvent(child, child.stdio[3] as Readable, () => output);
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Resolves with the port of workerd's `{"event":"listen"}` line, or fails with its output. */
function listenEvent(
  child: ChildProcess,
  control: Readable,
  output: () => string,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail('no listen event within 20 s'), 20_000);
    const fail = (why: string) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`workerd: ${why}\n${output()}`));
    };
    let buffered = '';
    control.on('data', (chunk) => {
      buffered += chunk;
      for (const line of buffered.split('\n').slice(0, -1)) {
        const event = JSON.parse(line) as { event?: string; port?: number };
        if (event.event === 'listen' && event.port) {
          clearTimeout(timer);
          resolve(event.port);
        }
      }
      buffered = buffered.slice(buffered.lastIndexOf('\n') + 1);
    });
    child.once('exit', (code) => fail(`exited with ${code}`));
    child.once('error', (error) => fail(error.message));
  });
}

// No `nodejs_compat`: the package must run on workerd as it is. The "internet" service is every
// worker's default outbound network; it reaches public addresses only unless told otherwise.
const WORKERD_CONFIG = `using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "main", worker = .smokeWorker),
    (name = "internet", network = (allow = ["public", "private", "local"])),
  ],
  sockets = [(name = "http", address = "127.0.0.1:0", http = (), service = "main")],
);

const smokeWorker :Workerd.Worker = (
  modules = [(name = "worker.js", esModule = embed "worker.js")],
  compatibilityDate = "2025-09-01",
);
`;
