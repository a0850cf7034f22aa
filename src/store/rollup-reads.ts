import { sql, type Kysely, type RawBuilder } from 'kysely';
import { dayBucket } from './day-bucket.js';
import { rollupFilter, rollupGrain } from './rollup-query.js';
import type { Database } from './schema.js';
import type { EventQuery, StatsDimension, Store } from './store.js';
import type { RollupDimension } from './trend-rollup.js';

/** One group of a rollup read: its key ('' for none, as the rollup writes it), its period, its sums. */
export interface RollupGroup {
  readonly key: string;
  readonly period: string;
  readonly events: number | string;
  readonly fatalities: number | string;
}

/**
 * The rollup column a dimension of `eventStats` and `eventSeries` groups by: the stored spelling of the district
 * and of actor1, as those reads have always grouped (not the folded key), or the day's bucket.
 */
function grouping(
  by: StatsDimension,
  backend: Store['backend'],
): { expression: RawBuilder<string>; needs: RollupDimension[] } {
  switch (by) {
    case 'district':
      return { expression: sql<string>`trend_rollup.admin2`, needs: ['admin2'] };
    case 'actor':
      return { expression: sql<string>`trend_rollup.actor1_name`, needs: ['actor1_name'] };
    case 'type':
      return { expression: sql<string>`trend_rollup.event_type`, needs: ['event_type'] };
    default:
      return { expression: dayBucket('trend_rollup.day', by, backend)!, needs: [] };
  }
}

/**
 * Events and fatalities grouped by `by` (and, with `period`, by the start day's week or month) over the rollup
 * cells matching the query, or null when the query has a filter the rollup cannot answer (rollup-query.ts):
 * the caller then reads the events.
 */
export async function rollupGroups(
  db: Kysely<Database>,
  backend: Store['backend'],
  query: EventQuery,
  by: StatsDimension,
  period: 'week' | 'month' | null,
  earliestStart?: string,
): Promise<readonly RollupGroup[] | null> {
  const { expression, needs } = grouping(by, backend);
  const days = by === 'day' || by === 'week' || by === 'month' ? by : null;
  // the buckets the days are grouped into: the stats dimension's, or the series' period
  const grain = rollupGrain(query, needs, period ?? days);
  if (grain === null) return null;
  const when = period === null ? sql<string>`''` : dayBucket('trend_rollup.day', period, backend)!;
  return db
    .selectFrom('trend_rollup')
    .where(rollupFilter(query, grain, earliestStart))
    .select((eb) => [
      expression.as('key'),
      when.as('period'),
      eb.fn.sum<number | string>('trend_rollup.events').as('events'),
      eb.fn.sum<number | string>('trend_rollup.fatalities').as('fatalities'),
    ])
    .groupBy(period === null ? [expression] : [expression, when])
    .execute();
}
