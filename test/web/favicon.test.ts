import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { Store } from '../../src/store/store.js';
import { projectKnowledge } from '../helpers/knowledge.js';
import { browserAvailable, buildPage, launchBrowser, listen } from './page-harness.js';

/** The href of the page's `<link rel="icon">`, or undefined. */
function iconHref(html: string): string | undefined {
  const link = /<link\s[^>]*rel="icon"[^>]*>/i.exec(html)?.[0];
  return link ? /\shref="([^"]+)"/.exec(link)?.[1] : undefined;
}

describe('the page icon', () => {
  let webRoot: string;
  let store: Store;
  let app: FastifyInstance;
  let url: string;

  beforeAll(async () => {
    webRoot = await buildPage();
    store = await openSqliteStore({ path: ':memory:' });
    app = buildApp({
      store,
      knowledge: projectKnowledge(),
      config: { apiToken: null, host: '127.0.0.1', webRoot },
    });
    url = await listen(app);
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await store?.close();
    if (webRoot) await rm(webRoot, { recursive: true, force: true });
  });

  it('is declared in the source page', async () => {
    const source = await readFile(join(import.meta.dirname, '..', '..', 'web', 'index.html'), 'utf8');
    expect(iconHref(source)).toBe('./favicon.svg');
  });

  it('is a same-origin file of the built page, served with 200 as SVG under the CSP', async () => {
    const page = await app.inject('/');
    expect(page.statusCode).toBe(200);
    const href = iconHref(page.body);
    // a path on this server: the browser asks for it instead of /favicon.ico, and img-src 'self' allows it
    expect(href).toMatch(/^\/[^/]/);
    expect(page.headers['content-security-policy']).toContain("img-src 'self'");
    const icon = await app.inject(href ?? '/missing');
    expect(icon.statusCode).toBe(200);
    expect(icon.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(icon.body).toMatch(/^<svg\b/);
  });

  it.skipIf(!browserAvailable())(
    'loads in a browser with no failed request (no 404 for /favicon.ico)',
    async () => {
      const browser = await launchBrowser();
      try {
        const page = await browser.context.newPage();
        const answers: { status: number; path: string }[] = [];
        page.on('response', (r) => answers.push({ status: r.status(), path: new URL(r.url()).pathname }));
        await page.goto(`${url}/`);
        await page.waitForSelector('body[data-ready="true"]', { timeout: 15_000 });
        for (let i = 0; i < 50 && !answers.some((a) => a.path.endsWith('.svg')); i++)
          await page.waitForTimeout(100);
        expect(answers.filter((a) => a.status >= 400)).toEqual([]);
        expect(answers.find((a) => a.path.endsWith('.svg'))?.status).toBe(200);
        expect(answers.map((a) => a.path)).not.toContain('/favicon.ico');
      } finally {
        await browser.close();
      }
    },
  );
});
