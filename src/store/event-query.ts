import type { Expression, ExpressionBuilder, RawBuilder, SqlBool } from 'kysely';
import { sql } from 'kysely';
import { EVENT_TYPES } from '../domain/index.js';
import { foldKey } from './event-rows.js';
import { parseSearch } from './search-query.js';
import type { Database } from './schema.js';
import type { EventCursor, EventQuery, StatsDimension } from './store.js';
import type { TextSearch } from './text-search.js';

function isEventType(name: string): boolean {
  return Object.hasOwn(EVENT_TYPES, name);
}

type EventsBuilder = ExpressionBuilder<Database, 'events'>;

/**
 * One arm of an actor filter: the events the actor is actor1 of, or those it is actor2 of and not actor1 of, so
 * that no event is in both. An OR of the two columns is read as two index scans whose matches are all sorted
 * before the first row of a page comes out; each arm alone is one range of one index, already in the page's
 * order, and a UNION ALL of the two is merged as it is read (SQLite's MERGE, PostgreSQL's Merge Append).
 */
export type ActorArm = 'actor1' | 'actor2';

/** The arms a query is read in: both actor arms under an actor filter, else the one unsplit filter. */
export function actorArms(query: EventQuery): readonly (ActorArm | undefined)[] {
  return query.actor === undefined ? [undefined] : ['actor1', 'actor2'];
}

/**
 * The WHERE of `queryEvents`, `countEvents` and `eventStats`: every filter the query sets, and-ed. `search` is the
 * backend's full-text index, asked only when the query's `q` holds a word once cleaned (search-query.ts);
 * `ordered` says that the statement reads one page in the list's order rather than every match.
 * `earliestStart`: no stored event that overlaps `from` starts before it (`from` less the longest stored span),
 * so the overlap test gains a lower bound on date_start that an index range can use; without it a count or an
 * ascending page walks the index from the first event ever stored. `arm`: read only that arm of an actor filter
 * (see `actorArms`); without it the filter is the OR of both columns.
 */
export function eventFilter(
  query: EventQuery,
  search: TextSearch,
  ordered = false,
  earliestStart?: string,
  arm?: ActorArm,
): (eb: EventsBuilder) => Expression<SqlBool> {
  const terms = parseSearch(query.q);
  return (eb) => {
    const all: Expression<SqlBool>[] = [];
    // Overlap of [date_start, date_end] with [from, to].
    if (query.from !== undefined) all.push(eb('events.date_end', '>=', query.from));
    if (query.from !== undefined && earliestStart !== undefined)
      all.push(eb('events.date_start', '>=', earliestStart));
    if (query.to !== undefined) all.push(eb('events.date_start', '<=', query.to));
    if (query.admin1 !== undefined) all.push(eb('events.admin1_key', '=', foldKey(query.admin1)));
    if (query.admin2 !== undefined) all.push(eb('events.admin2_key', '=', foldKey(query.admin2)));
    if (query.actor !== undefined) {
      const actor = foldKey(query.actor);
      const first = eb('events.actor1_key', '=', actor);
      const second = eb('events.actor2_key', '=', actor);
      if (arm === 'actor1') all.push(first);
      else if (arm === 'actor2') all.push(second, eb('events.actor1_key', 'is distinct from', actor));
      else all.push(eb.or([first, second]));
    }
    // No name is both an event type and a sub-event type, so one column (and its index) answers the filter.
    if (query.type !== undefined)
      all.push(eb(isEventType(query.type) ? 'events.event_type' : 'events.sub_event_type', '=', query.type));
    if (query.publisher !== undefined) {
      all.push(
        eb.exists(
          eb
            .selectFrom('event_sources')
            .select('event_sources.event_id')
            .whereRef('event_sources.event_id', '=', 'events.id')
            .where('event_sources.publisher_key', '=', foldKey(query.publisher)),
        ),
      );
    }
    if (query.docId !== undefined) {
      all.push(
        eb.exists(
          eb
            .selectFrom('event_sources')
            .select('event_sources.event_id')
            .whereRef('event_sources.event_id', '=', 'events.id')
            .where('event_sources.doc_id', '=', query.docId),
        ),
      );
    }
    if (query.contested !== undefined) all.push(eb('events.contested', '=', query.contested ? 1 : 0));
    if (query.operationId !== undefined) all.push(eb('events.operation_id', '=', query.operationId));
    if (query.minPublishers !== undefined) all.push(eb('events.publisher_count', '>=', query.minPublishers));
    if (terms !== null) all.push(search.matches(terms, ordered || all.length > 0));
    // A person's "not an incident" takes the event out of every list, count and export unless asked for; it
    // stays stored and reachable by id so that the decision can be read and undone. NOT IN over the dismissed ids
    // rather than a correlated NOT EXISTS: PostgreSQL reads the few dismissed ids once into a hashed subplan, where
    // for NOT EXISTS it planned a nested-loop anti join that compared every candidate row with every dismissed
    // one (a page's bounded count at 20 dismissals: 2.8 ms against 1.2 ms, and growing with each dismissal).
    // SQLite reads the list once either way. event_id is the key, never null, so NOT IN means what it says.
    if (query.includeDismissed !== true) {
      all.push(
        eb(
          'events.id',
          'not in',
          eb
            .selectFrom('event_reviews')
            .select('event_reviews.event_id')
            .where('event_reviews.not_incident', '=', 1),
        ),
      );
    }
    // An empty AND would render differently per dialect; a tautology on the primary key is the same on both.
    return all.length > 0 ? eb.and(all) : eb('events.id', 'is not', null);
  };
}

/** How events are ordered: one indexed key column, then the id as tie-breaker, in one direction. */
export interface EventOrder {
  readonly column: 'date_start' | 'fatalities_rank';
  readonly descending: boolean;
}

export function eventOrder(sort: EventQuery['sort']): EventOrder {
  switch (sort) {
    case '-date':
      return { column: 'date_start', descending: true };
    case 'fatalities':
      return { column: 'fatalities_rank', descending: false };
    case '-fatalities':
      return { column: 'fatalities_rank', descending: true };
    default:
      return { column: 'date_start', descending: false };
  }
}

export function afterCursor(
  order: EventOrder,
  cursor: EventCursor,
): (eb: EventsBuilder) => Expression<SqlBool> {
  return (eb) =>
    eb(
      eb.refTuple(`events.${order.column}`, 'events.id'),
      order.descending ? '<' : '>',
      eb.tuple(cursor.key as never, cursor.id),
    );
}

const DAY_MS = 86_400_000;

function dayNumber(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) / DAY_MS;
}

function dayText(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** `from` less `days` days, as YYYY-MM-DD; undefined (no bound) when either is unreadable. */
export function daysBefore(from: string, days: number): string | undefined {
  const day = dayNumber(from) - days;
  return Number.isFinite(day) ? dayText(day) : undefined;
}

/**
 * `count` days spread evenly over [first, last] (YYYY-MM-DD, inclusive), each the middle of its stretch, or every
 * day when the range holds no more; empty when a bound is unreadable or the range is empty. Fixed, not random, so
 * that the same filter is always given the same estimate.
 */
export function sampleDays(first: string, last: string, count: number): { days: string[]; of: number } {
  const [a, b] = [dayNumber(first), dayNumber(last)];
  if (!Number.isFinite(a) || !Number.isFinite(b) || b < a) return { days: [], of: 0 };
  const of = b - a + 1;
  const n = Math.min(count, of);
  // only the length is wanted (an unbounded count): no list of every day
  if (!Number.isFinite(n)) return { days: [], of };
  return { days: Array.from({ length: n }, (_, i) => dayText(a + Math.floor(((i + 0.5) * of) / n))), of };
}

/** The grouping key of `eventStats`; week is stored precomputed so that both backends give the same label. */
const STATS_KEYS: Readonly<Record<StatsDimension, RawBuilder<string | null>>> = {
  day: sql<string>`events.date_start`,
  week: sql<string | null>`events.date_week`,
  month: sql<string>`substr(events.date_start, 1, 7)`,
  district: sql<string | null>`events.admin2`,
  actor: sql<string | null>`events.actor1_name`,
  type: sql<string>`events.event_type`,
};

/** The key expression of a dimension, or null for a dimension that does not exist (callers outside TypeScript). */
export function statsKey(by: StatsDimension): RawBuilder<string | null> | null {
  return Object.hasOwn(STATS_KEYS, by) ? STATS_KEYS[by] : null;
}
