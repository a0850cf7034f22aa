import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { rm } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userWithPassword } from '../../src/auth/accounts.js';
import { buildApp } from '../../src/server/app.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { Store } from '../../src/store/store.js';
import { projectKnowledge } from '../helpers/knowledge.js';
import { browserAvailable, buildPage, launchBrowser, listen, signIn as signInPage } from './page-harness.js';

const run = browserAvailable();

/** Written for this test: a report with a town, a day and a figure. */
const ARTICLE =
  'Gunmen killed two guards at a toll plaza near Hub on Monday, police said. The attackers fled on motorcycles.';

describe.skipIf(!run)('signing in, in a real browser', () => {
  let webRoot: string;
  let store: Store;
  let app: FastifyInstance;
  let url: string;
  let attacker: Server;
  let attackerUrl: string;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;

  beforeAll(async () => {
    webRoot = await buildPage();
    store = await openSqliteStore({ path: ':memory:' });
    await userWithPassword(store, 'eda', 'editor', 'editor-password-1');
    await userWithPassword(store, 'vic', 'viewer', 'viewer-password-1');
    app = buildApp({
      store,
      knowledge: projectKnowledge(),
      config: { apiToken: null, host: '127.0.0.1', webRoot, readCacheWeight: 0 },
    });
    url = await listen(app);
    // Another site (localhost is not the same site as 127.0.0.1): a page that posts to Faultline by itself.
    attacker = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(`<!doctype html><form id="f" method="POST" action="${url}/api/documents" enctype="text/plain">
<input name='{"text":"${ARTICLE} Forged.","x":"' value='"}'></form>`);
    });
    await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
    attackerUrl = `http://localhost:${(attacker.address() as AddressInfo).port}`;
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    attacker?.closeAllConnections();
    await new Promise((resolve) => attacker?.close(resolve));
    await app?.close();
    await store?.close();
    if (webRoot) await rm(webRoot, { recursive: true, force: true });
  });

  const signIn = (name: string, password: string): Promise<Page> =>
    signInPage(browser.context, url, name, password);

  it('shows a sign-in link to nobody signed in, and no form to add an article', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${url}/#/add`);
    await page.waitForSelector('body[data-ready="true"]');
    expect(await page.locator('.account a.sign-in').textContent()).toBe('Sign in');
    expect(await page.locator('header nav a[href="#/add"]').isVisible()).toBe(false);
    expect(await page.locator('#a-content').count()).toBe(0);
    const wrong = await browser.context.newPage();
    await wrong.goto(`${url}/#/signin`);
    await wrong.waitForSelector('body[data-ready="true"]');
    await wrong.fill('#s-name', 'eda');
    await wrong.fill('#s-password', 'not-the-password');
    await wrong.click('.sign-in-form button[type=submit]');
    expect(await wrong.locator('.sign-in-result [role=alert]').textContent()).toBe(
      'user eda: wrong name or password',
    );
    await Promise.all([page.close(), wrong.close()]);
  });

  it('lets an editor sign in and add an article, the form sending the CSRF token', async () => {
    const page = await signIn('eda', 'editor-password-1');
    expect(await page.locator('.account .who').textContent()).toBe('Signed in as eda (editor)');
    expect(page.url()).toMatch(/#\/add$/);
    const before = await store.countDocuments();
    await page.fill('#a-content', ARTICLE);
    await page.fill('#a-published', '2026-03-03');
    await page.click('.add-form button[type=submit]');
    await page.waitForSelector('.add-result h2', { timeout: 20_000 });
    expect(await page.locator('.add-result h2').textContent()).toMatch(/^Added: \d+ events?$/);
    expect(await store.countDocuments()).toBe(before + 1);
    // the cookie is out of the page's reach
    expect(
      await page.evaluate(() => (globalThis as unknown as { document: { cookie: string } }).document.cookie),
    ).toBe('');
    await page.click('.account .sign-out');
    await page.waitForSelector('.account a.sign-in');
    expect(await page.locator('header nav a[href="#/add"]').isVisible()).toBe(false);
    await page.close();
  });

  it('shows a viewer no write controls, and the API answers its write with 403', async () => {
    const page = await signIn('vic', 'viewer-password-1');
    expect(page.url()).toMatch(/#\/$/);
    expect(await page.locator('header nav a[href="#/add"]').isVisible()).toBe(false);
    await page.goto(`${url}/#/add`);
    await page.waitForSelector('body[data-ready="true"]');
    expect(await page.locator('#a-content').count()).toBe(0);
    expect(await page.locator('main .status').textContent()).toBe(
      'Signed in as vic, a viewer: adding articles needs an editor.',
    );
    const answer = await page.evaluate(async (text) => {
      const session = (await (await fetch('/api/session')).json()) as { csrfToken: string };
      const res = await fetch('/api/documents', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
        body: JSON.stringify({ text }),
      });
      return { status: res.status, body: (await res.json()) as { error: string } };
    }, `${ARTICLE} A viewer tried.`);
    expect(answer.status).toBe(403);
    expect(answer.body.error).toBe('FL_ERR_FORBIDDEN');
    await page.close();
  });

  it("refuses a forged cross-site POST while the editor is signed in, and the page's own fetch without the token", async () => {
    const page = await signIn('eda', 'editor-password-1');
    const before = await store.countDocuments();
    const noToken = await page.evaluate(async (text) => {
      const res = await fetch('/api/documents', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text }),
      });
      return ((await res.json()) as { error: string }).error;
    }, `${ARTICLE} No token.`);
    expect(noToken).toBe('FL_ERR_CSRF');

    const forged = await browser.context.newPage();
    await forged.goto(attackerUrl);
    await Promise.all([
      forged.waitForURL(`${url}/api/documents`),
      forged.evaluate(() =>
        (globalThis as unknown as { document: { getElementById(id: string): { submit(): void } } }).document
          .getElementById('f')
          .submit(),
      ),
    ]);
    const answer = JSON.parse((await forged.locator('body').textContent()) ?? '{}') as { error: string };
    expect(answer.error).toBe('FL_ERR_CSRF');
    expect(await store.countDocuments()).toBe(before);
    await Promise.all([page.close(), forged.close()]);
  });
});
