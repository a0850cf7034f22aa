import type { Kysely, Migration } from 'kysely';
import { columnTypes, type StoreDialect } from './column-types.js';

/**
 * What people decide about events (issue 12): a version on each event for optimistic concurrency, its review
 * state, the fields a person locked (with the machine's current value beside each), every change as a row of
 * history, and the merges and splits a person made, which re-resolution applies again.
 *
 * None of these tables has a foreign key to `events`: a resolution deletes and rewrites the events it plans, and
 * a person's decisions about an event must outlive every rewrite (and the history, the event itself).
 */
export function eventReviewMigration(dialect: StoreDialect): Migration {
  const types = columnTypes(dialect);
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .alterTable('events')
        .addColumn('version', types.bigint, (c) => c.notNull().defaultTo(1))
        .execute();
      await db.schema
        .createTable('event_reviews')
        .addColumn('event_id', 'text', (c) => c.primaryKey())
        .addColumn('reviewed', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('reviewed_by', 'text')
        .addColumn('reviewed_at', 'text')
        .addColumn('not_incident', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      // the review queue reads the events no person has decided about yet
      await db.schema
        .createIndex('event_reviews_open_idx')
        .on('event_reviews')
        .columns(['reviewed', 'not_incident'])
        .execute();
      await db.schema
        .createTable('event_locks')
        .addColumn('event_id', 'text', (c) => c.notNull())
        .addColumn('field', 'text', (c) => c.notNull())
        // JSON of the person's value and of the machine's latest value (null: none)
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('machine', 'text', (c) => c.notNull())
        .addColumn('set_by', 'text', (c) => c.notNull())
        .addColumn('set_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('event_locks_pk', ['event_id', 'field'])
        .execute();
      await db.schema
        .createTable('event_edits')
        .addColumn('id', types.serial, types.serialPk)
        .addColumn('event_id', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        // the name is kept beside the id: edits by the server's token have no user, and a name reads at a glance
        .addColumn('user_id', types.bigint, (c) => c.references('users.id'))
        .addColumn('by_name', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('field', 'text')
        .addColumn('before', 'text', (c) => c.notNull())
        .addColumn('after', 'text', (c) => c.notNull())
        .addColumn('reason', 'text')
        .execute();
      await db.schema
        .createIndex('event_edits_event_idx')
        .on('event_edits')
        .columns(['event_id', 'id'])
        .execute();
      await db.schema
        .createTable('resolution_overrides')
        .addColumn('id', types.serial, types.serialPk)
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('event_id', 'text', (c) => c.notNull())
        .addColumn('by_name', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .execute();
      // by mention, so that resolution finds the overrides touching what it plans without reading them all
      await db.schema
        .createTable('resolution_override_mentions')
        .addColumn('override_id', types.bigint, (c) =>
          c.notNull().references('resolution_overrides.id').onDelete('cascade'),
        )
        .addColumn('mention_id', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('resolution_override_mentions_pk', ['mention_id', 'override_id'])
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('resolution_override_mentions').ifExists().execute();
      await db.schema.dropTable('resolution_overrides').ifExists().execute();
      await db.schema.dropTable('event_edits').ifExists().execute();
      await db.schema.dropTable('event_locks').ifExists().execute();
      await db.schema.dropTable('event_reviews').ifExists().execute();
      await db.schema.alterTable('events').dropColumn('version').execute();
    },
  };
}
