import pg from 'pg';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { FaultlineError } from '../../errors/errors.js';
import { createKyselyStore } from '../kysely-store.js';
import { migrateToLatest } from '../migrations/migrate-to-latest.js';
import type { Database } from '../schema.js';
import { storeError } from '../store-error.js';
import { postgresTextSearch } from './postgres-search.js';
import type { Store } from '../store.js';

export interface PostgresStoreOptions {
  readonly connectionString: string;
  /** Schema holding the tables (default 'public'); created when absent. Tests use a fresh one each. */
  readonly schema?: string;
  /** Connections in the pool. */
  readonly maxConnections?: number;
  readonly now?: () => Date;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Names the server without its password, for error messages. */
function describeServer(connectionString: string): string {
  try {
    const url = new URL(connectionString);
    return `postgres ${url.host}${url.pathname}`;
  } catch {
    return 'postgres';
  }
}

/** Opens (creating the schema and migrating when needed) the PostgreSQL store. */
export async function openPostgresStore(options: PostgresStoreOptions): Promise<Store> {
  const schema = options.schema ?? 'public';
  const subject = describeServer(options.connectionString);
  if (!SCHEMA_NAME.test(schema)) {
    throw new FaultlineError(
      'FL_ERR_BAD_ARGUMENT',
      `schema ${JSON.stringify(schema)}`,
      'use lower-case letters, digits and _',
    );
  }
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.maxConnections ?? 10,
    // Every connection of the pool resolves unqualified table names in the store's schema.
    options: `-c search_path=${schema}`,
  });
  // An idle client losing its server must not crash the process; the next query reports the failure.
  pool.on('error', () => undefined);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    await sql`create schema if not exists ${sql.id(schema)}`.execute(db);
    await migrateToLatest(db as Kysely<unknown>, 'postgres', schema);
  } catch (error) {
    await db.destroy().catch(() => undefined);
    throw storeError(subject, error);
  }
  return createKyselyStore(db, {
    backend: 'postgres',
    textSearch: postgresTextSearch,
    ...(options.now ? { now: options.now } : {}),
  });
}
