import type { Kysely, Migration } from 'kysely';

/**
 * Alert rules and their firings. A firing's key is (rule, window): a rule fires at most once per window, however
 * many events arrive in it, so a busy week gives one alert, not a storm.
 */
export function alertsMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('alert_rules')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('rule', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('alert_firings')
        .addColumn('rule_id', 'text', (c) => c.notNull().references('alert_rules.id').onDelete('cascade'))
        .addColumn('window', 'text', (c) => c.notNull())
        .addColumn('fired_at', 'text', (c) => c.notNull())
        .addColumn('firing', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('alert_firings_pk', ['rule_id', 'window'])
        .execute();
      await db.schema.createIndex('alert_firings_time_idx').on('alert_firings').column('fired_at').execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('alert_firings').ifExists().execute();
      await db.schema.dropTable('alert_rules').ifExists().execute();
    },
  };
}
