import { defineConfig } from 'tsup';

export default defineConfig({
  // Every module is built on its own, mirroring src/: a bundler then drops whole modules the
  // caller does not import (with `sideEffects: false`), such as the providers left unused.
  entry: ['src/**/*.ts'],
  bundle: false,
  format: ['esm'],
  target: 'node20',
  platform: 'neutral',
  dts: true,
  clean: true,
  sourcemap: true,
  // Keep `node:fs/promises` as written: Deno and Cloudflare Workers (nodejs_compat) resolve only
  // the `node:` form, and the built-ins must stay dynamic imports so edge bundles never need them.
  removeNodeProtocol: false,
  external: [/^node:/],
});
