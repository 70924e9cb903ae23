/**
 * A Next.js App Router route file: save it as `app/api/models/route.ts` (import from
 * 'model-catalog' there). Seed 000's endpoint in three lines; Next passes the `Request` through.
 *
 * It cannot run without Next; the test suite imports `GET` and calls it with a `Request`.
 */
import { createModelCatalog, createModelsHandler } from '../src/index.js';

const handler = createModelsHandler(createModelCatalog());

export const GET = handler;
export const HEAD = handler;
// The list depends on keys and the cache, not on the build: never prerender it.
export const dynamic = 'force-dynamic';
