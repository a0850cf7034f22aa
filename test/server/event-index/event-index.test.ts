import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { eventIndex, type EventIndex } from '../../../src/server/event-index/event-index.js';
import {
  indexFollower,
  READ_PAGE,
  type IndexFollower,
} from '../../../src/server/event-index/index-follower.js';
import { openSqliteStore } from '../../../src/store/sqlite/sqlite-store.js';
import type { EventQuery, Store } from '../../../src/store/store.js';
import { makeOperation, makeStoredEvent } from '../../store/event-fixtures.js';
import { makeExtraction, makeMention } from '../../store/fixtures.js';
import { OPERATIONS, randomDocuments, randomEvents, randomQuery, rng } from './random-events.js';

let dir: string;
let store: Store;
let follower: IndexFollower;
let index: EventIndex;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'faultline-index-'));
  store = await openSqliteStore({ path: join(dir, 'index.db') });
  index = eventIndex();
  follower = indexFollower(store, index);
});

afterEach(async () => {
  follower.stop();
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

const docs = randomDocuments(12);

async function seed(count: number, seedNumber: number, prefix = 'ev'): Promise<void> {
  await store.saveDocuments(docs);
  const events = randomEvents(rng(seedNumber), count, docs, prefix);
  await store.replaceResolution({
    mentionIds: [],
    events,
    operations: OPERATIONS.map((id) => makeOperation(id, [], [])),
  });
}

async function dismiss(eventId: string): Promise<void> {
  const version = (await store.getEventReview(eventId))?.version ?? 1;
  await store.decideEvent({
    eventId,
    version,
    editor: { userId: null, name: 'api-token' },
    reason: null,
    decision: 'not_incident',
  });
}

/** The index's answer and the store's to one query, side by side, as ids. */
async function bothAnswers(held: EventIndex, query: EventQuery) {
  const limit = query.limit ?? 100;
  const mine = held.page(query, limit)!;
  const page = await store.queryEventPage(query);
  const { limit: _l, offset: _o, sort: _s, after: _a, ...filters } = query;
  const ids = (items: readonly (string | Buffer)[]) =>
    items.map((i) => (JSON.parse(i.toString()) as { id: string }).id);
  return {
    index: { ids: ids(mine.items), next: mine.next, total: mine.total },
    store: { ids: ids(page.items), next: page.next, total: await store.countEvents(filters) },
  };
}

/** Many random queries, and the page after each (by its cursor): the index must answer each as the store does. */
async function expectSameAnswers(held: EventIndex, seedNumber: number, queries: number): Promise<void> {
  const r = rng(seedNumber);
  for (let n = 0; n < queries; n++) {
    const query = randomQuery(r);
    const first = await bothAnswers(held, query);
    expect(first.index, JSON.stringify(query)).toEqual(first.store);
    if (first.store.next === null) continue;
    const { offset: _o, ...rest } = query;
    const following = { ...rest, after: first.store.next };
    const second = await bothAnswers(held, following);
    expect(second.index, JSON.stringify(following)).toEqual(second.store);
  }
}

describe('event index', () => {
  it('answers any filter, order and page as the store does, with exact totals', async () => {
    await seed(500, 3);
    for (const id of ['ev-0003', 'ev-0040', 'ev-0100', 'ev-0222']) await dismiss(id);
    await follower.load();
    expect(await follower.current()).toBe(index);
    expect(index.size).toBe(500);
    await expectSameAnswers(index, 17, 400);
  });

  it('leaves free text to the store, and answers nothing for a filter value no event holds', async () => {
    await seed(50, 5);
    await follower.load();
    expect(index.page({ q: 'convoy' }, 10)).toBeNull();
    // a query with no word in it filters nothing: the index answers it
    expect(index.page({ q: ' ?! ' }, 10)?.total).toBe(50);
    expect(index.page({ admin1: 'Gilgit-Baltistan' }, 10)).toEqual({ items: [], next: null, total: 0 });
  });

  it('follows every write of the store before it answers: new, rewritten, dismissed and removed events', async () => {
    await seed(300, 7);
    await follower.load();
    // asked first, so that the lists of many filter values exist and must be brought in step by what follows
    await expectSameAnswers(index, 19, 150);
    // written after the load: more events, some of the first ones again with other columns
    await seed(120, 8, 'ev-late');
    const again = randomEvents(rng(9), 40, docs).map((e, i) => ({
      ...e,
      record: { ...e.record, id: `ev-${String(i * 5).padStart(4, '0')}` },
    }));
    await store.replaceResolution({ mentionIds: [], events: again, operations: [] });
    await dismiss('ev-late-0007');
    // events tied to mentions, then planned away: removals the index learns from the store's notes
    const doc = docs[0]!;
    await store.saveExtraction({ ...makeExtraction(doc.id), aggregates: [] });
    const mention = makeMention(doc.id, 0);
    const tied = makeStoredEvent('ev-tied', [mention], [doc]);
    await store.replaceResolution({ mentionIds: tied.mentionIds, events: [tied], operations: [] });
    const held = await follower.current();
    expect(held?.size).toBe(421);
    await store.replaceResolution({ mentionIds: tied.mentionIds, events: [], operations: [] });
    expect((await follower.current())?.size).toBe(420);
    const ids = (q: EventQuery) =>
      index.page(q, 500)!.items.map((i) => (JSON.parse(i.toString()) as { id: string }).id);
    expect(ids({ docId: doc.id, includeDismissed: true })).not.toContain('ev-tied');
    expect(ids({ includeDismissed: true })).toContain('ev-late-0007');
    expect(ids({})).not.toContain('ev-late-0007');
    await expectSameAnswers(index, 23, 250);
  });

  it('takes a bulk write larger than one read page by page, the list reading the store meanwhile', async () => {
    await seed(50, 13);
    await follower.load();
    await seed(READ_PAGE + 100, 14, 'ev-bulk');
    const reads = vi.spyOn(store, 'listIndexedEvents');
    expect((await follower.current())?.size).toBe(READ_PAGE + 150);
    // each page read once: the first page, read to learn the change is large, is not read again
    expect(reads).toHaveBeenCalledTimes(2);
    await expectSameAnswers(index, 29, 40);
  });

  it('stays out of use until loaded and after it stops', async () => {
    await seed(10, 11);
    expect(await follower.current()).toBeNull();
    await follower.load();
    expect(await follower.current()).toBe(index);
    follower.stop();
    expect(await follower.current()).toBeNull();
  });
});
