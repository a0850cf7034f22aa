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
import { browserAvailable, buildPage, launchBrowser, listen } from './page-harness.js';

const run = browserAvailable();

/** The map's markers and clusters. */
const ITEMS = '#map .event-marker, #map .cluster';

/** What the tests read of the page's elements (the test tsconfig has no DOM library). */
interface Node {
  readonly className: unknown;
  readonly id: string;
  readonly tagName: string;
  readonly tabIndex: number;
  readonly style: { readonly transform: string };
  getAttribute(name: string): string | null;
  getBoundingClientRect(): { readonly x: number; readonly y: number };
}
interface BrowserGlobal {
  readonly document: {
    readonly activeElement: Node | null;
    querySelector(selector: string): Node | null;
    querySelectorAll(selector: string): ArrayLike<Node>;
  };
}

/** The focused element, as far as the tests need it. */
interface Focused {
  readonly kind: 'marker' | 'cluster' | 'map' | 'other';
  readonly role: string | null;
  readonly label: string | null;
  readonly tabIndex: number;
}

function focusedOf(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const a = (globalThis as unknown as BrowserGlobal).document.activeElement;
    const cls = typeof a?.className === 'string' ? a.className : '';
    const kind = /\bevent-marker\b/.test(cls)
      ? 'marker'
      : /\bcluster\b/.test(cls)
        ? 'cluster'
        : a?.id === 'map'
          ? 'map'
          : 'other';
    return {
      kind,
      role: a?.getAttribute('role') ?? null,
      label: a?.getAttribute('aria-label') ?? null,
      tabIndex: a?.tabIndex ?? -1,
    };
  });
}

describe.skipIf(!run)('the map from the keyboard', () => {
  let webRoot: string;
  let samples: Store;
  let app: FastifyInstance;
  let url: string;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;

  beforeAll(async () => {
    const knowledge = projectKnowledge();
    webRoot = await buildPage();
    samples = await openSqliteStore({ path: ':memory:' });
    await ingestInputs(
      { store: samples, knowledge, report: () => undefined },
      readInputs([join(import.meta.dirname, '..', '..', 'samples')], {
        maxBytes: 5 * 1024 * 1024,
        timeoutMs: 5000,
      }),
      { maxBytes: 5 * 1024 * 1024 },
    );
    app = buildApp({ store: samples, knowledge, config: { apiToken: null, host: '127.0.0.1', webRoot } });
    url = await listen(app);
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await samples?.close();
    if (webRoot) await rm(webRoot, { recursive: true, force: true });
  });

  /** The map page of the samples, with the keyboard focus on the map itself. */
  async function openMap(): Promise<Page> {
    const page = await browser.context.newPage();
    await page.goto(`${url}/`);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 15_000 });
    await page.waitForSelector(ITEMS);
    await page.locator('#map').focus();
    return page;
  }

  /** Presses Tab until a map item of the wanted kind has the focus. */
  async function tabTo(page: Page, kind: 'marker' | 'cluster', limit = 40): Promise<Focused> {
    for (let i = 0; i < limit; i++) {
      await page.keyboard.press('Tab');
      const f = await focusedOf(page);
      if (f.kind === kind) return f;
    }
    throw new Error(`no ${kind} within ${limit} presses of Tab`);
  }

  it('makes every marker and cluster a named button, reached by Tab right after the map', async () => {
    const page = await openMap();
    const items = await page.evaluate(
      (selector) =>
        Array.from((globalThis as unknown as BrowserGlobal).document.querySelectorAll(selector), (e) => ({
          role: e.getAttribute('role'),
          label: e.getAttribute('aria-label'),
          tabIndex: e.tabIndex,
        })),
      ITEMS,
    );
    expect(items.length).toBeGreaterThan(1);
    for (const item of items) {
      expect(item.role).toBe('button');
      expect(item.tabIndex).toBe(0);
      expect(item.label).toMatch(
        /^(\d+ events near .+, \d+ killed|.+, \d{4}-\d{2}-\d{2}, (\d+ killed|fatalities unknown))$/,
      );
    }
    await page.keyboard.press('Tab');
    const first = await focusedOf(page);
    expect(['marker', 'cluster']).toContain(first.kind);
    expect(first.label).toBe(items[0]!.label);
    // Escape hands the focus back to the map, whose arrow keys still pan it
    await page.keyboard.press('Escape');
    expect((await focusedOf(page)).kind).toBe('map');
    const transform = () =>
      page.evaluate(
        () =>
          (globalThis as unknown as BrowserGlobal).document.querySelector('.leaflet-map-pane')!.style
            .transform,
      );
    const before = await transform();
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(
      (t) =>
        (globalThis as unknown as BrowserGlobal).document.querySelector('.leaflet-map-pane')!.style
          .transform !== t,
      before,
    );
    await page.close();
  });

  it('opens a cluster on Enter (zooming in, or fanning out events on one point), keeping the focus on the part that holds its first event', async () => {
    const page = await openMap();
    const cluster = await tabTo(page, 'cluster');
    expect(cluster.label).toMatch(/^\d+ events near /);
    const before = await page.locator(ITEMS).count();
    await page.keyboard.press('Enter');
    // the cluster split (the samples hold two events on one district seat): the map now draws more markers and clusters than before
    await page.waitForFunction(
      ([selector, n]) =>
        (globalThis as unknown as BrowserGlobal).document.querySelectorAll(selector).length > n,
      [ITEMS, before] as const,
    );
    const after = await focusedOf(page);
    expect(['marker', 'cluster']).toContain(after.kind);
    expect(after.label).not.toBe(cluster.label);
    await page.close();
  });

  it('opens an event on Enter on its marker and puts the focus on its heading', async () => {
    const page = await openMap();
    const marker = await tabTo(page, 'marker');
    const [type, date] = [marker.label!.split(', ')[0]!, /\d{4}-\d{2}-\d{2}/.exec(marker.label!)![0]];
    await page.keyboard.press('Enter');
    await page.waitForSelector('body[data-view="event"][data-ready="true"]');
    expect(page.url()).toContain('#/event/');
    expect(await page.locator('h1').textContent()).toContain(type);
    expect(await page.locator('.facts').textContent()).toContain(date);
    expect(
      await page.evaluate(() => (globalThis as unknown as BrowserGlobal).document.activeElement?.tagName),
    ).toBe('H1');
    await page.close();
  });
});
