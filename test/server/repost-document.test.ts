import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { Store } from '../../src/store/store.js';
import { projectKnowledge } from '../helpers/knowledge.js';

/** Written for these tests: one incident dated only by a weekday, so its day follows the published date. */
const ARTICLE =
  'QUETTA: Unidentified gunmen opened fire on a police checkpoint in Turbat on Monday, killing three policemen, ' +
  'a district police officer said. The attackers escaped on motorcycles and a search operation was launched in the area.';

/** Another outlet's report of the same incident, in its own words. */
const OTHER =
  'Three policemen were killed on Monday when gunmen attacked a police checkpoint in Turbat, officials said. ' +
  'Police said the attackers fled on motorcycles.';

interface Answer {
  documentId: string;
  outcome: string;
  changed: string[];
  events: { id: string; date: { start: string }; doc_ids: string[] }[];
  problems: string[];
}

const knowledge = projectKnowledge();
let store: Store;
let app: FastifyInstance;

beforeEach(async () => {
  store = await openSqliteStore({ path: ':memory:' });
  app = buildApp({
    store,
    knowledge,
    config: { apiToken: null, host: '127.0.0.1', webRoot: null, bodyLimit: 64 * 1024 },
  });
  await app.ready();
});

afterEach(async () => {
  await app.close();
  await store.close();
});

const post = (payload: object) => app.inject({ method: 'POST', url: '/api/documents', payload });
const postOk = async (payload: object): Promise<Answer> => {
  const res = await post(payload);
  expect(res.statusCode).toBe(200);
  return res.json() as Answer;
};
const events = async (query = ''): Promise<Answer['events']> =>
  (await app.inject(`/api/events?sort=date${query}`)).json().items;

describe('POST /api/documents of a text already stored', () => {
  it('re-extracts it under a new published date: the relative-date event moves to the new day', async () => {
    const first = await postOk({ text: ARTICLE, published: '2025-06-10', publisher: 'Test Gazette' });
    expect(first.events.map((e) => e.date.start)).toEqual(['2025-06-09']);
    // read once, so that the answer sits in the read cache
    expect((await events()).map((e) => e.date.start)).toEqual(['2025-06-09']);

    const again = await postOk({ text: ARTICLE, published: '2025-06-17' });
    expect(again.documentId).toBe(first.documentId);
    expect(again.outcome).toBe('updated');
    expect(again.changed).toEqual(['published']);
    expect(again.events.map((e) => e.date.start)).toEqual(['2025-06-16']);
    // the old event is gone, the cache with it, and nothing is left pending
    const now = await events();
    expect(now.map((e) => e.date.start)).toEqual(['2025-06-16']);
    expect(await store.countPendingMentions()).toBe(0);
    const doc = (await app.inject(`/api/documents/${first.documentId}`)).json();
    expect(doc).toMatchObject({ published: '2025-06-17', publisher: 'Test Gazette' });
  });

  it("keeps another outlet's report of the old day as its own event, re-resolved without the moved one", async () => {
    const first = await postOk({ text: ARTICLE, published: '2025-06-10', publisher: 'Test Gazette' });
    const other = await postOk({ text: OTHER, published: '2025-06-10', publisher: 'Other Wire' });
    const merged = await events();
    expect(merged).toHaveLength(1);
    expect([...merged[0]!.doc_ids].sort()).toEqual([first.documentId, other.documentId].sort());

    await postOk({ text: ARTICLE, published: '2025-06-17' });
    const split = await events();
    expect(split.map((e) => [e.date.start, e.doc_ids])).toEqual([
      ['2025-06-09', [other.documentId]],
      ['2025-06-16', [first.documentId]],
    ]);
    expect(await store.countPendingMentions()).toBe(0);
  });

  it('changes only the title when only a new title is given, and re-extracts nothing', async () => {
    const first = await postOk({
      text: ARTICLE,
      published: '2025-06-10',
      publisher: 'Test Gazette',
      url: 'https://news.example.org/turbat',
    });
    const again = await postOk({ text: ARTICLE, title: 'Checkpoint attacked in Turbat' });
    expect(again.outcome).toBe('updated');
    expect(again.changed).toEqual(['title']);
    expect(again.events.map((e) => e.id)).toEqual(first.events.map((e) => e.id));
    const doc = (await app.inject(`/api/documents/${first.documentId}`)).json();
    expect(doc).toMatchObject({
      title: 'Checkpoint attacked in Turbat',
      published: '2025-06-10',
      publisher: 'Test Gazette',
      url: 'https://news.example.org/turbat',
    });
    // the same metadata again is 'present', as before
    const same = await postOk({ text: ARTICLE, title: 'Checkpoint attacked in Turbat' });
    expect(same).toMatchObject({ outcome: 'present', changed: [] });
  });

  it("takes a new publisher into its events' sources and the publisher profiles", async () => {
    const first = await postOk({ text: ARTICLE, published: '2025-06-10', publisher: 'Test Gazette' });
    const again = await postOk({ text: ARTICLE, publisher: 'Frontier Wire' });
    expect(again).toMatchObject({ outcome: 'updated', changed: ['publisher'] });
    const listed = await events('&publisher=Frontier%20Wire');
    expect(listed.map((e) => e.id)).toEqual(first.events.map((e) => e.id));
    expect(await events('&publisher=Test%20Gazette')).toEqual([]);
    const names = (await app.inject('/api/publishers')).json().map((p: { name: string }) => p.name);
    expect(names).toEqual(['Frontier Wire']);
  });

  it.each([
    [{ url: 'javascript:alert(1)' }, 'FL_ERR_INPUT_SCHEME', 'body/url'],
    [{ url: 'not a url' }, 'FL_ERR_BAD_ARGUMENT', 'body/url'],
    [{ published: '2025-02-30' }, 'FL_ERR_BAD_DATE', 'body/published'],
    [{ title: 'x'.repeat(1001) }, 'FL_ERR_VALIDATION', 'title'],
  ])(
    'still refuses hostile metadata for a stored text (%j), changing nothing',
    async (metadata, code, field) => {
      const first = await postOk({
        text: ARTICLE,
        published: '2025-06-10',
        url: 'https://news.example.org/turbat',
        title: 'Checkpoint attack',
      });
      const res = await post({ text: ARTICLE, ...metadata });
      expect(res.statusCode).toBe(400);
      const body = res.json();
      if (code !== 'FL_ERR_VALIDATION') expect(body.error).toBe(code);
      expect(body.message).toContain(field);
      const doc = (await app.inject(`/api/documents/${first.documentId}`)).json();
      expect(doc).toMatchObject({
        url: 'https://news.example.org/turbat',
        published: '2025-06-10',
        title: 'Checkpoint attack',
      });
    },
  );
});

describe('GET /api/events/documents', () => {
  it('lists the sources behind the matching events, and the event list narrows to one of them', async () => {
    const first = await postOk({ text: ARTICLE, published: '2025-06-10', publisher: 'Test Gazette' });
    const other = await postOk({ text: OTHER, published: '2025-06-12', publisher: 'Other Wire' });
    const res = await app.inject('/api/events/documents?admin2=Kech');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total).toBe(2);
    expect(body.items).toEqual([
      expect.objectContaining({ id: other.documentId, publisher: 'Other Wire', events: 1 }),
      expect.objectContaining({ id: first.documentId, publisher: 'Test Gazette', events: 1 }),
    ]);
    expect((await app.inject('/api/events/documents?admin1=Sindh')).json()).toEqual({ total: 0, items: [] });
    expect((await app.inject('/api/events/documents?limit=1&offset=1')).json().items).toHaveLength(1);
    expect((await events(`&document=${first.documentId}`)).map((e) => e.id)).toEqual(
      first.events.map((e) => e.id),
    );
    const bad = await app.inject('/api/events/documents?limit=0');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('limit');
  });
});
