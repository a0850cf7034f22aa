import { describe, expect, it } from 'vitest';
import type { Claim } from '../../src/domain/index.js';
import { reconcileClaims } from '../../src/domain/index.js';

function claim(over: Partial<Claim>): Claim {
  return {
    claimant: 'unattributed',
    claimantKind: 'unattributed',
    stance: 'reported',
    metric: 'killed',
    category: 'security_forces',
    low: 1,
    high: 1,
    best: 1,
    approximate: false,
    quote: '',
    docId: 'doc_1',
    span: [0, 1],
    ruleId: 'test',
    ...over,
  };
}

describe('reconcileClaims', () => {
  it("keeps a group's high claim and a party's vague acknowledgement side by side", () => {
    const claims = [
      claim({
        claimant: 'Baloch Liberation Army',
        claimantKind: 'armed_group',
        stance: 'claimed',
        low: 27,
        high: 27,
        best: 27,
      }),
      claim({
        claimant: 'Pakistan Army',
        claimantKind: 'state',
        stance: 'acknowledged',
        low: 2,
        high: 5,
        best: 3,
        approximate: true,
      }),
    ];
    const r = reconcileClaims(claims);
    expect(r.fatalities).toEqual({ low: 2, best: 3, high: 27 });
    const row = r.casualties[0]!;
    expect([row.lowFrom, row.bestFrom, row.highFrom]).toEqual([1, 1, 0]);
  });

  it('prefers the most independent claimant for the best figure', () => {
    const claims = [
      claim({ claimant: 'Pakistan Army', claimantKind: 'state', low: 4, high: 4, best: 4 }),
      claim({ claimant: 'Dawn', claimantKind: 'media', low: 9, high: 9, best: 9 }),
      claim({ claimant: 'Chief Minister', claimantKind: 'state_official', low: 6, high: 6, best: 6 }),
    ];
    expect(reconcileClaims(claims).fatalities).toEqual({ low: 4, best: 9, high: 9 });
  });

  it("never lets a figure nobody is named for outrank a named party's: the lower of the two stands", () => {
    const police = { claimant: 'Police', claimantKind: 'state' as const };
    const group = { claimant: 'TTP', claimantKind: 'armed_group' as const };
    const nobody = { claimant: 'unattributed', claimantKind: 'unattributed' as const };
    const best = (claims: Claim[]) => reconcileClaims(claims).fatalities?.best;
    expect(
      best([
        claim({ ...police, best: 4, low: 4, high: 4 }),
        claim({ ...nobody, best: 11, low: 11, high: 11 }),
      ]),
    ).toBe(4);
    expect(
      best([
        claim({ ...nobody, best: 4, low: 4, high: 4 }),
        claim({ ...group, best: 11, low: 11, high: 11 }),
      ]),
    ).toBe(4);
    // a figure nobody is named for is still the outlet's voice: it outranks an official's, and a party's higher one
    const official = { claimant: 'Deputy Commissioner', claimantKind: 'state_official' as const };
    expect(
      best([
        claim({ ...nobody, best: 6, low: 6, high: 6 }),
        claim({ ...official, best: 4, low: 4, high: 4 }),
      ]),
    ).toBe(6);
    expect(
      best([claim({ ...nobody, best: 3, low: 3, high: 3 }), claim({ ...group, best: 9, low: 9, high: 9 })]),
    ).toBe(3);
  });

  it("lets a claimant's 'no one was killed' stand as its zero in every category", () => {
    const group = { claimant: 'BLF', claimantKind: 'armed_group' as const, stance: 'claimed' as const };
    const claims = [
      claim({ ...group, low: 3, best: 3, high: 9, approximate: true }),
      claim({ ...group, metric: 'injured', low: 3, best: 3, high: 9, approximate: true }),
      claim({ category: 'unknown', low: 0, best: 0, high: 0 }),
    ];
    const r = reconcileClaims(claims);
    // the outlet's zero outranks the group's claim; the claim still sets the high
    expect(r.fatalities).toEqual({ low: 0, best: 0, high: 9 });
    const soldiers = r.casualties.find((c) => c.metric === 'killed' && c.category === 'security_forces')!;
    expect([soldiers.bestFrom, soldiers.highFrom]).toEqual([2, 0]);
    // a zero of deaths says nothing of the wounded
    expect(r.injured).toEqual({ low: 3, best: 3, high: 9 });
    // a count somebody reported or confirmed stands: the zero may be of another part of the incident
    const police = { claimant: 'Police', claimantKind: 'state' as const, stance: 'confirmed' as const };
    const confirmed = [
      claim({ ...police, low: 3, best: 3, high: 3 }),
      claim({ category: 'unknown', low: 0, best: 0, high: 0 }),
    ];
    expect(reconcileClaims(confirmed).fatalities).toEqual({ low: 3, best: 3, high: 3 });
    // a coding rule's estimate (the bomber's own death) is answered like a party's claim
    const rule = { claimant: 'coding rule', claimantKind: 'other' as const, stance: 'estimated' as const };
    const estimated = [
      claim({ ...rule, category: 'militants' }),
      claim({ category: 'unknown', low: 0, best: 0, high: 0 }),
    ];
    expect(reconcileClaims(estimated).fatalities?.best).toBe(0);
    // the same claimant's own zero and figure: its largest figure, as with a daily figure and a total
    const own = [
      claim({ low: 2, best: 2, high: 2 }),
      claim({ category: 'unknown', low: 0, best: 0, high: 0 }),
    ];
    expect(reconcileClaims(own).fatalities).toEqual({ low: 2, best: 2, high: 2 });
  });

  it("reads one claimant's daily figures and total as its largest figure, not their sum", () => {
    const military = {
      claimant: 'Pakistan Army',
      claimantKind: 'state' as const,
      category: 'militants' as const,
    };
    const claims = [
      claim({ ...military, low: 92, high: 92, best: 92 }),
      claim({ ...military, low: 41, high: 41, best: 41 }),
      claim({ ...military, low: 145, high: 145, best: 145 }),
    ];
    expect(reconcileClaims(claims).fatalities).toEqual({ low: 145, best: 145, high: 145 });
  });

  it('adds categories, and lets an unknown-category figure cover them when larger', () => {
    const claims = [
      claim({ category: 'security_forces', low: 17, high: 17, best: 17 }),
      claim({ category: 'civilians', low: 31, high: 31, best: 31 }),
      claim({ category: 'unknown', low: 45, high: 50, best: 50, approximate: true }),
    ];
    expect(reconcileClaims(claims).fatalities).toEqual({ low: 48, best: 50, high: 50 });
  });

  it('keeps injured apart from killed and gives null when a metric has no claim', () => {
    const r = reconcileClaims([claim({ metric: 'injured', low: 3, high: 3, best: 3 })]);
    expect(r.injured).toEqual({ low: 3, best: 3, high: 3 });
    expect(r.fatalities).toBeNull();
    expect(reconcileClaims([]).fatalities).toBeNull();
  });

  it('counts an explicit zero', () => {
    const claims = [
      claim({ claimant: 'BLA', claimantKind: 'armed_group', stance: 'claimed', low: 3, high: 9, best: 3 }),
      claim({ stance: 'reported', low: 0, high: 0, best: 0 }),
    ];
    expect(reconcileClaims(claims).fatalities).toEqual({ low: 0, best: 0, high: 9 });
  });
});
