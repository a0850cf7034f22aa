import { readFile, rm } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { Store } from '../../src/store/store.js';
import { projectKnowledge } from '../helpers/knowledge.js';
import { seedTrends } from '../server/trend-fixtures.js';
import { browserAvailable, buildPage, launchBrowser, listen } from './page-harness.js';

const run = browserAvailable();

/** Kech's six IEDs of 2025-W19 against Panjgur's weekly event (test/server/trend-fixtures.ts). */
const SPIKE = 'admin1=Balochistan&from=2025-04-28&to=2025-05-11';

/** The colours the chart gives its first two split values (web/src/trends-chart.ts). */
const FIRST = '#3b7dd8';
const SECOND = '#e07b39';

describe.skipIf(!run)('the Trends page in a real browser', () => {
  let webRoot: string;
  let store: Store;
  let app: FastifyInstance;
  let url: string;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;

  beforeAll(async () => {
    webRoot = await buildPage();
    store = await openSqliteStore({ path: ':memory:' });
    await seedTrends(store);
    app = buildApp({
      store,
      knowledge: projectKnowledge(),
      config: { apiToken: null, host: '127.0.0.1', webRoot },
    });
    url = await listen(app);
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await store?.close();
    if (webRoot) await rm(webRoot, { recursive: true, force: true });
  });

  /** Opens a view and collects what the console and the CSP complain of. */
  async function open(hash: string): Promise<{ page: Page; errors: string[] }> {
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${url}/${hash}`);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 15_000 });
    return { page, errors };
  }

  const chartTexts = (page: Page) =>
    page.locator('#trend-chart svg text').evaluateAll((ts) => ts.map((t) => t.textContent ?? ''));

  /** The height on screen of each bar of a colour (the legend's swatch, at the top, left out). */
  const bars = (page: Page, fill: string) =>
    page.locator(`#trend-chart svg path[fill="${fill}"]`).evaluateAll((ps) =>
      ps
        .map((p) => (p as unknown as { getBBox(): { y: number; height: number } }).getBBox())
        .filter((box) => box.y > 30)
        .map((box) => Math.round(box.height)),
    );

  /** Waits for the page's hash to match: set by a script, it is no navigation for waitForURL. */
  const hashMatches = (page: Page, pattern: RegExp) =>
    page.waitForFunction(
      (source) =>
        new RegExp(source).test((globalThis as unknown as { location: { hash: string } }).location.hash),
      pattern.source,
      { timeout: 10_000 },
    );

  it('draws the buckets, the districts and real axes from the stored events, under the CSP', async () => {
    const { page, errors } = await open(`#/trends?${SPIKE}`);
    expect(await page.title()).toBe('Trends · Faultline');
    expect(await page.locator('header nav a[aria-current="page"]').textContent()).toBe('Trends');
    await page.waitForSelector('#trend-chart svg');
    const texts = await chartTexts(page);
    // the bucket labels on the time axis, the legend, the axis names and a count tick of the events axis
    for (const t of ['2025-W18', '2025-W19', 'Kech', 'Panjgur', 'Events', 'Killed (best figure)', '6'])
      expect(texts).toContain(t);
    // Kech: 6 events and 12 killed in W19, none in W18; Panjgur one of each a week
    const kech = (await bars(page, FIRST)).filter((h) => h > 0);
    const panjgur = (await bars(page, SECOND)).filter((h) => h > 0);
    expect(kech).toHaveLength(2);
    expect(panjgur).toHaveLength(4);
    expect(Math.min(...kech)).toBeGreaterThan(Math.max(...panjgur));
    expect(errors).toEqual([]);
    await page.close();
  });

  it('changes the buckets when the interval changes, keeping it and the filters in the URL', async () => {
    const { page } = await open(`#/trends?${SPIKE}`);
    await page.waitForSelector('#trend-chart svg');
    await page.locator('#t-interval').selectOption('day');
    await hashMatches(page, /interval=day/);
    expect(page.url()).toContain(`#/trends?interval=day&from=2025-04-28&to=2025-05-11&admin1=Balochistan`);
    await page.waitForFunction(() =>
      Array.from(
        (
          globalThis as unknown as {
            document: { querySelectorAll(s: string): ArrayLike<{ textContent: string | null }> };
          }
        ).document.querySelectorAll('#trend-chart svg text'),
      ).some((t) => t.textContent === '2025-05-06'),
    );
    const days = await chartTexts(page);
    expect(days).not.toContain('2025-W19');
    expect(days.filter((t) => /^2025-0[45]-\d\d$/.test(t)).length).toBeGreaterThanOrEqual(7);
    await page.locator('#t-interval').selectOption('month');
    await hashMatches(page, /interval=month/);
    await page.waitForFunction(() =>
      Array.from(
        (
          globalThis as unknown as {
            document: { querySelectorAll(s: string): ArrayLike<{ textContent: string | null }> };
          }
        ).document.querySelectorAll('#trend-chart svg text'),
      ).some((t) => t.textContent === '2025-04'),
    );
    const months = await chartTexts(page);
    expect(months).toContain('2025-05');
    expect(months).not.toContain('2025-05-06');
    await page.close();
  });

  it('leads from a figure of the district table to the events behind it on the map', async () => {
    const { page } = await open(`#/trends?${SPIKE}`);
    const kech = page.locator('table.trend-districts tr[data-district="Kech"]');
    expect(await kech.locator('.escalation-mark').textContent()).toMatch(/escalating/);
    const figure = kech.locator('td.num a').first();
    expect(await figure.textContent()).toBe('6');
    await figure.click();
    await page.waitForURL(/#\/\?/);
    expect(page.url()).toMatch(/#\/\?from=2025-05-05&to=2025-05-11&admin1=Balochistan&admin2=Kech$/);
    await page.waitForFunction(
      () =>
        (
          globalThis as unknown as { document: { querySelectorAll(s: string): { length: number } } }
        ).document.querySelectorAll('.event-list li').length === 6,
      null,
      { timeout: 10_000 },
    );
    expect(await page.locator('h2.count').textContent()).toBe('6 events');
    expect(await page.locator('#f-admin2').inputValue()).toBe('Kech');
    await page.close();
  });

  it('leads from a bar of the chart to the events of its district and bucket', async () => {
    const { page } = await open(`#/trends?${SPIKE}`);
    await page.waitForSelector('#trend-chart svg');
    // Kech's tallest bar (its 12 killed of W19), clicked where a reader would: the mouse at its middle. Hovering
    // draws the axis pointer's shadow over the bars, so a click on the path element itself would find the shadow
    // in its way; the chart decides what was clicked from the position, as it does for a reader.
    await page.locator('#trend-chart').scrollIntoViewIfNeeded();
    type Box = { x: number; y: number; width: number; height: number };
    const boxes = await page.locator(`#trend-chart svg path[fill="${FIRST}"]`).evaluateAll((ps) =>
      ps.map((p) => {
        const { x, y, width, height } = (
          p as unknown as { getBoundingClientRect(): Box }
        ).getBoundingClientRect();
        return { x, y, width, height };
      }),
    );
    const tallest = boxes.reduce((a, b) => (b.height > a.height ? b : a));
    await page.mouse.click(tallest.x + tallest.width / 2, tallest.y + tallest.height / 2);
    await hashMatches(page, /^#\/\?/);
    expect(page.url()).toMatch(/#\/\?from=2025-05-05&to=2025-05-11&admin1=Balochistan&admin2=Kech$/);
    await page.close();
  });

  it('downloads the table and the series as CSV, and the chart as SVG and PNG', async () => {
    const { page } = await open(`#/trends?${SPIKE}`);
    await page.waitForSelector('#trend-chart svg');
    const download = async (name: string) => {
      const [file] = await Promise.all([
        page.waitForEvent('download'),
        page.locator('button', { hasText: name }).click(),
      ]);
      return { name: file.suggestedFilename(), bytes: await readFile((await file.path())!) };
    };
    const table = await download('CSV of the table');
    expect(table.name).toBe('faultline-districts-2025-W19.csv');
    const rows = table.bytes.toString('utf8').trimEnd().split('\r\n');
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatch(/^district,period,events,fatalities_best,previous_period,/);
    expect(rows[1]).toMatch(/^Kech,2025-W19,6,12,2025-W18,0,0,6,,2024-W19,2,6,4,200,0\.5,[0-9.e-]+,true$/);
    expect(rows[2]).toMatch(/^Panjgur,2025-W19,1,1,2025-W18,1,1,0,0,2024-W19,0,0,1,,/);
    const series = await download('CSV of the series');
    expect(series.bytes.toString('utf8').trimEnd().split('\r\n')).toEqual([
      'period,from,to,district,events,fatalities_best',
      '2025-W18,2025-04-28,2025-05-04,Kech,0,0',
      '2025-W18,2025-04-28,2025-05-04,Panjgur,1,1',
      '2025-W18,2025-04-28,2025-05-04,All,1,1',
      '2025-W19,2025-05-05,2025-05-11,Kech,6,12',
      '2025-W19,2025-05-05,2025-05-11,Panjgur,1,1',
      '2025-W19,2025-05-05,2025-05-11,All,7,13',
    ]);
    const svg = await download('SVG');
    expect(svg.name).toBe('faultline-trends-week-district.svg');
    const svgText = svg.bytes.toString('utf8');
    expect(svgText).toMatch(/^<svg[^>]+xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svgText).toContain('>2025-W19</text>');
    const png = await download('PNG');
    expect(png.bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    // twice the size on screen: the IHDR's width
    expect(png.bytes.readUInt32BE(16)).toBeGreaterThan(1000);
    await page.close();
  });

  it('draws the chart in the dark scheme with the page colours', async () => {
    const page = await browser.context.newPage();
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto(`${url}/#/trends?${SPIKE}`);
    await page.waitForSelector('#trend-chart svg');
    const fills = await page
      .locator('#trend-chart svg text')
      .evaluateAll((ts) => [...new Set(ts.map((t) => t.getAttribute('fill')))]);
    // the legend and axis names in --ink, the tick labels in --muted, of the dark scheme
    expect(fills).toEqual(expect.arrayContaining(['#e6e9ed', '#a3acb7']));
    await page.close();
  });
});
