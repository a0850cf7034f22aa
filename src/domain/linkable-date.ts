import type { DateRange } from './mention.js';

/**
 * The longest date range, in days from first to last, that can tie a report to another: "last month" can, "last
 * year" or "between March and June" cannot (it fits too many incidents). Resolution reads a window's reports back
 * this far, so it is also what bounds every read.
 */
export const LINKABLE_SPAN_DAYS = 62;

const DAY_MS = 86_400_000;

/**
 * True when a report's date is precise enough to tie it to another report of the same incident: not a year alone,
 * and no longer than LINKABLE_SPAN_DAYS. An unreadable date is linkable (resolution itself treats it as apart),
 * so that only a date known to be vague takes a report out of merging.
 */
export function isLinkableDate(date: DateRange): boolean {
  if (date.precision === 'year') return false;
  const start = Date.parse(`${date.start}T00:00:00Z`);
  const end = Date.parse(`${date.end}T00:00:00Z`);
  if (!Number.isFinite(start) || !Number.isFinite(end)) return true;
  return Math.abs(end - start) / DAY_MS <= LINKABLE_SPAN_DAYS;
}
