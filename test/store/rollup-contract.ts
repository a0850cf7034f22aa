import { expect, it } from 'vitest';
import type { Document, EventRecord } from '../../src/domain/index.js';
import type {
  EventQuery,
  StatsDimension,
  Store,
  StoredEvent,
  TrendInterval,
  TrendSplit,
} from '../../src/store/store.js';
import { makeStoredEvent } from './event-fixtures.js';
import { makeDocument, makeExtraction, makeMention } from './fixtures.js';

/** A fixed sequence of numbers in [0, 1): the same events on every run and both backends. */
function sequence(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

const PLACES = [
  { name: 'Turbat', admin2: 'Kech', admin1: 'Balochistan' },
  { name: 'Panjgur', admin2: 'Panjgur', admin1: 'Balochistan' },
  { name: 'Bannu', admin2: 'Bannu', admin1: 'Khyber Pakhtunkhwa' },
  { name: 'Somewhere on the border', admin2: null, admin1: 'Balochistan' },
  { name: 'Unplaced', admin2: null, admin1: null },
] as const;
const TYPES = [
  ['Battles', 'Armed clash'],
  ['Explosions/Remote violence', 'Suicide bomb'],
  ['Explosions/Remote violence', 'Remote explosive/landmine/IED'],
  ['Violence against civilians', 'Attack'],
] as const;
const ACTORS = ['Baloch Liberation Army', 'Tehrik-i-Taliban Pakistan', 'Pakistan Army', null] as const;

/**
 * An event drawn from `r`: a place, a type, one or two actors (either side), a day from December 2024 to March
 * 2025 that sometimes spans a few days, and a fatality figure that is unknown, agreed or contested.
 */
function drawn(id: string, r: () => number, base: StoredEvent): StoredEvent {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(r() * list.length)]!;
  const place = pick(PLACES);
  const [type, sub] = pick(TYPES);
  const [a1, a2] = [pick(ACTORS), pick(ACTORS)];
  const day = new Date(Date.UTC(2024, 11, 1) + Math.floor(r() * 120) * 86_400_000);
  const end = new Date(day.getTime() + (r() < 0.2 ? Math.floor(r() * 9) : 0) * 86_400_000);
  const low = Math.floor(r() * 6);
  const roll = r();
  const fatalities =
    roll < 0.2 ? null : roll < 0.6 ? { low, best: low, high: low } : { low, best: low + 1, high: low + 4 };
  const record: EventRecord = {
    ...base.record,
    id,
    date: { start: day.toISOString().slice(0, 10), end: end.toISOString().slice(0, 10), precision: 'day' },
    location: { ...place, country: 'PK', lat: 26.0, lon: 63.0, precision: 'place' },
    event_type: type,
    sub_event_type: sub,
    actor1: a1 === null ? null : { name: a1, type: 'rebel_group', claimed: false },
    actor2: a2 === null || a2 === a1 ? null : { name: a2, type: 'state_forces' },
    fatalities,
  };
  return { ...base, record };
}

const FILTERS: readonly EventQuery[] = [
  {},
  { admin1: 'Balochistan' },
  { admin2: 'kech' },
  { actor: 'Pakistan Army' },
  { type: 'Explosions/Remote violence' },
  { type: 'Attack' },
  { contested: true },
  { from: '2025-01-10', to: '2025-02-20' },
  { from: '2025-01-10', admin1: 'Balochistan', actor: 'Baloch Liberation Army', contested: false },
  // a Monday to a Sunday: the week grains answer the reads by week or by no period
  { from: '2025-01-06', to: '2025-02-23' },
  { from: '2025-01-13', admin1: 'Balochistan' },
  { from: '2025-01-06', to: '2025-02-23', type: 'Battles' },
  { to: '2025-01-26', actor: 'Tehrik-i-Taliban Pakistan' },
  // one facet (an actor on either side, `contested` or a sub-event type) with a place: the facet grain
  { admin2: 'Kech', actor: 'Pakistan Army' },
  { admin1: 'Balochistan', contested: false },
  { from: '2025-01-06', to: '2025-02-23', actor: 'Baloch Liberation Army' },
  { type: 'Suicide bomb', admin2: 'Bannu' },
  { from: '2025-01-10', to: '2025-02-20', contested: true },
];

function byText<T>(rows: readonly T[]): T[] {
  return [...rows].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
}

/**
 * Asserts that every trend, series and stats read the Trends page, the `trends` command and the alerts make
 * gives the same answer from the rollup as from the events. `minPublishers: 0` selects every event but is not a
 * filter the rollup can answer, so the same query with it is computed over the events table: the two agree only
 * if the rollup is exactly the aggregate of the stored events.
 */
async function expectRollupMatchesEvents(store: Store): Promise<void> {
  for (const query of FILTERS) {
    const direct = { ...query, minPublishers: 0 };
    for (const interval of ['day', 'week', 'month'] as TrendInterval[]) {
      for (const split of ['district', 'actor', 'type'] as TrendSplit[]) {
        const tops = interval === 'week' ? [undefined, 2] : [undefined];
        for (const top of tops) {
          const context = `${JSON.stringify(query)} ${interval} ${split} top ${top}`;
          expect(byText(await store.eventTrend(query, interval, split, top)), context).toEqual(
            byText(await store.eventTrend(direct, interval, split, top)),
          );
        }
      }
    }
    for (const by of ['day', 'week', 'month', 'district', 'actor', 'type'] as StatsDimension[])
      expect(await store.eventStats(query, by), `${JSON.stringify(query)} stats ${by}`).toEqual(
        await store.eventStats(direct, by),
      );
    for (const by of ['district', 'actor', 'type'] as const)
      for (const period of ['week', 'month'] as const)
        expect(
          byText(await store.eventSeries(query, by, period)),
          `${JSON.stringify(query)} series ${by} ${period}`,
        ).toEqual(byText(await store.eventSeries(direct, by, period)));
  }
}

const EDITOR = { userId: null, name: 'api-token' } as const;

/** Marks the event not an incident (`dismiss`) or confirms it, at the version it is at. */
async function decide(store: Store, eventId: string, dismiss: boolean): Promise<void> {
  const review = await store.getEventReview(eventId);
  await store.decideEvent({
    eventId,
    version: review!.version,
    editor: EDITOR,
    reason: null,
    decision: dismiss ? 'not_incident' : 'confirm',
  });
}

/** Events counted by the trends by default and with the dismissed included, summed over every type. */
async function totals(store: Store): Promise<[number, number]> {
  const sum = (rows: readonly { readonly events: number }[]) => rows.reduce((n, r) => n + r.events, 0);
  return [
    sum(await store.eventStats({}, 'type')),
    sum(await store.eventStats({ includeDismissed: true }, 'type')),
  ];
}

export function rollupContractCases(store: () => Store): void {
  it('leaves dismissed events out of the rollup: a dismissal drops them from the trends and its undoing brings them back', async () => {
    const doc = makeDocument(330);
    await store().saveDocuments([doc]);
    const r = sequence(7);
    const base = makeStoredEvent('ev-dis', [makeMention(doc.id, 0)], [doc]);
    const events = Array.from({ length: 24 }, (_, i) => drawn(`ev-dis-${i}`, r, { ...base, mentionIds: [] }));
    await store().replaceResolution({ mentionIds: [], events, operations: [] });
    expect(await totals(store())).toEqual([24, 24]);
    const target = events[3]!.record;
    const weekOf = { from: '2024-12-02', to: '2025-03-30' };
    const before = await store().eventTrend(weekOf, 'week', 'type');
    await decide(store(), target.id, true);
    expect(await totals(store())).toEqual([23, 24]);
    const after = await store().eventTrend(weekOf, 'week', 'type');
    const count = (rows: typeof before) =>
      rows.filter((b) => b.key === target.event_type).reduce((n, b) => n + b.events, 0);
    expect(count(after)).toBe(count(before) - 1);
    await expectRollupMatchesEvents(store());
    // edited and re-resolved while dismissed: still out
    const review = await store().getEventReview(target.id);
    await store().editEvent({
      eventId: target.id,
      version: review!.version,
      editor: EDITOR,
      reason: null,
      changes: { date: { start: '2025-02-11', end: '2025-02-12', precision: 'days' } },
    });
    await store().replaceResolution({
      mentionIds: [],
      events: [drawn(target.id, r, events[3]!)],
      operations: [],
    });
    expect(await totals(store())).toEqual([23, 24]);
    await expectRollupMatchesEvents(store());
    // undone: back in the trends
    await decide(store(), target.id, false);
    expect(await totals(store())).toEqual([24, 24]);
    expect(count(await store().eventTrend(weekOf, 'week', 'type'))).toBe(
      count(await store().eventTrend({ ...weekOf, minPublishers: 0 }, 'week', 'type')),
    );
    await expectRollupMatchesEvents(store());
  });

  it('keeps the rollup equal to the events table over random edits, dismissals, undoings and re-resolutions', async () => {
    const doc = makeDocument(340);
    await store().saveDocuments([doc]);
    const r = sequence(99);
    const base = { ...makeStoredEvent('ev-rnd', [makeMention(doc.id, 0)], [doc]), mentionIds: [] };
    const events = Array.from({ length: 30 }, (_, i) => drawn(`ev-rnd-${i}`, r, base));
    await store().replaceResolution({ mentionIds: [], events, operations: [] });
    const dismissed = new Set<string>();
    for (let step = 0; step < 40; step++) {
      const e = events[Math.floor(r() * events.length)]!;
      const id = e.record.id;
      const roll = r();
      if (roll < 0.35) {
        await decide(store(), id, !dismissed.has(id));
        if (dismissed.has(id)) dismissed.delete(id);
        else dismissed.add(id);
      } else if (roll < 0.7) {
        const other = drawn(id, r, e);
        const review = await store().getEventReview(id);
        await store().editEvent({
          eventId: id,
          version: review!.version,
          editor: EDITOR,
          reason: null,
          changes: {
            date: other.record.date,
            fatalities: other.record.fatalities,
            location: other.record.location,
          },
        });
      } else {
        // re-resolved by the machine (its locks and review applied again by the store)
        await store().replaceResolution({ mentionIds: [], events: [drawn(id, r, e)], operations: [] });
      }
      if (step % 10 === 9) {
        expect(await totals(store())).toEqual([30 - dismissed.size, 30]);
        await expectRollupMatchesEvents(store());
      }
    }
  });

  it('counts a merged-away event again once the merge drops its dismissal', async () => {
    const doc = makeDocument(350);
    await store().saveDocuments([doc]);
    const r = sequence(5);
    const base = { ...makeStoredEvent('ev-mrg', [makeMention(doc.id, 0)], [doc]), mentionIds: [] };
    const [a, b] = [drawn('ev-mrg-a', r, base), drawn('ev-mrg-b', r, base)];
    await store().replaceResolution({ mentionIds: [], events: [a, b], operations: [] });
    await decide(store(), b.record.id, true);
    expect(await totals(store())).toEqual([1, 2]);
    const [va, vb] = [await store().getEventReview(a.record.id), await store().getEventReview(b.record.id)];
    await store().recordOverride({
      kind: 'merge',
      eventId: a.record.id,
      mentionIds: [makeMention(doc.id, 0).id],
      editor: EDITOR,
      reason: null,
      events: [
        { id: a.record.id, version: va!.version },
        { id: b.record.id, version: vb!.version },
      ],
    });
    // the merge keeps no dismissal of an event that goes: until resolution removes it, it counts
    expect(await totals(store())).toEqual([2, 2]);
    await expectRollupMatchesEvents(store());
  });

  it('keeps the trend rollup equal to the aggregate of the events through writes, re-resolutions and releases', async () => {
    const docs: Document[] = Array.from({ length: 6 }, (_, i) => makeDocument(300 + i));
    await store().saveDocuments(docs);
    for (const d of docs) await store().saveExtraction(makeExtraction(d.id));
    const r = sequence(42);
    const on = (i: number) => docs[i % docs.length]!;
    // event i is reported by mention 0 of document i mod 6 for the first six, by no stored mention for the rest
    const base = (i: number, linked: boolean) => {
      const m = makeMention(on(i).id, 0);
      const e = makeStoredEvent(`ev-roll-${i}`, [m], [on(i)]);
      return linked ? e : { ...e, mentionIds: [] };
    };
    const first = Array.from({ length: 48 }, (_, i) => drawn(`ev-roll-${i}`, r, base(i, i < 6)));
    await store().replaceResolution({
      mentionIds: first.flatMap((e) => e.mentionIds),
      events: first,
      operations: [],
    });
    expect(await store().countEvents({})).toBe(48);
    expect((await store().eventStats({}, 'type')).reduce((n, row) => n + row.events, 0)).toBe(48);
    await expectRollupMatchesEvents(store());

    // re-resolved in place: the same ids with another place, type, day and figure; and the same again unchanged
    const moved = first.slice(10, 22).map((e) => drawn(e.record.id, r, e));
    await store().replaceResolution({ mentionIds: [], events: moved, operations: [] });
    await store().replaceResolution({ mentionIds: [], events: moved.slice(0, 3), operations: [] });
    // re-resolved through a mention: the event document 0 held is replaced by a new one
    const m0 = makeMention(docs[0]!.id, 0);
    const merged = drawn('ev-roll-merged', r, makeStoredEvent('ev-roll-merged', [m0], [docs[0]!]));
    await store().replaceResolution({ mentionIds: [m0.id], events: [merged], operations: [] });
    expect(await store().getEvent('ev-roll-0')).toBeNull();
    await expectRollupMatchesEvents(store());

    // released: document 1 extracted again lets its event go; document 2's mention resolved to nothing removes its
    await store().saveExtraction(makeExtraction(docs[1]!.id, '1.0.1'));
    expect(await store().getEvent('ev-roll-1')).toBeNull();
    await store().replaceResolution({
      mentionIds: [makeMention(docs[2]!.id, 0).id],
      events: [],
      operations: [],
    });
    expect(await store().getEvent('ev-roll-2')).toBeNull();
    expect(await store().countEvents({})).toBe(46);
    await expectRollupMatchesEvents(store());

    // a person's edit moves the event between cells: another type, day and figure
    const edited = first[30]!;
    const review = await store().getEventReview(edited.record.id);
    await store().editEvent({
      eventId: edited.record.id,
      version: review!.version,
      editor: { userId: null, name: 'api-token' },
      reason: null,
      changes: {
        event_type: 'Protests',
        sub_event_type: 'Peaceful protest',
        date: { start: '2019-02-03', end: '2019-02-03', precision: 'day' },
        fatalities: { low: 40, best: 40, high: 40 },
      },
    });
    await expectRollupMatchesEvents(store());
  });
}
