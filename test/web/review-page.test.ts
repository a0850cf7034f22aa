import { rm } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userWithPassword } from '../../src/auth/accounts.js';
import { buildDocument } from '../../src/ingest/build-document.js';
import { ingestDocuments } from '../../src/pipeline/ingest-documents.js';
import { buildApp } from '../../src/server/app.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { Store, StoredEvent } from '../../src/store/store.js';
import { projectKnowledge } from '../helpers/knowledge.js';
import { makeStoredEvent } from '../store/event-fixtures.js';
import { makeDocument, makeExtraction, makeMention } from '../store/fixtures.js';
import { browserAvailable, buildPage, launchBrowser, listen, signIn as signInPage } from './page-harness.js';

const run = browserAvailable();

/** Written for this test: an attack with three dead, and another incident with one. */
const TEXTS = [
  'Gunmen attacked a police checkpoint in Turbat on Monday, killing three policemen, officials said. ' +
    'The attackers fled on motorcycles.',
  'A roadside bomb struck a paramilitary vehicle in Panjgur on Sunday, killing one soldier, a security official said.',
];

/** Where the screenshots go: beside the work, not in the repository. */
const SHOTS = '/work/review-shots';
const QUEUED = 50;

describe.skipIf(!run)('the review queue and the event editor, in a real browser', () => {
  let webRoot: string;
  let store: Store;
  let app: FastifyInstance;
  let url: string;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let turbat: StoredEvent;
  let panjgur: StoredEvent;

  beforeAll(async () => {
    webRoot = await buildPage();
    store = await openSqliteStore({ path: ':memory:' });
    const knowledge = projectKnowledge();
    const docs = TEXTS.map((content, i) => {
      const doc = buildDocument(
        { origin: `r${i}.txt`, format: 'text', content, meta: { published: '2025-06-10' } },
        { maxBytes: 100_000 },
      );
      if (!('kind' in doc)) throw doc;
      return doc;
    });
    await ingestDocuments({ store, knowledge, report: () => undefined }, docs);
    const events: StoredEvent[] = [];
    for await (const e of store.queryEvents({})) events.push(e);
    turbat = events.find((e) => e.record.location?.name === 'Turbat')!;
    panjgur = events.find((e) => e.record.location?.name === 'Panjgur')!;
    // fifty more machine-coded events, two killed each, on fifty days: the queue an editor works through
    for (let i = 0; i < QUEUED; i++) {
      const doc = makeDocument(1000 + i);
      await store.saveDocuments([doc]);
      await store.saveExtraction({ ...makeExtraction(doc.id), aggregates: [] });
      const day = new Date(Date.UTC(2025, 2, 1 + i)).toISOString().slice(0, 10);
      const event = makeStoredEvent(
        `ev_queued${String(i).padStart(3, '0')}`,
        [makeMention(doc.id, 0, { date: { start: day, end: day, precision: 'day' } })],
        [doc],
      );
      await store.replaceResolution({ mentionIds: event.mentionIds, events: [event], operations: [] });
    }
    await userWithPassword(store, 'eda', 'editor', 'editor-password-1');
    await userWithPassword(store, 'vic', 'viewer', 'viewer-password-1');
    app = buildApp({
      store,
      knowledge,
      config: { apiToken: null, host: '127.0.0.1', webRoot, readCacheWeight: 0 },
    });
    url = await listen(app);
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await store?.close();
    if (webRoot) await rm(webRoot, { recursive: true, force: true });
  });

  const signIn = (name: string, password: string): Promise<Page> =>
    signInPage(browser.context, url, name, password);

  async function open(page: Page, hash: string): Promise<void> {
    await page.goto(`${url}/${hash}`);
    const view = hash.startsWith('#/edit/') ? 'edit' : 'review';
    await page.waitForSelector(`body[data-ready="true"][data-view="${view}"]`);
  }

  it('shows a viewer the queue and the event without any edit control, and the API refuses its write', async () => {
    const page = await signIn('vic', 'viewer-password-1');
    await open(page, '#/review');
    await page.waitForSelector('.queue-item');
    expect(await page.locator('.queue-item').count()).toBe(QUEUED + 2);
    expect(await page.locator('.edit-link').count()).toBe(0);
    expect(await page.locator('p.keys').count()).toBe(0);
    await page.keyboard.press('c');
    await open(page, `#/edit/${turbat.record.id}`);
    await page.waitForSelector('.editor');
    expect(await page.locator('.edit-form, #b-save, #b-confirm, #b-merge').count()).toBe(0);
    expect(await page.locator('.editor-sources .source-text').count()).toBe(turbat.record.doc_ids.length);
    const answer = await page.evaluate(async (id) => {
      const session = (await (await fetch('/api/session')).json()) as { csrfToken: string };
      const res = await fetch(`/api/events/${id}/confirm`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
        body: JSON.stringify({ version: 1 }),
      });
      return { status: res.status, error: ((await res.json()) as { error: string }).error };
    }, turbat.record.id);
    expect(answer).toEqual({ status: 403, error: 'FL_ERR_FORBIDDEN' });
    expect(await store.listEventEdits(turbat.record.id)).toEqual([]);
    await page.close();
  });

  it('lets an editor correct a figure, confirm, merge, split a report out and choose the best claim, the history showing each change in order', async () => {
    const page = await signIn('eda', 'editor-password-1');
    await open(page, '#/review');
    await page.waitForSelector('.queue-item.selected');
    // most fatalities first: the Turbat attack (3 killed) is selected; e opens it in the editor
    expect(await page.locator('.queue-item.selected').getAttribute('data-id')).toBe(turbat.record.id);
    await page.keyboard.press('e');
    await page.waitForSelector('.edit-form', { timeout: 10_000 }).catch(async (e: unknown) => {
      throw new Error(`${String(e)}; at ${page.url()} page says: ${await page.locator('body').innerText()}`);
    });
    await page.screenshot({ path: `${SHOTS}/event-editor.png`, fullPage: true });
    await page.fill('#f-fat-best', '4');
    await page.fill('#f-fat-high', '4');
    await page.fill('#f-reason', 'the hospital counted four');
    await page.click('#b-save');
    await page
      .waitForSelector('#edit-status:has-text("Saved: fatalities")', { timeout: 15_000 })
      .catch(async (e: unknown) => {
        throw new Error(`${String(e)}; page says: ${await page.locator('main').innerText()}`);
      });
    await page.click('#b-confirm');
    await page.waitForSelector('#edit-status:has-text("Confirmed")');
    await page.fill('#f-merge-other', panjgur.record.id);
    await page.click('#b-merge');
    await page.waitForSelector('#edit-status:has-text("Merged")');
    const history = await page
      .locator('ol.history li')
      .evaluateAll((items) =>
        items.map((li) => [li.getAttribute('data-action'), li.getAttribute('data-field')]),
      );
    expect(history).toEqual([
      ['edit', 'fatalities'],
      ['confirm', ''],
      ['merge', ''],
    ]);
    expect(await page.locator('ol.history li').first().textContent()).toContain('the hospital counted four');
    await page.screenshot({ path: `${SHOTS}/event-editor-history.png`, fullPage: true });
    expect(await page.locator('.locks li[data-field="fatalities"]').textContent()).toContain(
      'the machine now reads 3',
    );
    const stored = await store.getEvent(turbat.record.id);
    expect(stored?.record.fatalities).toEqual({ low: 3, best: 4, high: 4 });
    expect(stored?.record).toMatchObject({ reviewed: true, reviewed_by: 'eda' });
    expect(stored?.record.doc_ids).toHaveLength(2);
    expect(await store.getEvent(panjgur.record.id)).toBeNull();
    // the event page shows the same record of changes, in the same order
    await page.goto(`${url}/#/event/${turbat.record.id}`);
    await page.waitForSelector('body[data-ready="true"][data-view="event"] ol.history');
    expect(
      await page
        .locator('ol.history li')
        .evaluateAll((items) => items.map((li) => li.getAttribute('data-action'))),
    ).toEqual(['edit', 'confirm', 'merge']);
    // back in the editor: the type pickers list the valid values, the current ones chosen
    await open(page, `#/edit/${turbat.record.id}`);
    await page.waitForSelector('.edit-form');
    expect(await page.locator('#f-type').inputValue()).toBe(stored?.record.event_type);
    expect(await page.locator('#f-subtype').inputValue()).toBe(stored?.record.sub_event_type);
    expect(await page.locator('#f-type option').count()).toBe(6);
    // the perpetrator typed by acronym is read against the actor table; the date's precision is a picker
    await page.fill('#f-actor1', 'BLA');
    await page.selectOption('#f-date-precision', 'week');
    await page.fill('#f-reason', 'the group claimed it');
    await page.click('#b-save');
    await page.waitForSelector('#edit-status:has-text("Saved: date, actor1")');
    const named = (await store.getEvent(turbat.record.id))!.record;
    expect(named.actor1).toMatchObject({ name: 'Baloch Liberation Army', type: 'rebel_group' });
    expect(named.date.precision).toBe('week');
    expect(await page.locator('#f-actor1').inputValue()).toBe('Baloch Liberation Army');
    // split the Panjgur report back out into its own event
    const panjgurDoc = panjgur.record.doc_ids[0]!;
    await page.selectOption('#f-split-doc', panjgurDoc);
    await page.fill('#f-reason', 'another place');
    await page.click('#b-split');
    await page.waitForSelector('#edit-status:has-text("Split the report out")');
    const split = await store.getEvent(turbat.record.id);
    expect(split?.record.doc_ids).toEqual(turbat.record.doc_ids);
    // with one source left there is nothing to split out
    expect(await page.locator('#b-split').count()).toBe(0);
    // choose the claim that sets the best figure: the officials' three, over the hand-set four
    const claim = split!.record.claims.findIndex((c) => c.metric === 'killed' && c.best === 3);
    expect(claim).toBeGreaterThanOrEqual(0);
    await page.selectOption('#f-claim', String(claim));
    await page.click('#b-claim');
    await page.waitForSelector('#edit-status:has-text("Best figure set from")');
    expect((await store.getEvent(turbat.record.id))?.record.fatalities?.best).toBe(3);
    expect(
      await page
        .locator('ol.history li')
        .evaluateAll((items) =>
          items.map((li) => [li.getAttribute('data-action'), li.getAttribute('data-field')]),
        ),
    ).toEqual([
      ['edit', 'fatalities'],
      ['confirm', ''],
      ['merge', ''],
      ['edit', 'date'],
      ['edit', 'actor1'],
      ['split', ''],
      ['choose_claim', 'fatalities'],
    ]);
    await page.screenshot({ path: `${SHOTS}/event-editor-split-claim.png`, fullPage: true });
    await page.close();
  }, 120_000);

  // the fifty, and the Panjgur event the editor test split back out
  const WAITING = QUEUED + 1;

  it(`confirms ${WAITING} queued events with the keyboard alone`, async () => {
    const page = await signIn('eda', 'editor-password-1');
    await open(page, '#/review');
    await page.waitForSelector('.queue-item.selected');
    expect(await page.locator('.queue-count').textContent()).toMatch(
      new RegExp(`^${WAITING} events to review`),
    );
    await page.screenshot({ path: `${SHOTS}/review-queue.png` });
    // j and k move the selection; the last confirmation leaves nothing
    await page.keyboard.press('j');
    await page.keyboard.press('k');
    const started = performance.now();
    for (let left = WAITING - 1; left >= 0; left--) {
      await page.keyboard.press('c');
      await page.waitForSelector(`.queue-count:text-matches("^${left} events? to review")`);
    }
    const seconds = (performance.now() - started) / 1000;
    console.log(`confirmed ${WAITING} queued events with the keyboard in ${seconds.toFixed(1)} s`);
    expect(seconds).toBeLessThan(300);
    expect((await store.reviewQueue({ limit: 10, offset: 0 })).total).toBe(0);
    let confirmed = 0;
    for await (const e of store.queryEvents({})) if (e.record.reviewed_by === 'eda') confirmed++;
    expect(confirmed).toBe(WAITING + 1);
    await page.close();
  }, 300_000);
});
