import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/helpers/setup.ts'],
    typecheck: { include: ['test/**/*.test-d.ts'] },
    testTimeout: 20_000,
    // The fault suite runs real sockets; keep files isolated so a leaked handle shows up.
    pool: 'forks',
  },
});
