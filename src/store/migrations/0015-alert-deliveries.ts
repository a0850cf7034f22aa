import type { Kysely, Migration } from 'kysely';

/**
 * Webhooks and the delivery of firings to them. A firing writes one pending delivery per webhook in the transaction
 * that stores it, so a delivery survives a restart and ingestion never waits for a receiver; every attempt is kept
 * (its time, the HTTP status or the error) so that a failed delivery can be explained.
 */
export function alertDeliveriesMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('webhooks')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('url', 'text', (c) => c.notNull().unique())
        .addColumn('secret', 'text', (c) => c.notNull())
        .addColumn('site', 'text', (c) => c.notNull())
        .addColumn('allow_private', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('alert_deliveries')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('webhook_id', 'text', (c) => c.notNull().references('webhooks.id').onDelete('cascade'))
        .addColumn('rule_id', 'text', (c) => c.notNull())
        .addColumn('window', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('next_attempt_at', 'text', (c) => c.notNull())
        .addColumn('last_error', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addForeignKeyConstraint(
          'alert_deliveries_firing_fk',
          ['rule_id', 'window'],
          'alert_firings',
          ['rule_id', 'window'],
          (fk) => fk.onDelete('cascade'),
        )
        .execute();
      // the due deliveries are found from the pending ones alone, oldest due first
      await db.schema
        .createIndex('alert_deliveries_due_idx')
        .on('alert_deliveries')
        .columns(['status', 'next_attempt_at'])
        .execute();
      await db.schema
        .createIndex('alert_deliveries_firing_idx')
        .on('alert_deliveries')
        .columns(['rule_id', 'window'])
        .execute();
      await db.schema
        .createTable('alert_delivery_attempts')
        .addColumn('delivery_id', 'text', (c) =>
          c.notNull().references('alert_deliveries.id').onDelete('cascade'),
        )
        .addColumn('attempt', 'integer', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('http_status', 'integer')
        .addColumn('error', 'text')
        .addColumn('duration_ms', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('alert_delivery_attempts_pk', ['delivery_id', 'attempt'])
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('alert_delivery_attempts').ifExists().execute();
      await db.schema.dropTable('alert_deliveries').ifExists().execute();
      await db.schema.dropTable('webhooks').ifExists().execute();
    },
  };
}
