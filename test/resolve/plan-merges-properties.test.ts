import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DateRange, ResolvableMention } from '../../src/domain/index.js';
import { planMerges } from '../../src/resolve/plan-merges.js';
import { ACTORS, PLACES, mention, shuffle } from './resolve-fixture.js';

const places = [...Object.values(PLACES), null];
const actors = [...Object.values(ACTORS), null];
const dates: DateRange[] = [
  { start: '2025-05-07', end: '2025-05-07', precision: 'day' },
  { start: '2025-05-08', end: '2025-05-08', precision: 'day' },
  { start: '2025-05-07', end: '2025-05-08', precision: 'days' },
  { start: '2025-05-04', end: '2025-05-10', precision: 'week' },
  { start: '2025-05-01', end: '2025-05-31', precision: 'month' },
  { start: '\u0000', end: 'not a date', precision: 'day' },
];
const types = [
  ['Battles', 'Armed clash'],
  ['Explosions/Remote violence', 'Remote explosive/landmine/IED'],
  ['Strategic developments', 'Arrests'],
] as const;

const arbitraryMention = fc
  .record({
    doc: fc.integer({ min: 0, max: 5 }),
    index: fc.integer({ min: 0, max: 3 }),
    place: fc.integer({ min: 0, max: places.length - 1 }),
    actor: fc.integer({ min: 0, max: actors.length - 1 }),
    date: fc.integer({ min: 0, max: dates.length - 1 }),
    type: fc.integer({ min: 0, max: types.length - 1 }),
    op: fc.boolean(),
  })
  .map((r): ResolvableMention => {
    const [eventType, subEventType] = types[r.type]!;
    return mention({
      docId: `doc${r.doc}`,
      index: r.index,
      location: places[r.place]!,
      actor1: actors[r.actor]!,
      date: dates[r.date]!,
      eventType,
      subEventType,
      operationKey: r.op ? `doc${r.doc}-op` : null,
    });
  });

const uniqueMentions = fc.uniqueArray(arbitraryMention, { selector: (x) => x.mention.id, maxLength: 24 });

describe('planMerges properties', () => {
  it('places every mention in one event, never two mentions of a document together, in any order', () => {
    fc.assert(
      fc.property(uniqueMentions, fc.integer(), (inputs, seed) => {
        const r = planMerges(inputs);
        const ids = r.events.flatMap((e) => e.mentionIds);
        expect([...ids].sort()).toEqual(inputs.map((i) => i.mention.id).sort());
        for (const e of r.events) expect(new Set(e.record.doc_ids).size).toBe(e.mentionIds.length);
        expect(new Set(r.events.map((e) => e.record.id)).size).toBe(r.events.length);
        for (const op of r.operations)
          for (const id of op.event_ids)
            expect(r.events.find((e) => e.record.id === id)!.record.operation_id).toBe(op.id);
        expect(planMerges(shuffle(inputs, seed))).toEqual(r);
      }),
      { numRuns: 150 },
    );
  });

  it('joins a mention only at or above the threshold, with every gate open', () => {
    fc.assert(
      fc.property(uniqueMentions, (inputs) => {
        for (const e of planMerges(inputs).events)
          for (const d of e.decisions.filter((x) => x.joined)) {
            expect(d.score).toBeGreaterThanOrEqual(d.threshold);
            for (const f of d.features) if (f.name !== 'type') expect(f.score).toBeGreaterThan(0);
          }
      }),
      { numRuns: 100 },
    );
  });
});
