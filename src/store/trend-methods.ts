import { sql, type Kysely } from 'kysely';
import { FaultlineError } from '../errors/errors.js';
import { dayBucket } from './day-bucket.js';
import { daysBefore, eventFilter } from './event-query.js';
import { rollupFilter, rollupGrain } from './rollup-query.js';
import type { Database } from './schema.js';
import { toNumber } from './schema.js';
import { guarded } from './store-error.js';
import type { EventQuery, Store, TrendBucket, TrendSplit } from './store.js';
import type { TextSearch } from './text-search.js';
import type { RollupDimension } from './trend-rollup.js';

type TrendMethods = Pick<Store, 'eventTrend'>;

/**
 * The key column of a split and the column its stored spelling is read from. The keys, not the names, are grouped:
 * they are what the filters match (a district's link filters by it), and every covering index of 0003 holds them
 * beside date_start and fatalities_rank, so the grouping reads index entries, never the 2 KB rows.
 */
const SPLITS = {
  district: { key: 'admin2_key', name: 'admin2' },
  actor: { key: 'actor1_key', name: 'actor1_name' },
  type: { key: 'event_type', name: 'event_type' },
} as const satisfies Record<TrendSplit, { key: RollupDimension; name: RollupDimension }>;

/**
 * Trend counts in one statement. The events are first counted per key and day (`daily`): summed from the trend
 * rollup's cells when the filters are expressible on it (rollup-query.ts; a week grain's day is the week's
 * Monday), else grouped from the events in the order of the key's covering index (key, date_start, …), a
 * streaming aggregation with no sort of the matches. Either leaves at most keys × days rows. The buckets (week,
 * month) and the top keys are then taken over those rows, so the week's label is computed per day, not per event.
 */
export function createTrendMethods(
  db: Kysely<Database>,
  search: TextSearch,
  backend: Store['backend'],
): TrendMethods {
  async function earliestStart(query: EventQuery): Promise<string | undefined> {
    if (query.from === undefined) return undefined;
    const row = await db
      .selectFrom('events')
      .select((eb) => eb.fn.max('date_span').as('longest'))
      .executeTakeFirst();
    return daysBefore(query.from, row?.longest == null ? 0 : toNumber(row.longest));
  }

  // PostgreSQL's default collation orders words ignoring spaces and punctuation; the tie-break must not differ
  const binary = backend === 'sqlite' ? sql`` : sql` collate "C"`;

  async function names(split: TrendSplit, keys: readonly string[]): Promise<Map<string, string>> {
    const { key, name } = SPLITS[split];
    const out = new Map<string, string>();
    for (const k of keys) {
      if (key === name) out.set(k, k);
      else {
        // one index lookup per key: reading a name for every event of a key would read its rows
        const row = await db
          .selectFrom('events')
          .select(sql<string | null>`${sql.ref(name)}`.as('name'))
          .where(sql.ref(key), '=', k)
          .limit(1)
          .executeTakeFirst();
        out.set(k, row?.name ?? k);
      }
    }
    return out;
  }

  return {
    async eventTrend(query, interval, split, top): Promise<readonly TrendBucket[]> {
      const period = dayBucket('daily.d', interval, backend);
      if (!Object.hasOwn(SPLITS, split) || period === null)
        throw new FaultlineError('FL_ERR_BAD_ARGUMENT', `trend by ${String(split)} per ${String(interval)}`);
      if (top !== undefined && !(Number.isInteger(top) && top >= 1))
        throw new FaultlineError(
          'FL_ERR_BAD_ARGUMENT',
          `trend top ${String(top)}`,
          'expected a whole number ≥ 1',
        );
      const label = `eventTrend by ${split} per ${interval}`;
      const rows = await guarded(label, async () => {
        const earliest = await earliestStart(query);
        const { key, name } = SPLITS[split];
        const grain = rollupGrain(query, key === name ? [key] : [key, name], interval);
        const keyColumn = sql.ref(`events.${key}`);
        const cellKey = sql.ref(`trend_rollup.${key}`);
        const withDaily =
          grain === null
            ? db.with('daily', (qc) =>
                qc
                  .selectFrom('events')
                  .where(eventFilter(query, search, false, earliest))
                  .select((eb) => [
                    sql<string | null>`${keyColumn}`.as('k'),
                    'events.date_start as d',
                    eb.fn.countAll<number | string>().as('n'),
                    // fatalities_rank is the best figure, -1 when unknown, and is in every covering index
                    eb.fn
                      .sum<number | string>(
                        sql`case when events.fatalities_rank > 0 then events.fatalities_rank else 0 end`,
                      )
                      .as('f'),
                    sql<string | null>`cast(null as text)`.as('nm'),
                  ])
                  .groupBy([keyColumn, 'events.date_start']),
              )
            : // the same per-day counts, summed from the rollup's cells (one per day and key at the coarse grains)
              db.with('daily', (qc) =>
                qc
                  .selectFrom('trend_rollup')
                  .where(rollupFilter(query, grain, earliest))
                  .select((eb) => [
                    sql<string | null>`nullif(${cellKey}, '')`.as('k'),
                    'trend_rollup.day as d',
                    eb.fn.sum<number | string>('trend_rollup.events').as('n'),
                    eb.fn.sum<number | string>('trend_rollup.fatalities').as('f'),
                    sql<string | null>`max(nullif(${sql.ref(`trend_rollup.${name}`)}, ''))`.as('nm'),
                  ])
                  .groupBy([cellKey, 'trend_rollup.day']),
              );
        if (top === undefined) {
          return withDaily
            .selectFrom('daily')
            .select((eb) => [
              period.as('period'),
              'daily.k as key',
              eb.fn.sum<number | string>('daily.n').as('events'),
              eb.fn.sum<number | string>('daily.f').as('fatalities'),
              eb.fn.max('daily.nm').as('name'),
            ])
            .groupBy([period, 'daily.k'])
            .execute();
        }
        return withDaily
          .with('ranked', (qc) =>
            qc
              .selectFrom('daily')
              .select('daily.k')
              .where('daily.k', 'is not', null)
              .groupBy('daily.k')
              .orderBy(sql`sum(daily.n)`, 'desc')
              .orderBy(sql`sum(daily.f)`, 'desc')
              .orderBy(sql`daily.k${binary}`)
              .limit(top),
          )
          .selectFrom('daily')
          .leftJoin('ranked', 'ranked.k', 'daily.k')
          .select((eb) => [
            period.as('period'),
            'ranked.k as key',
            eb.fn.sum<number | string>('daily.n').as('events'),
            eb.fn.sum<number | string>('daily.f').as('fatalities'),
            eb.fn.max('daily.nm').as('name'),
          ])
          .groupBy([period, 'ranked.k'])
          .execute();
      });
      // the rollup's cells carry the names; the events are asked only for those the read did not give
      const keys = [...new Set(rows.flatMap((r) => (r.key !== null && r.name === null ? [r.key] : [])))];
      const named = await guarded(label, () => names(split, keys));
      return rows.map((r) => ({
        period: r.period,
        key: r.key,
        name: r.key === null ? null : (r.name ?? named.get(r.key) ?? r.key),
        events: toNumber(r.events),
        fatalities: toNumber(r.fatalities),
      }));
    },
  };
}
