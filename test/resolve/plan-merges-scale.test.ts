import { describe, expect, it } from 'vitest';
import { benchResolve, syntheticMentions } from '../../bench/bench-resolve.js';
import { planMerges } from '../../src/resolve/plan-merges.js';
import { shuffle } from './resolve-fixture.js';

describe('planMerges at scale', () => {
  it('resolves 20,000 synthetic mentions well within a generous ceiling', () => {
    const r = benchResolve(20_000);
    expect(r.mentions).toBe(20_000);
    // one to three reports per incident: fewer events than mentions, but not one event per district and day
    expect(r.events).toBeLessThan(20_000);
    expect(r.events).toBeGreaterThan(5_000);
    expect(r.seconds).toBeLessThan(30); // a ceiling against quadratic blow-up, not a benchmark
  });

  it('generates the same mentions for the same count', () => {
    const a = syntheticMentions(500).map((x) => x.mention);
    const b = syntheticMentions(500).map((x) => x.mention);
    expect(b).toEqual(a);
    expect(new Set(a.map((m) => m.id)).size).toBe(500);
  });

  it('gives the same events and operations for shuffled synthetic input', () => {
    const inputs = syntheticMentions(3_000);
    const reference = planMerges(inputs);
    expect(reference.operations.length).toBeGreaterThan(0);
    expect(planMerges(shuffle(inputs, 42))).toEqual(reference);
  });

  it('places every mention in exactly one event', () => {
    const inputs = syntheticMentions(3_000);
    const ids = planMerges(inputs).events.flatMap((e) => e.mentionIds);
    expect(ids).toHaveLength(3_000);
    expect(new Set(ids).size).toBe(3_000);
  });
});
