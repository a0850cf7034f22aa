import type { DateRange } from './mention.js';

/**
 * How long before its report an incident is news no longer but background: an article recalling an attack of
 * last month or of years ago ("a similar blast last month", "since the ceasefire ended in November 2022").
 * Two weeks covers the "earlier this week" and "last week" of a weekly roundup.
 */
export const BACKGROUND_DAYS = 14;

/** True when the incident ended more than BACKGROUND_DAYS before the report that tells it was published. */
export function isBackground(date: DateRange, published: string | null): boolean {
  if (!published) return false;
  const cutoff = Date.parse(`${published}T00:00:00Z`) - BACKGROUND_DAYS * 86_400_000;
  const end = Date.parse(`${date.end}T00:00:00Z`);
  return Number.isFinite(cutoff) && Number.isFinite(end) && end < cutoff;
}
