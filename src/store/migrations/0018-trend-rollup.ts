import { sql, type Kysely, type Migration } from 'kysely';
import { ROLLUP_KEY, rollupBackfillStatements } from '../trend-rollup.js';
import type { StoreDialect } from './column-types.js';

/**
 * The trends' per-day rollup (src/store/trend-rollup.ts), filled from the events already stored. Its primary key
 * starts with grain and day, so it is also the index of a read over a date range; the others serve the filters
 * that pick few rows of a grain (a province, a district, an actor). The partial index on emptied rows lets a
 * write drop them without a scan.
 */
export function trendRollupMigration(dialect: StoreDialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      let table = db.schema
        .createTable('trend_rollup')
        .addColumn('grain', 'integer', (c) => c.notNull())
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('end_day', 'text', (c) => c.notNull());
      for (const column of ROLLUP_KEY.slice(3)) table = table.addColumn(column, 'text', (c) => c.notNull());
      table = table
        .addColumn('events', 'integer', (c) => c.notNull())
        .addColumn('fatalities', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('trend_rollup_pk', [...ROLLUP_KEY] as never);
      // SQLite: the rows are stored in the key's order, so a grain's days are one contiguous range of the table
      await (dialect === 'sqlite' ? table.modifyEnd(sql`without rowid`) : table).execute();
      // with the sums, so that a read by one key's days never goes back to the row (SQLite's secondary indexes of
      // a WITHOUT ROWID table hold its primary key: these hold every column)
      for (const column of ['admin1_key', 'admin2_key', 'actor1_key']) {
        await db.schema
          .createIndex(`trend_rollup_${column}_idx`)
          .on('trend_rollup')
          .columns(['grain', column, 'day', 'events', 'fatalities'])
          .execute();
      }
      await sql`create index trend_rollup_empty_idx on trend_rollup (grain) where events = 0`.execute(db);
      for (const statement of rollupBackfillStatements(dialect)) await sql.raw(statement).execute(db);
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('trend_rollup').ifExists().execute();
    },
  };
}
