import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm'],
  target: 'node20',
  platform: 'neutral',
  dts: true,
  clean: true,
  sourcemap: true,
  treeshake: true,
  splitting: true,
  // Keep `node:fs/promises` as written: Deno and Cloudflare Workers (nodejs_compat) resolve only
  // the `node:` form, and the built-ins must stay dynamic imports so edge bundles never need them.
  removeNodeProtocol: false,
  external: [/^node:/],
});
