#!/usr/bin/env bash
# Packs the built package, installs the tarball into a scratch project and uses it the way a
# user would: `import` from ESM, `require` from CommonJS (the CommonJS build), and a TypeScript
# file type-checked against the packed declarations. Run `npm run build` first.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
scratch="$(mktemp -d "${TMPDIR:-/tmp}/model-catalog-smoke.XXXXXX")"
trap 'rm -rf "$scratch"' EXIT

run() {
  printf '+ %s\n' "$*"
  "$@"
}

cd "$root"
test -f dist/index.js || { echo 'smoke-pack: dist/index.js is missing; run `npm run build` first.' >&2; exit 1; }

# --ignore-scripts: the build already ran; `prepare` would run it again.
tarball="$(npm pack --ignore-scripts --silent --pack-destination "$scratch" | tail -n 1)"
echo "+ npm pack -> $tarball"

echo '+ checking the tarball holds only dist/, package.json, README.md, LICENSE and CHANGELOG.md'
unexpected="$(tar -tzf "$scratch/$tarball" | grep -v -E '^package/(dist/.+|package\.json|README\.md|LICENSE|CHANGELOG\.md)$' || true)"
if [[ -n "$unexpected" ]]; then
  printf 'smoke-pack: unexpected files in the tarball:\n%s\n' "$unexpected" >&2
  exit 1
fi

mkdir "$scratch/app"
cd "$scratch/app"
echo "+ npm init -y"
npm init -y >/dev/null
run npm pkg set type=module
run npm install "$scratch/$tarball" --prefer-offline --no-audit --no-fund --loglevel=error

cat >smoke.js <<'JS'
import assert from 'node:assert/strict';
import {
  classifyModel,
  createMemoryCache,
  createModelCatalog,
  MODEL_CATEGORIES,
  ModelCatalogError,
  UnknownProviderError,
} from 'model-catalog';

assert.deepEqual(MODEL_CATEGORIES, ['chat', 'embedding', 'image', 'tts', 'stt', 'other']);
assert.equal(classifyModel('text-embedding-3-small'), 'embedding');
assert.equal(classifyModel('whisper-1'), 'stt');

let calls = 0;
const local = {
  id: 'local',
  async listModels() {
    calls++;
    return [
      { id: 'gpt-4o', name: 'GPT-4o', category: 'chat', provider: 'local' },
      { id: 'text-embedding-3-small' },
    ];
  },
};
const catalog = createModelCatalog({ providers: [local], cache: createMemoryCache(), env: {} });

assert.deepEqual(catalog.listProviders(), [{ id: 'local', aliases: [], configured: true }]);

const first = await catalog.listModels();
assert.deepEqual(first.errors, {});
assert.deepEqual(
  first.providers.local.map((model) => [model.id, model.name, model.category, model.provider]),
  [
    ['gpt-4o', 'GPT-4o', 'chat', 'local'],
    ['text-embedding-3-small', 'text-embedding-3-small', 'embedding', 'local'],
  ],
);
assert.equal(first.status.local.source, 'live');

const second = await catalog.listModels({ provider: 'local' });
assert.equal(second.status.source, 'cache');
assert.equal(second.models.length, 2);
assert.equal(calls, 1);

const error = await catalog.listModels({ provider: 'nope' }).catch((caught) => caught);
assert.ok(error instanceof UnknownProviderError);
assert.ok(ModelCatalogError.isInstance(error));
assert.equal(error.kind, 'unknown_provider');

// The models.dev snapshot through its own entry point, joined into the same local listing.
const { MODELS_DEV_SNAPSHOT_INFO, modelsDevSnapshot } = await import('model-catalog/snapshot');
assert.match(MODELS_DEV_SNAPSHOT_INFO.license, /^MIT License/);
const enriched = createModelCatalog({
  providers: [{ ...local, id: 'openai' }],
  catalogs: [modelsDevSnapshot()],
  cache: createMemoryCache(),
  env: {},
});
const gpt4o = (await enriched.listModels({ provider: 'openai' })).models[0];
assert.equal(gpt4o.contextLength, 128000);
assert.equal(gpt4o.sources.contextLength, 'models.dev');

console.log('smoke (ESM): ok');
JS

cat >smoke.cjs <<'JS'
const assert = require('node:assert/strict');
const { classifyModel, createModelCatalog, MODEL_CATEGORIES } = require('model-catalog');

assert.equal(typeof createModelCatalog, 'function');
assert.equal(MODEL_CATEGORIES.length, 6);
assert.equal(classifyModel('dall-e-3'), 'image');
assert.equal(require('model-catalog/package.json').name, 'model-catalog');
// The CommonJS build, not the ES modules through require(esm).
assert.match(require.resolve('model-catalog'), /dist[\\/]index\.cjs$/);
assert.equal(typeof require('model-catalog/node').toNodeHandler, 'function');
assert.equal(require('model-catalog/core').ModelCatalogError, require('model-catalog').ModelCatalogError);
console.log('smoke (CommonJS require): ok');
JS

cat >smoke.ts <<'TS'
import {
  type CatalogResult,
  createMemoryCache,
  createModelCatalog,
  type Model,
  type ModelCategory,
  type ProviderAdapter,
} from 'model-catalog';

const adapter: ProviderAdapter = {
  id: 'local',
  async listModels(): Promise<Model[]> {
    return [{ id: 'gpt-4o', name: 'GPT-4o', category: 'chat', provider: 'local' }];
  },
};
const catalog = createModelCatalog({ providers: [adapter], cache: createMemoryCache() });
const result: CatalogResult = await catalog.listModels();
const categories: ModelCategory[] = Object.values(result.providers).flatMap((models) =>
  models.map((model) => model.category),
);
const { models } = await catalog.listModels({ provider: 'local' });
export const summary: string = `${categories.length} ${models.length}`;
TS

cat >tsconfig.json <<'JSON'
{
  "compilerOptions": {
    "target": "ES2022",
    "module": "NodeNext",
    "moduleResolution": "NodeNext",
    "lib": ["ES2023", "DOM"],
    "types": [],
    "strict": true,
    "exactOptionalPropertyTypes": true,
    "noEmit": true,
    "skipLibCheck": false
  },
  "files": ["smoke.ts"]
}
JSON

run node smoke.js
run node smoke.cjs
run "$root/node_modules/.bin/tsc" -p tsconfig.json
# The `model-catalog` binary as npx runs it from the installed package, with no provider set.
test "$(npx --no-install model-catalog --version)" = "$(node -p "require('$root/package.json').version")"
echo '+ npx --no-install model-catalog --version: ok'
run npx --no-install model-catalog providers --json >/dev/null
echo 'smoke-pack: ok'
