import { describe, expect, it } from 'vitest';
import type { Location, Mention } from '../../src/domain/index.js';
import { resolvePending } from '../../src/pipeline/resolve-pending.js';
import { resolveAround } from '../../src/pipeline/resolve-stored.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { Store, StoredEvent } from '../../src/store/store.js';
import { FRAMING, makeDocument, makeMention } from '../store/fixtures.js';

function town(name: string, admin2: string, admin1: string): Location {
  return { name, admin2, admin1, country: 'PK', lat: null, lon: null, precision: 'place', placeId: null };
}

const TURBAT = town('Turbat', 'Kech', 'Balochistan');
const GWADAR = town('Gwadar', 'Gwadar', 'Balochistan');
const KARACHI = town('Karachi', 'Karachi', 'Sindh');

async function save(store: Store, n: number, mentions: (docId: string) => Mention[]): Promise<Mention[]> {
  const doc = makeDocument(n);
  await store.saveDocuments([doc]);
  const list = mentions(doc.id);
  await store.saveExtraction({
    docId: doc.id,
    mentions: list,
    aggregates: [],
    framing: FRAMING,
    extractorVersion: '1',
  });
  return list;
}

/** The store, with a count of the calls of each of its methods. */
function counting(store: Store): { readonly store: Store; readonly calls: Map<string, number> } {
  const calls = new Map<string, number>();
  const counted = new Proxy(store, {
    get(target, name, receiver) {
      const value: unknown = Reflect.get(target, name, receiver);
      if (typeof value !== 'function' || typeof name !== 'string') return value;
      return (...args: unknown[]) => {
        calls.set(name, (calls.get(name) ?? 0) + 1);
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { store: counted, calls };
}

async function events(store: Store): Promise<StoredEvent[]> {
  const out: StoredEvent[] = [];
  for await (const e of store.queryEvents({})) out.push(e);
  return out;
}

/** Two outlets' reports of one operation in two provinces, on one day. */
function operationReports(n: number): (docId: string) => Mention[] {
  return (docId) =>
    [TURBAT, KARACHI].map((location, i) =>
      makeMention(docId, i, {
        operationKey: `${docId}#op`,
        location,
        date: { start: '2025-05-06', end: '2025-05-06', precision: 'day' },
        claims: [],
        operationClaims: [],
        actor2: null,
        confidence: 0.6 + n / 100,
      }),
    );
}

describe('resolveAround', () => {
  it('keeps an operation across two provinces under one id, whether its reports come together or apart', async () => {
    const apart = await openSqliteStore({ path: ':memory:' });
    const together = await openSqliteStore({ path: ':memory:' });
    const { store: apartCounted, calls } = counting(apart);
    try {
      await resolveAround(apartCounted, await save(apart, 1, operationReports(1)));
      await resolveAround(apartCounted, await save(apart, 2, operationReports(2)));
      // reports with an operation key: their operation's other scopes are followed
      expect(calls.get('linkedScopes')).toBeGreaterThan(0);
      const both = [
        ...(await save(together, 2, operationReports(2))),
        ...(await save(together, 1, operationReports(1))),
      ];
      await resolveAround(together, both);

      const a = await events(apart);
      const t = await events(together);
      expect(a.map((e) => e.record.location?.admin1).sort()).toEqual(['Balochistan', 'Sindh']);
      const operations = new Set(a.map((e) => e.record.operation_id));
      expect(operations.size).toBe(1);
      expect([...operations][0]).not.toBeNull();
      for (const e of a) expect(e.record.doc_ids).toHaveLength(2);
      expect(await apart.listOperations()).toHaveLength(1);
      expect(t.map((e) => [e.record.id, e.record.operation_id])).toEqual(
        a.map((e) => [e.record.id, e.record.operation_id]),
      );
    } finally {
      await apart.close();
      await together.close();
    }
  });

  it('re-plans an event whole when a new report touches only some of its mentions', async () => {
    const stored = await openSqliteStore({ path: ':memory:' });
    // the other reports of an event are found by the event's id, read with each mention, not by a join of
    // mentions with mentions; and mentions without an operation key follow no operation
    const { store, calls } = counting(stored);
    try {
      const first = await save(store, 1, (docId) => [makeMention(docId, 0, { location: TURBAT })]);
      await resolveAround(store, first);
      // a later, vaguer account of the same attack: its days reach past the window of the next report
      const second = await save(store, 2, (docId) => [
        makeMention(docId, 0, {
          location: TURBAT,
          date: { start: '2025-05-06', end: '2025-05-12', precision: 'days' },
        }),
      ]);
      await resolveAround(store, second);
      const [merged, ...rest] = await events(store);
      expect(rest).toHaveLength(0);
      expect(merged!.record.doc_ids).toHaveLength(2);

      // another attack in the province a week later: its window holds the second report but not the first
      const third = await save(store, 3, (docId) => [
        makeMention(docId, 0, {
          location: GWADAR,
          date: { start: '2025-05-19', end: '2025-05-19', precision: 'day' },
        }),
      ]);
      await resolveAround(store, third);
      const after = await events(store);
      expect(after).toHaveLength(2);
      const kept = after.find((e) => e.record.id === merged!.record.id);
      expect(kept?.record.doc_ids).toEqual(merged!.record.doc_ids);
      const linked = after.flatMap((e) => e.mentionIds).sort();
      expect(linked).toEqual([...first, ...second, ...third].map((m) => m.id).sort());
      expect(calls.get('listEventMentionIds')).toBeGreaterThan(0);
      expect(calls.get('listCoMentionIds')).toBeUndefined();
      expect(calls.get('linkedScopes')).toBeUndefined();
    } finally {
      await stored.close();
    }
  });

  it('does nothing for no new mentions', async () => {
    const store = await openSqliteStore({ path: ':memory:' });
    try {
      expect(await resolveAround(store, [])).toEqual({
        seeds: 0,
        scopes: 0,
        mentions: 0,
        events: 0,
        operations: 0,
        eventIds: [],
      });
    } finally {
      await store.close();
    }
  });
});

describe('a round of resolution', () => {
  it('plans again, with its own window, a report whose event a round changed without reading around it', async () => {
    const month = { start: '2025-05-01', end: '2025-05-28', precision: 'month' as const };
    const tenth = { start: '2025-05-10', end: '2025-05-10', precision: 'day' as const };
    const saveAll = async (store: Store): Promise<Mention[]> => [
      ...(await save(store, 1, (docId) => [makeMention(docId, 0, { location: TURBAT, date: month })])),
      ...(await save(store, 2, (docId) => [makeMention(docId, 0, { location: TURBAT, date: tenth })])),
    ];
    const stepwise = await openSqliteStore({ path: ':memory:' });
    const alone = await openSqliteStore({ path: ':memory:' });
    try {
      const [spanning, earlier] = await saveAll(stepwise);
      await resolvePending(stepwise);
      expect((await events(stepwise)).map((e) => e.mentionIds.length)).toEqual([2]);
      // a new report of the 10th: its round reads a week around it, which holds the month-long report but not
      // that report's own window (the whole month and a week on either side)
      const [later] = await save(stepwise, 3, (docId) => [
        makeMention(docId, 0, { location: TURBAT, date: tenth }),
      ]);
      const round = await resolvePending(stepwise, { maxRounds: 1 });
      expect(round.mentions).toBe(1);
      // its event changed (a report joined it): the month-long report waits for a round of its own window; the
      // report of the 10th, whose window that round read whole, does not
      expect((await stepwise.listPendingMentions(10)).map((m) => m.id)).toEqual([spanning!.id]);
      await resolvePending(stepwise);
      expect(await stepwise.countPendingMentions()).toBe(0);
      // and the same events as one plan of all three
      await saveAll(alone);
      await save(alone, 3, (docId) => [makeMention(docId, 0, { location: TURBAT, date: tenth })]);
      await resolvePending(alone);
      const ids = (list: StoredEvent[]) => list.map((e) => [...e.mentionIds].sort()).sort();
      expect(ids(await events(stepwise))).toEqual(ids(await events(alone)));
      expect(ids(await events(stepwise))).toEqual([[spanning!.id, earlier!.id, later!.id].sort()]);
    } finally {
      await Promise.all([stepwise.close(), alone.close()]);
    }
  });
});
