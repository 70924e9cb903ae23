import { describe, it } from 'vitest';

/** The environment variable naming the Redis server the tests may use (and empty). */
export const REDIS_URL_VARIABLE = 'MODEL_CATALOG_TEST_REDIS_URL';

const HOW_TO =
  `set ${REDIS_URL_VARIABLE}=redis://127.0.0.1:<port> to a Redis server the tests may write to, ` +
  'or run them through `bash .ci/with-redis.sh npx vitest run ...`, which starts one (as `.ci/run` does)';

/**
 * Declares tests that need a real Redis server. With `MODEL_CATALOG_TEST_REDIS_URL` set, `define`
 * runs with its URL. Without it, the tests fail under CI (where `.ci/run` always provides one),
 * and elsewhere show as skipped with a title that says why and what to set, so a local run
 * never passes them silently.
 *
 * @example
 * ```ts
 * describeWithRedis('the Redis driver', (url) => {
 *   it('stores an entry', async () => { ... });
 * });
 * ```
 */
export function describeWithRedis(name: string, define: (url: string) => void): void {
  const url = process.env[REDIS_URL_VARIABLE]?.trim();
  if (url) {
    describe(name, () => define(url));
    return;
  }
  describe(name, () => {
    const ci = process.env.CI;
    if (ci && !/^(false|0)$/i.test(ci)) {
      it(`needs Redis, and ${REDIS_URL_VARIABLE} is not set under CI`, () => {
        throw new Error(`${name}: these tests need a Redis server: ${HOW_TO}.`);
      });
    } else {
      it.skip(`skipped: no Redis server; ${HOW_TO}`, () => {});
    }
  });
}
