import type { TrendDistricts, TrendSeries } from '../api/trend-schemas.js';
import { FaultlineError } from '../errors/errors.js';
import { periodBefore, periodStart, periodsBetween, type Period } from '../store/periods.js';
import type { TrendBucket, TrendInterval, TrendSplit } from '../store/store.js';
import { rankEscalations } from '../trends/escalation.js';

/** Buckets of one series at most: ten years of days; a longer range is asked for by week or month. */
export const MAX_PERIODS = 3_660;

/**
 * The series of a trend, every bucket from the first to the last (from `from` and to `to` when the filters set
 * them) with zeros where nothing happened, one series per top key by events, then "Other".
 */
export function seriesAnswer(
  buckets: readonly TrendBucket[],
  interval: TrendInterval,
  split: TrendSplit,
  range: { readonly from?: string; readonly to?: string },
): TrendSeries {
  const starts = buckets.map((b) => periodStart(b.period, interval)).filter((d): d is string => d !== null);
  const first = [range.from, ...starts].filter((d): d is string => d !== undefined).sort()[0];
  const last = [range.to, ...starts]
    .filter((d): d is string => d !== undefined)
    .sort()
    .pop();
  const periods =
    first === undefined || last === undefined ? [] : periodsBetween(first, last, interval, MAX_PERIODS);
  if (periods === null)
    throw new FaultlineError(
      'FL_ERR_BAD_ARGUMENT',
      `interval=${interval}`,
      `more than ${MAX_PERIODS} buckets from ${first} to ${last}; choose a longer interval or narrow from and to`,
    );
  const index = new Map(periods.map((p, i) => [p.label, i]));
  const byKey = new Map<string | null, TrendSeries['series'][number]>();
  const totals = { events: periods.map(() => 0), fatalities: periods.map(() => 0) };
  for (const b of buckets) {
    const i = index.get(b.period);
    if (i === undefined) continue;
    let s = byKey.get(b.key);
    if (s === undefined) {
      s = {
        key: b.key,
        name: b.key === null ? 'Other' : (b.name ?? b.key),
        events: periods.map(() => 0),
        fatalities: periods.map(() => 0),
        totalEvents: 0,
        totalFatalities: 0,
      };
      byKey.set(b.key, s);
    }
    s.events[i]! += b.events;
    s.fatalities[i]! += b.fatalities;
    s.totalEvents += b.events;
    s.totalFatalities += b.fatalities;
    totals.events[i]! += b.events;
    totals.fatalities[i]! += b.fatalities;
  }
  const series = [...byKey.values()].sort(
    (a, b) =>
      Number(a.key === null) - Number(b.key === null) ||
      b.totalEvents - a.totalEvents ||
      b.totalFatalities - a.totalFatalities ||
      (a.key! < b.key! ? -1 : 1),
  );
  return { interval, split, periods, series, totals };
}

/** The windows of a district table: the one holding `at`, the one before, the same one a year before. */
export function districtWindows(
  at: string,
  window: 'week' | 'month',
  history: number,
): { current: Period; previous: Period; yearAgo: Period; periods: Period[] } {
  // 52 ISO weeks are 364 days: the same weekday, and (but for a 53-week year) the same week number
  const back = Math.max(window === 'week' ? 52 : 12, history);
  const periods = Array.from({ length: back + 1 }, (_, i) => periodBefore(at, window, back - i));
  return {
    current: periods[back]!,
    previous: periods[back - 1]!,
    yearAgo: periods[back - (window === 'week' ? 52 : 12)]!,
    periods,
  };
}

/** Each district's figures in the three windows and its escalation statistic, most unusual first. */
export function districtsAnswer(
  buckets: readonly TrendBucket[],
  window: 'week' | 'month',
  at: string,
  history: number,
  threshold: number,
): TrendDistricts {
  const w = districtWindows(at, window, history);
  const counted = buckets.filter((b): b is TrendBucket & { key: string } => b.key !== null);
  const labels = w.periods.slice(-(history + 1)).map((p) => p.label);
  const ranked = rankEscalations(counted, labels, threshold);
  const figures = new Map<string, Map<string, { events: number; fatalities: number }>>();
  const names = new Map<string, string>();
  for (const b of counted) {
    names.set(b.key, b.name ?? b.key);
    const k = figures.get(b.key) ?? new Map();
    k.set(b.period, { events: b.events, fatalities: b.fatalities });
    figures.set(b.key, k);
  }
  const zero = { events: 0, fatalities: 0 };
  const percent = (now: number, then: number) =>
    then === 0 ? null : Math.round(((now - then) / then) * 1000) / 10;
  const rows = ranked.map((r) => {
    const of = (p: Period) => figures.get(r.key)?.get(p.label) ?? zero;
    const [current, previous, yearAgo] = [of(w.current), of(w.previous), of(w.yearAgo)];
    return {
      key: r.key,
      district: names.get(r.key) ?? r.key,
      current,
      previous,
      yearAgo,
      change: current.events - previous.events,
      changePercent: percent(current.events, previous.events),
      yearChange: current.events - yearAgo.events,
      yearChangePercent: percent(current.events, yearAgo.events),
      baseline: r.baseline,
      probability: r.probability,
      escalating: r.escalating,
    };
  });
  // districts whose only events fall a year ago (before the history) are listed too, after the ranked ones
  const seen = new Set(rows.map((r) => r.key));
  for (const [key, byPeriod] of figures) {
    const yearAgo = byPeriod.get(w.yearAgo.label);
    if (seen.has(key) || yearAgo === undefined) continue;
    rows.push({
      key,
      district: names.get(key) ?? key,
      current: zero,
      previous: zero,
      yearAgo,
      change: 0,
      changePercent: null,
      yearChange: -yearAgo.events,
      yearChangePercent: -100,
      baseline: 0,
      probability: 1,
      escalating: false,
    });
  }
  return {
    window,
    at,
    current: w.current,
    previous: w.previous,
    yearAgo: w.yearAgo,
    history,
    threshold,
    rows,
  };
}
