import type { Kysely } from 'kysely';
import { FaultlineError } from '../errors/errors.js';
import { eventFilter, statsKey } from './event-query.js';
import { rollupGroups } from './rollup-reads.js';
import type { Database } from './schema.js';
import type { TextSearch } from './text-search.js';
import { toNumber } from './schema.js';
import { guarded } from './store-error.js';
import type { EventQuery, SeriesRow, Store } from './store.js';

type SeriesMethods = Pick<Store, 'eventSeries'>;

/** Counts by a dimension and a period in one GROUP BY, so trends never load the events themselves. */
export function createSeriesMethods(
  db: Kysely<Database>,
  search: TextSearch,
  backend: Store['backend'],
): SeriesMethods {
  return {
    async eventSeries(query, by, period): Promise<readonly SeriesRow[]> {
      const key = statsKey(by);
      const when = statsKey(period);
      if (key === null || when === null)
        throw new FaultlineError('FL_ERR_BAD_ARGUMENT', `series by ${String(by)} per ${String(period)}`);
      const rows = await guarded(`eventSeries by ${by} per ${period}`, async () => {
        // the trend rollup when the filters are expressible on it (rollup-query.ts), else the events
        const rolled = await rollupGroups(db, backend, query, by, period);
        if (rolled !== null) return rolled.map((r) => ({ ...r, key: r.key === '' ? null : r.key }));
        return db
          .selectFrom('events')
          .where(eventFilter(query as EventQuery, search))
          .select((eb) => [
            key.as('key'),
            when.as('period'),
            eb.fn.countAll<number | string>().as('events'),
            eb.fn
              .sum<number | string | null>(eb.fn.coalesce('events.fatalities_best', eb.lit(0)))
              .as('fatalities'),
          ])
          .groupBy([key, when])
          .execute();
      });
      return rows
        .filter((r) => r.key !== null && r.period !== null)
        .map((r) => ({
          key: r.key!,
          period: r.period!,
          events: toNumber(r.events),
          fatalities: r.fatalities === null ? 0 : toNumber(r.fatalities),
        }));
    },
  };
}
