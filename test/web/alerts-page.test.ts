import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { Store } from '../../src/store/store.js';
import { cli } from '../helpers/cli.js';
import { projectKnowledge } from '../helpers/knowledge.js';
import { browserAvailable, buildPage, launchBrowser, listen } from './page-harness.js';

const run = browserAvailable();

describe.skipIf(!run)('the Alerts page in a real browser', () => {
  let dir: string;
  let webRoot: string;
  let store: Store;
  let app: FastifyInstance;
  let url: string;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'faultline-alerts-page-'));
    const db = join(dir, 'alerts.db');
    const article = join(dir, 'panjgur.txt');
    // the police's four against the group's eleven: contested, read at its reconciled best
    await writeFile(
      article,
      'Gunmen killed four soldiers in an attack on a checkpost in Panjgur district on Monday, police said. ' +
        'The Baloch Liberation Army claimed that 11 soldiers were killed in the attack.\n',
    );
    expect(
      (await cli(['alerts', 'add', '--admin2', 'Panjgur', '--min-fatalities', '3', '--db', db])).code,
    ).toBe(0);
    expect((await cli(['alerts', 'add', '--actor', 'TTP', '--db', db])).code).toBe(0);
    expect((await cli(['ingest', article, '--published', '2025-05-07', '--db', db])).code).toBe(0);
    webRoot = await buildPage();
    store = await openSqliteStore({ path: db });
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
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('shows each rule, the firing with its contested evidence, and leads to the event behind it', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${url}/#/alerts`);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 15_000 });
    await expect.poll(() => page.locator('.alert-rules li').count()).toBe(2);
    const firings = page.locator('.alert-firing');
    // only the Panjgur rule fired: no event names the TTP
    expect(await firings.count()).toBe(1);
    const card = firings.first();
    expect(await card.locator('h2').textContent()).toMatch(/Panjgur/);
    const evidence = card.locator('.alert-evidence li');
    expect(await evidence.count()).toBe(1);
    const text = (await evidence.first().textContent()) ?? '';
    expect(text).toContain('Panjgur');
    expect(text).toContain('4 killed (4–11)');
    expect(text).toMatch(/contested: .*Baloch Liberation Army 11/);
    expect(await card.locator('.alert-delivery').textContent()).toContain('no webhook');
    await evidence.first().locator('a').click();
    await page.waitForFunction(() =>
      (globalThis as unknown as { location: { hash: string } }).location.hash.startsWith('#/event/'),
    );
    await page.waitForSelector('body[data-ready="true"]');
    // the event page: its type as the heading, its place and both claims below
    expect(await page.locator('h1').first().textContent()).toBe('Battles: Armed clash');
    await expect.poll(() => page.locator('main').textContent()).toContain('Panjgur');
    expect(await page.locator('.alert-firing').count()).toBe(0);
    await page.close();
  });
});
