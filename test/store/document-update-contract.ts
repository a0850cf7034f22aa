import { expect, it } from 'vitest';
import { FaultlineError } from '../../src/errors/errors.js';
import type { Store } from '../../src/store/store.js';
import { filterEvents, makeOperation, makeStoredEvent } from './event-fixtures.js';
import { makeDocument, makeExtraction, makeMention } from './fixtures.js';

const NO_METADATA = {
  url: null,
  title: null,
  publisher: null,
  published: null,
  publishedSource: 'none',
} as const;

/** Issue 15: a document given again updates its metadata; a re-extraction lets go of its old events. */
export function documentUpdateContractCases(store: () => Store): void {
  it('takes only the given fields that differ, says which, and never blanks a field with an absent one', async () => {
    const s = store();
    const doc = makeDocument(41);
    await s.saveDocuments([doc]);
    await s.saveExtraction(makeExtraction(doc.id));
    await s.replaceResolution({
      mentionIds: makeExtraction(doc.id).mentions.map((m) => m.id),
      events: [],
      operations: [],
    });
    expect(await s.updateDocumentMetadata(doc.id, NO_METADATA)).toEqual([]);
    expect(await s.updateDocumentMetadata(doc.id, { ...doc })).toEqual([]);
    // a title alone: no re-extraction, nothing to re-resolve
    expect(
      await s.updateDocumentMetadata(doc.id, { ...NO_METADATA, title: 'Checkpoint attack, updated' }),
    ).toEqual(['title']);
    expect(await s.getDocument(doc.id)).toEqual({ ...doc, title: 'Checkpoint attack, updated' });
    expect(await s.listDocumentsToExtract('1.0.0')).toEqual([]);
    expect(await s.countPendingMentions()).toBe(0);
    // a new publisher: its events' sources change, so its mentions are to resolve again
    expect(
      await s.updateDocumentMetadata(doc.id, { ...NO_METADATA, publisher: 'Quetta Voice', url: doc.url }),
    ).toEqual(['publisher']);
    expect(await s.countPendingMentions()).toBe(3);
    expect(await s.listDocumentsToExtract('1.0.0')).toEqual([]);
    // a new date: its source and a re-extraction come with it
    expect(
      await s.updateDocumentMetadata(doc.id, {
        ...NO_METADATA,
        url: 'https://news.example.org/moved',
        published: '2025-05-12',
        publishedSource: 'metadata',
      }),
    ).toEqual(['url', 'published']);
    expect(await s.getDocument(doc.id)).toEqual({
      ...doc,
      title: 'Checkpoint attack, updated',
      publisher: 'Quetta Voice',
      url: 'https://news.example.org/moved',
      published: '2025-05-12',
      publishedSource: 'metadata',
    });
    expect(await s.listDocumentsToExtract('1.0.0')).toEqual([doc.id]);
    const error = await s.updateDocumentMetadata('doc-absent', NO_METADATA).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FaultlineError);
    expect((error as FaultlineError).code).toBe('FL_ERR_NOT_FOUND');
  });

  it('lets go of the old events when a document is extracted again: its own go, shared ones are re-planned', async () => {
    const s = store();
    const [a, b] = [makeDocument(43), makeDocument(44)];
    await s.saveDocuments([a, b]);
    const a0 = makeMention(a.id, 0);
    const a1 = makeMention(a.id, 1, { date: { start: '2025-05-01', end: '2025-05-01', precision: 'day' } });
    const b0 = makeMention(b.id, 0);
    const b1 = makeMention(b.id, 1, { date: { start: '2025-05-02', end: '2025-05-02', precision: 'day' } });
    const base = { aggregates: [], framing: makeExtraction(a.id).framing, extractorVersion: '1.0.0' };
    await s.saveExtraction({ ...base, docId: a.id, mentions: [a0, a1] });
    await s.saveExtraction({ ...base, docId: b.id, mentions: [b0, b1] });
    const shared = makeStoredEvent('ev-shared', [a0, b0], [a, b]);
    const own = makeStoredEvent('ev-own', [a1], [a], 'op-own');
    const other = makeStoredEvent('ev-other', [b1], [b], 'op-own');
    await s.replaceResolution({
      mentionIds: [a0.id, a1.id, b0.id, b1.id],
      events: [shared, own, other],
      operations: [makeOperation('op-own', ['ev-other', 'ev-own'], [a.id, b.id])],
    });
    expect(await s.countPendingMentions()).toBe(0);

    const moved = makeMention(a.id, 0, {
      date: { start: '2025-05-09', end: '2025-05-09', precision: 'day' },
    });
    await s.saveExtraction({ ...base, docId: a.id, mentions: [moved], extractorVersion: '1.1.0' });
    // the event only document a held is gone; the shared one stays readable until re-planned
    expect(await s.getEvent('ev-own')).toBeNull();
    expect((await s.getEvent('ev-shared'))?.record.id).toBe('ev-shared');
    expect(await s.listEventMentionIds(['ev-shared', 'ev-own'])).toEqual([b0.id]);
    // pending: the new mention, the other report of the shared event, and the operation's other town
    expect((await s.listPendingMentions(10)).map((p) => p.id).sort()).toEqual(
      [moved.id, b0.id, b1.id].sort(),
    );
    expect(await s.listMentions(a.id)).toEqual([moved]);
    // resolution re-plans them as usual
    await s.replaceResolution({
      mentionIds: [moved.id, b0.id, b1.id],
      events: [
        makeStoredEvent('ev-moved', [moved], [a]),
        makeStoredEvent('ev-shared', [b0], [b]),
        makeStoredEvent('ev-other', [b1], [b]),
      ],
      operations: [],
    });
    expect(await s.countPendingMentions()).toBe(0);
    expect(await s.countEvents({})).toBe(3);
    expect(await s.listOperations()).toEqual([]);
  });

  it("lists the matching events' source documents with how many each supports, in one bounded page", async () => {
    const s = store();
    const [a, b, c] = [makeDocument(45), makeDocument(46), makeDocument(47, { url: null, title: null })];
    await s.saveDocuments([a, b, c]);
    const events = filterEvents(a, b);
    await s.replaceResolution({ mentionIds: [], events, operations: [] });
    // ev-a, ev-c and ev-e have a; ev-b, ev-c and ev-d have b: a tie, broken by id
    const all = await s.listEventDocuments({});
    expect(all).toEqual({
      total: 2,
      items: [
        { id: a.id, url: a.url, title: a.title, publisher: a.publisher, published: a.published, events: 3 },
        { id: b.id, url: b.url, title: b.title, publisher: b.publisher, published: b.published, events: 3 },
      ],
    });
    // the filters are the event list's: in Kech, a has ev-a and b has ev-b
    const kech = await s.listEventDocuments({ admin2: 'Kech', from: '2025-05-07' });
    expect(kech.items.map((d) => [d.id, d.events])).toEqual([[b.id, 1]]);
    const inBannu = await s.listEventDocuments({ admin2: 'bannu' });
    expect(inBannu.items.map((d) => [d.id, d.events])).toEqual([[b.id, 1]]);
    // paged, with the total kept on every page, past the end too
    expect(await s.listEventDocuments({ limit: 1, offset: 1 })).toEqual({ total: 2, items: [all.items[1]] });
    expect(await s.listEventDocuments({ limit: 1, offset: 5 })).toEqual({ total: 2, items: [] });
    expect(await s.listEventDocuments({ admin1: 'Sindh' })).toEqual({ total: 0, items: [] });
    // the document filter of the event list: the events a document is a source of
    expect(await s.countEvents({ docId: a.id })).toBe(3);
    expect(await s.countEvents({ docId: a.id, admin2: 'Panjgur' })).toBe(1);
    expect(await s.countEvents({ docId: c.id })).toBe(0);
  });
}
