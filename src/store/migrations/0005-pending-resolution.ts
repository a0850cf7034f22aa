import { sql, type Kysely, type Migration } from 'kysely';

/**
 * A durable marker on every mention that extraction saved and resolution has not yet planned, so that
 * resolution is driven by what the store holds, not by what one process remembers: a run killed between saving
 * mentions and writing their events leaves them marked, and the next run (or `faultline resolve`) finishes them.
 */
export function pendingResolutionMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .alterTable('mentions')
        .addColumn('unresolved', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      // Stores written before this migration: a mention without an event is one a crashed run left behind.
      await sql`update mentions set unresolved = 1 where event_id is null`.execute(db);
      // partial: once caught up, almost no mention is pending, and the listing must not scan the table
      await db.schema
        .createIndex('mentions_unresolved_idx')
        .on('mentions')
        .column('id')
        .where(sql.ref('unresolved'), '=', 1)
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropIndex('mentions_unresolved_idx').ifExists().execute();
      await db.schema.alterTable('mentions').dropColumn('unresolved').execute();
    },
  };
}
