import pg from 'pg';
import { Kysely, PostgresDialect, PostgresIntrospector, sql } from 'kysely';
import type { DatabaseIntrospector, DatabaseMetadataOptions, TableMetadata } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCrashStore, type CrashStore } from '../../../bench/crash-stores.js';
import { FaultlineError } from '../../../src/errors/errors.js';
import { migrateToLatest } from '../../../src/store/migrations/migrate-to-latest.js';

const url = process.env.FAULTLINE_TEST_DATABASE_URL;

/** PostgreSQL's own error when a schema looked up by name was dropped meanwhile (invalid_schema_name). */
function schemaGone(): Error {
  return Object.assign(new Error('schema "another_store" does not exist'), { code: '3F000' });
}

/**
 * PostgreSQL's introspection, but the first `failures` reads of the tables fail as they do when another process
 * drops a schema while they run: a race no test can time, played out where it happens.
 */
class RacingDialect extends PostgresDialect {
  constructor(
    pool: pg.Pool,
    private failures: number,
  ) {
    super({ pool });
  }

  override createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    const real = new PostgresIntrospector(db);
    return {
      getSchemas: () => real.getSchemas(),
      getMetadata: (options?: DatabaseMetadataOptions) => real.getMetadata(options),
      getTables: (options?: DatabaseMetadataOptions): Promise<TableMetadata[]> => {
        if (this.failures > 0) {
          this.failures--;
          return Promise.reject(schemaGone());
        }
        return real.getTables(options);
      },
    };
  }
}

describe.skipIf(!url)('migrating a PostgreSQL store while other schemas come and go', () => {
  let target: CrashStore;
  let pool: pg.Pool;

  beforeEach(async () => {
    target = await createCrashStore({ kind: 'postgres', url: url! }, 'migrate');
    pool = new pg.Pool({ connectionString: target.flags[1], max: 2, options: '-c search_path=store_a' });
  });

  afterEach(async () => {
    await pool.end().catch(() => undefined);
    await target.drop();
  });

  const migrate = async (failures: number): Promise<void> => {
    const db = new Kysely<unknown>({ dialect: new RacingDialect(pool, failures) });
    await sql`create schema if not exists store_a`.execute(db);
    await migrateToLatest(db, 'postgres', 'store_a');
  };

  it('tries again when a schema it was reading is dropped meanwhile, and migrates', async () => {
    await migrate(2);
    const { rows } = await pool.query<{ n: string }>(
      "select count(*) as n from information_schema.tables where table_schema = 'store_a' and table_name = 'events'",
    );
    expect(rows[0]!.n).toBe('1');
  });

  it('gives up with the store error after a few tries', async () => {
    const failure = await migrate(3).then(
      () => null,
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(FaultlineError);
    expect((failure as FaultlineError).code).toBe('FL_ERR_STORE');
    expect((failure as Error).message).toContain('schema "another_store" does not exist');
  });
});
