import { sql, type Kysely, type Migration } from 'kysely';
import { createRollupTable, rollupBackfillStatements } from '../trend-rollup.js';
import type { StoreDialect } from './column-types.js';

/**
 * The trend rollup built again (src/store/trend-rollup.ts, docs/trends.md): without the events people marked not
 * an incident, which the default trends leave out, so that those reads stay on the rollup once any event is
 * dismissed; with the facet grain (one actor on either side, a sub-event type or `contested`, by district); and
 * with partial indexes that hold no sums, so that adding to a cell rewrites no index entry. The table is derived
 * from the events and the reviews, so it is dropped and filled from them in one transaction.
 */
export function rollupFacetsMigration(dialect: StoreDialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('trend_rollup').execute();
      await createRollupTable(db, dialect);
      for (const statement of rollupBackfillStatements(dialect)) await sql.raw(statement).execute(db);
    },
    // the rollup is derived data in the shape of this code's grains (0018 creates the same shape): going down
    // leaves it as it is
    async down(): Promise<void> {},
  };
}
