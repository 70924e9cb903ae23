// A child process of the multi-process cache fault test: reads the `openai` file of a cache
// directory over and over while writers replace it, and reports every read that was not one
// whole entry of one writer. Prints `{ reads, torn, misses }` as JSON.
// Run: node --import tsx test/faults/cache-reader.ts <dir> <durationMs>
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readCacheEntry } from '../../src/core/read-cache-entry.js';

const [dir, durationMs = '1000'] = process.argv.slice(2);
const file = join(dir!, 'openai.json');
const end = Date.now() + Number(durationMs);
const torn: string[] = [];
let reads = 0;
let misses = 0;

while (Date.now() < end) {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    misses++; // not written yet
    await new Promise((wait) => setTimeout(wait, 2));
    continue;
  }
  reads++;
  const problem = checkEntry(text);
  if (problem) torn.push(problem);
}
process.stdout.write(
  JSON.stringify({ reads, torn: torn.slice(0, 5), tornCount: torn.length, misses }),
);

/** Why a read is not one writer's whole entry, or undefined when it is. */
function checkEntry(text: string): string | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return `invalid JSON of ${text.length} characters`;
  }
  const entry = readCacheEntry(value, 'openai');
  if (!entry) return 'not a valid cache entry';
  if (entry.models.length !== 3000) return `${entry.models.length} models instead of 3000`;
  const writer = entry.models[0]!.id.split('-')[1];
  if (!entry.models.every((model) => model.id.startsWith(`writer-${writer}-`))) {
    return 'models of two writers mixed';
  }
  return undefined;
}
