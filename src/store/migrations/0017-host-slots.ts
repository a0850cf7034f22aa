import type { Kysely, Migration } from 'kysely';
import { columnTypes, type StoreDialect } from './column-types.js';

/**
 * Politeness shared by every process that fetches (workers on several machines): one row per host saying who
 * holds its one request slot and until when (a lease, so that a worker killed mid-request frees it), and when the
 * next request may start (the minimum interval, or later when the host sent Retry-After). Times are milliseconds
 * of the database's clock, so that machines whose clocks differ still space their requests.
 */
export function hostSlotsMigration(dialect: StoreDialect): Migration {
  const types = columnTypes(dialect);
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('host_slots')
        .addColumn('host', 'text', (c) => c.primaryKey())
        .addColumn('holder', 'text')
        .addColumn('busy_until_ms', types.bigint, (c) => c.notNull())
        .addColumn('next_at_ms', types.bigint, (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('host_slots').ifExists().execute();
    },
  };
}
