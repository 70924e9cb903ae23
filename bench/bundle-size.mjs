// Bundle sizes of the entry points, minified by esbuild from the built package (run
// `npm run build` first), against their bounds:
// - `createModelCatalog` + `openai` through `model-catalog/core` and `/providers`, once the
//   program has listed models (after the first fetch): at most 55% of the same two names
//   imported from the root entry of 0.1.0, the last version with one entry (86,650 bytes,
//   measured the same way at commit dfe937e), that is 47,657 bytes;
// - `classifyModel` alone, from `model-catalog/classify`: at most 20 KB.
//
// Method: each case is bundled with code splitting (`splitting: true`, ESM, minified, into a
// temporary folder), as an application bundler does. The library loads optional parts with
// `import()` when first used (the fetch path with ky on a catalog's first fetch; watch, the
// field-level diff, per-request credentials and overrides when used), and a bundler puts each
// in a chunk of its own. Printed for each case:
// - at start: the entry chunk and every chunk it imports statically, what a program loads
//   before it calls anything. The classify bound applies to this figure;
// - after the first fetch (core + providers case): what a program has loaded once its first
//   listing went to the network (start, plus the fetch path's chunks). A program that lists
//   models loads this much, so the core bound applies to this figure, not to the one at start;
// - lazy and total: the bytes of every chunk loaded only on use, and of all chunks together,
//   so that nothing is hidden.
// Prints a table, marking a missed target `miss`; exits 1 when a bound or a ceiling is passed
// (the 55% figure is a target until it is met; a ceiling keeps it from growing meanwhile).

import { existsSync } from 'node:fs';
import { dist, splitBundle } from './split-bundle.mjs';

if (!existsSync(`${dist}index.js`)) {
  console.error('bundle-size: dist/ is missing; run `npm run build` first.');
  process.exit(1);
}

/**
 * Bundles `source` with code splitting; returns the bytes loaded at start, after the first
 * fetch, loaded only on use (lazy), and in all.
 */
async function measure(source) {
  const { outputs, atStart, afterFirstFetch } = await splitBundle(source);
  const bytesOf = (paths) => [...paths].reduce((sum, path) => sum + outputs[path].bytes, 0);
  const total = bytesOf(Object.keys(outputs));
  return {
    start: bytesOf(atStart),
    firstFetch: afterFirstFetch && bytesOf(afterFirstFetch),
    lazy: total - bytesOf(atStart),
    total,
  };
}

/** The root bundle of `createModelCatalog` + `openai` in 0.1.0, the reference of the bound. */
const ROOT_BEFORE_ENTRIES = 86_650;

/**
 * The 55% target after the first fetch is not met yet (ky and valibot alone are 18 KB of the
 * 47.7 KB it allows): until it is, this ceiling (today's figure, 64,219 bytes, and a little)
 * keeps the fetch path from growing unnoticed. Lower it with every cut. Growth is a decision to
 * write down here, not a drift:
 * - 58,850 to 60,480: `buildModel` stores each field by its name (1.6 KB for a third less work
 *   per model built);
 * - 60,480 to 60,800: a cache read waits on a plain timer instead of an `AbortSignal.timeout`
 *   (a tenth of a file-cache hit), and a catalog holds its shared listing itself instead of in
 *   a weak map (which kept a catalog's lists alive through minor collections); 314 bytes;
 * - 60,800 to 61,080: the catalog reads the memory cache without a promise (half a memory-cache
 *   hit); 275 bytes.
 * - 61,080 to 61,560: fixes found by a review (474 bytes): models handed over frozen at the top
 *   only are frozen through; a `retryAfterMs` that is no number >= 0 is dropped; a list dated in
 *   the future does not silence `onChange`; a shared stale status is frozen; the memory cache is
 *   bounded (`maxEntries`).
 * - 61,560 to 63,640: more fixes of that review (2,073 bytes): an unknown option, a `refresh` or
 *   `signal` of the wrong type are rejected with errors that name them (488 bytes of option names
 *   and messages, 357 of checks); a base URL holding credentials fails at once, named; a cause
 *   quoting a key is dropped; a budget the cache spent says so and backs nothing off; configured
 *   headers stay off an endpoint a call chose; a base URL's query stays after the list path.
 * - 63,640 to 63,700: a 503's `Retry-After` backs off as a 429's does; a cache entry's unreadable
 *   date or repeated id is caught (70 bytes).
 * - 63,700 to 64,160: a second review's fixes (464 bytes): a base URL's own query is kept beside
 *   the paging parameters (it was replaced) and after a version path; configured headers are
 *   dropped only for a call whose credentials really move the endpoint; `freezeThrough` walks
 *   without a set per model.
 * - 64,160 to 64,200: the check of option names is one helper, shared with `createModelsHandler`
 *   (45 bytes).
 * - 64,200 to 64,240: a third review's fixes (40 bytes): configured headers kept only when a
 *   call's credentials cannot move the endpoint (fail closed); `freezeThrough` in linear time.
 * - 64,240 to 64,330: every factory and `listModels` refuse an option name they do not have, so a
 *   misspelled `baseURL` cannot send the key to the default host (86 bytes: one call per factory
 *   and the name lists).
 * - 64,330 to 65,410: secrets echoed in other forms are scrubbed (1,078 bytes): a header value as
 *   sent (trimmed), a base URL's credential query values, a short key standing as a word in a
 *   provider's text, a thrown value's own properties; a malformed redirect `Location` fails as
 *   `http`.
 * - 65,410 to 65,530: a cache entry dated up to a minute ahead (another host's clock) is fresh;
 *   the change feed counts a listener's subscriptions and ignores catalog fallback answers
 *   (113 bytes);
 * - 65,530 to 65,580: the classifier's rules name Deepgram's voices and transcriber, MeloTTS,
 *   mpnet embedders and music and turn-detection models, listed as chat before (49 bytes);
 * - 65,580 to 65,800: a watch whose scheduler failed to load (a chunk a browser could not fetch)
 *   tries it again an interval later instead of leaving an unhandled rejection, which ends a
 *   Node process (214 bytes);
 * - 65,800 to 65,850: the shared OpenAI-compatible listing reads a LoRA adapter's `parent` as its
 *   base model (56 bytes);
 * - 65,850 to 65,930: a 429 or 5xx with a garbled `Retry-After`, or only `RateLimit-Reset` and the
 *   like, retries with the plain backoff instead of ky's wait of up to 10 s (75 bytes);
 * - 65,930 to 65,960: the change feed takes a list dated ahead within the clock skew at its word,
 *   so an older list seen after it is not reported as a change again (25 bytes);
 * - 65,960 to 66,040: each caller gets its own copy of a failure (kept for a back-off, shared by
 *   the callers of one fetch), and `listProviders` a copy of each adapter's aliases (89 bytes).
 * - 66,040 to 66,330: a request URL in a message is scrubbed before it is cut short, decoded as
 *   well as sent, and without a scheme-less base URL's `user:password@`; an `env` value that is
 *   no string is refused, named; option errors quote a string value (282 bytes).
 * - 66,330 to 66,400: a change event and an error's `issues`, `validIds` and `suggestions` are
 *   frozen, as every listener and every caller of one failed fetch shares them (70 bytes).
 * - 66,400 to 66,410: the built-in mark is one helper a wrapping adapter can call too (7 bytes).
 * - 66,410 to 66,460: a list from catalogs or overrides is frozen through once per list (a
 *   caller's catalog source may hand one over frozen only at the top), 45 bytes.
 * - 66,460 to 66,530: a misspelled option that starts with a real one (`directory` for `dir`)
 *   is told the one meant (70 bytes).
 * - 66,530 to 66,710: a review of those fixes (175 bytes): a URL in a message decoded run by run
 *   (a malformed escape no longer keeps a key escaped past the scrubbing) with control and
 *   direction characters escaped again (no forged log line); an `env` value that is no string
 *   reads as unset (a Worker's bindings) instead of being refused; a joined list frozen through
 *   only where its models are new.
 * - 66,710 to 66,770: a wrong shape in an OpenAI-style list is named from the answer's top
 *   (`data: expected Array`, `data.1.id: ...`), not from the part parsed (`(root): ...`), 57 bytes.
 * - 66,770 to 66,570: every caller gets the catalog's frozen list itself, so the catalog no
 *   longer copies it per caller nor keeps a hidden way to the uncopied lists for the handler
 *   (200 bytes less).
 * - 66,570 to 66,560: the catalog's `listModels` is its own function, no longer wrapped (8 bytes
 *   less).
 * - 66,560 to 66,610: a `refresh` no longer joins a fetch that may end in the stale copy while
 *   another process of a fleet holds the lock (43 bytes).
 * - 66,610 to 68,400: `overrides` are checked field by field at `createModelCatalog` (a field a
 *   model does not have, a negative or infinite number, an unknown category threw nothing and
 *   was served), and a hand-written adapter's setting `env` must be a list (1,798 bytes: the
 *   checks and their messages, about 1.3 KB, and the field types they share with the cleaning of
 *   models, now needed at start, which splits the bundle into more chunks).
 * - 68,400 to 68,600: a base URL with its scheme that does not parse (a port out of range) is
 *   said to be no valid URL, not to lack `https://`; an override's `null` clears its field, and
 *   `name` and `category` cannot be cleared (190 bytes).
 * - 68,600 to 68,580: the overrides check uses the plain-object test the field checks have
 *   (20 bytes less).
 */
const FIRST_FETCH_CEILING = 68_580;

const use = (names) => `console.log(${names.join(', ')});`;
const root = await measure(
  `import { createModelCatalog, openai } from './index.js'; ${use(['createModelCatalog', 'openai'])}`,
);
const core = await measure(
  `import { createModelCatalog } from './entries/core.js'; import { openai } from './entries/providers.js'; ${use(['createModelCatalog', 'openai'])}`,
);
if (core.firstFetch === undefined) {
  console.error('bundle-size: no chunk of the core bundle is dist/core/fetch-provider.js.');
  process.exit(1);
}
const classify = await measure(
  `import { classifyModel } from './entries/classify.js'; ${use(['classifyModel'])}`,
);

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const ofReference = (bytes) =>
  `${((bytes / ROOT_BEFORE_ENTRIES) * 100).toFixed(1)}% of 0.1.0's root`;
const split = ({ lazy, total }) => `(+ ${kb(lazy)} lazy, ${kb(total)} in all)`;
const rows = [
  [
    'createModelCatalog + openai, root entry of 0.1.0',
    kb(ROOT_BEFORE_ENTRIES),
    '(reference, one bundle)',
    true,
  ],
  [
    'createModelCatalog + openai, root entry now, at start',
    `${kb(root.start)} ${split(root)}`,
    '(for comparison)',
    true,
  ],
  [
    'createModelCatalog + openai, core + providers entries, at start',
    `${kb(core.start)} = ${ofReference(core.start)} ${split(core)}`,
    '(for comparison)',
    true,
  ],
  [
    'createModelCatalog + openai, core + providers entries, after the first fetch',
    `${kb(core.firstFetch)} (${core.firstFetch} bytes) = ${ofReference(core.firstFetch)}`,
    `target <= 55% (${Math.floor(0.55 * ROOT_BEFORE_ENTRIES)} bytes)`,
    core.firstFetch <= 0.55 * ROOT_BEFORE_ENTRIES,
    'target',
  ],
  [
    'createModelCatalog + openai, core + providers entries, after the first fetch',
    `${core.firstFetch} bytes`,
    `ceiling <= ${FIRST_FETCH_CEILING} bytes (no growth)`,
    core.firstFetch <= FIRST_FETCH_CEILING,
  ],
  [
    'classifyModel, classify entry, at start',
    `${kb(classify.start)} ${split(classify)}`,
    '<= 20 KB',
    classify.start <= 20 * 1024,
  ],
];
for (const [what, value, bound, ok, kind] of rows) {
  const mark = ok ? 'pass' : kind === 'target' ? 'miss' : 'FAIL';
  console.log(`${mark}  ${what}: ${value} ${bound}`);
}
// A missed target is reported; only a bound or a ceiling that is passed fails the run (and CI).
if (rows.some(([, , , ok, kind]) => !ok && kind !== 'target')) process.exit(1);
