/**
 * The packed package as bundlers, test runners and compilers meet it, each in a scratch project
 * built from the tarball: esbuild for browsers and workers, Vite's library and SSR builds,
 * webpack and Rspack for the web and web workers, Rollup with node-resolve, `bun build`, Parcel,
 * Jest from CommonJS, TypeScript consumers under every `moduleResolution`, and a Next.js edge route.
 * Bundles are run, not only built. None needs a flag or a plugin: export conditions keep Node
 * built-ins out of browser and worker builds, and the `require` condition serves CommonJS.
 *
 *   node .ci/runtimes.mjs && npx vitest run --project runtimes
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, type TestContext } from 'vitest';
import {
  createProject,
  expectMemoryDefault,
  expectSmoke,
  lastJsonLine,
  ROOT,
  requireRuntime,
  requireTool,
  run,
  runtimeVersion,
  STAND_IN_MODELS,
  toolVersion,
  useStandInProvider,
} from './scratch.js';

const standIn = useStandInProvider();

/** Runs a probe of a bundle in Node made to look like a browser (`browser`) or as a server. */
async function runBundle(
  dir: string,
  bundle: string,
  probe: 'smoke' | 'default-cache',
  mode: 'browser' | 'node',
): Promise<Record<string, unknown>> {
  const { stdout } = await run(
    process.execPath,
    ['run-bundle.js', bundle, probe, standIn.url(), mode],
    { cwd: dir },
  );
  return lastJsonLine(stdout);
}

/** Every `.js` file a build wrote, concatenated. */
function readOutput(dir: string): string {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.js') || file.endsWith('.mjs'))
    .map((file) => readFileSync(join(dir, file), 'utf8'))
    .join('\n');
}

/** The version of one of the repository's devDependencies (esbuild, TypeScript). */
function devDependencyVersion(name: string): string {
  return JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version;
}

const NODE_IMPORT = /\b(?:import|require)\s*\(\s*["']node:|\bfrom\s*["']node:/;

describe(`esbuild ${devDependencyVersion('esbuild')}`, () => {
  let dir = '';
  beforeAll(async () => {
    dir = await createProject('esbuild-app', { packageJson: { type: 'module' } });
  }, 240_000);

  // The `browser`, `workerd` and `worker` conditions resolve the package's `#file-system` import to
  // a module without Node built-ins: no `--external:node:*` needed, and the default cache is memory.
  it.each([
    '--platform=browser',
    '--platform=neutral --conditions=workerd',
    // Wrangler's build: neutral, with the workerd, worker and browser conditions.
    '--platform=neutral --conditions=workerd,worker,browser',
  ])(
    'bundles with `%s` and no other flag, and the bundle lists in a browser-like runtime',
    async (platform) => {
      const flags = platform.split(' ');
      const esbuild = join(ROOT, 'node_modules/.bin/esbuild');
      const outfile = `out${platform.replace(/\W+/g, '-')}/bundle.js`;
      const { stderr } = await run(
        esbuild,
        ['smoke.js', '--bundle', '--format=esm', ...flags, `--outfile=${outfile}`],
        {
          cwd: dir,
        },
      );
      // No warning about the package (such as a bare import of a chunk with no side effects).
      expect(stderr).not.toMatch(/WARNING/);
      expect(readFileSync(join(dir, outfile), 'utf8')).not.toMatch(NODE_IMPORT);
      expectSmoke(await runBundle(dir, outfile, 'smoke', 'browser'));
      expectMemoryDefault(await runBundle(dir, outfile, 'default-cache', 'browser'));
    },
  );
});

describe(`Vite ${toolVersion('vite') ?? '(not installed)'}`, () => {
  let dir = '';
  let project: Promise<string> | undefined;
  /** Builds with one of the project's configs; the project is made by the first test to run. */
  const vite = async (context: TestContext, config: string) => {
    requireTool(context, 'vite');
    project ??= createViteProject();
    dir = await project;
    return run(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '-c', config], {
      cwd: dir,
    });
  };

  const createViteProject = () =>
    createProject('vite-app', {
      packageJson: { type: 'module' },
      link: ['vite'],
      files: {
        // Plain objects: what `defineConfig` returns, without importing vite from the config.
        'vite.lib.config.js': `export default {
  logLevel: 'warn',
  build: { lib: { entry: 'smoke.js', formats: ['es'], fileName: 'smoke' }, outDir: 'dist-lib', minify: false },
};\n`,
        'vite.ssr.config.js': `export default {
  logLevel: 'warn',
  build: { ssr: 'smoke.js', outDir: 'dist-ssr', minify: false },
};\n`,
        'vite.worker.config.js': `export default {
  logLevel: 'warn',
  ssr: { target: 'webworker', noExternal: true },
  build: { ssr: 'smoke.js', outDir: 'dist-worker', minify: false },
};\n`,
      },
    });

  it('builds a browser library that lists and serves through the memory cache', async (context) => {
    await vite(context, 'vite.lib.config.js');
    expectSmoke(await runBundle(dir, 'dist-lib/smoke.js', 'smoke', 'browser'));
  });

  // Vite's browser build resolves the `browser` condition: no `node:fs/promises` for Vite to
  // replace with an empty stub (`__vite-browser-external`), and the default cache is memory.
  it('builds a browser library with no stubbed Node built-ins, whose default cache is memory', async (context) => {
    const { stdout, stderr } = await vite(context, 'vite.lib.config.js');
    expect(`${stdout}${stderr}`).not.toContain('externalized for browser compatibility');
    expect(readOutput(join(dir, 'dist-lib'))).not.toContain('__vite-browser-external');
    expectMemoryDefault(await runBundle(dir, 'dist-lib/smoke.js', 'default-cache', 'browser'));
  });

  it('builds for SSR, and the server bundle lists and serves on Node', async (context) => {
    await vite(context, 'vite.ssr.config.js');
    expectSmoke(await runBundle(dir, 'dist-ssr/smoke.js', 'smoke', 'node'));
  });

  // With `ssr.target: 'webworker'` Vite resolves the worker and browser conditions: no Node
  // built-in is left for it to externalize.
  it('builds for a worker SSR target with no Node built-ins left in the bundle', async (context) => {
    const { stdout, stderr } = await vite(context, 'vite.worker.config.js');
    expect(`${stdout}${stderr}`).not.toContain('externalized node built-in');
    expect(readOutput(join(dir, 'dist-worker'))).not.toMatch(NODE_IMPORT);
    expectSmoke(await runBundle(dir, 'dist-worker/smoke.js', 'smoke', 'browser'));
  });
});

/**
 * A bundler's scratch project, built by the first test that needs it and shared by the rest of
 * its tests; each test checks first that the bundler is installed (skipping, or failing in CI).
 */
function buildOnce(build: () => Promise<Built>): () => Promise<Built> {
  let pending: Promise<Built> | undefined;
  return () => {
    pending ??= build();
    return pending;
  };
}

/** A built project and what the build printed. */
interface Built {
  readonly dir: string;
  readonly log: string;
}

/** Runs a build command in a project with Node, returning the project and the build's output. */
async function buildWith(dir: string, args: readonly string[]): Promise<Built> {
  const { stdout, stderr } = await run(process.execPath, args, {
    cwd: dir,
    env: { NO_COLOR: '1', FORCE_COLOR: '0' },
  });
  return { dir, log: `${stdout}\n${stderr}` };
}

/** Checks a browser or worker bundle: no Node built-in left, and it lists and serves as a browser. */
async function expectBrowserBundle(dir: string, bundle: string): Promise<void> {
  expect(readOutput(join(dir, bundle, '..'))).not.toMatch(NODE_IMPORT);
  expectSmoke(await runBundle(dir, bundle, 'smoke', 'browser'));
  expectMemoryDefault(await runBundle(dir, bundle, 'default-cache', 'browser'));
}

/**
 * webpack's and Rspack's configuration: an ES-module library per target (so the probe can import
 * the bundle's exports), without `resolve.fallback`, `externals` or any alias for Node built-ins.
 */
const WEBPACK_CONFIG = `export default ['web', 'webworker'].map((target) => ({
  mode: 'production',
  target,
  entry: './smoke.js',
  experiments: { outputModule: true },
  output: {
    path: \`\${import.meta.dirname}/dist-\${target}\`,
    filename: 'bundle.js',
    library: { type: 'module' },
  },
  optimization: { minimize: false },
  performance: { hints: false },
}));
`;

// webpack's `web` target resolves the `browser` condition, `webworker` the `worker` one: either
// selects the package's module without Node built-ins, so nothing is left unresolved.
describe(`webpack ${toolVersion('webpack') ?? '(not installed)'} (webpack-cli ${toolVersion('webpack-cli') ?? '-'})`, () => {
  const build = buildOnce(async () =>
    buildWith(
      await createProject('webpack-app', {
        packageJson: { type: 'module' },
        link: ['webpack', 'webpack-cli'],
        files: { 'webpack.config.js': WEBPACK_CONFIG },
      }),
      ['node_modules/webpack-cli/bin/cli.js'],
    ),
  );

  it.for(['web', 'webworker'])(
    'builds for target %s with no fallback or external, and the bundle lists in a browser-like runtime',
    async (target, context) => {
      requireTool(context, 'webpack');
      requireTool(context, 'webpack-cli');
      const { dir, log } = await build();
      expect(log).toMatch(/compiled successfully/);
      expect(log).not.toMatch(/WARNING|ERROR|Can't resolve/);
      await expectBrowserBundle(dir, `dist-${target}/bundle.js`);
    },
  );
});

describe(`Rspack ${toolVersion('@rspack/core') ?? '(not installed)'} (@rspack/cli ${toolVersion('@rspack/cli') ?? '-'})`, () => {
  const build = buildOnce(async () =>
    buildWith(
      await createProject('rspack-app', {
        packageJson: { type: 'module' },
        link: ['@rspack/core', '@rspack/cli'],
        files: { 'rspack.config.js': WEBPACK_CONFIG },
      }),
      ['node_modules/@rspack/cli/bin/rspack.js', 'build'],
    ),
  );

  it.for(['web', 'webworker'])(
    'builds for target %s with the webpack configuration, and the bundle lists in a browser-like runtime',
    async (target, context) => {
      requireTool(context, '@rspack/core');
      requireTool(context, '@rspack/cli');
      const { dir, log } = await build();
      expect(log).toMatch(/compiled successfully/i);
      expect(log).not.toMatch(/WARNING|ERROR|Can't resolve/);
      await expectBrowserBundle(dir, `dist-${target}/bundle.js`);
    },
  );
});

// Rollup resolves packages only through @rollup/plugin-node-resolve: `browser: true` adds the
// `browser` condition, `exportConditions` a worker's; no Node built-in is then left to externalize.
describe(`Rollup ${toolVersion('rollup') ?? '(not installed)'} (@rollup/plugin-node-resolve ${toolVersion('@rollup/plugin-node-resolve') ?? '-'})`, () => {
  const build = buildOnce(async () =>
    buildWith(
      await createProject('rollup-app', {
        packageJson: { type: 'module' },
        link: ['rollup', '@rollup/plugin-node-resolve'],
        files: {
          'rollup.config.js': `import { nodeResolve } from '@rollup/plugin-node-resolve';

export default [
  {
    input: 'smoke.js',
    output: { dir: 'dist-browser', format: 'es' },
    plugins: [nodeResolve({ browser: true })],
  },
  {
    input: 'smoke.js',
    output: { dir: 'dist-worker', format: 'es' },
    plugins: [nodeResolve({ exportConditions: ['workerd', 'worker'] })],
  },
];
`,
        },
      }),
      ['node_modules/rollup/dist/bin/rollup', '-c'],
    ),
  );

  it.for([
    ['browser', 'browser: true'],
    ['worker', "exportConditions: ['workerd', 'worker']"],
  ])(
    'builds with node-resolve %s (%s) and no warning, and the bundle lists in a browser-like runtime',
    async ([output], context) => {
      requireTool(context, 'rollup');
      requireTool(context, '@rollup/plugin-node-resolve');
      const { dir, log } = await build();
      expect(log).toContain(`created dist-${output}`);
      // Rollup marks each warning (an unresolved import, a module left external) with "(!)".
      expect(log).not.toContain('(!)');
      await expectBrowserBundle(dir, `dist-${output}/smoke.js`);
    },
  );
});

describe(`Bun's bundler (${runtimeVersion('bun')})`, () => {
  it('builds with `bun build --target=browser` and no other flag, and the bundle lists in a browser-like runtime', async (context) => {
    const bun = requireRuntime(context, 'bun');
    const dir = await createProject('bun-build-app', { packageJson: { type: 'module' } });
    const { stdout, stderr } = await run(
      bun,
      ['build', 'smoke.js', '--target=browser', '--outdir=dist-bun'],
      { cwd: dir },
    );
    expect(`${stdout}${stderr}`).not.toMatch(/warn|error/i);
    await expectBrowserBundle(dir, 'dist-bun/smoke.js');
  });
});

// Parcel reads package.json `exports` and `imports` only with its `packageExports` switch on
// (off by default in Parcel 2): without it, it cannot resolve any `#` import of a package.
describe(`Parcel ${toolVersion('parcel') ?? '(not installed)'}`, () => {
  it('builds a browser target with packageExports on, and the bundle lists in a browser-like runtime', async (context) => {
    requireTool(context, 'parcel');
    const dir = await createProject('parcel-app', {
      packageJson: {
        type: 'module',
        targets: {
          browser: {
            source: 'smoke.js',
            context: 'browser',
            outputFormat: 'esmodule',
            isLibrary: true,
            includeNodeModules: true,
            optimize: false,
          },
        },
        '@parcel/resolver-default': { packageExports: true },
      },
      link: ['parcel'],
    });
    const { log } = await buildWith(dir, ['node_modules/parcel/lib/bin.js', 'build']);
    expect(log).toContain('Built in');
    // No warning or error; the list of output files is left out (`request-error.<hash>.js`).
    const messages = log
      .split('\n')
      .filter((line) => !line.trimStart().startsWith('dist/'))
      .join('\n');
    expect(messages).toContain('Built in');
    expect(messages).not.toMatch(/warn|error/i);
    // A named target's output goes to `dist/<target>/`.
    await expectBrowserBundle(dir, 'dist/browser/smoke.js');
  });
});

describe(`Jest ${toolVersion('jest') ?? '(not installed)'}`, () => {
  // Jest's module system runs CommonJS (it `require()`s no ES module on Node 20 and 22): the
  // `require` condition selects the CommonJS build.
  it('loads the package with require() in a CommonJS test file', async (context) => {
    requireTool(context, 'jest');
    const dir = await createProject('jest-app', {
      packageJson: { type: 'commonjs' },
      link: ['jest'],
      files: {
        'catalog.test.js': `const {
  classifyModel,
  createMemoryCache,
  createModelCatalog,
  ModelCatalogError,
  openai,
  ProviderRequestError,
  UnknownProviderError,
} = require('model-catalog');

test('lists through the memory cache from CommonJS', async () => {
  expect(classifyModel('whisper-1')).toBe('stt');
  const local = { id: 'local', listModels: async () => [{ id: 'gpt-4o' }] };
  const catalog = createModelCatalog({ providers: [local], cache: createMemoryCache(), env: {} });
  const { models } = await catalog.listModels({ provider: 'local' });
  expect(models.map((model) => model.id)).toEqual(['gpt-4o']);
  const error = await catalog.listModels({ provider: 'nope' }).catch((caught) => caught);
  expect(error).toBeInstanceOf(UnknownProviderError);
  expect(ModelCatalogError.isInstance(error)).toBe(true);
});

test("reads a provider's 401 as auth, through the HTTP client of the CommonJS build", async () => {
  const answer = () =>
    new Response('{"error":{"message":"bad key"}}', {
      status: 401,
      headers: { 'content-type': 'application/json' },
    });
  const catalog = createModelCatalog({
    providers: [openai({ apiKey: 'sk-jest-0000' })],
    cache: false,
    fetch: async () => answer(),
    env: {},
  });
  const error = await catalog.listModels({ provider: 'openai' }).catch((caught) => caught);
  expect(error).toBeInstanceOf(ProviderRequestError);
  expect({ kind: error.kind, status: error.status, retryable: error.retryable }).toEqual({
    kind: 'auth',
    status: 401,
    retryable: false,
  });
  expect(error.message).toContain('bad key');
});
`,
      },
    });
    const { stdout, stderr } = await run(
      process.execPath,
      ['node_modules/jest/bin/jest.js', '--ci', '--rootDir', '.'],
      { cwd: dir },
    );
    expect(`${stdout}${stderr}`).toMatch(/Tests:\s+2 passed, 2 total/);
  });
});

describe(`Node.js ${process.versions.node}, require() and import() in one process`, () => {
  // Today both load the one ES module (require(esm)); with a CommonJS build beside it they are
  // two copies, and an error from one must still be recognised by the other's isInstance.
  it('recognises an error of either copy with isInstance', async () => {
    const dir = await createProject('dual-app', {
      packageJson: { type: 'commonjs' },
      files: {
        'dual.js': `const required = require('model-catalog');
import('model-catalog').then(async (imported) => {
  const fromImported = await imported
    .createModelCatalog({ providers: [], env: {} })
    .listModels({ provider: 'nope' })
    .catch((error) => error);
  const fromRequired = await required
    .createModelCatalog({ providers: [], env: {} })
    .listModels({ provider: 'nope' })
    .catch((error) => error);
  const unauthorized = await required
    .createModelCatalog({
      providers: [required.openai({ apiKey: 'sk-dual-0000' })],
      cache: false,
      env: {},
      fetch: async () => new Response('{"error":{"message":"bad key"}}', { status: 401 }),
    })
    .listModels({ provider: 'openai' })
    .catch((error) => error);
  console.log(JSON.stringify({
    requiredReadsA401: [unauthorized.kind, unauthorized.status],
    requiredKnowsImported: required.ModelCatalogError.isInstance(fromImported),
    importedKnowsRequired: imported.ModelCatalogError.isInstance(fromRequired),
    unknownProvider: [
      required.UnknownProviderError.isInstance(fromImported),
      imported.UnknownProviderError.isInstance(fromRequired),
    ],
  }));
});
`,
      },
    });
    const { stdout } = await run(process.execPath, ['dual.js'], { cwd: dir });
    expect(lastJsonLine(stdout)).toEqual({
      requiredReadsA401: ['auth', 401],
      requiredKnowsImported: true,
      importedKnowsRequired: true,
      unknownProvider: [true, true],
    });
  });
});

describe(`Node.js ${process.versions.node}, the root and subpath entries in one program`, () => {
  // The ES modules are bundled entries with shared chunks: a program importing the root and the
  // subpath entries gets one copy of each module, so one class per error and one module state.
  it('shares the classes and the state of one copy between model-catalog, /core, /providers and /server', async () => {
    const dir = await createProject('entries-app', {
      packageJson: { type: 'module' },
      files: {
        'entries.js': `import * as root from 'model-catalog';
import * as core from 'model-catalog/core';
import * as providers from 'model-catalog/providers';
import * as server from 'model-catalog/server';

const fromCore = await core
  .createModelCatalog({ providers: [], env: {} })
  .listModels({ provider: 'nope' })
  .catch((error) => error);
const catalog = root.createModelCatalog({
  providers: [providers.openaiCompatible({ id: 'stand-in', baseURL: process.argv[2], apiKey: 'sk-stand-in' })],
  cache: core.createMemoryCache(),
  env: {},
});
const first = await catalog.listModels({ provider: 'stand-in' });
const second = await catalog.listModels({ provider: 'stand-in' });
const response = await server.createModelsHandler(catalog, { format: 'openai' })(
  new Request('http://localhost/v1/models'),
);
console.log(JSON.stringify({
  sameClasses: [
    core.ModelCatalogError === root.ModelCatalogError,
    core.UnknownProviderError === root.UnknownProviderError,
    server.InvalidParameterError === root.InvalidParameterError,
  ],
  sameFunctions: [providers.openai === root.openai, server.filterModels === root.filterModels],
  coreError: {
    instanceOfRoot: fromCore instanceof root.UnknownProviderError,
    instanceOfRootBase: fromCore instanceof root.ModelCatalogError,
    isInstance: root.UnknownProviderError.isInstance(fromCore),
    kind: fromCore.kind,
  },
  first: { ids: first.models.map((model) => model.id), source: first.status.source },
  second: second.status.source,
  served: (await response.json()).data.map((model) => model.id),
}));
`,
      },
    });
    const { stdout } = await run(process.execPath, ['entries.js', standIn.url()], { cwd: dir });
    const ids = STAND_IN_MODELS.map((model) => model.id);
    expect(lastJsonLine(stdout)).toEqual({
      sameClasses: [true, true, true],
      sameFunctions: [true, true],
      coreError: {
        instanceOfRoot: true,
        instanceOfRootBase: true,
        isInstance: true,
        kind: 'unknown_provider',
      },
      first: { ids, source: 'live' },
      second: 'cache',
      served: ids.map((id) => `stand-in/${id}`),
    });
  });
});

describe(`TypeScript ${devDependencyVersion('typescript')}`, () => {
  let dir = '';
  const tsc = (config: string) =>
    run(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', config], {
      cwd: dir,
    });

  beforeAll(async () => {
    dir = await createProject('typescript-app', {
      files: {
        'esm/package.json': '{ "type": "module" }\n',
        'esm/consumer.ts': ESM_CONSUMER,
        'esm/optional.ts': OPTIONAL_CONSUMER,
        'cjs/package.json': '{ "type": "commonjs" }\n',
        'cjs/consumer.ts': CJS_CONSUMER,
        ...Object.fromEntries(
          TS_SETUPS.map(({ name, module, moduleResolution, file }) => [
            `tsconfig.${name}.json`,
            tsconfig({ module, moduleResolution, files: [file] }),
          ]),
        ),
        'tsconfig.cjs-emit.json': tsconfig({
          module: 'commonjs',
          moduleResolution: 'node10',
          files: ['cjs/consumer.ts'],
          outDir: 'cjs-out',
        }),
      },
    });
  }, 240_000);

  it.each(TS_SETUPS.map((setup) => [setup.label, setup.name]))(
    'type-checks a consumer with %s',
    async (_, name) => {
      await tsc(`tsconfig.${name}.json`);
    },
  );

  // tsc exits non-zero on any type error, so this is the `module commonjs` type check as well.
  it('type-checks and compiles a consumer with module commonjs (CommonJS), whose output runs on Node', async () => {
    await tsc('tsconfig.cjs-emit.json');
    const { stdout } = await run(process.execPath, ['cjs-out/consumer.js'], { cwd: dir });
    expect(stdout.trim()).toBe('["gpt-4o"]');
  });
});

describe(`Next.js ${toolVersion('next') ?? '(not installed)'}`, () => {
  // Next.js's edge runtime has neither AbortSignal.any nor callable Node functions on its
  // `process` (each throws): the engine composes signals by hand there and never calls them.
  it('builds an edge route handler with no config, and `next start` serves the models', async (context) => {
    requireTool(context, 'next');
    const versions = (name: string) => `${name}@${toolVersion(name)}`;
    // Installed, not linked: Turbopack compiles nothing outside the project's root.
    const dir = await createProject('next-app', {
      install: [versions('next'), versions('react'), versions('react-dom')],
      files: {
        'app/layout.js':
          'export default function RootLayout({ children }) {\n  return children;\n}\n',
        'app/api/models/route.js': NEXT_ROUTE,
      },
    });
    const next = join(dir, 'node_modules/next/dist/bin/next');
    const { stdout } = await run(process.execPath, [next, 'build'], { cwd: dir, timeout: 240_000 });
    expect(stdout).toMatch(/ƒ \/api\/models/);

    const server = spawn(process.execPath, [next, 'start', '-p', '0', '-H', '127.0.0.1'], {
      cwd: dir,
      env: {
        PATH: process.env.PATH ?? '',
        NEXT_TELEMETRY_DISABLED: '1',
        STAND_IN_URL: standIn.url(),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let output = '';
        const timer = setTimeout(() => reject(new Error(`next start: no URL\n${output}`)), 30_000);
        const onData = (chunk: Buffer) => {
          output += chunk;
          const match = /Local:\s+(http:\/\/\S+)/.exec(output);
          if (match?.[1]) {
            clearTimeout(timer);
            resolve(match[1]);
          }
        };
        server.stdout.on('data', onData);
        server.stderr.on('data', onData);
        server.once('exit', (code) =>
          reject(new Error(`next start exited with ${code}\n${output}`)),
        );
      });
      const response = await fetch(`${url}/api/models`);
      expect(response.status).toBe(200);
      const body = (await response.json()) as { object: string; data: { id: string }[] };
      expect(body.object).toBe('list');
      expect(body.data.map((model) => model.id)).toEqual([
        'stand-in/gpt-4o',
        'stand-in/text-embedding-3-small',
        'stand-in/whisper-1',
      ]);
    } finally {
      await new Promise<void>((resolve) => {
        if (server.exitCode !== null) return resolve();
        server.once('exit', () => resolve());
        server.kill('SIGTERM');
      });
    }
  });
});

const NEXT_ROUTE = `import { createMemoryCache, createModelCatalog, createModelsHandler, openaiCompatible } from 'model-catalog';

export const runtime = 'edge';
export const dynamic = 'force-dynamic';

const catalog = createModelCatalog({
  providers: [openaiCompatible({ id: 'stand-in', baseURL: process.env.STAND_IN_URL })],
  cache: createMemoryCache(),
  env: {},
});

export const GET = createModelsHandler(catalog, { format: 'openai' });
`;

const ESM_CONSUMER = `import {
  type CatalogResult,
  createMemoryCache,
  createModelCatalog,
  createModelsHandler,
  type Model,
  ModelCatalogError,
  openaiCompatible,
} from 'model-catalog';

const catalog = createModelCatalog({
  providers: [openaiCompatible({ id: 'local', baseURL: 'http://127.0.0.1:1/v1' })],
  cache: createMemoryCache(),
});
const all: CatalogResult = await catalog.listModels();
const { models } = await catalog.listModels({ provider: 'local' });
export const ids: string[] = models.map((model: Model) => model.id);
export const count: number = Object.keys(all.providers).length;
export const handler: (request: Request) => Promise<Response> = createModelsHandler(catalog, {
  format: 'openai',
});
export const isCatalogError = (error: unknown): boolean => ModelCatalogError.isInstance(error);
`;

// exactOptionalPropertyTypes: a value that may be undefined passed to an optional option.
const OPTIONAL_CONSUMER = `import { createModelCatalog, listModels } from 'model-catalog';

declare const provider: string | undefined;
declare const signal: AbortSignal | undefined;
const catalog = createModelCatalog({ cache: undefined, fetch: undefined, ttlMs: undefined });
await catalog.listModels({ provider, signal });
await listModels({ provider, refresh: undefined });
`;

const CJS_CONSUMER = `import { createMemoryCache, createModelCatalog, type Model } from 'model-catalog';

const local = { id: 'local', listModels: async (): Promise<Model[]> => [{ id: 'gpt-4o', name: 'GPT-4o', category: 'chat', provider: 'local' }] };
const catalog = createModelCatalog({ providers: [local], cache: createMemoryCache(), env: {} });
catalog.listModels({ provider: 'local' }).then(({ models }) => {
  console.log(JSON.stringify(models.map((model: Model) => model.id)));
});
`;

/**
 * The consumer setups type-checked (`module commonjs` is compiled and run, below them). `module
 * node16` from CommonJS has no require(esm): it takes the `require` condition's CommonJS types.
 */
const TS_SETUPS: ReadonlyArray<{
  name: string;
  label: string;
  module: string;
  moduleResolution: string;
  file: string;
}> = [
  {
    name: 'esm-node16',
    label: 'module node16 (ESM)',
    module: 'node16',
    moduleResolution: 'node16',
    file: 'esm/consumer.ts',
  },
  {
    name: 'esm-nodenext',
    label: 'module nodenext (ESM)',
    module: 'nodenext',
    moduleResolution: 'nodenext',
    file: 'esm/consumer.ts',
  },
  {
    name: 'esm-bundler',
    label: 'moduleResolution bundler',
    module: 'esnext',
    moduleResolution: 'bundler',
    file: 'esm/consumer.ts',
  },
  {
    name: 'cjs-nodenext',
    label: 'module nodenext (CommonJS)',
    module: 'nodenext',
    moduleResolution: 'nodenext',
    file: 'cjs/consumer.ts',
  },
  {
    name: 'cjs-node16',
    label: 'module node16 (CommonJS)',
    module: 'node16',
    moduleResolution: 'node16',
    file: 'cjs/consumer.ts',
  },
  {
    name: 'optional-undefined',
    label: 'exactOptionalPropertyTypes and options set to undefined',
    module: 'nodenext',
    moduleResolution: 'nodenext',
    file: 'esm/optional.ts',
  },
];

function tsconfig(options: {
  module: string;
  moduleResolution: string;
  files: string[];
  outDir?: string;
}): string {
  return `${JSON.stringify(
    {
      compilerOptions: {
        target: 'ES2022',
        module: options.module,
        moduleResolution: options.moduleResolution,
        lib: ['ES2023', 'DOM'],
        types: [],
        strict: true,
        exactOptionalPropertyTypes: true,
        skipLibCheck: false,
        ...(options.outDir ? { outDir: options.outDir } : { noEmit: true }),
      },
      files: options.files,
    },
    null,
    2,
  )}\n`;
}
