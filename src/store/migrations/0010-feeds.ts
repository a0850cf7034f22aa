import type { Kysely, Migration } from 'kysely';

/**
 * The feeds `watch` polls: where each is, how often, and what its last poll left (the validators a conditional
 * GET sends back, when the next poll is due, the last error), and an index to find a document by its URL.
 */
export function feedsMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('feeds')
        .addColumn('url', 'text', (c) => c.primaryKey())
        .addColumn('publisher', 'text')
        .addColumn('every_seconds', 'integer', (c) => c.notNull())
        .addColumn('added_at', 'text', (c) => c.notNull())
        .addColumn('etag', 'text')
        .addColumn('last_modified', 'text')
        .addColumn('last_polled_at', 'text')
        .addColumn('next_poll_at', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('last_error', 'text')
        .addColumn('items_seen', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('items_stored', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema.createIndex('feeds_due_idx').on('feeds').columns(['next_poll_at', 'url']).execute();
      // a feed item already held is found by its link, not by scanning every document
      await db.schema.createIndex('documents_url_idx').on('documents').column('url').execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropIndex('documents_url_idx').ifExists().execute();
      await db.schema.dropTable('feeds').ifExists().execute();
    },
  };
}
