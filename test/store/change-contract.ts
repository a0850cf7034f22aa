import { expect, it } from 'vitest';
import type { EventRecord } from '../../src/domain/index.js';
import type { Store } from '../../src/store/store.js';
import { filterEvents } from './event-fixtures.js';
import { makeDocument, makeExtraction } from './fixtures.js';

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
