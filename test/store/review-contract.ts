import { expect, it } from 'vitest';
import type { Document, Editor, Mention } from '../../src/domain/index.js';
import { FaultlineError } from '../../src/errors/errors.js';
import type { Store, StoredEvent } from '../../src/store/store.js';
import { makeStoredEvent } from './event-fixtures.js';
import { makeDocument, makeExtraction, makeMention } from './fixtures.js';

const ANA: Editor = { userId: null, name: 'api-token' };

async function codeOf(promise: Promise<unknown>): Promise<string | null> {
  return promise.then(
    () => null,
    (e: unknown) => (e instanceof FaultlineError ? e.code : String(e)),
  );
}

/** Review, locks, history and people's merges and splits: every backend keeps them alike. */
export function reviewContractCases(store: () => Store): void {
  async function stored(n: number, mention: (docId: string) => Mention = (d) => makeMention(d, 0)) {
    const doc: Document = makeDocument(n);
    await store().saveDocuments([doc]);
    await store().saveExtraction({ ...makeExtraction(doc.id), aggregates: [] });
    const event: StoredEvent = makeStoredEvent(`ev-${n}`, [mention(doc.id)], [doc]);
    await store().replaceResolution({ mentionIds: event.mentionIds, events: [event], operations: [] });
    return { doc, event };
  }

  it('edits a field under its version, records it, locks it, and refuses a stale second save', async () => {
    const s = store();
    const { event } = await stored(1);
    const review = await s.getEventReview(event.record.id);
    expect(review).toMatchObject({ version: 1, reviewed: false, locks: [] });
    const after = await s.editEvent({
      eventId: event.record.id,
      version: 1,
      editor: { userId: null, name: 'api-token' },
      reason: 'the police statement gives three',
      changes: { fatalities: { low: 3, best: 3, high: 7 } },
    });
    expect(after.version).toBe(2);
    expect(after.locks).toEqual([
      expect.objectContaining({
        field: 'fatalities',
        value: { low: 3, best: 3, high: 7 },
        machine: event.record.fatalities,
        setBy: 'api-token',
      }),
    ]);
    const got = await s.getEvent(event.record.id);
    expect(got?.record.fatalities).toEqual({ low: 3, best: 3, high: 7 });
    expect(got?.record.reviewed).toBe(false);
    // the derived columns follow the record: a filter on the contested flag and the sort by fatalities see it
    const top = await s.queryEventPage({ sort: '-fatalities', limit: 1 });
    expect(JSON.parse(top.items[0]!).fatalities.best).toBe(3);
    // a second editor who read version 1 gets a conflict, and nothing of theirs is written
    const stale = s.editEvent({
      eventId: event.record.id,
      version: 1,
      editor: { userId: null, name: 'other' },
      reason: null,
      changes: { notes: 'overwritten' },
    });
    expect(await codeOf(stale)).toBe('FL_ERR_CONFLICT');
    expect((await s.getEvent(event.record.id))?.record.notes).toBe(event.record.notes);
    const history = await s.listEventEdits(event.record.id);
    expect(history.map((h) => [h.action, h.field, h.before, h.after, h.reason, h.by])).toEqual([
      [
        'edit',
        'fatalities',
        event.record.fatalities,
        { low: 3, best: 3, high: 7 },
        'the police statement gives three',
        'api-token',
      ],
    ]);
    expect(
      await codeOf(
        s.editEvent({ eventId: 'ev-none', version: 1, editor: ANA, reason: null, changes: { notes: 'x' } }),
      ),
    ).toBe('FL_ERR_NOT_FOUND');
  });

  it('keeps a locked field through re-resolution and notes the machine value beside it', async () => {
    const s = store();
    const { doc, event } = await stored(2);
    await s.editEvent({
      eventId: event.record.id,
      version: 1,
      editor: ANA,
      reason: null,
      changes: { event_type: 'Violence against civilians', sub_event_type: 'Attack' },
    });
    // re-resolved unchanged: the lock holds and the version stays (nothing new to conflict with)
    await s.replaceResolution({ mentionIds: event.mentionIds, events: [event], operations: [] });
    let got = await s.getEvent(event.record.id);
    expect(got?.record.event_type).toBe('Violence against civilians');
    expect((await s.getEventReview(event.record.id))?.version).toBe(2);
    // the machine now reads the type another way: the person's value stays, the machine's is noted
    const changed = makeStoredEvent(
      event.record.id,
      [
        makeMention(doc.id, 0, {
          eventType: 'Explosions/Remote violence',
          subEventType: 'Remote explosive/landmine/IED',
        }),
      ],
      [doc],
    );
    await s.replaceResolution({ mentionIds: changed.mentionIds, events: [changed], operations: [] });
    got = await s.getEvent(event.record.id);
    expect(got?.record.event_type).toBe('Violence against civilians');
    expect(got?.record.sub_event_type).toBe('Attack');
    const review = await s.getEventReview(event.record.id);
    expect(review?.locks.find((l) => l.field === 'event_type')).toMatchObject({
      value: 'Violence against civilians',
      machine: 'Explosions/Remote violence',
    });
    // the unlocked fields follow the machine
    expect(got?.record.notes).toBe(changed.record.notes);
  });

  it('confirms and dismisses events on the record and keeps them out of the queue', async () => {
    const s = store();
    const a = await stored(3, (d) =>
      makeMention(d, 0, { date: { start: '2025-05-01', end: '2025-05-01', precision: 'day' } }),
    );
    const b = await stored(4, (d) =>
      makeMention(d, 0, { date: { start: '2025-05-09', end: '2025-05-09', precision: 'day' } }),
    );
    const c = await stored(5, (d) => makeMention(d, 0, { claims: [] }));
    const queue = await s.reviewQueue({ limit: 10, offset: 0 });
    // most fatalities first, then the most recent; unknown figures last
    expect(queue.items.map((q) => q.event.record.id)).toEqual([
      b.event.record.id,
      a.event.record.id,
      c.event.record.id,
    ]);
    expect(queue.total).toBe(3);
    await s.decideEvent({
      eventId: b.event.record.id,
      version: 1,
      editor: { userId: null, name: 'api-token' },
      reason: null,
      decision: 'confirm',
    });
    await s.decideEvent({
      eventId: c.event.record.id,
      version: 1,
      editor: ANA,
      reason: 'a statistic',
      decision: 'not_incident',
    });
    const confirmed = await s.getEvent(b.event.record.id);
    expect(confirmed?.record).toMatchObject({
      reviewed: true,
      reviewed_by: 'api-token',
      not_incident: false,
    });
    expect(confirmed?.record.reviewed_at).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect((await s.getEvent(c.event.record.id))?.record.not_incident).toBe(true);
    const rest = await s.reviewQueue({ limit: 10, offset: 0 });
    expect(rest.items.map((q) => q.event.record.id)).toEqual([a.event.record.id]);
    expect(rest.total).toBe(1);
    // a review survives the event's rewrite by resolution
    await s.replaceResolution({ mentionIds: b.event.mentionIds, events: [b.event], operations: [] });
    expect((await s.getEvent(b.event.record.id))?.record.reviewed).toBe(true);
    expect((await s.listEventEdits(c.event.record.id)).map((e) => [e.action, e.reason])).toEqual([
      ['not_incident', 'a statistic'],
    ]);
    expect(
      await codeOf(
        s.decideEvent({
          eventId: b.event.record.id,
          version: 1,
          editor: ANA,
          reason: null,
          decision: 'confirm',
        }),
      ),
    ).toBe('FL_ERR_CONFLICT');
  });

  it('leaves events marked not an incident out of lists, counts and stats unless asked, and keeps them by id', async () => {
    const s = store();
    const kept = await stored(8);
    const gone = await stored(9);
    expect(await s.countEvents({})).toBe(2);
    await s.decideEvent({
      eventId: gone.event.record.id,
      version: 1,
      editor: ANA,
      reason: 'a commemoration, not an attack',
      decision: 'not_incident',
    });
    const ids = async (query: Parameters<Store['queryEvents']>[0]) => {
      const out: string[] = [];
      for await (const e of s.queryEvents(query)) out.push(e.record.id);
      return out.sort();
    };
    expect(await ids({})).toEqual([kept.event.record.id]);
    expect(await ids({ includeDismissed: true })).toEqual(
      [kept.event.record.id, gone.event.record.id].sort(),
    );
    expect(await s.countEvents({})).toBe(1);
    expect(await s.countEvents({ includeDismissed: true })).toBe(2);
    const page = await s.queryEventPage({ limit: 10 });
    expect(page.items.map((j) => (JSON.parse(j) as { id: string }).id)).toEqual([kept.event.record.id]);
    const stats = await s.eventStats({}, 'type');
    expect(stats.reduce((n, r) => n + r.events, 0)).toBe(1);
    expect((await s.eventStats({ includeDismissed: true }, 'type')).reduce((n, r) => n + r.events, 0)).toBe(
      2,
    );
    // the trend reads (answered from the rollup while nothing is dismissed) leave it out alike
    const trend = async (query: Parameters<Store['eventTrend']>[0]) =>
      (await s.eventTrend(query, 'month', 'type')).reduce((n, b) => n + b.events, 0);
    expect(await trend({})).toBe(1);
    expect(await trend({ includeDismissed: true })).toBe(2);
    // still read by its id, flagged, so that the decision can be seen and undone
    expect((await s.getEvent(gone.event.record.id))?.record.not_incident).toBe(true);
  });

  it("carries the merged event's locks and confirmation onto the event kept, its own locks winning", async () => {
    const s = store();
    const a = await stored(10);
    const b = await stored(11);
    const aAt = await s.editEvent({
      eventId: a.event.record.id,
      version: 1,
      editor: ANA,
      reason: null,
      changes: { notes: 'the kept note' },
    });
    let bAt = await s.editEvent({
      eventId: b.event.record.id,
      version: 1,
      editor: { userId: null, name: 'bo' },
      reason: null,
      changes: { notes: 'the merged note', fatalities: { low: 5, best: 5, high: 5 } },
    });
    bAt = await s.decideEvent({
      eventId: b.event.record.id,
      version: bAt.version,
      editor: { userId: null, name: 'bo' },
      reason: null,
      decision: 'confirm',
    });
    await s.recordOverride({
      kind: 'merge',
      eventId: a.event.record.id,
      mentionIds: [...a.event.mentionIds, ...b.event.mentionIds],
      editor: ANA,
      reason: 'one attack',
      events: [
        { id: a.event.record.id, version: aAt.version },
        { id: b.event.record.id, version: bAt.version },
      ],
    });
    const kept = await s.getEventReview(a.event.record.id);
    expect(kept?.locks.map((l) => [l.field, l.value, l.setBy])).toEqual([
      ['fatalities', { low: 5, best: 5, high: 5 }, 'bo'],
      ['notes', 'the kept note', 'api-token'],
    ]);
    expect(kept).toMatchObject({ reviewed: true, reviewedBy: 'bo', notIncident: false });
    // nothing is left under the id that goes
    expect((await s.getEventReview(b.event.record.id))?.locks).toEqual([]);
    const history = await s.listEventEdits(a.event.record.id);
    expect(history.map((h) => [h.action, h.field])).toEqual([
      ['edit', 'notes'],
      ['merge', null],
      ['merge', 'fatalities'],
      ['merge', 'reviewed'],
    ]);
    expect(history[2]).toMatchObject({ after: { low: 5, best: 5, high: 5 }, reason: 'one attack' });
    // a dismissal is not carried: the merge says the reports belong to the kept incident
    const c = await stored(12);
    const d = await stored(13);
    const dAt = await s.decideEvent({
      eventId: d.event.record.id,
      version: 1,
      editor: ANA,
      reason: null,
      decision: 'not_incident',
    });
    await s.recordOverride({
      kind: 'merge',
      eventId: c.event.record.id,
      mentionIds: [...c.event.mentionIds, ...d.event.mentionIds],
      editor: ANA,
      reason: null,
      events: [
        { id: c.event.record.id, version: 1 },
        { id: d.event.record.id, version: dAt.version },
      ],
    });
    expect(await s.getEventReview(c.event.record.id)).toMatchObject({ reviewed: false, notIncident: false });
  });

  it('stores merges and splits, found by any of their reports, in the order made', async () => {
    const s = store();
    const a = await stored(6);
    const b = await stored(7);
    const merge = await s.recordOverride({
      kind: 'merge',
      eventId: a.event.record.id,
      mentionIds: [...b.event.mentionIds, ...a.event.mentionIds],
      editor: ANA,
      reason: 'one attack',
      events: [
        { id: a.event.record.id, version: 1 },
        { id: b.event.record.id, version: 1 },
      ],
    });
    expect(merge.mentionIds).toEqual([...a.event.mentionIds, ...b.event.mentionIds].sort());
    const split = await s.recordOverride({
      kind: 'split',
      eventId: 'ev-split',
      mentionIds: b.event.mentionIds,
      editor: ANA,
      reason: null,
      events: [{ id: a.event.record.id, version: 1 }],
    });
    expect((await s.listOverrides(b.event.mentionIds)).map((o) => [o.id, o.kind, o.eventId])).toEqual([
      [merge.id, 'merge', a.event.record.id],
      [split.id, 'split', 'ev-split'],
    ]);
    expect(await s.listOverrides(['nothing#m0'])).toEqual([]);
    expect((await s.listEventEdits(b.event.record.id)).map((e) => e.action)).toEqual(['merge']);
    expect(
      await codeOf(
        s.recordOverride({
          kind: 'merge',
          eventId: 'x',
          mentionIds: ['y'],
          editor: ANA,
          reason: null,
          events: [{ id: a.event.record.id, version: 9 }],
        }),
      ),
    ).toBe('FL_ERR_CONFLICT');
  });
}
