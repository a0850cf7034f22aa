import { describe, expect, it } from 'vitest';
import { negativeBinomialTail, rankEscalations, type PeriodCount } from '../../src/trends/escalation.js';

/** Weeks labelled W000, W001, ... so that the tests need no calendar. */
const week = (i: number): string => `W${String(i).padStart(3, '0')}`;

function series(key: string, counts: readonly number[]): PeriodCount[] {
  return counts.map((events, i) => ({ key, period: week(i), events, fatalities: events * 2 }));
}

/** Whether `key` is flagged in each week from `from` on, judged against the 26 weeks before it. */
function firings(rows: readonly PeriodCount[], weeks: number, from = 8): number[] {
  const fired: number[] = [];
  for (let t = from; t < weeks; t++) {
    const periods = Array.from({ length: Math.min(27, t + 1) }, (_, i) => week(t - Math.min(26, t) + i));
    if (rankEscalations(rows, periods, 0.01).some((e) => e.escalating)) fired.push(t);
  }
  return fired;
}

/** Deterministic Poisson draws (Knuth), so that the test is the same every run. */
function poisson(mean: number, n: number, seed: number): number[] {
  let s = seed >>> 0;
  const random = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  return Array.from({ length: n }, () => {
    const limit = Math.exp(-mean);
    let k = 0;
    for (let p = random(); p > limit; p *= random()) k++;
    return k;
  });
}

describe('negativeBinomialTail', () => {
  it('is 1 at zero, and 1 - p^r at one, and falls as the count grows', () => {
    expect(negativeBinomialTail(0, 3, 0.5)).toBe(1);
    expect(negativeBinomialTail(1, 3, 0.5)).toBeCloseTo(1 - 0.5 ** 3, 12);
    expect(negativeBinomialTail(1, 2.5, 0.9)).toBeCloseTo(1 - 0.9 ** 2.5, 12);
    const tails = [1, 2, 5, 10, 20].map((x) => negativeBinomialTail(x, 4, 0.6));
    for (let i = 1; i < tails.length; i++) expect(tails[i]).toBeLessThan(tails[i - 1]!);
  });
});

describe('rankEscalations', () => {
  it('fires exactly once, in the week of a spike, on a series that is otherwise flat', () => {
    const counts = Array.from({ length: 40 }, (_, i) => (i === 30 ? 15 : 3));
    expect(firings(series('Kech', counts), 40)).toEqual([30]);
  });

  it('never fires on a flat series, nor on a quiet district that sees its first event', () => {
    expect(
      firings(
        series(
          'Kech',
          Array.from({ length: 40 }, () => 3),
        ),
        40,
      ),
    ).toEqual([]);
    expect(
      firings(
        series(
          'Awaran',
          Array.from({ length: 40 }, (_, i) => (i === 35 ? 1 : 0)),
        ),
        40,
      ),
    ).toEqual([]);
  });

  it('fires on a noisy steady series about as rarely as its threshold says', () => {
    const weeks = 520;
    const fired = firings(series('Bannu', poisson(4, weeks, 7)), weeks, 26);
    // at a 1% threshold a steady Poisson series may fire by chance in about 1% of weeks, not more
    expect(fired.length / (weeks - 26)).toBeLessThan(0.02);
  });

  it('ranks the most unusual key first and says how far it is from its baseline', () => {
    const rows = [...series('Kech', [2, 2, 2, 2, 2, 2, 9]), ...series('Quetta', [5, 5, 5, 5, 5, 5, 6])];
    const ranked = rankEscalations(rows, [0, 1, 2, 3, 4, 5, 6].map(week), 0.01);
    expect(ranked.map((r) => [r.key, r.current, r.currentFatalities, r.baseline, r.escalating])).toEqual([
      ['Kech', 9, 18, 2, true],
      ['Quetta', 6, 12, 5, false],
    ]);
    expect(ranked[0]!.probability).toBeLessThan(0.01);
  });
});
