import { sql, type Kysely, type Migration } from 'kysely';

/**
 * What resolution reads after each ingest, indexed. Every mention of an operation, by its key
 * (Store.linkedScopes); and the events reported by two publishers or more, the only ones a publisher's record of
 * highest and lowest figures depends on, by a count of their sources' publishers kept on the event.
 */
export function resolutionReadsMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      // partial: most mentions belong to no operation, and an index full of nulls tells the planner that a key
      // matches a large share of the table, so that it scans the table instead
      await db.schema
        .createIndex('mentions_operation_key_idx')
        .on('mentions')
        .column('operation_key')
        .where('operation_key', 'is not', null)
        .execute();
      await db.schema
        .alterTable('events')
        .addColumn('publisher_count', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await sql`update events set publisher_count = (
          select count(distinct s.publisher_key) from event_sources s where s.event_id = events.id
        )`.execute(db);
      await db.schema
        .createIndex('events_publisher_count_idx')
        .on('events')
        .columns(['publisher_count', 'date_start', 'id'])
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropIndex('events_publisher_count_idx').ifExists().execute();
      await db.schema.alterTable('events').dropColumn('publisher_count').execute();
      await db.schema.dropIndex('mentions_operation_key_idx').ifExists().execute();
    },
  };
}
