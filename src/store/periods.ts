import { isoWeek, isoWeekBounds } from './iso-week.js';
import type { TrendInterval } from './store.js';

const DAY_MS = 86_400_000;

function dayText(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The label of the bucket holding a day (YYYY-MM-DD): the day, its ISO week (YYYY-Www) or its month (YYYY-MM). */
export function periodOf(date: string, interval: TrendInterval): string {
  if (interval === 'day') return date;
  if (interval === 'month') return date.slice(0, 7);
  return isoWeek(date) ?? date;
}

/** The first and last day (YYYY-MM-DD, inclusive) of the bucket holding `date`. */
export function periodBounds(date: string, interval: TrendInterval): { from: string; to: string } {
  if (interval === 'day') return { from: date, to: date };
  if (interval === 'week') return isoWeekBounds(date);
  const [y, m] = [Number(date.slice(0, 4)), Number(date.slice(5, 7))];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${date.slice(0, 7)}-01`, to: `${date.slice(0, 7)}-${String(last).padStart(2, '0')}` };
}

export interface Period {
  readonly label: string;
  readonly from: string;
  readonly to: string;
}

/**
 * Every bucket from the one holding `first` to the one holding `last`, in order, with its days; at most `max`
 * (null when there would be more, so that a caller can refuse a range of day buckets over decades).
 */
export function periodsBetween(
  first: string,
  last: string,
  interval: TrendInterval,
  max: number,
): Period[] | null {
  const out: Period[] = [];
  let day = periodBounds(first, interval).from;
  while (day <= last) {
    if (out.length === max) return null;
    const { from, to } = periodBounds(day, interval);
    out.push({ label: periodOf(from, interval), from, to });
    day = dayText(Date.parse(`${to}T00:00:00Z`) + DAY_MS);
  }
  return out;
}

/** The bucket `n` buckets before the one holding `date` (n ≥ 0), with its days. */
export function periodBefore(date: string, interval: TrendInterval, n: number): Period {
  let day: string;
  if (interval === 'month') {
    const index = Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1 - n;
    day = `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}-01`;
  } else {
    day = dayText(Date.parse(`${date}T00:00:00Z`) - n * (interval === 'week' ? 7 : 1) * DAY_MS);
  }
  const { from, to } = periodBounds(day, interval);
  return { label: periodOf(from, interval), from, to };
}

/** The first day of a bucket from its label (YYYY-MM-DD, YYYY-Www or YYYY-MM), or null for a label of none. */
export function periodStart(label: string, interval: TrendInterval): string | null {
  if (interval === 'day') return /^\d{4}-\d{2}-\d{2}$/.test(label) ? label : null;
  if (interval === 'month') return /^\d{4}-\d{2}$/.test(label) ? `${label}-01` : null;
  const m = /^(\d{4})-W(\d{2})$/.exec(label);
  if (!m) return null;
  // week 1 is the week of January 4
  const jan4 = `${m[1]}-01-04`;
  const monday = Date.parse(`${isoWeekBounds(jan4).from}T00:00:00Z`) + (Number(m[2]) - 1) * 7 * DAY_MS;
  return dayText(monday);
}
