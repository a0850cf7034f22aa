import type { IntLists } from './int-lists.js';
import { firstWhere } from './typed-arrays.js';
import type { EventCursor, EventQuery } from '../../store/store.js';

/**
 * The index's columns, one entry per slot, in typed arrays (replaced by larger ones as slots are added) so that
 * a million events cost the garbage collector a few dozen objects; texts a filter compares are numbers (-1: null).
 */
export interface IndexColumns {
  readonly ids: string[];
  start: Int32Array;
  end: Int32Array;
  rank: Float64Array;
  admin1: Int32Array;
  admin2: Int32Array;
  actor1: Int32Array;
  actor2: Int32Array;
  type: Int32Array;
  sub: Int32Array;
  operation: Int32Array;
  contested: Uint8Array;
  dismissed: Uint8Array;
  publisherCount: Int32Array;
  readonly publishers: IntLists;
  readonly docs: IntLists;
}

/** The slots a query reads: those that meet its filters, in two orders, and the dates they must overlap. */
export interface Candidates {
  /** In (date start, id) order. */
  readonly byDate: Int32Array;
  /** The same slots in (fatalities rank, id) order, taken from the rank order of every slot on first use. */
  readonly byRank: () => Int32Array;
  readonly from: number | undefined;
  readonly to: number | undefined;
  /** The longest span of a held event, in days: no event overlapping `from` starts earlier than `from` less it. */
  readonly longestSpan: number;
}

export interface SlotPage {
  readonly slots: readonly number[];
  readonly next: EventCursor | null;
  readonly total: number;
}

const DAY_MS = 86_400_000;

export function dayNumber(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) / DAY_MS;
}

/** The day's YYYY-MM-DD, as the store holds `date_start` (a cursor's key). */
export function dayText(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/**
 * One page of the matching slots in the query's order, with the exact number of matches. The store's order: the
 * sort key, then the id, both in the sort's direction; `after` keeps only what follows the cursor in it, and the
 * total counts every match whatever the page (as `estimateEvents` does). A page is read from the list in its own
 * order and stops once it is full; the total is two binary searches (and a look at the events that start before
 * `from` but may run into it).
 */
export function pageOfMatches(
  c: IndexColumns,
  found: Candidates,
  query: EventQuery,
  limit: number,
): SlotPage {
  const { byDate, from, to } = found;
  const lo = from === undefined ? 0 : firstWhere(byDate, (s) => c.start[s]! >= from - found.longestSpan);
  const hi = to === undefined ? byDate.length : firstWhere(byDate, (s) => c.start[s]! > to);
  const matches = (slot: number): boolean =>
    (from === undefined || c.end[slot]! >= from) && (to === undefined || c.start[slot]! <= to);
  // from `fromStart` on every slot of the range overlaps; before it, only those that end late enough
  const fromStart =
    from === undefined
      ? lo
      : Math.max(
          lo,
          firstWhere(byDate, (s) => c.start[s]! >= from),
        );
  let total = Math.max(0, hi - fromStart);
  for (let i = lo; i < fromStart && i < hi; i++) if (matches(byDate[i]!)) total++;

  const byRankOrder = query.sort === 'fatalities' || query.sort === '-fatalities';
  const descending = query.sort === '-date' || query.sort === '-fatalities';
  const list = byRankOrder ? found.byRank() : byDate;
  const key = byRankOrder ? c.rank : c.start;
  const after = query.after;
  // where the walk starts: the range's end, or the cursor's place in the list
  let first: number;
  let last: number;
  if (byRankOrder) [first, last] = [0, list.length];
  else [first, last] = [lo, hi];
  if (after !== undefined) {
    const k = byRankOrder ? Number(after.key) : dayNumber(String(after.key));
    // ascending: the first slot past the cursor; descending: the first slot at or past it, less one
    const past = (s: number) =>
      key[s]! > k || (key[s] === k && (descending ? c.ids[s]! >= after.id : c.ids[s]! > after.id));
    const at = firstWhere(list, past);
    if (descending) last = Math.min(last, at);
    else first = Math.max(first, at);
  }
  const wanted = (query.offset ?? 0) + limit + 1;
  const page: number[] = [];
  if (descending) {
    for (let i = last - 1; i >= first && page.length < wanted; i--)
      if (matches(list[i]!)) page.push(list[i]!);
  } else {
    for (let i = first; i < last && page.length < wanted; i++) if (matches(list[i]!)) page.push(list[i]!);
  }
  const cursorOf = (slot: number): EventCursor => ({
    key: byRankOrder ? c.rank[slot]! : dayText(c.start[slot]!),
    id: c.ids[slot]!,
  });
  const ordered = page.slice(query.offset ?? 0);
  const slots = ordered.slice(0, limit);
  const end = slots[slots.length - 1];
  return { slots, next: ordered.length > limit && end !== undefined ? cursorOf(end) : null, total };
}
