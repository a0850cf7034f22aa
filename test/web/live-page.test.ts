import { rm } from 'node:fs/promises';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDocument } from '../../src/ingest/build-document.js';
import { ingestDocuments } from '../../src/pipeline/ingest-documents.js';
import { buildApp } from '../../src/server/app.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { Store } from '../../src/store/store.js';
import { projectKnowledge } from '../helpers/knowledge.js';
import { browserAvailable, buildPage, launchBrowser, listen } from './page-harness.js';

const run = browserAvailable();

/** What the tests read and write of the page's globals (the test tsconfig has no DOM library). */
interface BrowserGlobal {
  __sameDocument?: boolean;
  readonly document: { querySelectorAll(selector: string): { readonly length: number } };
}

/** Written for this test: two incidents, in Turbat and in Bannu. */
const TURBAT =
  'TURBAT: Gunmen on motorcycles attacked a police checkpoint in Turbat on Tuesday, killing two constables, ' +
  'a senior police official said. The attackers fled and security forces cordoned off the area.';
const BANNU =
  'BANNU: A roadside bomb struck a police van in Bannu on Wednesday, killing four policemen, officials said. ' +
  'No group claimed the blast.';

describe.skipIf(!run)('the live map page in a real browser', () => {
  const dir = mkdtempSync(join(tmpdir(), 'faultline-live-page-'));
  let webRoot: string;
  let served: Store;
  let writer: Store;
  let app: FastifyInstance;
  let base: string;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;

  /** The pipeline writing through its own handle on the file, as a `watch` process beside `serve` would. */
  async function ingest(text: string, published: string): Promise<void> {
    const doc = buildDocument(
      {
        origin: 'live-test',
        format: 'text',
        content: text,
        meta: { url: null, title: null, publisher: 'Wire', published },
      },
      { published, publisher: 'Wire', maxBytes: 1_000_000 },
    );
    if (doc instanceof Error) throw doc;
    await ingestDocuments({ store: writer, knowledge: projectKnowledge(), report: () => undefined }, [doc]);
  }

  beforeAll(async () => {
    webRoot = await buildPage();
    const path = join(dir, 'live.db');
    served = await openSqliteStore({ path });
    writer = await openSqliteStore({ path });
    app = buildApp({
      store: served,
      knowledge: projectKnowledge(),
      config: { apiToken: null, host: '127.0.0.1', webRoot, changePollMs: 200 },
    });
    base = await listen(app);
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await Promise.all([served?.close(), writer?.close()]);
    if (webRoot) await rm(webRoot, { recursive: true, force: true });
    rmSync(dir, { recursive: true, force: true });
  });

  async function open(): Promise<Page> {
    const page = await browser.context.newPage();
    await page.goto(`${base}/`);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 15_000 });
    await page.waitForSelector('.live-state[data-state="live"]', { timeout: 10_000 });
    await page.evaluate(() => ((globalThis as unknown as BrowserGlobal).__sameDocument = true));
    return page;
  }

  it('adds an event stored by another writer to the list and the map, marked new, without a reload', async () => {
    const page = await open();
    expect(await page.locator('.event-list li').count()).toBe(0);
    await ingest(TURBAT, '2025-07-02');
    const row = page.locator('.event-row.is-new', { hasText: 'Turbat' });
    await row.waitFor({ timeout: 10_000 });
    expect(await row.locator('.new-badge').textContent()).toBe('new');
    expect(await page.locator('.event-marker.is-new, .cluster.is-new').count()).toBeGreaterThan(0);
    expect(await page.locator('.count').textContent()).toMatch(/^[1-9]\d* events?$/);
    expect(await page.locator('.new-note').textContent()).toMatch(/new events? since you opened this view/);
    // the empty view's hint gave way to the download links
    expect(await page.locator('.empty-hint').count()).toBe(0);
    expect(await page.locator('.downloads').count()).toBe(1);
    expect(await page.evaluate(() => (globalThis as unknown as BrowserGlobal).__sameDocument)).toBe(true);

    // the reader marks them seen: badge, highlight and note go, the event stays
    await page.locator('.mark-seen').click();
    expect(await page.locator('.new-badge').count()).toBe(0);
    expect(await page.locator('.event-row.is-new').count()).toBe(0);
    expect(await page.locator('.event-marker.is-new, .cluster.is-new').count()).toBe(0);
    expect(await page.locator('.new-note').isHidden()).toBe(true);
    expect(await page.locator('.event-row', { hasText: 'Turbat' }).count()).toBeGreaterThan(0);
    await page.close();
  });

  it('misses nothing stored while its stream was cut: the browser reconnects and catches up', async () => {
    const page = await open();
    const rowsBefore = await page.locator('.event-row').count();
    // every open connection dropped at once, as a proxy or a network change would
    app.server.closeAllConnections();
    await page.waitForSelector('.live-state[data-state="reconnecting"]', { timeout: 5000 });
    await ingest(BANNU, '2025-07-03');
    const row = page.locator('.event-row.is-new', { hasText: 'Bannu' });
    await row.waitFor({ timeout: 15_000 });
    await page.waitForSelector('.live-state[data-state="live"]', { timeout: 5000 });
    expect(await page.locator('.event-row').count()).toBeGreaterThan(rowsBefore);
    expect(await page.evaluate(() => (globalThis as unknown as BrowserGlobal).__sameDocument)).toBe(true);
    await page.close();
  });
});
