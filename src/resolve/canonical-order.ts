import type { DatePrecision, Mention, PlacePrecision } from '../domain/index.js';

export const PLACE_RANK: Readonly<Record<PlacePrecision, number>> = {
  place: 0,
  near_place: 1,
  district: 2,
  province: 3,
  country: 4,
};

export const DATE_RANK: Readonly<Record<DatePrecision, number>> = {
  day: 0,
  days: 1,
  week: 2,
  month: 3,
  year: 4,
};

/** A mention without a location ranks after every located one: it is the least precise account. */
const NO_PLACE_RANK = 5;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})/;

/** Days since 1970-01-01 of an ISO date, or null when it is not one; pure (no clock). */
export function dayNumber(iso: string): number | null {
  const m = ISO_DATE.exec(iso);
  if (!m) return null;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return Number.isFinite(t) ? Math.floor(t / 86_400_000) : null;
}

/** A mention's date range as day numbers, start <= end, or null when its dates cannot be read. */
export function dayRange(m: Mention): readonly [number, number] | null {
  const a = dayNumber(m.date.start);
  const b = dayNumber(m.date.end) ?? a;
  if (a === null || b === null) return null;
  return a <= b ? [a, b] : [b, a];
}

// Unknown precisions (a stored row from an older version) rank last rather than breaking the sort.
export function placeRank(m: Mention): number {
  return m.location ? (PLACE_RANK[m.location.precision] ?? NO_PLACE_RANK) : NO_PLACE_RANK;
}

export function dateRank(m: Mention): number {
  return DATE_RANK[m.date.precision] ?? DATE_RANK.year + 1;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The order in which mentions are resolved, independent of the order they were handed in: the most precise
 * place first, then the most precise date, then document and position. The first mention of an event in this
 * order founds it, so the founder is the most precise account and the event id follows from it.
 */
export function compareCanonical(a: Mention, b: Mention): number {
  const pa = placeRank(a);
  const pb = placeRank(b);
  if (pa !== pb) return pa - pb;
  const da = dateRank(a);
  const db = dateRank(b);
  if (da !== db) return da - db;
  return compareText(a.docId, b.docId) || a.index - b.index || compareText(a.id, b.id);
}

/** The blocking key: mentions of different countries or provinces are never compared. */
export function blockKey(m: Mention): string {
  return m.location ? `${m.location.country}|${m.location.admin1 ?? ''}` : '';
}

export { compareText };
