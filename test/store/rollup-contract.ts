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

export function rollupContractCases(store: () => Store): void {
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
