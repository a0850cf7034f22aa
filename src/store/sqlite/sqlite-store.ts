import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { createKyselyStore } from '../kysely-store.js';
import { migrateToLatest } from '../migrations/migrate-to-latest.js';
import type { Database } from '../schema.js';
import { storeError } from '../store-error.js';
import { withStatementCache } from './statement-cache.js';
import type { Store } from '../store.js';

export interface SqliteStoreOptions {
  /** A file path, or `:memory:` for a store that lives as long as the process holds it. */
  readonly path: string;
  /** How long (ms) a writer waits for another process's lock before failing. */
  readonly busyTimeoutMs?: number;
  readonly now?: () => Date;
}

/** Events written (since opening) before the planner's statistics are first refreshed. */
const FIRST_ANALYSIS = 5000;

/** Opens (creating and migrating when needed) the embedded SQLite store. */
export async function openSqliteStore(options: SqliteStoreOptions): Promise<Store> {
  let database: BetterSqlite3.Database;
  try {
    database = new BetterSqlite3(options.path);
  } catch (error) {
    throw storeError(`sqlite ${options.path}`, error);
  }
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(database) }) });
  try {
    // WAL lets readers (the API) run while a writer (ingestion) works; NORMAL sync is safe with WAL against
    // process crashes and much faster than FULL. An in-memory database stays in 'memory' journal mode.
    database.pragma('journal_mode = WAL');
    database.pragma('synchronous = NORMAL');
    // 32 MB of page cache instead of SQLite's 2 MB: a page of the event list reads a hundred rows scattered
    // over the file, and the API serves the same recent pages again and again.
    database.pragma(`cache_size = -${32 * 1024}`);
    database.pragma('foreign_keys = ON');
    database.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? 5000))}`);
    await migrateToLatest(db as Kysely<unknown>, 'sqlite');
    // Refreshes the statistics of tables that grew much since they were last analysed.
    database.pragma('optimize = 0x10002');
  } catch (error) {
    await db.destroy().catch(() => undefined);
    throw storeError(`sqlite ${options.path}`, error);
  }
  let written = 0;
  let nextAnalysis = FIRST_ANALYSIS;
  return createKyselyStore(db, {
    backend: 'sqlite',
    ...(options.now ? { now: options.now } : {}),
    afterWrite: (events) => {
      // PRAGMA optimize skips tables it never analysed, and a sampled ANALYZE (analysis_limit) misjudges how
      // selective a key is; a full one each time the written count doubles costs a constant share of the writes.
      written += events;
      if (written < nextAnalysis) return;
      nextAnalysis = written * 2;
      database.exec('analyze events; analyze event_sources; analyze mentions');
    },
  });
}
