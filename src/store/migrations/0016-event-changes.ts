import { sql, type Kysely, type Migration } from 'kysely';
import { columnTypes, type StoreDialect } from './column-types.js';

/**
 * A change number on every event, for the live stream: `event_changes` holds one counter that each resolution
 * bumps in its transaction, and the events that resolution wrote take the new number. The counter's row lock
 * (PostgreSQL) or the write lock (SQLite) is held to commit, so numbers become visible in the order they were
 * handed out: a reader that has seen number N can never later find an event numbered N or less appear.
 */
export function eventChangesMigration(dialect: StoreDialect): Migration {
  const types = columnTypes(dialect);
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('event_changes')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('value', types.bigint, (c) => c.notNull())
        .execute();
      await db
        .insertInto('event_changes' as never)
        .values({ name: 'events', value: 0 } as never)
        .execute();
      await db.schema
        .alterTable('events')
        .addColumn('change_seq', types.bigint, (c) => c.notNull().defaultTo(0))
        .execute();
      // events stored before this migration count as change 1, so that since=0 replays them too
      const held = await sql<{ n: number }>`select 1 as n from events limit 1`.execute(db);
      if (held.rows.length > 0) {
        await sql`update events set change_seq = 1`.execute(db);
        await sql`update event_changes set value = 1 where name = 'events'`.execute(db);
      }
      await db.schema
        .createIndex('events_change_seq_idx')
        .on('events')
        .columns(['change_seq', 'id'])
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropIndex('events_change_seq_idx').ifExists().execute();
      await db.schema.alterTable('events').dropColumn('change_seq').execute();
      await db.schema.dropTable('event_changes').ifExists().execute();
    },
  };
}
