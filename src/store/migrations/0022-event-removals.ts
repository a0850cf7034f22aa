import type { Kysely, Migration } from 'kysely';
import { columnTypes, type StoreDialect } from './column-types.js';

/**
 * The events each change removed, by change number: a reader that follows the change feed (the server's
 * in-memory event index) learns of a write from `events.change_seq`, but a removed event leaves no row to
 * carry a number. Kept for the last REMOVALS_KEPT changes; a reader further behind reads everything again.
 */
export function eventRemovalsMigration(dialect: StoreDialect): Migration {
  const types = columnTypes(dialect);
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('event_removals')
        .addColumn('change_seq', types.bigint, (c) => c.notNull())
        .addColumn('event_id', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('event_removals_change_idx')
        .on('event_removals')
        .columns(['change_seq', 'event_id'])
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('event_removals').ifExists().execute();
    },
  };
}
