import type { Expression, ExpressionBuilder, RawBuilder, SqlBool } from 'kysely';
import { sql } from 'kysely';
import { EVENT_TYPES } from '../domain/index.js';
import { foldKey } from './event-rows.js';
import { parseSearch } from './search-query.js';
import type { Database } from './schema.js';
import type { EventQuery, StatsDimension } from './store.js';
import type { TextSearch } from './text-search.js';

function isEventType(name: string): boolean {
  return Object.hasOwn(EVENT_TYPES, name);
}

type EventsBuilder = ExpressionBuilder<Database, 'events'>;

/**
 * The WHERE of `queryEvents`, `countEvents` and `eventStats`: every filter the query sets, and-ed. `search` is the
 * backend's full-text index, asked only when the query's `q` holds a word once cleaned (search-query.ts);
 * `ordered` says that the statement reads one page in the list's order rather than every match.
 */
export function eventFilter(
  query: EventQuery,
  search: TextSearch,
  ordered = false,
): (eb: EventsBuilder) => Expression<SqlBool> {
  const terms = parseSearch(query.q);
  return (eb) => {
    const all: Expression<SqlBool>[] = [];
    // Overlap of [date_start, date_end] with [from, to].
    if (query.from !== undefined) all.push(eb('events.date_end', '>=', query.from));
    if (query.to !== undefined) all.push(eb('events.date_start', '<=', query.to));
    if (query.admin1 !== undefined) all.push(eb('events.admin1_key', '=', foldKey(query.admin1)));
    if (query.admin2 !== undefined) all.push(eb('events.admin2_key', '=', foldKey(query.admin2)));
    if (query.actor !== undefined) {
      const actor = foldKey(query.actor);
      all.push(eb.or([eb('events.actor1_key', '=', actor), eb('events.actor2_key', '=', actor)]));
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

/** The last row of a page: where the next page starts (keyset paging, so deep pages cost no more than the first). */
export interface EventCursor {
  readonly key: string | number;
  readonly id: string;
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
