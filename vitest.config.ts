import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // As in tsconfig.json: the sources' `#file-system` is the Node module (package.json maps it
    // to the built files, by condition).
    alias: {
      '#file-system': fileURLToPath(new URL('src/cache/node-file-system.ts', import.meta.url)),
    },
  },
  test: {
    testTimeout: 20_000,
    // The fault suite runs real sockets; keep files isolated so a leaked handle shows up.
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: ['test/faults/**', 'test/cli/**', 'test/fleet/**', 'test/runtimes/**'],
          setupFiles: ['test/helpers/setup.ts'],
          typecheck: { enabled: true, include: ['test/**/*.test-d.ts'] },
        },
      },
      {
        // Real HTTP servers on 127.0.0.1, without msw: its interceptor wraps fetch even for
        // requests it passes through, which would hide how real sockets, timeouts and partial
        // bodies behave. `npm run test:faults` runs this project alone.
        extends: true,
        test: { name: 'faults', include: ['test/faults/**/*.test.ts'] },
      },
      {
        // The `model-catalog` binary, run as built (`dist/cli.js`, built once by the global setup)
        // against stand-in providers on 127.0.0.1, and its page in headless Chromium; no msw.
        extends: true,
        test: {
          name: 'cli',
          include: ['test/cli/**/*.test.ts'],
          globalSetup: ['test/cli/helpers/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        // Several Node processes sharing one real Redis (MODEL_CATALOG_TEST_REDIS_URL; `.ci/run`
        // starts one), with a stand-in provider on 127.0.0.1; no msw.
        extends: true,
        test: { name: 'fleet', include: ['test/fleet/**/*.test.ts'] },
      },
      {
        // The packed package under Node 22/24, Bun, Deno and workerd, and built by esbuild, Vite,
        // webpack, Rspack, Rollup, `bun build`, Parcel, Jest, TypeScript and Next.js in scratch
        // projects; `node .ci/runtimes.mjs` installs them
        // (without it these tests skip, except in CI). `npm run test:runtimes` runs this alone.
        extends: true,
        test: {
          name: 'runtimes',
          include: ['test/runtimes/**/*.test.ts'],
          globalSetup: ['test/runtimes/global-setup.ts'],
          testTimeout: 180_000,
          hookTimeout: 240_000,
        },
      },
    ],
  },
});
