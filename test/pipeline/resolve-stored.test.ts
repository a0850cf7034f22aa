import { describe, expect, it } from 'vitest';
import type { Location, Mention } from '../../src/domain/index.js';
import { resolvePending } from '../../src/pipeline/resolve-pending.js';
import { resolveAround, resolveSeeds } from '../../src/pipeline/resolve-stored.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { BlockClaims, ResolutionScope, Store, StoredEvent } from '../../src/store/store.js';
import { FRAMING, makeDocument, makeMention } from '../store/fixtures.js';
import { eventSnapshot } from './pipeline-fixtures.js';

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
        blocked: false,
      });
    } finally {
      await store.close();
    }
  });
});

/** Claims as another round's holdings make them: refused where `heldElsewhere` says, else `answer`. */
function claims(
  heldElsewhere: (scope: ResolutionScope) => boolean,
  answer: 'held' | 'taken' = 'held',
): BlockClaims & { readonly asked: ResolutionScope[] } {
  const asked: ResolutionScope[] = [];
  return {
    asked,
    async claim(scope) {
      asked.push(scope);
      return heldElsewhere(scope) ? 'refused' : answer;
    },
  };
}

const inSindh = (scope: ResolutionScope): boolean => scope.admin1 === 'Sindh';

describe('resolveSeeds beside other rounds', () => {
  it('leaves pending the seeds whose days another round holds, and plans the others', async () => {
    const beside = await openSqliteStore({ path: ':memory:' });
    const alone = await openSqliteStore({ path: ':memory:' });
    try {
      for (const store of [beside, alone]) {
        await save(store, 1, (docId) => [makeMention(docId, 0, { location: TURBAT })]);
        await save(store, 2, (docId) => [makeMention(docId, 0, { location: KARACHI })]);
        await save(store, 3, (docId) => [
          makeMention(docId, 0, {
            location: GWADAR,
            date: { start: '2025-08-20', end: '2025-08-20', precision: 'day' },
          }),
        ]);
      }
      const round = await resolveSeeds(beside, await beside.listPendingMentions(100), {
        blocks: claims(inSindh),
      });
      expect(round).toMatchObject({ seeds: 2, blocked: false });
      expect((await beside.listPendingMentions(100)).map((p) => p.admin1)).toEqual(['Sindh']);
      expect((await events(beside)).map((e) => e.record.location?.admin1)).toEqual([
        'Balochistan',
        'Balochistan',
      ]);
      // the held province's round comes later: the same events as one round that held everything
      await resolvePending(beside);
      await resolvePending(alone);
      expect(await eventSnapshot(beside)).toEqual(await eventSnapshot(alone));
    } finally {
      await beside.close();
      await alone.close();
    }
  });

  it('writes nothing and says blocked when an operation reaches days another round holds', async () => {
    const store = await openSqliteStore({ path: ':memory:' });
    try {
      await save(store, 1, operationReports(1));
      const asked = claims(inSindh);
      const round = await resolveSeeds(store, await store.listPendingMentions(100), { blocks: asked });
      expect(round).toMatchObject({ seeds: 0, events: 0, blocked: true });
      // it took the Turbat seed (Karachi's it left), then followed the operation to Karachi, and gave up there
      expect(asked.asked.at(-1)).toMatchObject({ admin1: 'Sindh', from: '2025-04-29', to: '2025-05-13' });
      expect(await store.countPendingMentions()).toBe(2);
      expect(await events(store)).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it('reads again a report whose days it took only after reading it', async () => {
    const stored = await openSqliteStore({ path: ':memory:' });
    const { store, calls } = counting(stored);
    try {
      await save(store, 1, (docId) => [makeMention(docId, 0, { location: TURBAT })]);
      // a report of a span of days that reaches past the window around the seed
      await save(store, 2, (docId) => [
        makeMention(docId, 0, {
          location: TURBAT,
          date: { start: '2025-05-04', end: '2025-05-30', precision: 'days' },
        }),
      ]);
      const seeds = (await store.listPendingMentions(100)).filter((p) => p.dateEnd === '2025-05-06');
      // days held from before: nothing is read again
      await resolveSeeds(store, seeds, { blocks: claims(() => false, 'held') });
      expect(calls.get('listMentionInputs') ?? 0).toBe(0);
      // days taken as the round goes: the report read before its last days were held is read again, once
      await resolveSeeds(store, seeds, { blocks: claims(() => false, 'taken') });
      expect(calls.get('listMentionInputs')).toBe(1);
    } finally {
      await stored.close();
    }
  });
});
