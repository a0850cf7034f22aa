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

/** The number written by `length` ASCII digits of `text` from `at`, or -1 when one of them is not a digit. */
function digits(text: string, at: number, length: number): number {
  let n = 0;
  for (let i = at; i < at + length; i++) {
    const d = text.charCodeAt(i) - 48;
    if (!(d >= 0 && d <= 9)) return -1;
    n = n * 10 + d;
  }
  return n;
}

/**
 * Days since 1970-01-01 of an ISO date (YYYY-MM-DD, anything after it ignored), or null when it is not one; pure
 * (no clock). Read digit by digit: resolution reads two dates per mention, and a regular expression's match
 * arrays for a million mentions are garbage the collector must chase.
 */
export function dayNumber(iso: string): number | null {
  if (iso.length < 10 || iso.charCodeAt(4) !== 45 || iso.charCodeAt(7) !== 45) return null;
  const year = digits(iso, 0, 4);
  const month = digits(iso, 5, 2);
  const day = digits(iso, 8, 2);
  if (year < 0 || month < 0 || day < 0) return null;
  const t = Date.UTC(year, month - 1, day);
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

/** A mention with its canonical ranks read once, for sorts that would otherwise read them at every comparison. */
export interface Ranked {
  readonly mention: Mention;
  readonly placeRank: number;
  readonly dateRank: number;
}

export function ranked(mention: Mention): Ranked {
  return { mention, placeRank: placeRank(mention), dateRank: dateRank(mention) };
}

/**
 * The order in which mentions are resolved, independent of the order they were handed in: the most precise
 * place first, then the most precise date, then document and position. The first mention of an event in this
 * order founds it, so the founder is the most precise account and the event id follows from it.
 */
export function compareRanked(a: Ranked, b: Ranked): number {
  if (a.placeRank !== b.placeRank) return a.placeRank - b.placeRank;
  if (a.dateRank !== b.dateRank) return a.dateRank - b.dateRank;
  const x = a.mention;
  const y = b.mention;
  return compareText(x.docId, y.docId) || x.index - y.index || compareText(x.id, y.id);
}

/** The blocking key: mentions of different countries or provinces are never compared. */
export function blockKey(m: Mention): string {
  return m.location ? `${m.location.country}|${m.location.admin1 ?? ''}` : '';
}

export { compareText };
