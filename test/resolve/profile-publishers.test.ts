import { describe, expect, it } from 'vitest';
import type { EventRecord, FramingMarkers } from '../../src/domain/index.js';
import { planMerges } from '../../src/resolve/plan-merges.js';
import { profilePublishers } from '../../src/resolve/profile-publishers.js';
import { ACTORS, claim, day, mention } from './resolve-fixture.js';

const framing = (over: Partial<FramingMarkers>): FramingMarkers => ({
  insurgent: {},
  state: {},
  neutral: {},
  ...over,
});

const killed = (docId: string, low: number, category: 'security_forces' | 'civilians' = 'security_forces') =>
  claim(docId, { low, high: low, best: low, category, span: [low, low + 5] });

/** Events built the project's way, so the profile reads real records. */
function events(): EventRecord[] {
  return planMerges([
    // event 1: the group's outlet says 27, the state paper 3, the wire 17 + 31 = 48 over two categories
    mention({ docId: 'g1', actor1: ACTORS.bla, claims: [killed('g1', 27)] }),
    mention({ docId: 's1', actor1: ACTORS.bla, claims: [killed('s1', 3)] }),
    mention({ docId: 'w1', actor1: ACTORS.bla, claims: [killed('w1', 17), killed('w1', 31, 'civilians')] }),
    // event 2: two outlets agree
    mention({ docId: 'g2', date: day('2025-06-02'), claims: [killed('g2', 5)] }),
    mention({ docId: 's2', date: day('2025-06-02'), claims: [killed('s2', 5)] }),
    // event 3: one outlet only
    mention({ docId: 'g3', date: day('2025-07-02'), claims: [killed('g3', 9)] }),
  ]).events.map((e) => e.record);
}

const docs = [
  {
    publisher: 'Group Outlet',
    docId: 'g1',
    framing: framing({ insurgent: { martyred: 2 }, neutral: { militants: 1 } }),
  },
  {
    publisher: 'Group Outlet',
    docId: 'g2',
    framing: framing({ insurgent: { martyred: 1, 'freedom-fighters': 1 } }),
  },
  { publisher: 'Group Outlet', docId: 'g3', framing: null },
  { publisher: 'State Paper', docId: 's1', framing: framing({ state: { terrorists: 4 } }) },
  {
    publisher: 'State Paper',
    docId: 's2',
    framing: framing({ state: { terrorists: 1 }, neutral: { militants: 2 } }),
  },
  { publisher: 'Wire', docId: 'w1', framing: framing({ neutral: { militants: 3 } }) },
];

describe('profilePublishers', () => {
  const profiles = profilePublishers(docs, events());
  const of = (name: string) => profiles.find((p) => p.name === name)!;

  it('counts documents and framing per register and per term', () => {
    expect(profiles.map((p) => p.name)).toEqual(['Group Outlet', 'State Paper', 'Wire']);
    expect(of('Group Outlet').documents).toBe(3);
    expect(of('Group Outlet').framing).toEqual({
      insurgent: 4,
      state: 0,
      neutral: 1,
      terms: { 'freedom-fighters': 1, martyred: 3, militants: 1 },
    });
    expect(of('State Paper').framing.state).toBe(5);
    expect(of('State Paper').framing.terms).toEqual({ militants: 2, terrorists: 5 });
  });

  it('says whose death toll was the highest and the lowest of a contested event', () => {
    expect(of('Group Outlet')).toMatchObject({ contestedEvents: 2, highest: 0, lowest: 0 });
    expect(of('State Paper')).toMatchObject({ contestedEvents: 2, highest: 0, lowest: 1 });
    // the wire's 17 soldiers and 31 civilians add up to 48, above the group's 27
    expect(of('Wire')).toMatchObject({ contestedEvents: 1, highest: 1, lowest: 0 });
  });

  it('counts a document listed twice once and ignores claims of unknown documents', () => {
    const twice = profilePublishers([docs[0]!, docs[0]!], events());
    expect(twice[0]).toMatchObject({ name: 'Group Outlet', documents: 1, contestedEvents: 0 });
    expect(twice[0]!.framing.insurgent).toBe(2);
  });

  it('returns nothing for nothing', () => {
    expect(profilePublishers([], [])).toEqual([]);
    expect(profilePublishers([], events())).toEqual([]);
  });
});
