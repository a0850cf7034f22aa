import { expect, it } from 'vitest';
import type { Document, EventRecord, Mention } from '../../src/domain/index.js';
import { FaultlineError } from '../../src/errors/errors.js';
import type { EventQuery, ResolutionScope, Store, StoredEvent } from '../../src/store/store.js';
import { filterEvents, makeOperation, makeProfile, makeStoredEvent } from './event-fixtures.js';
import { FRAMING, claim, makeDocument, makeExtraction, makeMention } from './fixtures.js';

async function ids(iterable: AsyncIterable<StoredEvent>): Promise<string[]> {
  const out: string[] = [];
  for await (const e of iterable) out.push(e.record.id);
  return out;
}

/** Each event of `queryEventJson`, parsed, beside the records `queryEvents` gives for the same query. */
async function bothReads(
  store: Store,
  query: EventQuery,
): Promise<{ fromJson: EventRecord[]; records: EventRecord[] }> {
  const fromJson: EventRecord[] = [];
  for await (const text of store.queryEventJson(query)) {
    expect(typeof text).toBe('string');
    fromJson.push(JSON.parse(text) as EventRecord);
  }
  const records: EventRecord[] = [];
  for await (const e of store.queryEvents(query)) records.push(e.record);
  return { fromJson, records };
}

async function failure(promise: Promise<unknown>): Promise<string | null> {
  return promise.then(
    () => null,
    (e: unknown) => (e instanceof FaultlineError ? e.code : String(e)),
  );
}

/** Event, resolution and publisher cases of the contract; `store` gives the current test's fresh store. */
export function eventContractCases(store: () => Store): void {
  async function storeDocs(...docs: Document[]): Promise<void> {
    await store().saveDocuments(docs);
    for (const d of docs) await store().saveExtraction({ ...makeExtraction(d.id), aggregates: [] });
  }

  it('lists the linkable mentions of a scope with their documents, by date overlap and exact country and province', async () => {
    const [d1, d2, d3] = [makeDocument(31), makeDocument(32), makeDocument(33)];
    await store().saveDocuments([d1, d2, d3]);
    const inKech = makeMention(d1.id, 0);
    const later = makeMention(d1.id, 1, {
      date: { start: '2025-05-20', end: '2025-05-20', precision: 'day' },
    });
    // a report of "last year": its dates overlap every window of the year, but it ties to no other report
    const lastYear = makeMention(d1.id, 2, {
      date: { start: '2025-01-01', end: '2025-12-31', precision: 'year' },
    });
    // longer than any linkable date: starts far before the window, though it overlaps it
    const season = makeMention(d1.id, 3, {
      date: { start: '2025-02-01', end: '2025-05-31', precision: 'days' },
    });
    const kp = makeMention(d2.id, 0, {
      location: { ...inKech.location!, name: 'Bannu', admin2: 'Bannu', admin1: 'Khyber Pakhtunkhwa' },
    });
    const spanning = makeMention(d2.id, 1, {
      date: { start: '2025-04-25', end: '2025-05-01', precision: 'week' },
    });
    const countryWide = makeMention(d2.id, 2, {
      location: { ...inKech.location!, name: 'Pakistan', admin2: null, admin1: null, precision: 'country' },
    });
    const nowhere = makeMention(d3.id, 0, { location: null });
    const save = (docId: string, mentions: (typeof inKech)[]) =>
      store().saveExtraction({ ...makeExtraction(docId), mentions, aggregates: [] });
    await save(d1.id, [inKech, later, lastYear, season]);
    await save(d2.id, [kp, spanning, countryWide]);
    await save(d3.id, [nowhere]);
    const window = { from: '2025-05-01', to: '2025-05-10' };
    const scoped = await store().listResolutionInputs({ country: 'PK', admin1: 'Balochistan', ...window });
    expect(scoped.map((i) => i.mention)).toEqual([inKech, spanning]);
    expect(scoped[0]!.source).toEqual({
      docId: d1.id,
      publisher: d1.publisher,
      url: d1.url,
      published: d1.published,
      text: d1.text,
    });
    const kpScope = await store().listResolutionInputs({
      country: 'PK',
      admin1: 'Khyber Pakhtunkhwa',
      ...window,
    });
    expect(kpScope.map((i) => i.mention.id)).toEqual([kp.id]);
    // null means "none", not "any": the mentions placed in the country but in no province, then those unplaced
    const noProvince = await store().listResolutionInputs({ country: 'PK', admin1: null, ...window });
    expect(noProvince.map((i) => i.mention.id)).toEqual([countryWide.id]);
    const unplaced = await store().listResolutionInputs({ country: null, admin1: null, ...window });
    expect(unplaced.map((i) => i.mention.id)).toEqual([nowhere.id]);
    const empty = { country: 'PK', admin1: 'Balochistan', from: '2025-06-01', to: '2025-06-30' };
    expect(await store().listResolutionInputs(empty)).toEqual([]);
    // the vague ones are read by id, with their documents, in id order; an absent id is skipped
    const byId = await store().listMentionInputs([season.id, 'absent', lastYear.id, season.id]);
    expect(byId.map((i) => i.mention)).toEqual([lastYear, season].sort((a, b) => (a.id < b.id ? -1 : 1)));
    expect(byId[0]!.source.text).toBe(d1.text);
    expect(await store().listMentionInputs([])).toEqual([]);
    // a document the caller holds is taken from it, not read again; the others are read; and each input says
    // which event, if any, its mention points at
    const held = new Map([[d1.id, { ...scoped[0]!.source, text: 'held by the caller' }]]);
    const again = await store().listResolutionInputs(
      { country: 'PK', admin1: 'Balochistan', ...window },
      held,
    );
    expect(again.map((i) => [i.mention.id, i.source.text, i.eventId])).toEqual([
      [inKech.id, 'held by the caller', null],
      [spanning.id, d2.text, null],
    ]);
    const againById = await store().listMentionInputs([season.id], held);
    expect(againById.map((i) => i.source.text)).toEqual(['held by the caller']);
  });

  it('marks unresolved, never eventless, the mentions of a replaced event that the new plan leaves out', async () => {
    const [d1, d2] = [makeDocument(35), makeDocument(36)];
    await storeDocs(d1, d2);
    const [a, b] = [makeMention(d1.id, 0), makeMention(d2.id, 0)];
    for (const [doc, m] of [
      [d1, a],
      [d2, b],
    ] as const)
      await store().saveExtraction({ ...makeExtraction(doc.id), mentions: [m], aggregates: [] });
    const both = makeStoredEvent('ev-both', [a, b], [d1, d2]);
    await store().replaceResolution({ mentionIds: [a.id, b.id], events: [both], operations: [] });
    expect(await store().countPendingMentions()).toBe(0);
    const sorted = [a.id, b.id].sort();
    expect(await store().listEventMentionIds(['ev-both', 'ev-absent'])).toEqual(sorted);
    expect(await store().listCoMentionIds([a.id])).toEqual(sorted);
    // a plan that read only `a` replaces the event: `b` loses it, and waits to be planned again
    const alone = makeStoredEvent('ev-a', [a], [d1]);
    await store().replaceResolution({ mentionIds: [a.id], events: [alone], operations: [] });
    expect((await store().listPendingMentions(10)).map((p) => p.id)).toEqual([b.id]);
    expect(await store().getEvent('ev-both')).toBeNull();
    // a vague report shares no window with the others: it never widens a read
    const vague = makeMention(d2.id, 1, {
      date: { start: '2025-01-01', end: '2025-12-31', precision: 'year' },
    });
    await store().saveExtraction({ ...makeExtraction(d2.id), mentions: [b, vague], aggregates: [] });
    const joint = makeStoredEvent('ev-joint', [b, vague], [d2]);
    await store().replaceResolution({ mentionIds: [b.id, vague.id], events: [joint], operations: [] });
    expect(await store().linkedScopes([b.id])).toEqual([
      { country: 'PK', admin1: 'Balochistan', from: '2025-05-06', to: '2025-05-06' },
    ]);
  });

  it('stores a resolution and reads back events and operations', async () => {
    const [d1, d2] = [makeDocument(41), makeDocument(42)];
    await storeDocs(d1, d2);
    const both = makeStoredEvent('ev-1', [makeMention(d1.id, 0), makeMention(d2.id, 0)], [d1, d2], 'op-1');
    const op = makeOperation('op-1', ['ev-1'], [d1.id, d2.id]);
    await store().replaceResolution({ mentionIds: both.mentionIds, events: [both], operations: [op] });
    expect(await store().getEvent('ev-1')).toEqual(both);
    expect(await store().getOperation('op-1')).toEqual(op);
    expect(await store().listOperations()).toEqual([op]);
    expect(await store().getEvent('ev-absent')).toBeNull();
    expect(await store().getOperation('op-absent')).toBeNull();
    expect(await store().countEvents({ publisher: d2.publisher! })).toBe(1);
  });

  it('replaces the events its mentions held, with their operations, and never duplicates', async () => {
    const [d1, d2] = [makeDocument(43), makeDocument(44)];
    await storeDocs(d1, d2);
    const [m1, m2] = [makeMention(d1.id, 0), makeMention(d2.id, 0)];
    const merged = makeStoredEvent('ev-merged', [m1, m2], [d1, d2], 'op-1');
    await store().replaceResolution({
      mentionIds: [m1.id, m2.id],
      events: [merged],
      operations: [makeOperation('op-1', ['ev-merged'], [d1.id])],
    });
    // Re-resolving only m1 finds ev-merged through m1's link and removes it with its operation.
    const alone = makeStoredEvent('ev-alone', [m1], [d1]);
    for (let i = 0; i < 2; i++)
      await store().replaceResolution({ mentionIds: [m1.id], events: [alone], operations: [] });
    expect(await ids(store().queryEvents({}))).toEqual(['ev-alone']);
    expect(await store().listOperations()).toEqual([]);
    // An id already stored but not linked to the given mentions is replaced in place.
    const renamed = makeStoredEvent('ev-alone', [m2], [d2]);
    await store().replaceResolution({ mentionIds: [], events: [renamed], operations: [] });
    expect(await store().countEvents({})).toBe(1);
    expect(await store().getEvent('ev-alone')).toEqual(renamed);
    expect(await store().countEvents({ publisher: d1.publisher! })).toBe(0);
    await store().replaceResolution({ mentionIds: [m1.id, m2.id], events: [], operations: [] });
    expect(await store().countEvents({})).toBe(0);
  });

  it('finds the events that two publishers or more report', async () => {
    const [d1, d2, d3] = [makeDocument(47), makeDocument(48), makeDocument(50)];
    await storeDocs(d1, d2, d3);
    // 47 and 48 come from two outlets, 48 and 50 from one
    const two = makeStoredEvent('ev-two', [makeMention(d1.id, 0), makeMention(d2.id, 0)], [d1, d2]);
    const one = makeStoredEvent('ev-one', [makeMention(d2.id, 1), makeMention(d3.id, 0)], [d2, d3]);
    await store().replaceResolution({
      mentionIds: [...two.mentionIds, ...one.mentionIds],
      events: [two, one],
      operations: [],
    });
    expect(await ids(store().queryEvents({ minPublishers: 2 }))).toEqual(['ev-two']);
    expect(await store().countEvents({ minPublishers: 2 })).toBe(1);
    expect(await store().countEvents({ minPublishers: 1 })).toBe(2);
    expect(await store().countEvents({ minPublishers: 3 })).toBe(0);
  });

  it('tells where the mentions sharing an event or an operation with given mentions lie', async () => {
    const [d1, d2] = [makeDocument(45), makeDocument(46)];
    await store().saveDocuments([d1, d2]);
    const sindh = { ...makeMention(d1.id, 0).location!, name: 'Karachi', admin2: 'Karachi', admin1: 'Sindh' };
    const here = makeMention(d1.id, 0);
    const there = makeMention(d1.id, 1, {
      operationKey: `${d1.id}#op`,
      location: sindh,
      date: { start: '2025-05-07', end: '2025-05-07', precision: 'day' },
    });
    const also = makeMention(d1.id, 2, { operationKey: `${d1.id}#op` });
    const later = makeMention(d2.id, 0, {
      date: { start: '2025-05-20', end: '2025-05-21', precision: 'days' },
    });
    const save = (docId: string, mentions: Mention[]) =>
      store().saveExtraction({ docId, mentions, aggregates: [], framing: FRAMING, extractorVersion: '1' });
    await save(d1.id, [here, there, also]);
    await save(d2.id, [later]);
    const event = makeStoredEvent('ev-linked', [here, later], [d1, d2]);
    await store().replaceResolution({ mentionIds: event.mentionIds, events: [event], operations: [] });

    const sorted = (scopes: readonly ResolutionScope[]) =>
      [...scopes].sort((a, b) => String(a.admin1).localeCompare(String(b.admin1)));
    // through the event: the later report's days widen the span
    expect(sorted(await store().linkedScopes([here.id]))).toEqual([
      { country: 'PK', admin1: 'Balochistan', from: '2025-05-06', to: '2025-05-21' },
    ]);
    // through the operation key: both provinces the operation reaches
    expect(sorted(await store().linkedScopes([there.id]))).toEqual([
      { country: 'PK', admin1: 'Balochistan', from: '2025-05-06', to: '2025-05-06' },
      { country: 'PK', admin1: 'Sindh', from: '2025-05-07', to: '2025-05-07' },
    ]);
    expect(await store().linkedScopes([])).toEqual([]);
    expect(await store().linkedScopes(['no-such-mention'])).toEqual([]);
  });

  it('leaves the stored events, operations and links intact when a replacement fails', async () => {
    const d1 = makeDocument(45);
    await storeDocs(d1);
    const m = makeMention(d1.id, 0);
    const first = makeStoredEvent('ev-first', [m], [d1], 'op-1');
    const op = makeOperation('op-1', ['ev-first'], [d1.id]);
    await store().replaceResolution({ mentionIds: [m.id], events: [first], operations: [op] });
    const twin = makeStoredEvent('ev-twin', [m], [d1]);
    const clash = { mentionIds: [m.id], events: [twin, twin], operations: [] };
    expect(await failure(store().replaceResolution(clash))).toBe('FL_ERR_STORE');
    const orphan = makeStoredEvent('ev-orphan', [makeMention(makeDocument(46).id, 0)], [makeDocument(46)]);
    const missingDoc = { mentionIds: [m.id], events: [orphan], operations: [] };
    expect(await failure(store().replaceResolution(missingDoc))).toBe('FL_ERR_STORE');
    expect(await store().getEvent('ev-first')).toEqual(first);
    expect(await store().getOperation('op-1')).toEqual(op);
    expect(await ids(store().queryEvents({}))).toEqual(['ev-first']);
    // The mention's link survived: re-resolving it still finds and replaces ev-first.
    await store().replaceResolution({ mentionIds: [m.id], events: [twin], operations: [] });
    expect(await ids(store().queryEvents({}))).toEqual(['ev-twin']);
  });

  it('narrows events by each filter and by their combination, counting the same', async () => {
    const [a, b] = [makeDocument(51), makeDocument(52)];
    await storeDocs(a, b);
    const events = filterEvents(a, b);
    await store().replaceResolution({ mentionIds: [], events, operations: [] });
    const cases: [EventQuery, string[]][] = [
      [{}, ['ev-e', 'ev-a', 'ev-b', 'ev-c', 'ev-d']],
      [{ from: '2025-05-07', to: '2025-05-31' }, ['ev-b', 'ev-c']],
      [{ to: '2025-05-06' }, ['ev-e', 'ev-a', 'ev-b']],
      [{ admin1: 'BALOCHISTAN' }, ['ev-a', 'ev-b', 'ev-c']],
      [{ admin2: 'kech' }, ['ev-a', 'ev-b']],
      [{ actor: 'baloch liberation army' }, ['ev-a', 'ev-c']],
      [{ actor: 'Police Forces of Pakistan' }, ['ev-b', 'ev-d']],
      [{ type: 'Battles' }, ['ev-e', 'ev-a', 'ev-c']],
      [{ type: 'Remote explosive/landmine/IED' }, ['ev-b']],
      [{ publisher: 'example daily' }, ['ev-b', 'ev-c', 'ev-d']],
      [{ contested: true }, ['ev-a']],
      [{ contested: false }, ['ev-e', 'ev-b', 'ev-c', 'ev-d']],
      [{ operationId: 'op-1' }, ['ev-a', 'ev-c']],
      [{ admin2: 'Kech', publisher: 'Frontier Wire', type: 'Battles', from: '2025-05-01' }, ['ev-a']],
      [{ admin1: 'Sindh' }, []],
      [{ sort: '-date' }, ['ev-d', 'ev-c', 'ev-b', 'ev-a', 'ev-e']],
      [{ sort: '-fatalities' }, ['ev-d', 'ev-b', 'ev-a', 'ev-e', 'ev-c']],
      [{ sort: 'fatalities', limit: 2 }, ['ev-c', 'ev-e']],
      [{ limit: 2, offset: 1 }, ['ev-a', 'ev-b']],
      [{ limit: 0 }, []],
      [{ offset: 10 }, []],
    ];
    for (const [query, expected] of cases) {
      expect({ query, got: await ids(store().queryEvents(query)) }).toEqual({ query, got: expected });
      if (query.limit === undefined && query.offset === undefined)
        expect({ query, n: await store().countEvents(query) }).toEqual({ query, n: expected.length });
    }
    const [first] = await ids(store().queryEvents({ admin2: 'Kech', publisher: 'Example Daily' }));
    expect(await store().getEvent(first!)).toEqual(events[1]);
  });

  it('streams more events than one page, in order, with offset and limit across pages', async () => {
    const doc = makeDocument(61);
    await storeDocs(doc);
    const base = makeMention(doc.id, 0);
    const events = Array.from({ length: 1150 }, (_, i) => {
      const day = String(1 + (i % 28)).padStart(2, '0');
      const mention = {
        ...base,
        id: `${doc.id}#x${i}`,
        date: { ...base.date, start: `2025-02-${day}`, end: `2025-02-${day}` },
      };
      return makeStoredEvent(`ev-${String(i).padStart(5, '0')}`, [mention], [doc]);
    });
    await store().replaceResolution({ mentionIds: [], events, operations: [] });
    const expected = events
      .map((e) => `${e.record.date.start} ${e.record.id}`)
      .sort()
      .map((k) => k.split(' ')[1]!);
    expect(await ids(store().queryEvents({}))).toEqual(expected);
    expect(await ids(store().queryEvents({ sort: '-date' }))).toEqual([...expected].reverse());
    expect(await ids(store().queryEvents({ offset: 480, limit: 600 }))).toEqual(expected.slice(480, 1080));
    expect(await store().countEvents({ to: '2025-02-14' })).toBe(
      events.filter((e) => e.record.date.start <= '2025-02-14').length,
    );
    let seen = 0;
    for await (const _ of store().queryEvents({})) if (++seen === 3) break;
    expect(seen).toBe(3);
  });

  it('yields the stored JSON of the records queryEvents gives, in the same order', async () => {
    const [a, b] = [makeDocument(53), makeDocument(54)];
    await storeDocs(a, b);
    const events = filterEvents(a, b);
    await store().replaceResolution({ mentionIds: [], events, operations: [] });
    const queries: [EventQuery, string[]][] = [
      [{}, ['ev-e', 'ev-a', 'ev-b', 'ev-c', 'ev-d']],
      [{ admin1: 'Balochistan' }, ['ev-a', 'ev-b', 'ev-c']],
      [{ type: 'Battles', publisher: 'Frontier Wire' }, ['ev-e', 'ev-a', 'ev-c']],
      [{ sort: '-date' }, ['ev-d', 'ev-c', 'ev-b', 'ev-a', 'ev-e']],
      [{ sort: 'fatalities' }, ['ev-c', 'ev-e', 'ev-a', 'ev-b', 'ev-d']],
      [{ sort: '-fatalities', contested: false }, ['ev-d', 'ev-b', 'ev-e', 'ev-c']],
      [{ limit: 2, offset: 1 }, ['ev-a', 'ev-b']],
      [{ sort: '-date', limit: 3, offset: 3 }, ['ev-a', 'ev-e']],
      [{ limit: 0 }, []],
      [{ admin1: 'Sindh' }, []],
    ];
    for (const [query, expected] of queries) {
      const { fromJson, records } = await bothReads(store(), query);
      expect({ query, ids: fromJson.map((r) => r.id) }).toEqual({ query, ids: expected });
      expect({ query, fromJson }).toEqual({ query, fromJson: records });
    }
    // the text is the record exactly as it was stored
    const [onlyA] = (await bothReads(store(), { admin2: 'Kech', publisher: 'Frontier Wire' })).fromJson;
    expect(onlyA).toEqual(events[0]!.record);
  });

  it('yields stored JSON in the order of queryEvents across pages, offsets and limits', async () => {
    const doc = makeDocument(62);
    await storeDocs(doc);
    const base = makeMention(doc.id, 0);
    // 560 events: more than one page of 500 in every order, fatalities tied across the page boundary, and
    // one in ten an explosion, so that the 504 battles also fill more than a page
    const events = Array.from({ length: 560 }, (_, i) => {
      const day = String(1 + (i % 28)).padStart(2, '0');
      const killed = i % 6;
      const mention = {
        ...base,
        id: `${doc.id}#y${i}`,
        date: { ...base.date, start: `2025-03-${day}`, end: `2025-03-${day}` },
        ...(i % 10 === 0
          ? { eventType: 'Explosions/Remote violence' as const, subEventType: 'Grenade' as const }
          : {}),
        claims: killed === 0 ? [] : [claim(doc.id, { low: killed, high: killed, best: killed })],
      };
      return makeStoredEvent(`ev-${String(i).padStart(5, '0')}`, [mention], [doc]);
    });
    await store().replaceResolution({ mentionIds: [], events, operations: [] });
    const rank = (r: EventRecord) => r.fatalities?.best ?? -1;
    const byId = (id: string) => events.find((e) => e.record.id === id)!.record;
    const byFatalities = events
      .map((e) => e.record)
      .sort((x, y) => rank(x) - rank(y) || (x.id < y.id ? -1 : 1))
      .map((r) => r.id);
    // the page boundary falls inside a run of equal fatalities in both directions (the 500th descending is the
    // 60th ascending): the cursor must break the tie by id
    expect(rank(byId(byFatalities[499]!))).toBe(rank(byId(byFatalities[500]!)));
    expect(rank(byId(byFatalities[59]!))).toBe(rank(byId(byFatalities[60]!)));
    const queries: [EventQuery, number][] = [
      [{}, 560],
      [{ sort: '-date' }, 560],
      [{ sort: 'fatalities' }, 560],
      [{ sort: '-fatalities' }, 560],
      [{ type: 'Battles', sort: '-fatalities' }, 504],
      [{ type: 'Armed clash' }, 504],
      [{ type: 'Grenade', sort: 'fatalities' }, 56],
      [{ offset: 30, limit: 520 }, 520],
      [{ sort: '-fatalities', offset: 40, limit: 510 }, 510],
      [{ sort: 'fatalities', offset: 480, limit: 100 }, 80],
    ];
    for (const [query, n] of queries) {
      const { fromJson, records } = await bothReads(store(), query);
      expect({ query, n: fromJson.length }).toEqual({ query, n });
      expect(fromJson).toEqual(records);
      if (query.sort === 'fatalities' && query.type === undefined) {
        const start = query.offset ?? 0;
        expect(fromJson.map((r) => r.id)).toEqual(byFatalities.slice(start, start + n));
      }
      if (query.sort === '-fatalities' && query.type === undefined) {
        const reversed = [...byFatalities].reverse();
        const start = query.offset ?? 0;
        expect(fromJson.map((r) => r.id)).toEqual(reversed.slice(start, start + n));
      }
    }
    let seen = 0;
    for await (const _ of store().queryEventJson({})) if (++seen === 3) break;
    expect(seen).toBe(3);
  });

  it('filters by an event type and by a sub-event type, each on its own column', async () => {
    const [a, b] = [makeDocument(55), makeDocument(56)];
    await storeDocs(a, b);
    await store().replaceResolution({ mentionIds: [], events: filterEvents(a, b), operations: [] });
    // ev-a, ev-c and ev-e are Battles / Armed clash; ev-b an IED, ev-d an attack on civilians
    const cases: [string, string[]][] = [
      ['Battles', ['ev-e', 'ev-a', 'ev-c']],
      ['Armed clash', ['ev-e', 'ev-a', 'ev-c']],
      ['Explosions/Remote violence', ['ev-b']],
      ['Remote explosive/landmine/IED', ['ev-b']],
      ['Violence against civilians', ['ev-d']],
      ['Attack', ['ev-d']],
      ['Grenade', []],
      ['Protests', []],
    ];
    for (const [type, expected] of cases) {
      expect({ type, got: await ids(store().queryEvents({ type })) }).toEqual({ type, got: expected });
      const json: string[] = [];
      for await (const text of store().queryEventJson({ type }))
        json.push((JSON.parse(text) as EventRecord).id);
      expect({ type, json }).toEqual({ type, json: expected });
      expect({ type, n: await store().countEvents({ type }) }).toEqual({ type, n: expected.length });
    }
    const battles = await ids(store().queryEvents({ type: 'Battles' }));
    for (const other of ['Explosions/Remote violence', 'Attack'])
      for (const id of await ids(store().queryEvents({ type: other }))) expect(battles).not.toContain(id);
    const byType = await store().eventStats({ type: 'Armed clash' }, 'type');
    expect(byType).toEqual([{ key: 'Battles', events: 3, fatalities: 3 }]);
  });

  it('groups events and fatalities by every dimension', async () => {
    const [a, b] = [makeDocument(71), makeDocument(72)];
    await storeDocs(a, b);
    await store().replaceResolution({ mentionIds: [], events: filterEvents(a, b), operations: [] });
    const stats = (by: Parameters<Store['eventStats']>[1], q: EventQuery = {}) => store().eventStats(q, by);
    expect(await stats('day')).toEqual([
      { key: '2024-12-30', events: 1, fatalities: 1 },
      { key: '2025-05-06', events: 2, fatalities: 5 },
      { key: '2025-05-20', events: 1, fatalities: 0 },
      { key: '2025-06-02', events: 1, fatalities: 5 },
    ]);
    expect(await stats('week')).toEqual([
      { key: '2025-W01', events: 1, fatalities: 1 },
      { key: '2025-W19', events: 2, fatalities: 5 },
      { key: '2025-W21', events: 1, fatalities: 0 },
      { key: '2025-W23', events: 1, fatalities: 5 },
    ]);
    expect(await stats('month')).toEqual([
      { key: '2024-12', events: 1, fatalities: 1 },
      { key: '2025-05', events: 3, fatalities: 5 },
      { key: '2025-06', events: 1, fatalities: 5 },
    ]);
    expect(await stats('district')).toEqual([
      { key: '', events: 1, fatalities: 1 },
      { key: 'Bannu', events: 1, fatalities: 5 },
      { key: 'Kech', events: 2, fatalities: 5 },
      { key: 'Panjgur', events: 1, fatalities: 0 },
    ]);
    expect(await stats('actor', { admin1: 'balochistan' })).toEqual([
      { key: 'Baloch Liberation Army', events: 1, fatalities: 2 },
      { key: 'Pakistan Army', events: 1, fatalities: 0 },
      { key: 'Unidentified Armed Group', events: 1, fatalities: 3 },
    ]);
    expect(await stats('type', { contested: false })).toEqual([
      { key: 'Battles', events: 2, fatalities: 1 },
      { key: 'Explosions/Remote violence', events: 1, fatalities: 3 },
      { key: 'Violence against civilians', events: 1, fatalities: 5 },
    ]);
    expect(await stats('month', { admin1: 'Sindh' })).toEqual([]);
    const bad = store().eventStats({}, 'hour' as never);
    expect(await failure(bad)).toBe('FL_ERR_BAD_ARGUMENT');
  });

  it('counts events and fatalities by district and week, or by actor and month, in one grouping', async () => {
    const [a, b] = [makeDocument(73), makeDocument(74)];
    await storeDocs(a, b);
    await store().replaceResolution({ mentionIds: [], events: filterEvents(a, b), operations: [] });
    const order = (rows: readonly { key: string; period: string }[]) =>
      [...rows].sort((x, y) => (x.key + x.period < y.key + y.period ? -1 : 1));
    expect(order(await store().eventSeries({}, 'district', 'week'))).toEqual([
      { key: 'Bannu', period: '2025-W23', events: 1, fatalities: 5 },
      { key: 'Kech', period: '2025-W19', events: 2, fatalities: 5 },
      { key: 'Panjgur', period: '2025-W21', events: 1, fatalities: 0 },
    ]);
    expect(order(await store().eventSeries({ admin1: 'balochistan' }, 'actor', 'month'))).toEqual([
      { key: 'Baloch Liberation Army', period: '2025-05', events: 1, fatalities: 2 },
      { key: 'Pakistan Army', period: '2025-05', events: 1, fatalities: 0 },
      { key: 'Unidentified Armed Group', period: '2025-05', events: 1, fatalities: 3 },
    ]);
    expect(await failure(store().eventSeries({}, 'hour' as never, 'week'))).toBe('FL_ERR_BAD_ARGUMENT');
  });

  it('counts a trend per day, ISO week or month and split key, keeping the top keys and summing the rest as null', async () => {
    const [a, b] = [makeDocument(75), makeDocument(76)];
    await storeDocs(a, b);
    await store().replaceResolution({ mentionIds: [], events: filterEvents(a, b), operations: [] });
    const order = (rows: readonly { key: string | null; period: string }[]) =>
      [...rows].sort((x, y) => (`${x.period} ${x.key ?? ''}` < `${y.period} ${y.key ?? ''}` ? -1 : 1));
    // Panjgur and Bannu tie on one event each: Bannu's five killed put it in the top two; the undated-place event
    // of 2024-12-30 falls in ISO week 2025-W01 and, having no district, under null
    expect(order(await store().eventTrend({}, 'week', 'district', 2))).toEqual([
      { period: '2025-W01', key: null, name: null, events: 1, fatalities: 1 },
      { period: '2025-W19', key: 'kech', name: 'Kech', events: 2, fatalities: 5 },
      { period: '2025-W21', key: null, name: null, events: 1, fatalities: 0 },
      { period: '2025-W23', key: 'bannu', name: 'Bannu', events: 1, fatalities: 5 },
    ]);
    expect(order(await store().eventTrend({ admin1: 'balochistan' }, 'day', 'type'))).toEqual([
      { period: '2025-05-06', key: 'Battles', name: 'Battles', events: 1, fatalities: 2 },
      {
        period: '2025-05-06',
        key: 'Explosions/Remote violence',
        name: 'Explosions/Remote violence',
        events: 1,
        fatalities: 3,
      },
      { period: '2025-05-20', key: 'Battles', name: 'Battles', events: 1, fatalities: 0 },
    ]);
    // the filters apply as in the event list: an actor on either side; `from` keeps an event that overlaps it
    expect(
      await store().eventTrend({ from: '2025-05-07', actor: 'Baloch Liberation Army' }, 'month', 'actor', 5),
    ).toEqual([{ period: '2025-05', key: 'pakistan army', name: 'Pakistan Army', events: 1, fatalities: 0 }]);
    expect(
      order(await store().eventTrend({ from: '2025-05-08', admin1: 'balochistan' }, 'month', 'district')),
    ).toEqual([
      { period: '2025-05', key: 'kech', name: 'Kech', events: 1, fatalities: 3 },
      { period: '2025-05', key: 'panjgur', name: 'Panjgur', events: 1, fatalities: 0 },
    ]);
    expect(await store().eventTrend({ admin1: 'Sindh' }, 'week', 'district', 3)).toEqual([]);
    expect(await failure(store().eventTrend({}, 'hour' as never, 'district'))).toBe('FL_ERR_BAD_ARGUMENT');
    expect(await failure(store().eventTrend({}, 'day', 'place' as never))).toBe('FL_ERR_BAD_ARGUMENT');
    expect(await failure(store().eventTrend({}, 'day', 'type', 0))).toBe('FL_ERR_BAD_ARGUMENT');
  });

  it('replaces publisher profiles and lists publishers with their documents framing', async () => {
    const [extracted, plain, anonymous] = [
      makeDocument(81),
      makeDocument(82),
      makeDocument(84, { publisher: null }),
    ];
    await store().saveDocuments([extracted, plain, anonymous]);
    await store().saveExtraction(makeExtraction(extracted.id));
    expect(await store().listPublisherDocuments()).toEqual([
      { publisher: extracted.publisher, docId: extracted.id, framing: FRAMING },
      { publisher: plain.publisher, docId: plain.id, framing: null },
    ]);
    expect(await store().listPublisherProfiles()).toEqual([]);
    const [wire, daily, zed] = [
      makeProfile('Frontier Wire', 2),
      makeProfile('Example Daily', 1),
      makeProfile('zed', 4),
    ];
    await store().savePublisherProfiles([zed, wire, daily, { ...wire, documents: 9 }]);
    expect(await store().listPublisherProfiles()).toEqual([daily, { ...wire, documents: 9 }, zed]);
    await store().savePublisherProfiles([daily]);
    expect(await store().listPublisherProfiles()).toEqual([daily]);
    await store().savePublisherProfiles([]);
    expect(await store().listPublisherProfiles()).toEqual([]);
  });
}
