import { expect, it } from 'vitest';
import type { Store } from '../../src/store/store.js';
import { makeStoredEvent } from './event-fixtures.js';
import { makeDocument, makeExtraction, makeMention } from './fixtures.js';

const sortedIds = (ids: readonly string[]): string[] => [...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

/** A stored document with the mentions of its extraction (three of them), all pending. */
async function extractedDocument(s: Store, n: number) {
  const doc = makeDocument(n);
  await s.saveDocuments([doc]);
  const record = makeExtraction(doc.id);
  await s.saveExtraction(record);
  type M = (typeof record.mentions)[number];
  return { doc, record, mentions: record.mentions as readonly [M, M, M] };
}

/** The unresolved marker (defect 1 of issue 9): every backend keeps it in the transactions that change it. */
export function pendingContractCases(store: () => Store): void {
  it('marks the mentions an extraction saves as pending, lists them in the blocking order in bounded pages and counts them', async () => {
    const s = store();
    const [a, b] = [makeDocument(31), makeDocument(32)];
    await s.saveDocuments([a, b]);
    expect(await s.listPendingMentions(10)).toEqual([]);
    await s.saveExtraction(makeExtraction(a.id));
    await s.saveExtraction(makeExtraction(b.id));
    const all = [...makeExtraction(a.id).mentions, ...makeExtraction(b.id).mentions];
    expect(await s.countPendingMentions()).toBe(all.length);
    const key = (m: (typeof all)[number]): string =>
      [m.location?.country, m.location?.admin1, m.date.start, m.id].join('|');
    const ordered = [...all].sort((x, y) => (key(x) < key(y) ? -1 : key(x) > key(y) ? 1 : 0));
    const first = await s.listPendingMentions(4);
    expect(first.map((p) => p.id)).toEqual(ordered.slice(0, 4).map((m) => m.id));
    const m = ordered[0]!;
    expect(first[0]).toEqual({
      id: m.id,
      country: m.location?.country ?? null,
      admin1: m.location?.admin1 ?? null,
      dateStart: m.date.start,
      dateEnd: m.date.end,
      linkable: true,
    });
    expect((await s.listPendingMentions(1000)).length).toBe(all.length);
  });

  it('clears the marker of the resolved mentions with the events, and of only those when told which', async () => {
    const s = store();
    const { doc, record, mentions } = await extractedDocument(s, 33);
    const [m0, m1, m2] = mentions;
    const event = makeStoredEvent('ev-pending-1', [m0], [doc]);
    await s.replaceResolution({
      mentionIds: [m0.id, m1.id],
      events: [event],
      operations: [],
      resolvedIds: [m0.id],
    });
    expect((await s.listPendingMentions(10)).map((p) => p.id)).toEqual(sortedIds([m1.id, m2.id]));
    // without resolvedIds, every planned mention counts as resolved, even one that no event holds
    await s.replaceResolution({ mentionIds: [m1.id], events: [], operations: [] });
    expect((await s.listPendingMentions(10)).map((p) => p.id)).toEqual([m2.id]);
    // a resolution that only settles mentions (none planned) is still written
    await s.replaceResolution({ mentionIds: [], events: [], operations: [], resolvedIds: [m2.id] });
    expect(await s.countPendingMentions()).toBe(0);
    // a new extraction of the document makes its mentions pending again
    await s.saveExtraction(record);
    expect(await s.countPendingMentions()).toBe(3);
  });

  it('marks the reopened mentions unresolved again, with their events written', async () => {
    const s = store();
    const { doc, mentions } = await extractedDocument(s, 35);
    const [m0, m1, m2] = mentions;
    await s.replaceResolution({ mentionIds: [m0.id, m1.id, m2.id], events: [], operations: [] });
    expect(await s.countPendingMentions()).toBe(0);
    // m1 was planned, but another round is to plan it again; m0 is settled by this one
    await s.replaceResolution({
      mentionIds: [m0.id, m1.id],
      events: [makeStoredEvent('ev-reopened', [m0, m1], [doc])],
      operations: [],
      resolvedIds: [m0.id],
      reopenedIds: [m1.id],
    });
    expect((await s.listPendingMentions(10)).map((p) => p.id)).toEqual([m1.id]);
    expect(new Set((await s.listMentionInputs([m0.id, m1.id], new Map())).map((i) => i.eventId))).toEqual(
      new Set(['ev-reopened']),
    );
  });

  it('keeps the marker when the resolution that would clear it fails', async () => {
    const s = store();
    const doc = makeDocument(34);
    await s.saveDocuments([doc]);
    const mention = makeMention(doc.id, 0);
    await s.saveExtraction({ ...makeExtraction(doc.id), mentions: [mention] });
    // an event whose source document is absent violates a foreign key, after the marker was cleared in SQL
    const broken = makeStoredEvent(
      'ev-broken',
      [mention, makeMention('doc-absent', 0)],
      [doc, makeDocument(99, { id: 'doc-absent' })],
    );
    const error = await s
      .replaceResolution({ mentionIds: [mention.id], events: [broken], operations: [] })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(error).not.toBeNull();
    expect((await s.listPendingMentions(10)).map((p) => p.id)).toEqual([mention.id]);
    expect(await s.countEvents({})).toBe(0);
  });
}
