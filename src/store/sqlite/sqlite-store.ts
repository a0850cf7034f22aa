import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { createKyselyStore } from '../kysely-store.js';
import { migrateToLatest } from '../migrations/migrate-to-latest.js';
import type { Database } from '../schema.js';
import { storeError } from '../store-error.js';
import type { Store } from '../store.js';

export interface SqliteStoreOptions {
  /** A file path, or `:memory:` for a store that lives as long as the process holds it. */
  readonly path: string;
  /** How long (ms) a writer waits for another process's lock before failing. */
  readonly busyTimeoutMs?: number;
  readonly now?: () => Date;
}

/** Opens (creating and migrating when needed) the embedded SQLite store. */
export async function openSqliteStore(options: SqliteStoreOptions): Promise<Store> {
  let database: BetterSqlite3.Database;
  try {
    database = new BetterSqlite3(options.path);
  } catch (error) {
    throw storeError(`sqlite ${options.path}`, error);
  }
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
  try {
    // WAL lets readers (the API) run while a writer (ingestion) works; NORMAL sync is safe with WAL against
    // process crashes and much faster than FULL. An in-memory database stays in 'memory' journal mode.
    database.pragma('journal_mode = WAL');
    database.pragma('synchronous = NORMAL');
    database.pragma('foreign_keys = ON');
    database.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? 5000))}`);
    await migrateToLatest(db as Kysely<unknown>, 'sqlite');
  } catch (error) {
    await db.destroy().catch(() => undefined);
    throw storeError(`sqlite ${options.path}`, error);
  }
  return createKyselyStore(db, { backend: 'sqlite', ...(options.now ? { now: options.now } : {}) });
}
