import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import { EVENT_TYPES } from '../domain/index.js';
import { foldKey } from './event-rows.js';
import type { Database } from './schema.js';
import { parseSearch } from './search-query.js';
import type { EventQuery } from './store.js';
import { isoWeek, isoWeekBounds } from './iso-week.js';
import { mondayOf, ROLLUP_GRAINS, type RollupDimension, type RollupGrain } from './trend-rollup.js';

type RollupBuilder = ExpressionBuilder<Database, 'trend_rollup'>;

/**
 * The rollup dimensions the query's filters need, or null when a filter is not one the rollup can answer: a
 * publisher, a document, an operation, a minimum of publishers, a search with a word in it, an actor (either side),
 * a sub-event type or `contested` select events by
 * what the rollup does not count by, so those reads fall back to the events table.
 */
function filterDimensions(query: EventQuery): RollupDimension[] | null {
  if (
    query.publisher !== undefined ||
    query.docId !== undefined ||
    query.operationId !== undefined ||
    query.minPublishers !== undefined ||
    parseSearch(query.q) !== null ||
    // '' is the rollup's missing value: an empty filter value (which no event matches) is left to the events
    [query.admin1, query.admin2, query.actor, query.type].includes('')
  )
    return null;
  // an actor on either side, a sub-event type and `contested` are not rollup dimensions (trend-rollup.ts says why)
  if (
    query.actor !== undefined ||
    query.contested !== undefined ||
    (query.type !== undefined && !isEventType(query.type))
  )
    return null;
  const out: RollupDimension[] = [];
  if (query.admin1 !== undefined) out.push('admin1_key');
  if (query.admin2 !== undefined) out.push('admin2_key');
  if (query.type !== undefined) out.push('event_type');
  return out;
}

function isEventType(name: string): boolean {
  return Object.hasOwn(EVENT_TYPES, name);
}

/** Whether the query's dates cut no ISO week: `from` (if set) a Monday and `to` (if set) a Sunday. */
function weekAligned(query: EventQuery): boolean {
  const bounds = (day: string) => (isoWeek(day) === null ? null : isoWeekBounds(day));
  return (
    (query.from === undefined || bounds(query.from)?.from === query.from) &&
    (query.to === undefined || bounds(query.to)?.to === query.to)
  );
}

/**
 * The first grain (ROLLUP_GRAINS' order: weeks, then days, smallest first) that keeps every dimension the read
 * groups by (`grouped`) and every one its filters use, or null when the read must go to the events table (see
 * filterDimensions). `buckets` is the period the read groups its days into (null: none); a week grain is taken
 * only when that is a week or none and the dates cut no week.
 */
export function rollupGrain(
  query: EventQuery,
  grouped: readonly RollupDimension[],
  buckets: 'day' | 'week' | 'month' | null,
): RollupGrain | null {
  const filters = filterDimensions(query);
  if (filters === null) return null;
  const needed = [...grouped, ...filters];
  const weeks = (buckets === null || buckets === 'week') && weekAligned(query);
  return (
    ROLLUP_GRAINS.find((g) => (g.span === 'day' || weeks) && needed.every((d) => g.keeps.includes(d))) ?? null
  );
}

/**
 * The WHERE over one grain of the rollup that selects the cells of the events `eventFilter` would select: the
 * same overlap of [day, end_day] with [from, to] (with `earliestStart` as the lower bound an index range can use),
 * the same keys. At a week grain, where day and end_day are Mondays, the same comparisons are exact because
 * rollupGrain takes it only for a Monday `from` and a Sunday `to`. '' is the rollup's missing value, which no folded filter value equals.
 */
export function rollupFilter(
  query: EventQuery,
  grain: RollupGrain,
  earliestStart?: string,
): (eb: RollupBuilder) => Expression<SqlBool> {
  return (eb) => {
    const all: Expression<SqlBool>[] = [eb('trend_rollup.grain', '=', grain.id)];
    if (query.from !== undefined) all.push(eb('trend_rollup.end_day', '>=', query.from));
    // a week grain's day is a Monday: the bound moves back to the Monday of its week
    if (query.from !== undefined && earliestStart !== undefined)
      all.push(eb('trend_rollup.day', '>=', grain.span === 'week' ? mondayOf(earliestStart) : earliestStart));
    if (query.to !== undefined) all.push(eb('trend_rollup.day', '<=', query.to));
    if (query.admin1 !== undefined) all.push(eb('trend_rollup.admin1_key', '=', foldKey(query.admin1) ?? ''));
    if (query.admin2 !== undefined) all.push(eb('trend_rollup.admin2_key', '=', foldKey(query.admin2) ?? ''));
    if (query.type !== undefined) all.push(eb('trend_rollup.event_type', '=', query.type));
    return eb.and(all);
  };
}
