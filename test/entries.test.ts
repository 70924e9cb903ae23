import { readdirSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as classifyEntry from '../src/entries/classify.js';
import * as coreEntry from '../src/entries/core.js';
import * as nodeEntry from '../src/entries/node.js';
import * as providersEntry from '../src/entries/providers.js';
import * as serverEntry from '../src/entries/server.js';
import * as snapshotEntry from '../src/entries/snapshot.js';
import * as root from '../src/index.js';

const src = resolve(dirname(fileURLToPath(import.meta.url)), '../src');

/** Every module an entry loads, following static and dynamic imports, and the packages it names. */
function importGraph(entry: string): { modules: string[]; packages: string[] } {
  const modules = new Set<string>();
  const packages = new Set<string>();
  const pattern =
    /^\s*(?:import|export)\s+(?:type\s+)?(?:[\w*{}\s,$]+\s+from\s+)?['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/gm;
  const visit = (file: string): void => {
    if (modules.has(file)) return;
    modules.add(file);
    for (const match of readFileSync(file, 'utf8').matchAll(pattern)) {
      const specifier = (match[1] ?? match[2]) as string;
      const typeOnly = /^\s*(?:import|export)\s+type\b/.test(match[0]);
      if (specifier.startsWith('.')) {
        // Type-only imports vanish from the build; follow them anyway, so types stay in the layer.
        visit(resolve(dirname(file), specifier.replace(/\.js$/, '.ts')));
      } else if (!typeOnly) packages.add(specifier);
    }
  };
  visit(resolve(src, entry));
  return {
    modules: [...modules].map((file) => relative(src, file)).sort(),
    packages: [...packages],
  };
}

describe('the entry points', () => {
  it('has model-catalog/classify load only the classifier and the contracts, and no package', () => {
    const { modules, packages } = importGraph('entries/classify.ts');
    expect(packages).toEqual([]);
    expect(modules.every((file) => /^(entries\/classify|classify\/|types)/.test(file))).toBe(true);
    expect(Object.keys(classifyEntry).sort()).toEqual(['MODEL_CATEGORIES', 'classifyModel']);
    expect(classifyEntry.classifyModel('whisper-1')).toBe('stt');
  });

  it('has model-catalog/core load no built-in provider, no server code and no file cache', () => {
    const { modules } = importGraph('entries/core.ts');
    expect(modules.filter((file) => /^(providers|server|preset)\/|cache\/file/.test(file))).toEqual(
      [],
    );
  });

  it('has model-catalog/core create a catalog with no providers and a memory cache unless given', async () => {
    const empty = coreEntry.createModelCatalog({ env: { OPENAI_API_KEY: 'sk-entries-test' } });
    expect(empty.listProviders()).toEqual([]);
    expect(await empty.listModels()).toEqual({ providers: {}, errors: {}, status: {} });
    const withOpenAI = coreEntry.createModelCatalog({
      providers: [providersEntry.openai({ apiKey: 'sk-entries-test' })],
    });
    expect(withOpenAI.listProviders()).toEqual([{ id: 'openai', aliases: [], configured: true }]);
  });

  it('has model-catalog/server need a catalog, where the root handler falls back to the default one', () => {
    expect(() => serverEntry.createModelsHandler(undefined as never)).toThrow(TypeError);
    expect(typeof root.createModelsHandler()).toBe('function');
  });

  it('exports every provider factory from model-catalog/providers and from the root alike', () => {
    const factories = Object.keys(providersEntry).sort();
    expect(factories.length).toBeGreaterThanOrEqual(27);
    for (const name of factories) {
      expect(root[name as keyof typeof root]).toBe(
        providersEntry[name as keyof typeof providersEntry],
      );
    }
  });

  it('keeps the paging helpers out of the root and in model-catalog/server', () => {
    for (const name of ['idKey', 'qualifiedKey', 'sortModels', 'pageByToken']) {
      expect(name in root).toBe(false);
      expect(typeof serverEntry[name as keyof typeof serverEntry]).toBe('function');
    }
  });

  it('loads no unstorage or Redis client from any entry: createStorageCache uses the storage it is given', () => {
    for (const entry of [
      'index.ts',
      'entries/core.ts',
      'entries/server.ts',
      'entries/providers.ts',
    ]) {
      const { packages } = importGraph(entry);
      expect(packages.filter((name) => /unstorage|redis/.test(name))).toEqual([]);
    }
    expect(importGraph('index.ts').modules).toContain('cache/storage.ts');
    expect(typeof root.createStorageCache).toBe('function');
    expect(coreEntry.createStorageCache).toBe(root.createStorageCache);
  });

  it('keeps the catalogs out of model-catalog/core, and the snapshot data out of the root', () => {
    expect(
      importGraph('entries/core.ts').modules.filter((file) => file.startsWith('catalogs/')),
    ).toEqual([]);
    expect(importGraph('index.ts').modules).not.toContain('catalogs/models-dev-snapshot-data.ts');
  });

  it('has model-catalog/snapshot load the catalogs, the classifier, the errors and valibot only', () => {
    const { modules, packages } = importGraph('entries/snapshot.ts');
    expect(packages).toEqual(['valibot']);
    // Of the engine, only the list comparison joins share with overrides (it imports types only).
    expect(
      modules.filter(
        (file) => !/^(entries\/snapshot|catalogs\/|classify\/|errors\/|types)/.test(file),
      ),
    ).toEqual(['core/same-list.ts']);
    expect(Object.keys(snapshotEntry).sort()).toEqual([
      'MODELS_DEV_SNAPSHOT_INFO',
      'modelsDevSnapshot',
    ]);
  });

  it('has model-catalog/node load only its adapter and the Response check, and no Node built-in when loaded', () => {
    const { modules, packages } = importGraph('entries/node.ts');
    expect(modules).toEqual([
      'entries/node.ts',
      'server/is-response.ts',
      'server/to-node-handler.ts',
    ]);
    // `node:http` is imported for its types only.
    expect(packages).toEqual([]);
    expect(Object.keys(nodeEntry)).toEqual(['toNodeHandler']);
  });

  it('reaches node:fs from one module only, through the #file-system import', () => {
    const users = readdirSync(src, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.ts') && !file.startsWith('cli/'))
      .filter((file) =>
        // Loaded at run time: imports that are not type-only, and dynamic imports.
        /^\s*import\s+(?!type\b)[^;]*from ['"]node:|(?<!typeof )import\(['"]node:/m.test(
          readFileSync(resolve(src, file), 'utf8'),
        ),
      );
    expect(users).toEqual(['cache/node-file-system.ts']);
    const manifest = JSON.parse(readFileSync(resolve(src, '../package.json'), 'utf8'));
    const edge = {
      import: './dist/cache/no-file-system.js',
      default: './dist/cache/no-file-system.cjs',
    };
    expect(manifest.imports['#file-system']).toEqual({
      'edge-light': edge,
      workerd: edge,
      worker: edge,
      browser: edge,
      import: './dist/cache/node-file-system.js',
      default: './dist/cache/node-file-system.cjs',
    });
  });

  it('shares one class per error between the entries, so instanceof holds across them', () => {
    expect(coreEntry.ModelCatalogError).toBe(root.ModelCatalogError);
    expect(serverEntry.InvalidParameterError).toBe(root.InvalidParameterError);
  });

  it('speaks of the library in its sources and shipped types, never of where its requirements came from', () => {
    const { modules } = importGraph('index.ts');
    const mentions = modules
      .filter((file) => !file.endsWith('-snapshot-data.ts'))
      .filter((file) => /\bseeds?\b|\bseed's\b/i.test(readFileSync(resolve(src, file), 'utf8')));
    expect(modules.length).toBeGreaterThan(50);
    expect(mentions).toEqual([]);
  });
});
