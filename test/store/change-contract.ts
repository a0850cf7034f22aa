import { expect, it } from 'vitest';
import type { EventRecord } from '../../src/domain/index.js';
import type { Store } from '../../src/store/store.js';
import { REMOVALS_KEPT } from '../../src/store/resolution-methods.js';
import { filterEvents, makeStoredEvent } from './event-fixtures.js';
import { makeDocument, makeExtraction, makeMention } from './fixtures.js';

/** The live stream's reads: a change counter that every resolution bumps, and the events each one wrote. */
export function changeContractCases(store: () => Store): void {
  async function changed(after: number, upTo: number, query = {}, limit = 100) {
    const rows = await store().listChangedEvents(query, after, upTo, limit);
    return rows.map((r) => [r.change, (JSON.parse(r.json) as EventRecord).id]);
  }

  it('numbers each resolution and lists the events it wrote after a cursor, filtered, in change order', async () => {
    const [a, b] = [makeDocument(81), makeDocument(82)];
    await store().saveDocuments([a, b]);
    for (const d of [a, b]) await store().saveExtraction({ ...makeExtraction(d.id), aggregates: [] });
    expect(await store().latestEventChange()).toBe(0);
    const [evA, evB, evC, evD, evE] = filterEvents(a, b);
    await store().replaceResolution({ mentionIds: [], events: [evD!, evB!], operations: [] });
    const first = await store().latestEventChange();
    expect(first).toBeGreaterThan(0);
    await store().replaceResolution({ mentionIds: [], events: [evA!, evC!, evE!], operations: [] });
    const second = await store().latestEventChange();
    expect(second).toBeGreaterThan(first);

    expect(await changed(0, second)).toEqual([
      [first, 'ev-b'],
      [first, 'ev-d'],
      [second, 'ev-a'],
      [second, 'ev-c'],
      [second, 'ev-e'],
    ]);
    // a cursor at the first resolution sees only the second; the upper bound holds back what came after it
    expect(await changed(first, second)).toEqual([
      [second, 'ev-a'],
      [second, 'ev-c'],
      [second, 'ev-e'],
    ]);
    expect(await changed(0, first)).toEqual([
      [first, 'ev-b'],
      [first, 'ev-d'],
    ]);
    expect(await changed(second, second)).toEqual([]);
    // the event list's filters apply, and the limit cuts in change order
    expect(await changed(0, second, { admin1: 'balochistan' })).toEqual([
      [first, 'ev-b'],
      [second, 'ev-a'],
      [second, 'ev-c'],
    ]);
    expect(await changed(0, second, { type: 'Battles', publisher: 'Frontier Wire' })).toEqual([
      [second, 'ev-a'],
      [second, 'ev-c'],
      [second, 'ev-e'],
    ]);
    expect(await changed(0, second, {}, 3)).toEqual([
      [first, 'ev-b'],
      [first, 'ev-d'],
      [second, 'ev-a'],
    ]);
  });

  it('gives a rewritten event the later number, and moves on when a resolution only removes events', async () => {
    const [a, b] = [makeDocument(83), makeDocument(84)];
    await store().saveDocuments([a, b]);
    for (const d of [a, b]) await store().saveExtraction({ ...makeExtraction(d.id), aggregates: [] });
    const [evA, evB] = filterEvents(a, b);
    await store().replaceResolution({ mentionIds: [], events: [evA!, evB!], operations: [] });
    const first = await store().latestEventChange();
    const changedB = { ...evB!, record: { ...evB!.record, notes: 'A second report changed it.' } };
    await store().replaceResolution({ mentionIds: [], events: [changedB], operations: [] });
    const second = await store().latestEventChange();
    expect(await changed(first, second)).toEqual([[second, 'ev-b']]);
    expect(await changed(0, second)).toEqual([
      [first, 'ev-a'],
      [second, 'ev-b'],
    ]);
    // removing ev-a (its mentions planned with no event) is a change too: a client re-reads what it shows
    await store().replaceResolution({ mentionIds: [...evA!.mentionIds], events: [], operations: [] });
    const third = await store().latestEventChange();
    expect(third).toBeGreaterThan(second);
    expect(await changed(second, third)).toEqual([]);
    expect(await changed(0, third)).toEqual([[second, 'ev-b']]);
  });

  it('leaves an event planned again unchanged where it is: no new number, so the stream sends nothing', async () => {
    const [a, b] = [makeDocument(85), makeDocument(86)];
    await store().saveDocuments([a, b]);
    for (const d of [a, b]) await store().saveExtraction({ ...makeExtraction(d.id), aggregates: [] });
    const [plainA, evB] = filterEvents(a, b);
    // letters past ASCII: PostgreSQL digests the stored record's UTF-8 bytes, as the planner digests its own
    const evA = {
      ...plainA!,
      record: { ...plainA!.record, notes: 'Near Khuzdār, “two” wounded; ڈیرہ بگٹی 🙂' },
    };
    const mentionIds = [...evA.mentionIds, ...evB!.mentionIds];
    await store().replaceResolution({ mentionIds, events: [evA, evB!], operations: [] });
    const first = await store().latestEventChange();
    // a neighbour's round re-plans both: ev-a comes out as it was, ev-b with a new figure
    const changedB = { ...evB!, record: { ...evB!.record, notes: 'A second report changed it.' } };
    await store().replaceResolution({ mentionIds, events: [evA, changedB], operations: [] });
    const second = await store().latestEventChange();
    expect(second).toBeGreaterThan(first);
    expect(await changed(0, second)).toEqual([
      [first, 'ev-a'],
      [second, 'ev-b'],
    ]);
    expect((await store().getEvent('ev-a'))?.record).toEqual(evA.record);
    expect((await store().getEvent('ev-b'))?.record.notes).toBe('A second report changed it.');
    expect(await store().listEventMentionIds(['ev-a'])).toEqual([...evA.mentionIds].sort());
    expect(await store().listEventMentionIds(['ev-b'])).toEqual([...evB!.mentionIds].sort());
  });

  it('lists the events a window of changes wrote with their filter columns, and the ones it removed', async () => {
    const [a, b] = [makeDocument(89), makeDocument(90)];
    await store().saveDocuments([a, b]);
    for (const d of [a, b]) await store().saveExtraction({ ...makeExtraction(d.id), aggregates: [] });
    const [evA, evB, evC] = filterEvents(a, b);
    await store().replaceResolution({
      mentionIds: [...evA!.mentionIds, ...evB!.mentionIds],
      events: [evA!, evB!, evC!],
      operations: [],
    });
    const first = await store().latestEventChange();
    const rows = await store().listIndexedEvents(-1, first, null, 10);
    expect(rows.map((r) => r.id)).toEqual(['ev-a', 'ev-b', 'ev-c']);
    const c = rows[2]!;
    expect(c).toMatchObject({
      change: first,
      dateStart: '2025-05-20',
      dateEnd: '2025-05-20',
      admin1Key: 'balochistan',
      admin2Key: 'panjgur',
      actor1Key: 'pakistan army',
      actor2Key: 'baloch liberation army',
      operationId: 'op-1',
      publisherCount: 2,
      fatalitiesRank: -1,
      contested: false,
      dismissed: false,
    });
    expect([...c.docIds].sort()).toEqual([a.id, b.id]);
    expect([...c.publisherKeys].sort()).toEqual(['example daily', 'frontier wire']);
    expect(JSON.parse(c.json)).toEqual(evC!.record);
    // paged on from a cursor, in change then id order
    const paged = await store().listIndexedEvents(-1, first, { change: first, id: 'ev-a' }, 1);
    expect(paged.map((r) => r.id)).toEqual(['ev-b']);

    // ev-a is planned away and ev-b written again: one removal, one row
    const changedB = { ...evB!, record: { ...evB!.record, notes: 'Told again.' } };
    await store().replaceResolution({
      mentionIds: [...evA!.mentionIds, ...evB!.mentionIds],
      events: [changedB],
      operations: [],
    });
    const second = await store().latestEventChange();
    expect(await store().listEventRemovals(first, second)).toEqual(['ev-a']);
    expect((await store().listIndexedEvents(first, second, null, 10)).map((r) => r.id)).toEqual(['ev-b']);
    expect(await store().listEventRemovals(second, second)).toEqual([]);
    // a reader further behind than the removals kept must read everything again
    expect(await store().listEventRemovals(0, REMOVALS_KEPT + 1)).toBeNull();

    // a dismissal is a change of the event, read with it
    await store().decideEvent({
      eventId: 'ev-c',
      version: 1,
      editor: { userId: null, name: 'api-token' },
      reason: null,
      decision: 'not_incident',
    });
    const third = await store().latestEventChange();
    const dismissed = await store().listIndexedEvents(second, third, null, 10);
    expect(dismissed.map((r) => [r.id, r.dismissed])).toEqual([['ev-c', true]]);
  });

  it('notes the events a re-extracted document takes away with it as removed', async () => {
    const a = makeDocument(91);
    await store().saveDocuments([a]);
    await store().saveExtraction({ ...makeExtraction(a.id), aggregates: [] });
    const only = makeStoredEvent('ev-only', [makeMention(a.id, 0)], [a]);
    await store().replaceResolution({ mentionIds: only.mentionIds, events: [only], operations: [] });
    const before = await store().latestEventChange();
    await store().saveExtraction({ ...makeExtraction(a.id, '1.0.1'), aggregates: [] });
    const after = await store().latestEventChange();
    expect(after).toBeGreaterThan(before);
    expect(await store().listEventRemovals(before, after)).toEqual(['ev-only']);
    expect(await store().getEvent('ev-only')).toBeNull();
  });

  it('writes an event planned again as it was when its mentions no longer all point at it', async () => {
    const [a, b] = [makeDocument(87), makeDocument(88)];
    await store().saveDocuments([a, b]);
    for (const d of [a, b]) await store().saveExtraction({ ...makeExtraction(d.id), aggregates: [] });
    const evC = filterEvents(a, b)[2]!;
    await store().replaceResolution({ mentionIds: evC.mentionIds, events: [evC], operations: [] });
    // extracted again: its mention is a new row that points at no event, while ev-c (also reported by b) stays
    await store().saveExtraction({ ...makeExtraction(a.id, '1.0.1'), aggregates: [] });
    expect(await store().listEventMentionIds(['ev-c'])).toHaveLength(1);
    await store().replaceResolution({ mentionIds: evC.mentionIds, events: [evC], operations: [] });
    expect(await store().listEventMentionIds(['ev-c'])).toEqual([...evC.mentionIds].sort());
  });
}
