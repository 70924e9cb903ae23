/**
 * The browse page of `model-catalog serve`, in a real headless Chromium (Debian's `chromium`,
 * driven by playwright-core). `.ci/run` installs Chromium when it is missing; in CI a missing
 * Chromium fails this file, and elsewhere it is skipped with a warning.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capabilitiesOf } from '../../src/cli/query.js';
import { createFileCache, createModelCatalog, type Model } from '../../src/index.js';
import { ROOT, type RunningServer, startServe, userEnv } from './helpers/run-cli.js';
import { type StandIns, startStandIns } from './helpers/stand-ins.js';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = join(ROOT, 'artifacts');
const present = existsSync(CHROMIUM);
if (!present && !process.env.CI) {
  console.warn(
    `\n!!! ${CHROMIUM} is missing: the browse-page tests are SKIPPED. Install it with \`apt-get install chromium\` (.ci/run does). !!!\n`,
  );
}

describe.skipIf(!present && !process.env.CI)('the browse page in headless Chromium', () => {
  let standIns: StandIns;
  let server: RunningServer;
  let browser: BrowserContext;
  let page: Page;
  let home: string;
  let profile: string;
  let models: Model[];
  const requests: string[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `Chromium is missing at ${CHROMIUM}: install it with \`apt-get install -y chromium\` (.ci/run does when it is missing).`,
      );
    }
    standIns = await startStandIns();
    home = mkdtempSync(join(tmpdir(), 'model-catalog-page-'));
    profile = mkdtempSync(join(tmpdir(), 'model-catalog-chromium-'));
    const env = userEnv(home, standIns.env());
    server = await startServe(['--port', '0', '--quiet'], env);
    models = Object.values(
      (
        await createModelCatalog({
          env,
          cache: createFileCache({ dir: join(home, '.cache', 'model-catalog') }),
        }).listModels()
      ).providers,
    ).flat();
    browser = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
      viewport: { width: 1280, height: 900 },
    });
    page = browser.pages()[0] ?? (await browser.newPage());
    page.on('request', (request) => requests.push(request.url()));
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(server.url);
    await page.waitForSelector('body[data-state="ready"]', { timeout: 15_000 });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await standIns?.close();
    if (home) rmSync(home, { recursive: true, force: true });
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  const rowIds = (): Promise<string[]> =>
    page
      .locator('#models tbody tr')
      .evaluateAll((rows) => rows.map((row) => (row as HTMLElement).dataset.id ?? ''));

  it('loads and shows every model of every provider that answered, and the failure', async () => {
    expect((await rowIds()).sort()).toEqual(models.map((model) => model.id).sort());
    expect(await page.locator('#summary').textContent()).toBe('20 models from 3 providers');
    expect(await page.locator('#errors li').allTextContents()).toEqual([
      // The handler names the provider and the kind, never the upstream host, by default.
      'groq (auth): groq: the provider failed (auth, status 401).',
    ]);
    const gpt4o = page.locator(
      '#models tbody tr[data-provider="openrouter"][data-id="openai/gpt-4o"] td',
    );
    expect(await gpt4o.allTextContents()).toEqual([
      'openrouter',
      'openai/gpt-4o',
      'chat',
      '128K',
      '$2.50',
      '$10.00',
      'toolsvisionpdfstructuredjsoncaching',
    ]);
  });

  it('filters by capability as the command line does', async () => {
    await page.check('#capabilities input[value="vision"]');
    const expected = models
      .filter((model) => capabilitiesOf(model).vision === true)
      .map((model) => model.id);
    expect((await rowIds()).sort()).toEqual(expected.sort());
    expect(expected.length).toBe(9);
    await page.check('#capabilities input[value="reasoning"]');
    expect((await rowIds()).sort()).toEqual([
      'anthropic/claude-opus-4.1',
      'anthropic/claude-sonnet-4.5',
      'google/gemini-2.5-flash',
      'google/gemini-2.5-pro',
      'x-ai/grok-4',
    ]);
    expect(await page.locator('#summary').textContent()).toBe('5 of 20 models from 3 providers');
    await page.click('#reset');
    expect(await rowIds()).toHaveLength(20);
  });

  it('filters by provider, category, context, price and search', async () => {
    await page.selectOption('#provider', 'openai');
    expect((await rowIds()).sort()).toEqual([
      'gpt-4o',
      'gpt-4o-mini',
      'text-embedding-3-large',
      'whisper-1',
    ]);
    await page.selectOption('#category', 'embedding');
    expect(await rowIds()).toEqual(['text-embedding-3-large']);
    await page.click('#reset');
    await page.selectOption('#min-context', '1000000');
    await page.fill('#max-price', '2');
    expect((await rowIds()).sort()).toEqual(['google/gemini-2.5-flash', 'google/gemini-2.5-pro']);
    await page.click('#reset');
    await page.fill('#search', 'claude sonnet');
    expect(await rowIds()).toEqual(['anthropic/claude-sonnet-4.5']);
    await page.click('#reset');
    await page.check('#free');
    expect(await rowIds()).toEqual(['deepseek/deepseek-chat-v3.1:free']);
    await page.click('#reset');
  });

  it('sorts by price when the column header is clicked, unpriced models last', async () => {
    await page.click('th[data-key="input"] button');
    expect(await page.getAttribute('th[data-key="input"]', 'aria-sort')).toBe('ascending');
    const ascending = await page.locator('#models tbody td.input').allTextContents();
    const priced = models.filter((model) => model.pricing?.input !== undefined);
    expect(ascending.slice(0, 4)).toEqual(['free', '$0.10', '$0.10', '$0.13']);
    expect(ascending.slice(priced.length)).toEqual(Array(20 - priced.length).fill('-'));
    const values = ascending
      .slice(0, priced.length)
      .map((text) => (text === 'free' ? 0 : Number(text.slice(1))));
    expect(values).toEqual([...values].sort((a, b) => a - b));
    await page.click('th[data-key="input"] button');
    expect(await page.getAttribute('th[data-key="input"]', 'aria-sort')).toBe('descending');
    expect((await rowIds())[0]).toBe('anthropic/claude-opus-4.1');
    await page.click('th[data-key="input"] button');
  });

  it('draws the chart of input price against context window on log scales', async () => {
    const points = await page.locator('#chart circle').evaluateAll((circles) =>
      circles.map((circle) => ({
        id: circle.getAttribute('data-id') ?? '',
        x: Number(circle.getAttribute('cx')),
        y: Number(circle.getAttribute('cy')),
      })),
    );
    const plotted = models.filter(
      (model) => (model.contextLength ?? 0) > 0 && (model.pricing?.input ?? 0) > 0,
    );
    expect(points.map((point) => point.id).sort()).toEqual(plotted.map((model) => model.id).sort());
    const at = (id: string) => points.find((point) => point.id === id)!;
    // Larger context further right; higher price further up (smaller y).
    expect(at('google/gemini-2.5-pro').x).toBeGreaterThan(at('openai/gpt-4o').x);
    expect(at('openai/gpt-4o').x).toBe(at('openai/gpt-4o-mini').x);
    expect(at('anthropic/claude-opus-4.1').y).toBeLessThan(at('anthropic/claude-haiku-4.5').y);
    // On a log scale, $1 is as far above $0.10 as $3 is above $0.30: one decade each.
    const decade = at('mistralai/ministral-8b').y - at('anthropic/claude-haiku-4.5').y;
    expect(decade).toBeGreaterThan(30);
    expect(at('google/gemini-2.5-flash').y - at('anthropic/claude-sonnet-4.5').y).toBeCloseTo(
      decade,
      0,
    );
    for (const point of points) {
      expect(point.x).toBeGreaterThan(60);
      expect(point.x).toBeLessThan(980);
      expect(point.y).toBeGreaterThan(0);
      expect(point.y).toBeLessThan(360);
    }
    const box = await page.locator('#chart').boundingBox();
    expect(box?.width).toBeGreaterThan(500);
    expect(await page.locator('#chart text.axis').allTextContents()).toEqual(
      expect.arrayContaining(['10K', '100K', '1M', '$0.1', '$1', '$10']),
    );
    expect(await page.locator('#legend li').allTextContents()).toEqual(['openrouter']);
    expect(await page.locator('#chart-note').textContent()).toBe(
      '7 of the 20 models shown are not plotted: no context window or input price reported, or free.',
    );
    await page.check('#capabilities input[value="reasoning"]');
    expect(await page.locator('#chart circle').count()).toBe(7);
    await page.click('#reset');
  });

  it('orders ids by code units as the command line does, and shows 999999 tokens as 1M', async () => {
    const other = await browser.newPage();
    const listed = (id: string, contextLength: number) => ({
      id,
      name: id,
      category: 'chat',
      provider: 'test',
      contextLength,
    });
    // The page's own answer, so that it holds ids whose order differs from localeCompare's.
    await other.route('**/api/models', (route) =>
      route.fulfill({
        json: {
          providers: { test: [listed('aardvark', 999_999), listed('Zeta', 999_499)] },
          errors: {},
          status: {},
        },
      }),
    );
    await other.goto(server.url);
    await other.waitForSelector('body[data-state="ready"]', { timeout: 15_000 });
    const cells = await other
      .locator('#models tbody tr')
      .evaluateAll((rows) =>
        rows.map((row) => [
          (row as HTMLElement).dataset.id ?? '',
          row.querySelector('td.context')?.textContent ?? '',
        ]),
      );
    expect(cells).toEqual([
      ['Zeta', '999K'],
      ['aardvark', '1M'],
    ]);
    await other.close();
  });

  it('shows controls and direction overrides in ids and names as \uFFFD, keeping the id itself', async () => {
    const other = await browser.newPage();
    const spoof = 'gpt\u202egnp.exe';
    await other.route('**/api/models', (route) =>
      route.fulfill({
        json: {
          providers: {
            test: [
              {
                id: spoof,
                name: 'Name\u2066\u001b[2J',
                category: 'chat',
                provider: 'test',
              },
            ],
          },
          errors: {},
          status: {},
        },
      }),
    );
    await other.goto(server.url);
    await other.waitForSelector('body[data-state="ready"]', { timeout: 15_000 });
    const cell = await other.locator('#models tbody tr td.id').evaluate((node) => ({
      text: node.textContent,
      title: (node as HTMLElement).title,
      id: (node.parentElement as HTMLElement).dataset.id,
    }));
    expect(cell).toEqual({ text: 'gpt\uFFFDgnp.exe', title: 'Name\uFFFD\uFFFD[2J', id: spoof });
    await other.close();
  });

  it('asks nothing of any other origin, throws no error, and leaves a screenshot', async () => {
    const origin = new URL(server.url).origin;
    expect(requests.length).toBeGreaterThan(1);
    expect(requests.filter((url) => new URL(url).origin !== origin)).toEqual([]);
    expect(pageErrors).toEqual([]);
    mkdirSync(ARTIFACTS, { recursive: true });
    const file = join(ARTIFACTS, 'cli-page.png');
    await page.screenshot({ path: file, fullPage: true });
    expect(statSync(file).size).toBeGreaterThan(20_000);
  });
});
