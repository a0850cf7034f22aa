import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readInputs } from '../../src/ingest/read-inputs.js';
import { ingestInputs } from '../../src/pipeline/ingest-pipeline.js';
import { buildApp } from '../../src/server/app.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { Store } from '../../src/store/store.js';
import { projectKnowledge } from '../helpers/knowledge.js';
import { seededStore } from '../server/seed-store.js';
import { browserAvailable, buildPage, launchBrowser, listen } from './page-harness.js';

const run = browserAvailable();

/** What the tests read of the page's globals (the test tsconfig has no DOM library). */
interface BrowserGlobal {
  readonly scrollY: number;
  scrollTo(x: number, y: number): void;
  readonly document: {
    readonly title: string;
    readonly body: { readonly scrollHeight: number };
    querySelector(selector: string): BrowserElement | null;
    querySelectorAll(selector: string): ArrayLike<BrowserElement>;
  };
  getComputedStyle(element: BrowserElement, pseudo?: string): { readonly content: string };
}
interface BrowserElement {
  value: string;
  focus(options?: { preventScroll?: boolean }): void;
  readonly textContent: string | null;
  dispatchEvent(event: unknown): boolean;
}
declare const Event: new (type: string, init?: { bubbles?: boolean }) => unknown;

const page$ = (page: Page) => page;

describe.skipIf(!run)('the first hour in a real browser', () => {
  let webRoot: string;
  let seeded: Store;
  let samples: Store;
  let seededApp: FastifyInstance;
  let samplesApp: FastifyInstance;
  let seededUrl: string;
  let samplesUrl: string;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;

  beforeAll(async () => {
    const knowledge = projectKnowledge();
    webRoot = await buildPage();
    seeded = await seededStore();
    samples = await openSqliteStore({ path: ':memory:' });
    await ingestInputs(
      { store: samples, knowledge, report: () => undefined },
      readInputs([join(import.meta.dirname, '..', '..', 'samples')], {
        maxBytes: 5 * 1024 * 1024,
        timeoutMs: 5000,
      }),
      { maxBytes: 5 * 1024 * 1024 },
    );
    const config = { apiToken: null, host: '127.0.0.1', webRoot };
    seededApp = buildApp({ store: seeded, knowledge, config });
    samplesApp = buildApp({ store: samples, knowledge, config });
    seededUrl = await listen(seededApp);
    samplesUrl = await listen(samplesApp);
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await Promise.all([seededApp?.close(), samplesApp?.close()]);
    await Promise.all([seeded?.close(), samples?.close()]);
    if (webRoot) await rm(webRoot, { recursive: true, force: true });
  });

  async function open(url: string, viewport = { width: 1280, height: 900 }): Promise<Page> {
    const page = await browser.context.newPage();
    await page.setViewportSize(viewport);
    await page.goto(url);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 15_000 });
    return page$(page);
  }

  async function ready(page: Page): Promise<void> {
    await page.waitForSelector('body[data-ready="true"]', { timeout: 15_000 });
  }

  it('names the view in the tab title', async () => {
    const page = await open(`${seededUrl}/`);
    expect(await page.title()).toBe('Map of events · Faultline');
    await page.goto(`${seededUrl}/#/publishers`);
    await ready(page);
    expect(await page.title()).toBe('Publishers · Faultline');
    await page.goto(`${seededUrl}/#/event/ev-quetta`);
    await page.waitForSelector('.sources .source');
    expect(await page.title()).toMatch(/^.+, Quetta, 2025-\d\d-\d\d · Faultline$/);
    await page.close();
  });

  it('"← All events" returns to the map with the filters the event was opened from', async () => {
    const page = await open(`${seededUrl}/#/?type=Explosions%2FRemote+violence&admin1=Balochistan`);
    await page.locator('.event-list li a').first().click();
    await page.waitForSelector('.sources .source');
    const back = await page.locator('a.back').getAttribute('href');
    expect(back).toBe('#/?admin1=Balochistan&type=Explosions%2FRemote+violence');
    await page.locator('a.back').click();
    await ready(page);
    expect(await page.locator('#f-type').inputValue()).toBe('Explosions/Remote violence');
    expect(await page.locator('.event-list li').count()).toBe(1);
    await page.close();
  });

  it('quotes a claim once: <q> draws the marks, no literal ones around it', async () => {
    const page = await open(`${seededUrl}/#/event/ev-turbat`);
    await page.waitForSelector('.source-claims q');
    const items = await page.locator('.source-claims li').allTextContents();
    expect(items.length).toBeGreaterThan(0);
    for (const text of items) expect(text).not.toMatch(/[“”"]/);
    const before = await page.evaluate(() => {
      const g = globalThis as unknown as BrowserGlobal;
      return g.getComputedStyle(g.document.querySelector('.source-claims q')!, '::before').content;
    });
    expect(before).not.toBe('none');
    await page.close();
  });

  it('says so when no event matches, with a way back, and offers no downloads of nothing', async () => {
    const page = await open(`${seededUrl}/#/?from=2030-01-01`);
    expect(await page.locator('.count').textContent()).toBe('0 events');
    expect(await page.locator('.empty-hint').textContent()).toContain('No event matches these filters');
    expect(await page.locator('.empty-hint a').getAttribute('href')).toBe('#/');
    expect(await page.locator('.downloads a').count()).toBe(0);
    // but the view can be followed: its feeds fill when a matching event arrives
    expect(await page.locator('.subscribe a').first().getAttribute('href')).toBe(
      '/api/events.atom?from=2030-01-01',
    );
    await page.close();
  });

  it('shows the operation filter, so it can be seen and removed', async () => {
    const page = await open(`${seededUrl}/#/?operation=op-1`);
    expect(await page.locator('.event-list li').count()).toBe(2);
    const field = page.locator('#f-operation');
    expect(await field.isVisible()).toBe(true);
    expect(await field.inputValue()).toBe('op-1');
    expect(await page.locator('label[for="f-operation"]').textContent()).toBe('Operation');
    await field.fill('');
    await field.press('Enter');
    await page.waitForFunction(
      () => !(globalThis as unknown as { location: { hash: string } }).location.hash.includes('operation'),
    );
    await ready(page);
    expect(await page.locator('.event-list li').count()).toBe(4);
    await page.close();
  });

  it('draws the timeline over precisely dated events, names its scales and explains the line', async () => {
    const page = await open(`${samplesUrl}/`);
    const texts = await page.locator('.timeline text.axis').allTextContents();
    const dates = texts.filter((t) => /^\d{4}-\d\d-\d\d$/.test(t));
    expect(dates).toHaveLength(2);
    // the samples' yearly tally is dated 2025 as a whole; the first precisely dated incident is in May 2025
    expect(dates[0]! >= '2025-05-01').toBe(true);
    expect(await page.locator('.timeline .axis-events').textContent()).toBe('events');
    expect(await page.locator('.timeline .axis-killed').textContent()).toBe('killed');
    const key = await page.locator('.timeline-key').textContent();
    expect(key).toContain('Line: people killed per week');
    expect(key).toMatch(/\d+ events are dated only to a month or a year and not drawn/);
    await page.goto(`${samplesUrl}/#/?from=2025-07-01&to=2025-07-31`);
    await ready(page);
    const chosen = (await page.locator('.timeline text.axis').allTextContents()).filter((t) =>
      /^\d{4}-/.test(t),
    );
    expect(chosen).toEqual(['2025-07-01', '2025-07-31']);
    await page.close();
  });

  it('shows framing terms on the Publishers page in words, not as internal ids', async () => {
    const page = await open(`${samplesUrl}/#/publishers`);
    const cells = await page.locator('table.publishers td.terms').allTextContents();
    const named = cells.filter((c) => c !== '—');
    expect(named.length).toBeGreaterThan(2);
    for (const cell of named) {
      expect(cell).not.toMatch(/\b(?:ins|state|neu)-[a-z]/);
      expect(cell).toMatch(/^“[^”]+” ×\d+/);
    }
    expect(named.join(' ')).toMatch(/“(?:gunmen|militants|terrorists|freedom fighters)”/);
    await page.close();
  });

  it('draws district- and province-level events as their own symbol, never inside a town cluster', async () => {
    const res = await fetch(`${samplesUrl}/api/points`);
    const { points } = (await res.json()) as { points: (string | number | null)[][] };
    const areaLevel = points.filter(
      (p) => p[1] !== null && ['district', 'province', 'country'].includes(String(p[7])),
    );
    expect(areaLevel.length).toBeGreaterThan(3);
    const page = await open(`${samplesUrl}/`);
    const labels = await page
      .locator('#map .area-marker')
      .evaluateAll((nodes) =>
        nodes.map((n) =>
          (n as unknown as { getAttribute(a: string): string | null }).getAttribute('aria-label'),
        ),
      );
    expect(labels).toHaveLength(areaLevel.length);
    for (const label of labels) expect(label).toMatch(/\(placed only to the (?:district|province|country)\)/);
    const clustered = await page
      .locator('#map .cluster')
      .evaluateAll((nodes) =>
        nodes.map((n) =>
          (n as unknown as { getAttribute(a: string): string | null }).getAttribute('aria-label'),
        ),
      );
    const towns = points.length - areaLevel.length;
    const inClusters = clustered.reduce((n, l) => n + Number(/^(\d+) events/.exec(l ?? '')?.[1] ?? 0), 0);
    expect(inClusters).toBeLessThanOrEqual(towns);
    await page.close();
  });

  it('keeps district names above markers and clusters, and explains marker size, clusters and area symbols', async () => {
    const page = await open(`${samplesUrl}/`);
    const names = page.locator('#map .district-label');
    expect(await names.count()).toBeGreaterThan(0);
    expect(await page.locator('#map .leaflet-labels-pane .district-label').count()).toBe(await names.count());
    const z = await page.evaluate(() => {
      const g = globalThis as unknown as {
        document: { querySelector(s: string): unknown };
        getComputedStyle(e: unknown): { zIndex: string; pointerEvents: string };
      };
      const labels = g.getComputedStyle(g.document.querySelector('#map .leaflet-labels-pane'));
      const markers = g.getComputedStyle(g.document.querySelector('#map .leaflet-marker-pane'));
      return { labels: Number(labels.zIndex), markers: Number(markers.zIndex), events: labels.pointerEvents };
    });
    expect(z.labels).toBeGreaterThan(z.markers);
    expect(z.events).toBe('none');
    const key = await page.locator('.marker-key li').allTextContents();
    expect(key).toEqual([
      'size: people killed (0, 10, 50)',
      '3events close together (select to zoom in)',
      'placed only to a district or province',
    ]);
    expect(await page.locator('.marker-key .key-dot').count()).toBe(3);
    await page.close();
  });

  it('keeps the map position and zoom in the URL with the filters, through filter changes and back', async () => {
    const hash = (page: Page) =>
      page.evaluate(() => (globalThis as unknown as { location: { hash: string } }).location.hash);
    const fresh = await open(`${samplesUrl}/`);
    // the page's own fit to the events is not written into the URL
    expect(await hash(fresh)).toBe('');
    await fresh.close();
    const page = await open(`${samplesUrl}/#/?admin1=Balochistan&at=27.8000,66.6000,7`);
    expect(await hash(page)).toBe('#/?admin1=Balochistan&at=27.8000,66.6000,7');
    await page.locator('.leaflet-control-zoom-in').click();
    await page.waitForFunction(() =>
      (globalThis as unknown as { location: { hash: string } }).location.hash.endsWith(',8'),
    );
    expect(await hash(page)).toBe('#/?admin1=Balochistan&at=27.8000,66.6000,8');
    await page.selectOption('#f-type', 'Battles');
    await page.waitForFunction(() =>
      (globalThis as unknown as { location: { hash: string } }).location.hash.includes('type=Battles'),
    );
    await ready(page);
    expect(await hash(page)).toBe('#/?admin1=Balochistan&type=Battles&at=27.8000,66.6000,8');
    // zooming out from 8 gives 7: the new map started where the old one was
    await page.locator('.leaflet-control-zoom-out').click();
    await page.waitForFunction(() =>
      (globalThis as unknown as { location: { hash: string } }).location.hash.endsWith(',7'),
    );
    const first = page.locator('.event-list li a').first();
    expect(await first.getAttribute('href')).toMatch(
      /^#\/event\/[^?]+\?admin1=Balochistan&type=Battles&at=27\.8000,66\.6000,7$/,
    );
    await page.close();
  });

  it('follows the reader’s dark colour scheme, map and timeline included', async () => {
    const colours = async (scheme: 'light' | 'dark') => {
      const page = await browser.context.newPage();
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(`${samplesUrl}/`);
      await ready(page);
      const found = await page.evaluate(() => {
        const g = globalThis as unknown as {
          document: { documentElement: unknown; querySelector(s: string): unknown };
          getComputedStyle(e: unknown): {
            backgroundColor: string;
            color: string;
            fill: string;
            stroke: string;
          };
        };
        const q = (s: string) => g.getComputedStyle(g.document.querySelector(s));
        return {
          page: g.getComputedStyle(g.document.documentElement).backgroundColor,
          text: g.getComputedStyle(g.document.documentElement).color,
          land: q('#map path.country').fill,
          sea: q('#map').backgroundColor,
          timeline: q('.timeline').backgroundColor,
          line: q('.timeline .fatalities-line').stroke,
        };
      });
      await page.close();
      return found;
    };
    const lightness = (rgb: string) => {
      const [r, g, b] = (rgb.match(/\d+/g) ?? []).map(Number);
      return ((r ?? 0) + (g ?? 0) + (b ?? 0)) / 3;
    };
    const light = await colours('light');
    const dark = await colours('dark');
    for (const key of ['page', 'land', 'sea', 'timeline'] as const) {
      expect({ key, light: lightness(light[key]) > 180 }).toEqual({ key, light: true });
      expect({ key, dark: lightness(dark[key]) < 80 }).toEqual({ key, dark: true });
    }
    for (const key of ['text', 'line'] as const) {
      expect({ key, light: lightness(light[key]) < 80 }).toEqual({ key, light: true });
      expect({ key, dark: lightness(dark[key]) > 180 }).toEqual({ key, dark: true });
    }
  });

  it('does not scroll when a filter changes', async () => {
    const page = await open(`${samplesUrl}/`, { width: 800, height: 500 });
    // at the foot of the list, with a filter focused (as after choosing from it with the keyboard), a change that
    // keeps every event: the page is as long as before, so nothing but a jump could move it
    await page.evaluate(() => {
      const g = globalThis as unknown as BrowserGlobal;
      g.document.querySelector('#f-from')!.focus({ preventScroll: true });
      g.scrollTo(0, g.document.body.scrollHeight);
    });
    const before = await page.evaluate(() => (globalThis as unknown as BrowserGlobal).scrollY);
    expect(before).toBeGreaterThan(1000);
    await page.evaluate(() => {
      const g = globalThis as unknown as BrowserGlobal;
      const from = g.document.querySelector('#f-from')!;
      from.value = '2000-01-01';
      from.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await page.waitForFunction(() =>
      (globalThis as unknown as { location: { hash: string } }).location.hash.includes('from=2000-01-01'),
    );
    await ready(page);
    await page.waitForTimeout(200);
    expect(await page.evaluate(() => (globalThis as unknown as BrowserGlobal).scrollY)).toBe(before);
    expect(
      await page.evaluate(
        () =>
          (globalThis as unknown as { document: { activeElement: { id: string } } }).document.activeElement
            .id,
      ),
    ).toBe('f-from');
    await page.close();
  });
});
