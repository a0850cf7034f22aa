import { expect, it } from 'vitest';
import type { Document, EventRecord, Mention } from '../../src/domain/index.js';
import type { EventCursor, EventQuery, Store, StoredEvent } from '../../src/store/store.js';
import { makeStoredEvent } from './event-fixtures.js';
import { claim, makeDocument, makeExtraction, makeMention } from './fixtures.js';

const DAY_MS = 86_400_000;
const FIRST_DAY = Date.UTC(2025, 0, 1);

function day(n: number): string {
  return new Date(FIRST_DAY + n * DAY_MS).toISOString().slice(0, 10);
}

const BLA = { name: 'Baloch Liberation Army', id: 'bla', type: 'rebel_group', claimed: false } as const;

/** Every third event names the BLA as actor1, every third as actor2, and every ninth on both sides. */
function actorsOf(i: number): Partial<Mention> {
  if (i % 9 === 2) return { actor1: BLA, actor2: BLA };
  if (i % 3 === 0) return { actor1: BLA };
  if (i % 3 === 1) return { actor2: BLA };
  return {};
}

/**
 * 1,300 events spread evenly over the 181 days of 2025's first half (7 or 8 a day: 7 is prime to 181), half in
 * Kech and half in Quetta, fatalities 0 to 4 so that every order has long runs of ties, the BLA on one side or
 * the other (or both) of some, and two long events that start months before the windows the cases ask for and
 * end inside them.
 */
function pagedEvents(doc: Document): StoredEvent[] {
  const base = makeMention(doc.id, 0);
  const events = Array.from({ length: 1300 }, (_, i) => {
    const d = day((i * 7) % 181);
    const killed = i % 5;
    const mention = {
      ...base,
      id: `${doc.id}#p${i}`,
      date: { ...base.date, start: d, end: d },
      ...actorsOf(i),
      ...(i % 2 === 0 ? {} : { location: { ...base.location!, name: 'Quetta', admin2: 'Quetta' } }),
      claims: killed === 0 ? [] : [claim(doc.id, { low: killed, high: killed, best: killed })],
    };
    return makeStoredEvent(`ev-p${String(i).padStart(5, '0')}`, [mention], [doc]);
  });
  const long = (id: string, start: string, end: string) =>
    makeStoredEvent(
      id,
      [
        {
          ...base,
          id: `${doc.id}#${id}`,
          date: { start, end, precision: 'days' as const },
        },
      ],
      [doc],
    );
  return [
    ...events,
    long('ev-long-a', '2024-10-01', '2025-03-10'),
    long('ev-long-b', '2024-12-20', '2025-01-05'),
  ];
}

function rank(r: EventRecord): number {
  return r.fatalities?.best ?? -1;
}

/** What a query must give, worked out here from the records rather than by the store. */
function expectedIds(records: readonly EventRecord[], query: EventQuery): string[] {
  const matching = records.filter(
    (r) =>
      (query.from === undefined || r.date.end >= query.from) &&
      (query.to === undefined || r.date.start <= query.to) &&
      (query.admin2 === undefined || r.location?.admin2 === query.admin2) &&
      (query.actor === undefined || r.actor1?.name === query.actor || r.actor2?.name === query.actor),
  );
  const byFatalities = query.sort === 'fatalities' || query.sort === '-fatalities';
  const sorted = [...matching].sort((a, b) => {
    const key = byFatalities
      ? rank(a) - rank(b)
      : a.date.start < b.date.start
        ? -1
        : a.date.start > b.date.start
          ? 1
          : 0;
    return key !== 0 ? key : a.id < b.id ? -1 : 1;
  });
  const descending = query.sort === '-date' || query.sort === '-fatalities';
  return (descending ? sorted.reverse() : sorted).map((r) => r.id);
}

/** Follows `next` from the first page to the last, returning every id in the order the pages gave them. */
async function followPages(store: Store, query: EventQuery, limit: number): Promise<string[]> {
  const seen: string[] = [];
  let after: EventCursor | undefined;
  for (let pages = 0; pages < 1000; pages++) {
    const page = await store.queryEventPage({ ...query, limit, ...(after ? { after } : {}) });
    seen.push(...page.items.map((json) => (JSON.parse(json) as EventRecord).id));
    if (page.next === null) return seen;
    expect(page.items).toHaveLength(limit);
    after = page.next;
  }
  throw new Error('the pages never ended');
}

/** Keyset pages and estimated totals of the contract; `store` gives the current test's fresh store. */
export function pageContractCases(store: () => Store): void {
  async function seed(): Promise<EventRecord[]> {
    const doc = makeDocument(71);
    await store().saveDocuments([doc]);
    await store().saveExtraction({ ...makeExtraction(doc.id), aggregates: [] });
    const events = pagedEvents(doc);
    await store().replaceResolution({ mentionIds: [], events, operations: [] });
    return events.map((e) => e.record);
  }

  it('pages through every matching event exactly once, in order, by the cursor each page returns', async () => {
    const records = await seed();
    const queries: EventQuery[] = [
      {},
      { sort: '-date' },
      { sort: 'fatalities' },
      { sort: '-fatalities' },
      // ev-long-a starts five months before this window and must still be found
      { from: '2025-02-01', to: '2025-05-31' },
      { from: '2025-02-01', to: '2025-05-31', sort: '-date' },
      { admin2: 'Kech', from: '2025-03-01', sort: '-fatalities' },
      { admin2: 'Quetta', to: '2025-01-31', sort: 'fatalities' },
      // the actor's events as actor1 and as actor2 are read apart and merged: each once, in order
      { actor: BLA.name, sort: '-fatalities' },
      { actor: BLA.name, from: '2025-02-01', to: '2025-05-31' },
      { actor: BLA.name, admin2: 'Kech', sort: '-date' },
    ];
    for (const query of queries) {
      const expected = expectedIds(records, query);
      const paged = await followPages(store(), query, 97);
      expect({ query, n: paged.length }).toEqual({ query, n: expected.length });
      expect(new Set(paged).size).toBe(paged.length);
      expect({ query, paged }).toEqual({ query, paged: expected });
    }
    expect(expectedIds(records, queries[4]!)).toContain('ev-long-a');
    expect(expectedIds(records, queries[4]!)).not.toContain('ev-long-b');
  });

  it('leaves the dismissed events out of every page, count and total, whatever the filter and order', async () => {
    const records = await seed();
    // every 37th event marked not an incident: some of every district, actor side, day and fatality rank
    const dismissed = new Set(records.filter((_, i) => i % 37 === 5).map((r) => r.id));
    for (const eventId of dismissed)
      await store().decideEvent({
        eventId,
        version: 1,
        editor: { userId: null, name: 'api-token' },
        reason: null,
        decision: 'not_incident',
      });
    const kept = records.filter((r) => !dismissed.has(r.id));
    const queries: EventQuery[] = [
      {},
      { sort: '-fatalities' },
      { from: '2025-02-01', to: '2025-05-31', sort: '-date' },
      { admin2: 'Kech', from: '2025-03-01', sort: 'fatalities' },
      { actor: BLA.name, sort: '-date' },
      { actor: BLA.name, admin2: 'Quetta', from: '2025-01-15', to: '2025-04-15' },
    ];
    for (const query of queries) {
      const expected = expectedIds(kept, query);
      expect({ query, paged: await followPages(store(), query, 211) }).toEqual({ query, paged: expected });
      expect({ query, n: await store().countEvents(query) }).toEqual({ query, n: expected.length });
      expect({ query, total: await store().estimateEvents(query, 5000) }).toEqual({
        query,
        total: { total: expected.length, estimate: false },
      });
      const withDismissed = expectedIds(records, query).length;
      expect(await store().countEvents({ ...query, includeDismissed: true })).toBe(withDismissed);
    }
  });

  it('answers a page with offset and limit, and says when no page follows', async () => {
    const records = await seed();
    const all = expectedIds(records, { sort: '-date' });
    const page = await store().queryEventPage({ sort: '-date', limit: 10, offset: 25 });
    expect(page.items.map((j) => (JSON.parse(j) as EventRecord).id)).toEqual(all.slice(25, 35));
    expect(page.next).not.toBeNull();
    const rest = await store().queryEventPage({ sort: '-date', limit: 100, after: page.next! });
    expect(rest.items.map((j) => (JSON.parse(j) as EventRecord).id)).toEqual(all.slice(35, 135));
    const last = await store().queryEventPage({ sort: '-date', limit: 5, offset: all.length - 5 });
    expect(last.items).toHaveLength(5);
    expect(last.next).toBeNull();
    expect(await store().queryEventPage({ limit: 0 })).toEqual({ items: [], next: null });
    // past the last event: an empty page, not an error (an empty id list is no valid SQL on PostgreSQL)
    expect(await store().queryEventPage({ offset: all.length + 10 })).toEqual({ items: [], next: null });
    expect(await store().queryEventPage({ admin2: 'Nowhere' })).toEqual({ items: [], next: null });
    // the streaming reads take the same cursor
    const streamed: string[] = [];
    for await (const e of store().queryEvents({ sort: '-date', limit: 3, after: page.next! }))
      streamed.push(e.record.id);
    expect(streamed).toEqual(all.slice(35, 38));
  });

  it('counts exactly up to the threshold and labels an estimate beyond it', async () => {
    const records = await seed();
    const n = records.length;
    expect(await store().estimateEvents({}, 5000)).toEqual({ total: n, estimate: false });
    expect(await store().estimateEvents({}, n)).toEqual({ total: n, estimate: false });
    const broad = await store().estimateEvents({}, 100);
    expect(broad.estimate).toBe(true);
    expect(broad.total).toBeGreaterThan(100);
    // an even spread over the days: the sample of days comes within a sixth of the truth
    expect(Math.abs(broad.total - n) / n).toBeLessThan(1 / 6);
    const actorTruth = expectedIds(records, { actor: BLA.name }).length;
    expect(await store().countEvents({ actor: BLA.name })).toBe(actorTruth);
    const actorEstimate = await store().estimateEvents({ actor: BLA.name }, 100);
    expect(actorEstimate.estimate).toBe(true);
    expect(Math.abs(actorEstimate.total - actorTruth) / actorTruth).toBeLessThan(1 / 6);
    expect(await store().estimateEvents({ actor: BLA.name }, actorTruth)).toEqual({
      total: actorTruth,
      estimate: false,
    });
    const window = { from: '2025-02-01', to: '2025-05-31', admin2: 'Kech' };
    const truth = expectedIds(records, window).length;
    expect(await store().countEvents(window)).toBe(truth);
    const estimated = await store().estimateEvents(window, 50);
    expect(estimated.estimate).toBe(true);
    expect(Math.abs(estimated.total - truth) / truth).toBeLessThan(1 / 6);
    // a window no longer than the sample is counted whole, past the threshold or not
    const tenDays = { from: '2025-03-01', to: '2025-03-10' };
    const exact = await store().countEvents(tenDays);
    expect(exact).toBeGreaterThan(20);
    expect(await store().estimateEvents(tenDays, 20)).toEqual({ total: exact, estimate: false });
    expect(await store().estimateEvents({ admin2: 'Nowhere' }, 0)).toEqual({ total: 0, estimate: false });
  });
}
