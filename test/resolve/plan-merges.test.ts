import { describe, expect, it } from 'vitest';
import type { Resolution } from '../../src/domain/index.js';
import { planMerges } from '../../src/resolve/plan-merges.js';
import { ACTORS, PLACES, claim, day, mention, shuffle, type MentionSpec } from './resolve-fixture.js';

const docsOf = (r: Resolution) => r.events.map((e) => [...e.record.doc_ids].sort());

describe('planMerges: incidents kept apart', () => {
  it('keeps two IEDs in Zamuran (Kech) on 7 and 8 May apart', () => {
    const r = planMerges([
      mention({ docId: 'a', location: PLACES.zamuran, date: day('2025-05-07') }),
      mention({ docId: 'b', location: PLACES.zamuran, date: day('2025-05-08') }),
    ]);
    expect(r.events).toHaveLength(2);
    expect(r.events.map((e) => e.record.date.start)).toEqual(['2025-05-07', '2025-05-08']);
  });

  it('keeps Quetta on 8 May and Quetta on 9 May apart', () => {
    const r = planMerges([
      mention({ docId: 'a', date: day('2025-05-08'), actor1: ACTORS.bla }),
      mention({ docId: 'b', date: day('2025-05-09'), actor1: ACTORS.bla }),
    ]);
    expect(r.events).toHaveLength(2);
  });

  it('keeps a BLF IED in Kalat and a BLA ambush at Nimrag Cross a day later apart', () => {
    const r = planMerges([
      mention({ docId: 'a', location: PLACES.kalat, date: day('2025-07-15'), actor1: ACTORS.blf }),
      mention({
        docId: 'b',
        location: PLACES.nimrag,
        date: day('2025-07-16'),
        actor1: ACTORS.bla,
        eventType: 'Battles',
        subEventType: 'Armed clash',
        weapon: 'firearms',
      }),
    ]);
    expect(r.events).toHaveLength(2);
  });

  it('keeps two named groups apart even on the same day in the same town', () => {
    const r = planMerges([
      mention({ docId: 'a', actor1: ACTORS.blf }),
      mention({ docId: 'b', actor1: ACTORS.bla }),
    ]);
    expect(r.events).toHaveLength(2);
  });

  it('never merges two mentions of one document, and gives them distinct ids', () => {
    const r = planMerges([mention({ docId: 'a', index: 0 }), mention({ docId: 'a', index: 1 })]);
    expect(r.events).toHaveLength(2);
    expect(new Set(r.events.map((e) => e.record.id)).size).toBe(2);
    expect(r.events.map((e) => e.record.id).every((id) => /^ev_[0-9a-f]{16}/.test(id))).toBe(true);
  });

  it('keeps one document to one mention per event however many documents report it', () => {
    const docs = Array.from({ length: 40 }, (_, i) => `doc-${String(i).padStart(2, '0')}`);
    // every document reports the incident; the last ten report a second, identical-looking one too
    const inputs = [
      ...docs.map((docId) => mention({ docId, index: 0 })),
      ...docs.slice(30).map((docId) => mention({ docId, index: 1 })),
    ];
    const r = planMerges(inputs);
    expect(r.events.map((e) => e.record.doc_ids.length).sort((a, b) => a - b)).toEqual([10, 40]);
    for (const e of r.events) expect(new Set(e.record.doc_ids).size).toBe(e.record.doc_ids.length);
  });

  it('lets a second report join only one of two incidents its document does not tell apart', () => {
    const r = planMerges([
      mention({ docId: 'a', index: 0 }),
      mention({ docId: 'a', index: 1 }),
      mention({ docId: 'b' }),
    ]);
    expect(docsOf(r).sort()).toEqual([['a'], ['a', 'b']]);
  });

  it('does not tie a province-wide report with a coarse date to any incident', () => {
    const r = planMerges([
      mention({ docId: 'a', date: day('2025-05-08') }),
      mention({
        docId: 'b',
        location: PLACES.balochistan,
        date: { start: '2025-05-01', end: '2025-05-31', precision: 'month' },
      }),
    ]);
    expect(r.events).toHaveLength(2);
  });
});

describe('planMerges: a month of a province', () => {
  const month = { start: '2025-04-01', end: '2025-04-30', precision: 'month' } as const;
  const tally = (docId: string, over: Partial<MentionSpec> = {}) =>
    mention({
      docId,
      location: PLACES.balochistan,
      date: month,
      eventType: 'Battles',
      subEventType: 'Armed clash',
      target: 'militants',
      actor1: ACTORS.army,
      claims: [claim(docId, { category: 'militants', best: 31, low: 31, high: 31 })],
      ...over,
    });

  it('is one event when two outlets give the same month, fight and toll', () => {
    expect(docsOf(planMerges([tally('a'), tally('b')]))).toEqual([['a', 'b']]);
  });

  it('is two when one of them names a district: a province-wide month ties to no finer report', () => {
    const r = planMerges([tally('a'), tally('b', { location: PLACES.kech })]);
    expect(r.events).toHaveLength(2);
  });

  it('is two when the toll, the span or the kind of fight differs', () => {
    const other = claim('b', { category: 'militants', best: 30, low: 30, high: 30 });
    expect(planMerges([tally('a'), tally('b', { claims: [other] })]).events).toHaveLength(2);
    const weeks = { start: '2025-04-01', end: '2025-04-14', precision: 'days' } as const;
    expect(planMerges([tally('a'), tally('b', { date: weeks })]).events).toHaveLength(2);
    expect(
      planMerges([
        tally('a'),
        tally('b', { eventType: 'Explosions/Remote violence', subEventType: 'Air/drone strike' }),
      ]).events,
    ).toHaveLength(2);
  });
});

describe('planMerges: one incident, several reports', () => {
  it('merges a day-precise and a week-range report of one Quetta attack', () => {
    const r = planMerges([
      mention({
        docId: 'wire',
        date: { start: '2026-01-26', end: '2026-02-01', precision: 'week' },
        actor1: ACTORS.bla,
      }),
      mention({ docId: 'paper', date: day('2026-01-31'), actor1: ACTORS.bla }),
    ]);
    expect(r.events).toHaveLength(1);
    const e = r.events[0]!;
    expect(e.record.sources.map((s) => s.doc_id).sort()).toEqual(['paper', 'wire']);
    expect(e.record.date).toEqual(day('2026-01-31')); // the founder is the precise report
    const joined = e.decisions.find((d) => d.joined)!;
    expect(joined.mentionId).toBe('wire-m0');
    expect(joined.comparedWith).toBe('paper-m0');
    expect(joined.features.find((f) => f.name === 'date')!.score).toBe(0.6);
    expect(joined.score).toBeGreaterThanOrEqual(joined.threshold);
  });

  it('merges a district-level Kech report with a Turbat report of the same day', () => {
    const r = planMerges([
      mention({ docId: 'a', location: PLACES.kech, actor1: ACTORS.unidentified }),
      mention({ docId: 'b', location: PLACES.turbat, actor1: ACTORS.bla }),
    ]);
    expect(r.events).toHaveLength(1);
    expect(r.events[0]!.record.location!.name).toBe('Turbat');
    expect(r.events[0]!.record.actor1!.name).toBe('Baloch Liberation Army');
  });

  it('merges spelling variants of one gazetteer place', () => {
    const r = planMerges([
      mention({ docId: 'a', location: PLACES.nushki }),
      mention({ docId: 'b', location: PLACES.noshki }),
    ]);
    expect(r.events).toHaveLength(1);
  });

  it('merges a gun attack and a bomb attack reported the same day in the same town', () => {
    const r = planMerges([
      mention({ docId: 'a', actor1: ACTORS.bla }),
      mention({
        docId: 'b',
        actor1: ACTORS.separatists,
        eventType: 'Battles',
        subEventType: 'Armed clash',
        weapon: 'firearms',
      }),
    ]);
    expect(r.events).toHaveLength(1);
    expect(r.events[0]!.decisions[1]!.features.map((f) => [f.name, f.score])).toEqual([
      ['place', 1],
      ['date', 1],
      ['type', 0.5],
      ['actor', 0.7],
      ['document', 1],
    ]);
  });

  it('merges a night attack that one outlet dates to the evening and another to the next day', () => {
    const raid = (docId: string, date: string, claims: Parameters<typeof claim>[1][]) =>
      mention({
        docId,
        location: PLACES.zamuran,
        date: day(date),
        eventType: 'Battles',
        subEventType: 'Armed clash',
        weapon: 'firearms',
        claims: claims.map((c) => claim(docId, c)),
      });
    const r = planMerges([
      raid('a', '2025-05-07', [{ best: 2, low: 2, high: 2 }]),
      // the other outlet could not tell whom the two dead were
      raid('b', '2025-05-08', [{ best: 2, low: 2, high: 2, category: 'unknown' }]),
    ]);
    expect(docsOf(r)).toEqual([['a', 'b']]);
    expect(r.events[0]!.decisions[1]!.features.find((f) => f.name === 'date')!.detail).toMatch(
      /^resolve\.date\.next-day/,
    );
    // a different toll, or a report two days later, is another attack
    expect(
      planMerges([raid('a', '2025-05-07', [{ best: 2 }]), raid('b', '2025-05-08', [{ best: 3 }])]).events,
    ).toHaveLength(2);
    expect(
      planMerges([raid('a', '2025-05-07', [{ best: 2 }]), raid('b', '2025-05-09', [{ best: 2 }])]).events,
    ).toHaveLength(2);
  });

  it('joins a province-wide report of the same day to the incident', () => {
    const r = planMerges([
      mention({ docId: 'a', location: PLACES.balochistan, actor1: ACTORS.bla }),
      mention({ docId: 'b', location: PLACES.quetta, actor1: ACTORS.bla }),
    ]);
    expect(r.events).toHaveLength(1);
    expect(r.events[0]!.record.location!.name).toBe('Quetta');
  });

  it('keeps every claim of every report and reconciles them', () => {
    const r = planMerges([
      mention({
        docId: 'a',
        actor1: ACTORS.bla,
        claims: [
          claim('a', {
            claimant: 'BLA',
            claimantKind: 'armed_group',
            stance: 'claimed',
            low: 27,
            high: 27,
            best: 27,
          }),
        ],
      }),
      mention({
        docId: 'b',
        actor1: ACTORS.bla,
        claims: [
          claim('b', {
            claimant: 'Pakistan Army',
            claimantKind: 'state',
            stance: 'acknowledged',
            low: 3,
            high: 3,
            best: 3,
          }),
        ],
      }),
    ]);
    expect(r.events).toHaveLength(1);
    expect(r.events[0]!.record.claims).toHaveLength(2);
    expect(r.events[0]!.record.fatalities).toEqual({ low: 3, best: 3, high: 27 });
  });
});

describe('planMerges: determinism and stable ids', () => {
  const inputs = [
    mention({ docId: 'a', location: PLACES.zamuran, date: day('2025-05-07') }),
    mention({ docId: 'b', location: PLACES.zamuran, date: day('2025-05-08') }),
    mention({ docId: 'c', location: PLACES.kech, date: day('2025-05-08') }),
    mention({ docId: 'd', date: day('2025-05-08'), actor1: ACTORS.bla }),
    mention({
      docId: 'e',
      date: { start: '2025-05-05', end: '2025-05-11', precision: 'week' },
      actor1: ACTORS.bla,
    }),
    mention({ docId: 'e', index: 1, location: PLACES.kalat, date: day('2025-05-09') }),
    mention({ docId: 'f', location: PLACES.balochistan, date: day('2025-05-09') }),
  ];

  it('gives the same events and ids whatever the order of the inputs', () => {
    const reference = planMerges(inputs);
    for (const seed of [1, 2, 3, 4, 5]) expect(planMerges(shuffle(inputs, seed))).toEqual(reference);
  });

  it('keeps an event id when another document joins the event', () => {
    const before = planMerges(inputs.slice(0, 4));
    const after = planMerges(inputs);
    const quetta = (r: Resolution) => r.events.find((e) => e.record.location?.name === 'Quetta')!;
    expect(quetta(after).record.id).toBe(quetta(before).record.id);
    expect(quetta(after).record.doc_ids).toHaveLength(2);
  });

  it('keeps the id when an equally placed report with a smaller document id founds the event', () => {
    const one = planMerges([mention({ docId: 'm', actor1: ACTORS.bla })]);
    const two = planMerges([
      mention({ docId: 'm', actor1: ACTORS.bla }),
      mention({ docId: 'b', actor1: ACTORS.bla }),
    ]);
    expect(two.events).toHaveLength(1);
    expect(two.events[0]!.record.id).toBe(one.events[0]!.record.id);
  });

  it('ignores a mention handed in twice', () => {
    const r = planMerges([inputs[0]!, inputs[0]!]);
    expect(r.events).toHaveLength(1);
  });
});

describe('planMerges: any input', () => {
  it('returns nothing for nothing', () => {
    expect(planMerges([])).toEqual({ events: [], operations: [] });
  });

  it('gives an unlocated or undated mention an event of its own', () => {
    const r = planMerges([
      mention({ docId: 'a', location: null }),
      mention({ docId: 'b', location: null }),
      mention({ docId: 'c', date: { start: 'someday', end: '', precision: 'day' } }),
      mention({ docId: 'd', date: { start: 'someday', end: '', precision: 'day' } }),
    ]);
    expect(r.events).toHaveLength(4);
    expect(new Set(r.events.map((e) => e.record.id)).size).toBe(4);
  });

  it('bounds the work of a crowded day and a decade-long range', () => {
    const many = Array.from({ length: 3000 }, (_, i) =>
      mention({ docId: `d${String(i).padStart(5, '0')}`, actor1: i % 2 ? ACTORS.bla : ACTORS.blf }),
    );
    many.push(
      mention({ docId: 'wide', date: { start: '2015-01-01', end: '2030-12-31', precision: 'year' } }),
    );
    const r = planMerges(many);
    expect(r.events.length).toBeGreaterThanOrEqual(2);
    expect(r.events.reduce((n, e) => n + e.mentionIds.length, 0)).toBe(3001);
  });
});

describe('planMerges: reports too vague to tie', () => {
  const lastYear = { start: '2025-01-01', end: '2025-12-31', precision: 'year' as const };

  it('ties a report dated only to a year to nothing, though place, type and actor agree', () => {
    const r = planMerges([
      mention({ docId: 'a', date: day('2025-05-08'), actor1: ACTORS.bla }),
      mention({ docId: 'b', date: lastYear, actor1: ACTORS.bla }),
      mention({ docId: 'c', date: lastYear, actor1: ACTORS.bla }),
    ]);
    expect(docsOf(r).sort()).toEqual([['a'], ['b'], ['c']]);
  });

  it('gives a vague report an id of its own, the same whichever other reports are planned with it', () => {
    const b = mention({ docId: 'b', date: lastYear, actor1: ACTORS.bla });
    const c = mention({ docId: 'c', date: lastYear, actor1: ACTORS.bla });
    const together = planMerges([b, c]).events.map((e) => e.record.id);
    const apart = [...planMerges([b]).events, ...planMerges([c]).events].map((e) => e.record.id);
    expect(new Set(together).size).toBe(2);
    expect(together.sort()).toEqual(apart.sort());
  });

  it('still ties a report of last month to the incident it overlaps', () => {
    const r = planMerges([
      mention({ docId: 'a', date: day('2025-05-08'), actor1: ACTORS.bla }),
      mention({
        docId: 'b',
        date: { start: '2025-05-01', end: '2025-05-31', precision: 'month' },
        actor1: ACTORS.bla,
      }),
    ]);
    expect(docsOf(r)).toEqual([['a', 'b']]);
  });
});
