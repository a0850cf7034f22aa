import { describe, expect, it } from 'vitest';
import type { Mention } from '../../src/domain/index.js';
import {
  DEFAULT_GENERIC_ACTOR_IDS,
  explainMerge,
  mergeScore,
  profileOf,
  sharesAFigure,
  typeRule,
} from '../../src/resolve/merge-features.js';
import { assignEventIds, founderKey } from '../../src/resolve/event-id.js';
import { ACTORS, PLACES, claim, day, mention, type MentionSpec } from './resolve-fixture.js';

const generic = new Set(DEFAULT_GENERIC_ACTOR_IDS);
const p = (m: Mention) => profileOf(m, generic);
const m = (over: Parameters<typeof mention>[0]) => mention(over).mention;
const rules = (a: Mention, b: Mention) => explainMerge(p(a), p(b)).map((f) => f.detail.split(':')[0]);

describe('merge features', () => {
  it('names the rule behind every feature', () => {
    expect(
      rules(m({ docId: 'a', location: PLACES.kech }), m({ docId: 'b', location: PLACES.turbat })),
    ).toEqual([
      'resolve.place.district',
      'resolve.date.same',
      'resolve.type.same',
      'resolve.actor.unidentified',
      'resolve.document.different',
    ]);
  });

  it('scores state forces against a group low but not as incompatible', () => {
    const a = m({ docId: 'a', actor1: ACTORS.army, eventType: 'Battles', subEventType: 'Armed clash' });
    const b = m({ docId: 'b', actor1: ACTORS.bla, eventType: 'Battles', subEventType: 'Armed clash' });
    const actor = explainMerge(p(a), p(b)).find((f) => f.name === 'actor')!;
    expect(actor.score).toBe(0.3);
    expect(mergeScore(p(a), p(b), 0.6)).toBeCloseTo(0.825, 3);
  });

  it('treats a generic group like an unnamed one', () => {
    const a = m({ docId: 'a', actor1: ACTORS.separatists });
    const b = m({ docId: 'b', actor1: ACTORS.blf });
    expect(explainMerge(p(a), p(b)).find((f) => f.name === 'actor')!.score).toBe(0.7);
    // without the catch-all list, two different names are two groups
    expect(mergeScore(profileOf(a, new Set()), profileOf(b, new Set()), 0.6)).toBe(-1);
  });

  it('relates violent types, and unrest types, but not strategic developments', () => {
    expect(typeRule('Battles', 'Violence against civilians').score).toBe(0.5);
    expect(typeRule('Protests', 'Riots').score).toBe(0.5);
    expect(typeRule('Strategic developments', 'Battles').score).toBe(0);
    expect(typeRule('Protests', 'Explosions/Remote violence').score).toBe(0);
  });

  it('lets a province-level report merge only on a fine date', () => {
    const town = m({ docId: 'a' });
    const province = m({ docId: 'b', location: PLACES.balochistan });
    const week = m({
      docId: 'c',
      location: PLACES.balochistan,
      date: { start: '2025-05-05', end: '2025-05-11', precision: 'week' },
    });
    expect(mergeScore(p(province), p(town), 0.6)).toBeGreaterThan(0.6);
    expect(mergeScore(p(week), p(town), 0.6)).toBe(-1);
  });

  it('never merges two mentions of one document or two days apart', () => {
    expect(mergeScore(p(m({ docId: 'a' })), p(m({ docId: 'a', index: 1 })), 0)).toBe(-1);
    expect(mergeScore(p(m({ docId: 'a' })), p(m({ docId: 'b', date: day('2025-05-10') })), 0)).toBe(-1);
  });
});

describe('reports a day apart', () => {
  const post = (docId: string, date: string, over: Partial<MentionSpec> = {}) =>
    m({
      docId,
      location: PLACES.turbat,
      date: day(date),
      eventType: 'Battles',
      subEventType: 'Armed clash',
      target: 'security_forces',
      claims: [claim(docId, { metric: 'injured', best: 4, low: 4, high: 4 })],
      ...over,
    });

  it('are one incident when place, attack, target and a count agree', () => {
    expect(mergeScore(p(post('a', '2025-03-02')), p(post('b', '2025-03-03')), 0.6)).toBeCloseTo(0.8, 3);
    expect(sharesAFigure(p(post('a', '2025-03-02')), p(post('b', '2025-03-03')))).toBe(true);
  });

  it('are two when any of those differs', () => {
    const a = p(post('a', '2025-03-02'));
    const score = (over: Parameters<typeof post>[2]) => mergeScore(a, p(post('b', '2025-03-03', over)), 0.6);
    expect(score({ claims: [claim('b', { metric: 'injured', best: 5, low: 5, high: 5 })] })).toBe(-1);
    expect(score({ claims: [claim('b', { metric: 'killed', best: 4, low: 4, high: 4 })] })).toBe(-1);
    expect(score({ claims: [claim('b', { metric: 'injured', best: 4, approximate: true })] })).toBe(-1);
    expect(score({ claims: [claim('b', { metric: 'injured', category: 'civilians', best: 4 })] })).toBe(-1);
    expect(score({ subEventType: 'Attack' })).toBe(-1);
    expect(score({ target: 'civilians' })).toBe(-1);
    // the district alone: two attacks in Kech on consecutive days are likely two
    expect(score({ location: PLACES.kech })).toBe(-1);
    expect(score({ actor1: ACTORS.bla })).toBeGreaterThan(0.6);
    expect(
      mergeScore(
        p(post('a', '2025-03-02', { actor1: ACTORS.blf })),
        p(post('b', '2025-03-03', { actor1: ACTORS.bla })),
        0,
      ),
    ).toBe(-1);
  });
});

describe('event ids', () => {
  it('derives the id from content, not from the document', () => {
    const a = m({ docId: 'a', actor1: ACTORS.bla });
    const b = m({ docId: 'b', actor1: ACTORS.bla });
    expect(founderKey(a)).toBe('PK|Balochistan|Quetta|Quetta|2025-05-08|Explosions/Remote violence|bla');
    expect(assignEventIds([a])).toEqual(assignEventIds([b]));
  });

  it('gives colliding founders a suffix from their own mention id, the smallest keeping the plain id', () => {
    const a = m({ docId: 'a' });
    const b = m({ docId: 'b' });
    const c = m({ docId: 'c' });
    const [idC, idA, idB] = assignEventIds([c, a, b]);
    expect(idA).toMatch(/^ev_[0-9a-f]{16}$/);
    expect(idC).toMatch(new RegExp(`^${idA}-[0-9a-f]{8}$`));
    expect(new Set([idA, idB, idC]).size).toBe(3);
    expect(assignEventIds([a, c])[1]).toBe(idC); // c's suffix does not depend on b being there
  });
});
