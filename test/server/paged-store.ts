import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { Store } from '../../src/store/store.js';
import { makeStoredEvent } from '../store/event-fixtures.js';
import { makeDocument, makeExtraction, makeMention } from '../store/fixtures.js';

/** An in-memory store of 120 events over the 120 days from 2025-01-01, one a day, in Kech: pages to follow. */
export async function pagedStore(): Promise<Store> {
  const store = await openSqliteStore({ path: ':memory:' });
  const doc = makeDocument(81);
  await store.saveDocuments([doc]);
  await store.saveExtraction({ ...makeExtraction(doc.id), aggregates: [] });
  const base = makeMention(doc.id, 0);
  const events = Array.from({ length: 120 }, (_, i) => {
    const day = new Date(Date.UTC(2025, 0, 1 + i)).toISOString().slice(0, 10);
    const mention = { ...base, id: `${doc.id}#q${i}`, date: { ...base.date, start: day, end: day } };
    return makeStoredEvent(`ev-q${String(i).padStart(3, '0')}`, [mention], [doc]);
  });
  await store.replaceResolution({ mentionIds: [], events, operations: [] });
  return store;
}
