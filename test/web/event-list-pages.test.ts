import { rm } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import type { Store } from '../../src/store/store.js';
import { projectKnowledge } from '../helpers/knowledge.js';
import { pagedStore } from '../server/paged-store.js';
import { browserAvailable, buildPage, launchBrowser, listen } from './page-harness.js';

describe.skipIf(!browserAvailable())('the event list in a real browser', () => {
  let webRoot: string;
  let store: Store;
  let app: FastifyInstance;
  let url: string;

  beforeAll(async () => {
    webRoot = await buildPage();
    store = await pagedStore();
    // a threshold below the 120 events, and the store's own reads (the event index counts exactly), so that the
    // page must show the total as an estimate
    app = buildApp({
      store,
      knowledge: projectKnowledge(),
      config: { apiToken: null, host: '127.0.0.1', webRoot, exactTotalUpTo: 30, eventIndex: false },
    });
    url = await listen(app);
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await store?.close();
    if (webRoot) await rm(webRoot, { recursive: true, force: true });
  });

  it('labels an estimated total and pages on by the cursor to the last event, each once', async () => {
    const browser = await launchBrowser();
    try {
      const page = await browser.context.newPage();
      await page.goto(`${url}/#/`);
      await page.waitForSelector('body[data-ready="true"]', { timeout: 15_000 });
      expect(await page.textContent('.count')).toBe('about 120 events');
      const more = page.locator('button.more');
      for (let clicks = 0; clicks < 5 && (await more.isVisible()); clicks++) {
        const before = await page.locator('.listing li').count();
        await more.click();
        await page.waitForFunction(
          (n) =>
            (
              globalThis as unknown as { document: { querySelectorAll(s: string): { length: number } } }
            ).document.querySelectorAll('.listing li').length > n,
          before,
        );
      }
      expect(await more.isVisible()).toBe(false);
      const ids = await page
        .locator('.listing li a[data-id]')
        .evaluateAll((links) => links.map((a) => (a as unknown as { dataset: { id: string } }).dataset.id));
      expect(ids).toHaveLength(120);
      expect(new Set(ids).size).toBe(120);
      expect(ids[0]).toBe('ev-q119');
      expect(ids[119]).toBe('ev-q000');
    } finally {
      await browser.close();
    }
  }, 60_000);
});
