import { Migrator } from 'kysely';
import type { Kysely, Migration, MigrationProvider } from 'kysely';
import { FaultlineError } from '../../errors/errors.js';
import { initialMigration } from './0001-initial.js';
import { eventsMigration } from './0002-events.js';
import { coveringScanMigration } from './0003-covering-scan.js';
import { resolutionReadsMigration } from './0004-resolution-reads.js';
import { pendingResolutionMigration } from './0005-pending-resolution.js';
import { boundedResolutionMigration } from './0006-bounded-resolution.js';
import { eventSearchMigration } from './0007-event-search.js';
import { readIndexesMigration } from './0008-read-indexes.js';
import { feedsMigration } from './0010-feeds.js';
import { alertsMigration } from './0011-alerts.js';
import { usersMigration } from './0013-users.js';
import { eventChangesMigration } from './0016-event-changes.js';
import { alertDeliveriesMigration } from './0015-alert-deliveries.js';
import { hostSlotsMigration } from './0017-host-slots.js';
import { trendRollupMigration } from './0018-trend-rollup.js';
import { eventReviewMigration } from './0019-event-review.js';
import { rollupFacetsMigration } from './0021-rollup-facets.js';
import { eventRemovalsMigration } from './0022-event-removals.js';
import type { StoreDialect } from './column-types.js';

/** Migrations by name; names sort in the order they apply. Add new ones at the end, never edit an applied one. */
export function storeMigrations(dialect: StoreDialect): Record<string, Migration> {
  return {
    '0001-initial': initialMigration(dialect),
    '0002-events': eventsMigration(),
    '0003-covering-scan': coveringScanMigration(),
    '0004-resolution-reads': resolutionReadsMigration(),
    '0005-pending-resolution': pendingResolutionMigration(),
    '0006-bounded-resolution': boundedResolutionMigration(dialect),
    '0007-event-search': eventSearchMigration(dialect),
    '0008-read-indexes': readIndexesMigration(dialect),
    '0010-feeds': feedsMigration(),
    '0011-alerts': alertsMigration(),
    '0013-users': usersMigration(dialect),
    '0016-event-changes': eventChangesMigration(dialect),
    '0015-alert-deliveries': alertDeliveriesMigration(),
    '0017-host-slots': hostSlotsMigration(dialect),
    '0018-trend-rollup': trendRollupMigration(dialect),
    '0019-event-review': eventReviewMigration(dialect),
    '0021-rollup-facets': rollupFacetsMigration(dialect),
    '0022-event-removals': eventRemovalsMigration(dialect),
  };
}

class InCodeMigrationProvider implements MigrationProvider {
  constructor(private readonly dialect: StoreDialect) {}

  async getMigrations(): Promise<Record<string, Migration>> {
    return storeMigrations(this.dialect);
  }
}

/**
 * Tries of a migration that failed on a schema dropped meanwhile. Kysely's migrator looks for its bookkeeping
 * table by reading every table of every schema of the database (with functions that look each schema up by name),
 * so a schema that another process drops during that read fails the migration of a store that never used it.
 */
const MIGRATION_TRIES = 3;

/** PostgreSQL's invalid_schema_name: a schema looked up by name is gone. */
const SCHEMA_GONE = '3F000';

function isSchemaGone(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === SCHEMA_GONE;
}

/**
 * Applies every pending migration. `schema` puts Kysely's bookkeeping tables beside the store's own tables
 * (PostgreSQL), so that two stores in two schemas of one database do not see each other's history. A try that
 * failed on a schema dropped meanwhile is made again (MIGRATION_TRIES): the migrator's lock makes a try that
 * failed part-way safe to repeat, and our own schema exists before the first.
 */
export async function migrateToLatest(
  db: Kysely<unknown>,
  dialect: StoreDialect,
  schema?: string,
): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: new InCodeMigrationProvider(dialect),
    ...(schema === undefined ? {} : { migrationTableSchema: schema }),
  });
  for (let tries = 1; ; tries++) {
    const { error, results } = await migrator.migrateToLatest();
    if (error === undefined) return;
    if (isSchemaGone(error) && tries < MIGRATION_TRIES) continue;
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'migrations';
    const detail = error instanceof Error ? error.message : String(error);
    throw new FaultlineError('FL_ERR_STORE', `migration ${failed}`, detail);
  }
}
