import { describe, expect, it } from 'vitest';
import type { Location, ResolvableMention } from '../../src/domain/index.js';
import { planMerges } from '../../src/resolve/plan-merges.js';
import { ACTORS, PLACES, claim, day, mention, shuffle } from './resolve-fixture.js';

/** One document's multi-town operation: one mention per town, the whole-operation figures on each. */
function operation(
  docId: string,
  towns: readonly Location[],
  date: ResolvableMention['mention']['date'],
  operationClaims: ReturnType<typeof claim>[],
): ResolvableMention[] {
  return towns.map((location, i) => {
    const r = mention({
      docId,
      index: 0,
      location,
      date,
      actor1: ACTORS.bla,
      operationKey: `${docId}-op0`,
      operationClaims,
    });
    return { ...r, mention: { ...r.mention, id: `${docId}-m0-${i}` } };
  });
}

const wire = operation(
  'wire',
  [PLACES.quetta, PLACES.gwadar, PLACES.mastung, PLACES.nushki],
  day('2026-01-31'),
  [
    claim('wire', {
      claimant: 'Chief Minister',
      claimantKind: 'state_official',
      stance: 'confirmed',
      low: 17,
      high: 17,
      best: 17,
      span: [100, 140],
    }),
    claim('wire', {
      claimant: 'Chief Minister',
      claimantKind: 'state_official',
      stance: 'confirmed',
      category: 'civilians',
      low: 31,
      high: 31,
      best: 31,
      span: [150, 190],
    }),
  ],
);
const outlet = operation(
  'outlet',
  [PLACES.quetta, PLACES.gwadar, PLACES.mastung, PLACES.noshki, PLACES.pasni],
  { start: '2026-01-30', end: '2026-01-31', precision: 'days' },
  [
    claim('outlet', {
      claimant: 'Pakistan Army',
      claimantKind: 'state',
      stance: 'claimed',
      category: 'militants',
      low: 145,
      high: 145,
      best: 145,
      span: [300, 360],
    }),
  ],
);

describe('planMerges: multi-town operations', () => {
  const r = planMerges([...wire, ...outlet]);

  it('gives one event per town, merging the two reports of each town', () => {
    expect(r.events).toHaveLength(5);
    const byTown = Object.fromEntries(
      r.events.map((e) => [e.record.location!.name, [...e.record.doc_ids].sort()]),
    );
    expect(byTown).toEqual({
      Quetta: ['outlet', 'wire'],
      Gwadar: ['outlet', 'wire'],
      Mastung: ['outlet', 'wire'],
      Nushki: ['outlet', 'wire'],
      Pasni: ['outlet'],
    });
  });

  it('gathers the towns into one operation holding both documents and their figures', () => {
    expect(r.operations).toHaveLength(1);
    const op = r.operations[0]!;
    expect(op.id).toMatch(/^op_[0-9a-f]{16}$/);
    expect(op.event_ids).toEqual(r.events.map((e) => e.record.id).sort());
    expect(op.doc_ids).toEqual(['outlet', 'wire']);
    expect(op.claims.map((c) => c.low).sort((a, b) => a - b)).toEqual([17, 31, 145]);
    expect(op.fatalities).toEqual({ low: 193, best: 193, high: 193 });
    expect(op.date).toEqual({ start: '2026-01-30', end: '2026-01-31', precision: 'days' });
    expect(op.admin1).toBe('Balochistan');
    expect(op.country).toBe('PK');
    expect(op.actor1).toBe('Baloch Liberation Army');
    expect(op.notes).toContain('5 places');
    expect(op.notes).not.toMatch(/terrorist|martyr/i);
    for (const e of r.events) expect(e.record.operation_id).toBe(op.id);
  });

  it('never copies a whole-operation figure onto a town', () => {
    for (const e of r.events) {
      expect(e.record.claims).toEqual([]);
      expect(e.record.fatalities).toBeNull();
    }
  });

  it('gives the same operation whatever the order of the inputs', () => {
    expect(planMerges(shuffle([...wire, ...outlet], 9))).toEqual(r);
  });

  it('keeps the operations of unrelated documents apart', () => {
    const other = operation('later', [PLACES.kalat, PLACES.turbat], day('2026-03-10'), []);
    const both = planMerges([...wire, ...other]);
    expect(both.operations).toHaveLength(2);
    expect(both.operations.map((o) => o.event_ids.length).sort()).toEqual([2, 4]);
  });

  it('leaves an event reported only on its own outside any operation', () => {
    const single = planMerges([
      ...wire,
      mention({ docId: 'solo', location: PLACES.kalat, date: day('2026-01-31') }),
    ]);
    const kalat = single.events.find((e) => e.record.location!.name === 'Kalat')!;
    expect(kalat.record.operation_id).toBeNull();
  });
});
