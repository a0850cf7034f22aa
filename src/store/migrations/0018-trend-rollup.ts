import { sql, type Kysely, type Migration } from 'kysely';
import { createRollupTable, rollupBackfillStatements } from '../trend-rollup.js';
import type { StoreDialect } from './column-types.js';

/**
 * The trends' per-day rollup (src/store/trend-rollup.ts), filled from the events already stored. Migration 0021
 * builds it again in its present shape (the facet grain, partial indexes without the sums, dismissed events left
 * out); this one creates that same shape, so that a store migrated from nothing has one definition of the table.
 */
export function trendRollupMigration(dialect: StoreDialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await createRollupTable(db, dialect);
      // the review table comes with 0019: nothing was dismissed yet
      for (const statement of rollupBackfillStatements(dialect, false)) await sql.raw(statement).execute(db);
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('trend_rollup').ifExists().execute();
    },
  };
}
