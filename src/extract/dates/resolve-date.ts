import type { DatePrecision } from '../../domain/index.js';
import { daysInMonth, fromDay, isValidDate, toDay, weekdayOf, type Day } from './calendar.js';
import type { ParsedDate } from './parsed-date.js';

export interface ResolvedDate {
  readonly start: Day;
  readonly end: Day;
  readonly precision: DatePrecision;
  readonly kind: 'absolute' | 'relative' | 'vague';
}

/** How far back a year-less date may be pushed to find a real one (29 February). */
const YEARS_BACK = 8;
/** A date the text states with its year may lie this many days after publication (time zones), no more. */
const EXPLICIT_GRACE_DAYS = 1;
const MONDAY = 1;

function dayRange(
  start: Day,
  end: Day,
  precision: DatePrecision,
  kind: ResolvedDate['kind'],
  published: Day | null,
): ResolvedDate | null {
  if (end < start) return null;
  if (published === null) return { start, end, precision, kind };
  if (start > published + EXPLICIT_GRACE_DAYS) return null;
  const clampedStart = Math.min(start, published);
  const clampedEnd = Math.min(end, published);
  const finalPrecision = precision === 'days' && clampedStart === clampedEnd ? 'day' : precision;
  return { start: clampedStart, end: clampedEnd, precision: finalPrecision, kind };
}

function calendarRange(
  year: number,
  p: Extract<ParsedDate, { type: 'calendar' }>,
): { start: Day; end: Day } | null {
  // "31 December - 2 January 2026": the stated year belongs to the end of the range.
  const startYear = p.endMonth < p.startMonth ? year - 1 : year;
  if (!isValidDate(startYear, p.startMonth, p.startDay) || !isValidDate(year, p.endMonth, p.endDay))
    return null;
  const start = toDay(startYear, p.startMonth, p.startDay);
  const end = toDay(year, p.endMonth, p.endDay);
  return start <= end ? { start, end } : null;
}

/** The latest year whose reading starts on or before publication: "December 30" read in January is last year's. */
function latestYear<T extends { start: Day }>(published: Day, build: (year: number) => T | null): T | null {
  const thisYear = fromDay(published).year;
  for (let year = thisYear; year >= thisYear - YEARS_BACK; year--) {
    const built = build(year);
    if (built && built.start <= published) return built;
  }
  return null;
}

function monthRange(year: number, month: number): { start: Day; end: Day } {
  return { start: toDay(year, month, 1), end: toDay(year, month, daysInMonth(year, month)) };
}

function yearRange(year: number): { start: Day; end: Day } {
  return { start: toDay(year, 1, 1), end: toDay(year, 12, 31) };
}

function shiftMonths(published: Day, back: number): { year: number; month: number } {
  const { year, month } = fromDay(published);
  const index = year * 12 + (month - 1) - back;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

function resolvePeriod(p: Extract<ParsedDate, { type: 'period' }>, published: Day): ResolvedDate | null {
  const { year, month } = fromDay(published);
  switch (p.anchor) {
    case 'day':
      return dayRange(published - p.offset, published - p.offset, 'day', 'relative', published);
    case 'days-ending':
      return dayRange(published - p.offset, published, 'days', 'relative', published);
    case 'weekend': {
      const sunday = published - weekdayOf(published);
      return dayRange(sunday - 1, sunday, 'days', 'relative', published);
    }
    case 'week-ending':
      return dayRange(published - 6, published, 'week', 'vague', published);
    case 'week-to-date': {
      // "this week", "earlier this week": the calendar week (Monday to Sunday) up to publication, or up to the
      // day before it (offset 1); on a Monday "earlier this week" can only mean the days before
      const monday = published - ((weekdayOf(published) - MONDAY + 7) % 7);
      const end = published - p.offset;
      return dayRange(end < monday ? monday - 7 : monday, end, 'week', 'vague', published);
    }
    case 'previous-week': {
      // "Last week" is the calendar week (Monday to Sunday) before the one holding publication, as writers mean
      // it; ACLED's Saturday-to-Friday week is its publishing cycle, not English usage
      const monday = published - ((weekdayOf(published) - MONDAY + 7) % 7);
      return dayRange(monday - 7, monday - 1, 'week', 'vague', published);
    }
    case 'month-to-date': {
      // "earlier this month" (offset 1) is over by the day before publication; on the 1st, the 1st itself
      const start = toDay(year, month, 1);
      return dayRange(start, Math.max(start, published - p.offset), 'month', 'vague', published);
    }
    case 'previous-month': {
      const prev = shiftMonths(published, 1);
      const r = monthRange(prev.year, prev.month);
      return dayRange(r.start, r.end, 'month', 'vague', published);
    }
    case 'year-to-date': {
      const start = toDay(year, 1, 1);
      return dayRange(start, Math.max(start, published - p.offset), 'year', 'vague', published);
    }
    case 'previous-year': {
      const r = yearRange(year - 1);
      return dayRange(r.start, r.end, 'year', 'vague', published);
    }
  }
}

function resolveAgo(p: Extract<ParsedDate, { type: 'ago' }>, published: Day): ResolvedDate | null {
  if (p.count > 1000) return null;
  switch (p.unit) {
    case 'day':
      return dayRange(published - p.count, published - p.count, 'day', 'relative', published);
    case 'week': {
      const centre = published - 7 * p.count;
      return dayRange(centre - 3, centre + 3, 'week', 'vague', published);
    }
    case 'month': {
      const m = shiftMonths(published, p.count);
      const r = monthRange(m.year, m.month);
      return dayRange(r.start, r.end, 'month', 'vague', published);
    }
    case 'year': {
      const r = yearRange(fromDay(published).year - p.count);
      return dayRange(r.start, r.end, 'year', 'vague', published);
    }
  }
}

/**
 * Places a parsed date on the calendar. Nothing after publication is ever returned: a date without a year
 * is taken in the latest year that puts it on or before publication; a date with a stated year more than a
 * day after publication is dropped as a clear error; anything ending after publication is cut at it.
 * Without a publication date only dates that state their year are resolved.
 */
export function resolveDate(p: ParsedDate, published: Day | null): ResolvedDate | null {
  switch (p.type) {
    case 'calendar': {
      const precision = p.startMonth === p.endMonth && p.startDay === p.endDay ? 'day' : 'days';
      if (p.year !== null) {
        const r = calendarRange(p.year, p);
        return r ? dayRange(r.start, r.end, precision, 'absolute', published) : null;
      }
      if (published === null) return null;
      const r = latestYear(published, (year) => calendarRange(year, p));
      return r ? dayRange(r.start, r.end, precision, 'absolute', published) : null;
    }
    case 'month': {
      if (p.year !== null) {
        const r = monthRange(p.year, p.month);
        return dayRange(r.start, r.end, 'month', 'vague', published);
      }
      if (published === null) return null;
      const r = latestYear(published, (year) => monthRange(year, p.month));
      return r ? dayRange(r.start, r.end, 'month', 'vague', published) : null;
    }
    case 'year': {
      const r = yearRange(p.year);
      return dayRange(r.start, r.end, 'year', 'vague', published);
    }
    case 'weekday': {
      if (published === null) return null;
      let back = (weekdayOf(published) - p.weekday + 7) % 7;
      if (back === 0 && p.strictlyBefore) back = 7;
      return dayRange(published - back, published - back, 'day', 'relative', published);
    }
    case 'ago':
      return published === null ? null : resolveAgo(p, published);
    case 'period':
      return published === null ? null : resolvePeriod(p, published);
  }
}
