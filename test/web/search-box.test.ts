import { rm } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import type { Store } from '../../src/store/store.js';
import { projectKnowledge } from '../helpers/knowledge.js';
import { seededStore } from '../server/seed-store.js';
import { browserAvailable, buildPage, launchBrowser, listen } from './page-harness.js';

const run = browserAvailable();

/** What the tests read of the page's globals (the test tsconfig has no DOM library). */
interface BrowserGlobal {
  readonly location: { readonly hash: string };
  readonly document: {
    readonly activeElement: { readonly id: string; readonly selectionStart?: number | null } | null;
    querySelector(selector: string): unknown;
    querySelectorAll(selector: string): ArrayLike<unknown>;
  };
}

describe.skipIf(!run)('the search box of the map page', () => {
  let webRoot: string;
  let store: Store;
  let app: FastifyInstance;
  let url: string;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  const requests: string[] = [];

  beforeAll(async () => {
    webRoot = await buildPage();
    store = await seededStore();
    app = buildApp({
      store,
      knowledge: projectKnowledge(),
      config: { apiToken: null, host: '127.0.0.1', webRoot },
    });
    app.addHook('onRequest', async (request) => {
      if (request.url.startsWith('/api/events?')) requests.push(request.url);
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

  async function open(hash: string): Promise<Page> {
    const page = await browser.context.newPage();
    await page.goto(`${url}/${hash}`);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 15_000 });
    await page.waitForSelector('#f-q');
    return page;
  }

  const hashOf = (page: Page) => page.evaluate(() => (globalThis as unknown as BrowserGlobal).location.hash);

  it('searches as the reader pauses, keeps the query in the URL, and leaves them typing in the box', async () => {
    const page = await open('#/');
    expect(await page.locator('.event-list li').count()).toBe(4);
    requests.length = 0;
    await page.locator('#f-q').pressSequentially('roadside bomb', { delay: 20 });
    await page.waitForFunction(() =>
      (globalThis as unknown as BrowserGlobal).location.hash.includes('q=roadside+bomb'),
    );
    await page.waitForSelector('body[data-ready="true"]');
    await page.waitForFunction(
      () => (globalThis as unknown as BrowserGlobal).document.querySelectorAll('.event-list li').length === 1,
    );
    expect(await page.locator('.count').textContent()).toBe('1 event');
    expect(await page.locator('.event-list li a').first().getAttribute('href')).toContain('q=roadside+bomb');
    // debounced: one list request for the whole phrase, not one per key
    expect(
      requests.filter((r) => r.includes('q=')).map((r) => new URL(r, url).searchParams.get('q')),
    ).toEqual(['roadside bomb']);
    const focus = await page.evaluate(() => {
      const a = (globalThis as unknown as BrowserGlobal).document.activeElement;
      return { id: a?.id, caret: a?.selectionStart };
    });
    expect(focus).toEqual({ id: 'f-q', caret: 'roadside bomb'.length });
    // the downloads carry the search
    expect(await page.locator('.downloads a').first().getAttribute('href')).toContain('q=roadside+bomb');
    await page.close();
  });

  it('opens a shared URL with its search in the box and applied, and names the query when nothing matches', async () => {
    const page = await open('#/?q=ambushed');
    expect(await page.locator('#f-q').inputValue()).toBe('ambushed');
    expect(await page.locator('.count').textContent()).toBe('1 event');
    await page.locator('#f-q').fill('"convoy ambushed" nowhere');
    await page.locator('#f-q').press('Enter');
    await page.waitForFunction(
      () => (globalThis as unknown as BrowserGlobal).document.querySelector('.empty-hint') !== null,
    );
    const hint = await page.locator('.empty-hint').textContent();
    expect(hint).toContain('No event matches the search “"convoy ambushed" nowhere”');
    expect(await hashOf(page)).toContain('q=%22convoy+ambushed%22+nowhere');
    // the way out keeps the other filters and drops the search
    await page.locator('.empty-hint a').click();
    await page.waitForFunction(
      () => (globalThis as unknown as BrowserGlobal).document.querySelectorAll('.event-list li').length === 4,
    );
    expect(await page.locator('#f-q').inputValue()).toBe('');
    await page.close();
  });

  it('applies the search alone, leaving a half-typed filter for Enter', async () => {
    const page = await open('#/?type=Battles');
    await page.locator('#f-admin1').fill('Balo');
    await page.locator('#f-q').pressSequentially('convoy', { delay: 20 });
    await page.waitForFunction(() =>
      (globalThis as unknown as BrowserGlobal).location.hash.includes('q=convoy'),
    );
    expect(await hashOf(page)).toBe('#/?q=convoy&type=Battles');
    await page.waitForSelector('body[data-ready="true"]');
    expect(await page.locator('.status.error').count()).toBe(0);
    await page.close();
  });

  it('clears the search with the other filters', async () => {
    const page = await open('#/?q=roadside&admin1=Balochistan');
    expect(await page.locator('.count').textContent()).toBe('1 event');
    await page.locator('button[type="reset"]').click();
    await page.waitForFunction(
      () => (globalThis as unknown as BrowserGlobal).document.querySelectorAll('.event-list li').length === 4,
    );
    expect(await hashOf(page)).toBe('#/');
    await page.close();
  });
});
