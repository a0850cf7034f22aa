import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { BrowserContext, Page } from 'playwright-core';
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
  readonly document: { querySelectorAll(selector: string): { readonly length: number } };
  readonly __pwned?: string;
}

/** Written for this test: an incident report carrying markup that must stay inert text. */
const HOSTILE_HTML = `<!doctype html><html><head><title>Ambush report <img src=x onerror="window.__pwned='title'"></title>
<script>window.__pwned = 'head';</script></head><body><article><h1>Ambush near Panjgur</h1>
<p>Gunmen ambushed a levies patrol near Panjgur on Sunday, killing two levies personnel, officials said.
<img src="nowhere.png" onerror="window.__pwned='img'; alert('img')"> <script>window.__pwned='body'; alert('script')</script></p>
<p>A resident wrote &lt;script&gt;alert('escaped')&lt;/script&gt; and &lt;img src=y onerror=alert(1)&gt; in a message to the paper, which the editors printed verbatim to show the threats they receive.</p>
<p>The road to the town was closed for several hours after the ambush while security forces searched nearby hills.</p>
</article></body></html>`;

const HOSTILE_TEXT =
  'Militants attacked a police station in Kharan on Tuesday, killing four policemen, a police official said. ' +
  'A note left at the site read <script>window.__pwned="text";alert("text")</script> and <img src=z onerror="alert(2)">.';

describe.skipIf(!run)('the page in a real browser', () => {
  let webRoot: string;
  let seeded: Store;
  let samples: Store;
  let seededApp: FastifyInstance;
  let samplesApp: FastifyInstance;
  let seededUrl: string;
  let samplesUrl: string;
  let browser: { context: BrowserContext; close: () => Promise<void> };
  const dialogs: string[] = [];

  beforeAll(async () => {
    const knowledge = projectKnowledge();
    webRoot = await buildPage();
    seeded = await seededStore();
    samples = await openSqliteStore({ path: ':memory:' });
    const samplesDir = join(import.meta.dirname, '..', '..', 'samples');
    await ingestInputs(
      { store: samples, knowledge, report: () => undefined },
      readInputs([samplesDir], { maxBytes: 5 * 1024 * 1024, timeoutMs: 5000 }),
      { maxBytes: 5 * 1024 * 1024 },
    );
    seededApp = buildApp({
      store: seeded,
      knowledge,
      config: { apiToken: null, host: '127.0.0.1', webRoot },
    });
    samplesApp = buildApp({
      store: samples,
      knowledge,
      config: { apiToken: null, host: '127.0.0.1', webRoot },
    });
    seededUrl = await listen(seededApp);
    samplesUrl = await listen(samplesApp);
    browser = await launchBrowser();
    browser.context.on('page', (p) =>
      p.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      }),
    );
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await Promise.all([seededApp?.close(), samplesApp?.close()]);
    await Promise.all([seeded?.close(), samples?.close()]);
    if (webRoot) await rm(webRoot, { recursive: true, force: true });
  });

  async function open(url: string): Promise<Page> {
    const page = await browser.context.newPage();
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(url);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 15_000 });
    return page;
  }

  it('loads the samples: markers or clusters on the map, bars on the timeline, a list', async () => {
    const page = await open(`${samplesUrl}/`);
    const markers = await page.locator('.event-marker, .cluster').count();
    expect(markers).toBeGreaterThan(0);
    expect(await page.locator('.timeline rect.bar').count()).toBeGreaterThan(0);
    expect(await page.locator('.event-list li').count()).toBeGreaterThan(0);
    expect(await page.locator('.leaflet-overlay-pane path').count()).toBeGreaterThan(10);
    await page.close();
  });

  it('serves the built bundle compressed and cached for good, and index.html revalidated', async () => {
    const index = await fetch(`${samplesUrl}/`, { headers: { 'accept-encoding': 'br, gzip' } });
    expect(index.headers.get('cache-control')).toBe('no-cache');
    const html = await index.text();
    const script = /<script[^>]+src="([^"]+\.js)"/.exec(html)?.[1];
    const style = /<link[^>]+href="([^"]+\.css)"/.exec(html)?.[1];
    expect(script).toMatch(/^\/assets\/index-[\w-]{8,}\.js$/);
    for (const [url, encoding] of [
      [script!, 'br'],
      [style!, 'br'],
      [script!, 'gzip'],
    ] as const) {
      const res = await fetch(`${samplesUrl}${url}`, { headers: { 'accept-encoding': encoding } });
      expect({ url, encoding: res.headers.get('content-encoding') }).toEqual({ url, encoding });
      expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      await res.arrayBuffer();
    }
  });

  it('narrows the list with a filter and keeps the filter in the URL', async () => {
    const page = await open(`${seededUrl}/`);
    expect(await page.locator('.event-list li').count()).toBe(4);
    await page.selectOption('#f-type', 'Explosions/Remote violence');
    await page.waitForFunction(
      () => (globalThis as unknown as BrowserGlobal).document.querySelectorAll('.event-list li').length === 1,
    );
    expect(page.url()).toContain('type=Explosions%2FRemote+violence');
    expect(await page.locator('.event-list li').first().textContent()).toContain('Quetta');
    const exportHref = await page.locator('.downloads a').first().getAttribute('href');
    expect(exportHref).toContain('type=Explosions');
    // the view's feeds carry the filter too: following one gives the one event listed
    const feeds = await page
      .locator('.subscribe a')
      .evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
    expect(feeds.map((href) => href.split('?')[0])).toEqual(['/api/events.atom', '/api/events.rss']);
    for (const href of feeds) {
      const body = await (await fetch(`${seededUrl}${href}`)).text();
      expect(body.match(/<(entry|item)>/g)?.length, href).toBe(1);
      expect(body).toContain('Quetta');
    }
    // the shared URL reproduces the view
    const again = await open(page.url());
    expect(await again.locator('.event-list li').count()).toBe(1);
    await again.close();
    await page.close();
  });

  it('shows an event with two sources’ claims side by side and their sentences highlighted', async () => {
    const page = await open(`${seededUrl}/#/event/ev-turbat`);
    await page.waitForSelector('.sources .source');
    const sources = page.locator('.sources .source');
    expect(await sources.count()).toBe(2);
    const boxes = await Promise.all([sources.nth(0).boundingBox(), sources.nth(1).boundingBox()]);
    expect(Math.abs(boxes[0]!.y - boxes[1]!.y)).toBeLessThan(2);
    expect(boxes[0]!.x).not.toBe(boxes[1]!.x);
    const marks = await page.locator('.source mark').allTextContents();
    expect(marks).toContain('twelve soldiers were killed');
    expect(marks).toContain('three soldiers were killed');
    expect(await page.locator('table.claims tbody tr').count()).toBe(2);
    expect(await page.locator('table.figures').textContent()).toContain('Coast Courier');
    await page.close();
  });

  it('adds a pasted article and shows its events', async () => {
    const page = await open(`${samplesUrl}/#/add`);
    await page.fill('#a-content', HOSTILE_TEXT);
    await page.fill('#a-published', '2025-08-14');
    await page.fill('#a-publisher', 'Test <b>Gazette</b>');
    await page.click('button[type=submit]');
    await page.waitForSelector('.added-events li a', { timeout: 20_000 });
    await page.locator('.added-events li a').first().click();
    await page.waitForSelector('.sources .source');
    const text = await page.locator('.source-text').first().textContent();
    expect(text).toContain('<script>window.__pwned="text"');
    expect(await page.locator('.source h3').first().textContent()).toBe('Test <b>Gazette</b>');
    expect(await page.evaluate(() => (globalThis as unknown as BrowserGlobal).__pwned)).toBeUndefined();
    await page.close();
  });

  it('ingests an HTML article with script tags and onerror attributes and runs none of them', async () => {
    const res = await fetch(`${samplesUrl}/api/documents`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        html: HOSTILE_HTML,
        publisher: 'Hostile <i>Herald</i>',
        published: '2025-08-18',
      }),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { events: { id: string }[] };
    expect(body.events.length).toBeGreaterThan(0);
    const page = await open(`${samplesUrl}/#/event/${encodeURIComponent(body.events[0]!.id)}`);
    await page.waitForSelector('.sources .source');
    const text = await page.locator('.source-text').first().textContent();
    expect(text).toContain("<script>alert('escaped')</script>");
    await page.goto(`${samplesUrl}/#/`);
    await page.waitForSelector('body[data-ready="true"]');
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (globalThis as unknown as BrowserGlobal).__pwned)).toBeUndefined();
    expect(await page.locator('img[src="nowhere.png"], script:not([src])').count()).toBe(0);
    expect(dialogs).toEqual([]);
    await page.close();
  });
});
