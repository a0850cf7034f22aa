import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import { EVENT_TYPES } from '../domain/index.js';
import { foldKey } from './event-rows.js';
import type { Database } from './schema.js';
import { parseSearch } from './search-query.js';
import type { EventQuery } from './store.js';
import { isoWeek, isoWeekBounds } from './iso-week.js';
import {
  FACET_PREFIXES,
  mondayOf,
  ROLLUP_GRAINS,
  type RollupDimension,
  type RollupGrain,
} from './trend-rollup.js';

type RollupBuilder = ExpressionBuilder<Database, 'trend_rollup'>;

/**
 * The facet (trend-rollup.ts) the query filters by: an actor on either side, `contested`, or a sub-event type; null
 * for none, and 'several' when it sets more than one, which no cell holds (a cell has one facet).
 */
function queryFacet(query: EventQuery): string | null | 'several' {
  const facets: string[] = [];
  if (query.actor !== undefined) facets.push(FACET_PREFIXES.actor + (foldKey(query.actor) ?? ''));
  if (query.contested !== undefined) facets.push(FACET_PREFIXES.contested + (query.contested ? '1' : '0'));
  if (query.type !== undefined && !isEventType(query.type))
    facets.push(FACET_PREFIXES.subEventType + query.type);
  return facets.length === 0 ? null : facets.length === 1 ? facets[0]! : 'several';
}

/**
 * The rollup dimensions the query's filters need, or null when a filter is not one the rollup can answer: a
 * publisher, a document, an operation, a minimum of publishers or a search with a word in it select events by what
 * the rollup does not count by; two of an actor, a sub-event type and `contested` are two facets, which no cell
 * holds together; and `includeDismissed` asks for the events the rollup leaves out. Those reads go to the events.
 */
function filterDimensions(query: EventQuery): RollupDimension[] | null {
  if (
    query.includeDismissed === true ||
    query.publisher !== undefined ||
    query.docId !== undefined ||
    query.operationId !== undefined ||
    query.minPublishers !== undefined ||
    parseSearch(query.q) !== null ||
    // '' is the rollup's missing value: an empty filter value (which no event matches) is left to the events
    [query.admin1, query.admin2, query.actor, query.type].includes('')
  )
    return null;
  const facet = queryFacet(query);
  if (facet === 'several') return null;
  const out: RollupDimension[] = [];
  if (facet !== null) out.push('facet');
  if (query.admin1 !== undefined) out.push('admin1_key');
  if (query.admin2 !== undefined) out.push('admin2_key');
  if (query.type !== undefined && isEventType(query.type)) out.push('event_type');
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
  // the facet grain counts an event once per facet: it is read with one facet named, never without
  const faceted = needed.includes('facet');
  return (
    ROLLUP_GRAINS.find(
      (g) =>
        (g.span === 'day' || weeks) &&
        g.keeps.includes('facet') === faceted &&
        needed.every((d) => g.keeps.includes(d)),
    ) ?? null
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
    // each key's index is partial (its column <> ''): the condition is named so that both planners may use it
    const key = (column: 'admin1_key' | 'admin2_key' | 'facet', value: string) =>
      all.push(eb(`trend_rollup.${column}`, '=', value), eb(`trend_rollup.${column}`, '<>', ''));
    if (query.admin1 !== undefined) key('admin1_key', foldKey(query.admin1) ?? '');
    if (query.admin2 !== undefined) key('admin2_key', foldKey(query.admin2) ?? '');
    if (query.type !== undefined && isEventType(query.type))
      all.push(eb('trend_rollup.event_type', '=', query.type));
    const facet = queryFacet(query);
    if (facet !== null && facet !== 'several') key('facet', facet);
    return eb.and(all);
  };
}
