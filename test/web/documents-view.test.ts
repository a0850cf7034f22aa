import { rm } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Document } from '../../src/domain/index.js';
import { buildDocument } from '../../src/ingest/build-document.js';
import { ingestDocuments } from '../../src/pipeline/ingest-documents.js';
import { buildApp } from '../../src/server/app.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { Store } from '../../src/store/store.js';
import { projectKnowledge } from '../helpers/knowledge.js';
import { browserAvailable, buildPage, launchBrowser, listen } from './page-harness.js';

const run = browserAvailable();

/** Written for this test: two outlets on one attack in Turbat, and a bombing in Quetta. */
const ARTICLES = [
  {
    origin: 'turbat-gazette.txt',
    content:
      'QUETTA: Unidentified gunmen opened fire on a police checkpoint in Turbat on Monday, killing three policemen, ' +
      'a district police officer said. The attackers escaped on motorcycles.',
    meta: {
      url: 'https://news.example.org/turbat',
      title: 'Checkpoint attacked in Turbat',
      publisher: 'Test Gazette',
      published: '2025-06-10',
    },
  },
  {
    // a stored address that is no web page: it must never become a link
    origin: 'turbat-wire.jsonl#1',
    content:
      'Three policemen were killed on Monday when gunmen attacked a police checkpoint in Turbat, officials said. ' +
      'Police said the attackers fled on motorcycles.',
    meta: { url: 'javascript:alert(1)', title: null, publisher: 'Other Wire', published: '2025-06-10' },
  },
  {
    origin: 'quetta.txt',
    content:
      'A roadside bomb exploded near a police van in Quetta on Friday, killing two policemen, a police spokesman said. ' +
      'No group immediately claimed the blast.',
    meta: {
      url: 'http://example.net/quetta',
      title: 'Bomb hits police van in Quetta',
      publisher: 'Test Gazette',
      published: '2025-03-15',
    },
  },
];

/** What the tests read of the page's globals (the test tsconfig has no DOM library). */
interface BrowserGlobal {
  readonly document: {
    readonly activeElement: { readonly textContent: string | null; closest(s: string): unknown } | null;
    readonly documentElement: unknown;
    querySelector(selector: string): unknown;
    querySelectorAll(selector: string): { readonly length: number };
  };
  getComputedStyle(element: unknown): { readonly color: string; readonly backgroundColor: string };
}

describe.skipIf(!run)('the Documents view in a real browser', () => {
  let webRoot: string;
  let store: Store;
  let app: FastifyInstance;
  let url: string;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  const ids: string[] = [];

  beforeAll(async () => {
    const knowledge = projectKnowledge();
    webRoot = await buildPage();
    store = await openSqliteStore({ path: ':memory:' });
    const docs = ARTICLES.map((a) => {
      const doc = buildDocument({ ...a, format: 'text' }, { maxBytes: 100_000 });
      if (!(doc as Document).id) throw new Error(`fixture ${a.origin} not built`);
      return doc as Document;
    });
    ids.push(...docs.map((d) => d.id));
    await ingestDocuments({ store, knowledge, report: () => undefined }, docs);
    app = buildApp({ store, knowledge, config: { apiToken: null, host: '127.0.0.1', webRoot } });
    url = await listen(app);
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await store?.close();
    if (webRoot) await rm(webRoot, { recursive: true, force: true });
  });

  async function open(hash: string): Promise<Page> {
    const page = await browser.context.newPage();
    await page.goto(`${url}/${hash}`);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 15_000 });
    return page;
  }

  it('lists every source with its title, publisher, date, events and a link out only for http(s)', async () => {
    const page = await open('#/documents');
    expect(await page.title()).toBe('Documents · Faultline');
    expect(await page.locator('header nav a[aria-current="page"]').textContent()).toBe('Documents');
    const rows = page.locator('table.documents tbody tr');
    expect(await rows.count()).toBe(3);
    const cells = await rows.evaluateAll((trs) =>
      trs.map((tr) =>
        Array.from((tr as unknown as { children: ArrayLike<{ textContent: string | null }> }).children).map(
          (c) => c.textContent,
        ),
      ),
    );
    expect(cells).toContainEqual([
      'Checkpoint attacked in Turbat',
      'Test Gazette',
      '2025-06-10',
      '1 event',
      'Original',
    ]);
    expect(cells).toContainEqual(['Untitled document', 'Other Wire', '2025-06-10', '1 event', '—']);
    const out = page.locator('table.documents a[target="_blank"]');
    expect((await out.evaluateAll((as) => as.map((a) => a.getAttribute('href')))).sort()).toEqual([
      'http://example.net/quetta',
      'https://news.example.org/turbat',
    ]);
    expect(await page.locator('a[href^="javascript"]').count()).toBe(0);
    for (const rel of await out.evaluateAll((as) => as.map((a) => a.getAttribute('rel'))))
      expect(rel).toBe('noopener noreferrer');
    await page.close();
  });

  it("goes from the map's filters to their sources, and from a source to its events, by keyboard", async () => {
    const page = await open('#/?admin2=Kech');
    await page.locator('a.sources-link').click();
    await page.waitForSelector('table.documents');
    expect(page.url()).toMatch(/#\/documents\?admin2=Kech$/);
    expect(await page.locator('table.documents tbody tr').count()).toBe(2);
    // the nav's Documents tab carries the same filters
    expect(await page.locator('header nav a[data-view="documents"]').getAttribute('href')).toBe(
      '#/documents?admin2=Kech',
    );
    let reached = false;
    for (let i = 0; i < 40 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => {
        const active = (globalThis as unknown as BrowserGlobal).document.activeElement;
        return !!active?.closest('table.documents td.num') && /events?$/.test(active.textContent ?? '');
      });
    }
    expect(reached).toBe(true);
    await page.keyboard.press('Enter');
    await page.waitForURL(/document=/);
    // the previous view may still be marked ready when the URL changes: wait for the narrowed list itself
    await page
      .waitForFunction(
        () =>
          (globalThis as unknown as BrowserGlobal).document.querySelectorAll('.event-list li').length === 1,
        null,
        { timeout: 10_000 },
      )
      .catch(() => undefined);
    expect(await page.locator('.event-list li').count()).toBe(1);
    // the document filter is shown on the map, so that it can be seen and removed
    const shown = await page.locator('#f-document').inputValue();
    expect(ids).toContain(shown);
    await page.close();
  });

  it('says why the list is empty and offers the way out', async () => {
    const page = await open('#/documents?from=2030-01-01');
    const hint = page.locator('.empty-hint');
    expect(await hint.textContent()).toMatch(/No event matches these filters/);
    expect(await hint.locator('a').getAttribute('href')).toBe('#/documents');
    expect(await page.locator('table.documents').count()).toBe(0);
    await page.close();
  });

  it('follows the dark colour scheme', async () => {
    const page = await browser.context.newPage();
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto(`${url}/#/documents`);
    await page.waitForSelector('table.documents');
    const colours = await page.evaluate(() => {
      const g = globalThis as unknown as BrowserGlobal;
      return {
        page: g.getComputedStyle(g.document.documentElement).backgroundColor,
        cell: g.getComputedStyle(g.document.querySelector('table.documents tbody th')).color,
        link: g.getComputedStyle(g.document.querySelector('table.documents td.num a')).color,
      };
    });
    const lightness = (rgb: string) => {
      const [r, g, b] = (rgb.match(/\d+/g) ?? []).map(Number);
      return ((r ?? 0) + (g ?? 0) + (b ?? 0)) / 3;
    };
    expect(lightness(colours.page)).toBeLessThan(80);
    expect(lightness(colours.cell)).toBeGreaterThan(150);
    expect(lightness(colours.link)).toBeGreaterThan(120);
    await page.close();
  });
});
