import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { createKyselyStore } from '../kysely-store.js';
import { migrateToLatest, storeMigrations } from '../migrations/migrate-to-latest.js';
import type { Database } from '../schema.js';
import { storeError } from '../store-error.js';
import { sqliteTextSearch } from './sqlite-search.js';
import { withStatementCache } from './statement-cache.js';
import type { Store } from '../store.js';

export interface SqliteStoreOptions {
  /** A file path, or `:memory:` for a store that lives as long as the process holds it. */
  readonly path: string;
  /** How long (ms) a writer waits for another process's lock before failing. */
  readonly busyTimeoutMs?: number;
  readonly now?: () => Date;
  /**
   * Bytes of the file read through a memory map instead of read calls (default 0: none). A server's page of the
   * list reads a hundred rows scattered over the file: mapped, each is a memory read instead of a system call and
   * a copy, half the cost of the page. For serving only: mapped pages count in the process's resident memory,
   * which a long ingest must keep flat.
   */
  readonly mmapBytes?: number;
}

/** What `serve` maps: SQLite caps the map near 2 GB, and 100,000 events take about half a gigabyte. */
export const SERVE_MMAP_BYTES = 1024 * 1024 * 1024;

/** Events written (since opening) before the planner's statistics are first refreshed. */
const FIRST_ANALYSIS = 5000;

/** Whether the file lacks any of the store's migrations (a brand-new file lacks them all). */
function migrationsPending(database: BetterSqlite3.Database): boolean {
  const table = database
    .prepare("select 1 from sqlite_master where type = 'table' and name = 'kysely_migration'")
    .get();
  if (table === undefined) return true;
  const applied = new Set(database.prepare('select name from kysely_migration').pluck().all() as string[]);
  return Object.keys(storeMigrations('sqlite')).some((name) => !applied.has(name));
}

/**
 * Migrates inside one BEGIN IMMEDIATE: Kysely runs SQLite migrations without a transaction or a lock, so two
 * processes opening a new file both created its tables and one failed ("table documents already exists"). The
 * write lock makes the second wait (busy_timeout) and then find nothing left to do; a failed migration leaves
 * the file as it was. A file already up to date takes no write lock, so opening beside a busy writer is free.
 */
async function migrateLocked(database: BetterSqlite3.Database, db: Kysely<Database>): Promise<void> {
  if (!migrationsPending(database)) return;
  database.exec('BEGIN IMMEDIATE');
  try {
    await migrateToLatest(db as Kysely<unknown>, 'sqlite');
    database.exec('COMMIT');
  } catch (error) {
    if (database.inTransaction) database.exec('ROLLBACK');
    throw error;
  }
}

/** Sets the connection up and migrates; safe to run again after a failure part-way. */
async function prepare(
  database: BetterSqlite3.Database,
  db: Kysely<Database>,
  busyMs: number,
  mmapBytes: number,
): Promise<void> {
  database.pragma(`busy_timeout = ${busyMs}`);
  // WAL lets readers (the API) run while a writer (ingestion) works; NORMAL sync is safe with WAL against
  // process crashes and much faster than FULL. An in-memory database stays in 'memory' journal mode.
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  // 32 MB of page cache instead of SQLite's 2 MB: a page of the event list reads a hundred rows scattered
  // over the file, and the API serves the same recent pages again and again.
  database.pragma(`cache_size = -${32 * 1024}`);
  database.pragma('foreign_keys = ON');
  if (mmapBytes > 0) database.pragma(`mmap_size = ${mmapBytes}`);
  await migrateLocked(database, db);
  // Refreshes the statistics of tables that grew much since they were last analysed.
  database.pragma('optimize = 0x10002');
}

/**
 * Runs `work` again while SQLite answers SQLITE_BUSY, for up to `busyMs`: when several processes open a brand-new
 * file at once, switching it to WAL can fail busy without SQLite ever calling its busy handler.
 */
async function withBusyRetry(busyMs: number, work: () => Promise<void>): Promise<void> {
  const deadline = Date.now() + busyMs;
  for (;;) {
    try {
      await work();
      return;
    } catch (error) {
      const busy = ((error as { code?: string }).code ?? '').startsWith('SQLITE_BUSY');
      if (!busy || Date.now() >= deadline) throw error;
      await new Promise((done) => setTimeout(done, 10 + Math.random() * 40));
    }
  }
}

/** Opens (creating and migrating when needed) the embedded SQLite store. */
export async function openSqliteStore(options: SqliteStoreOptions): Promise<Store> {
  let database: BetterSqlite3.Database;
  try {
    database = new BetterSqlite3(options.path);
  } catch (error) {
    throw storeError(`sqlite ${options.path}`, error);
  }
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(database) }) });
  const busyMs = Math.max(0, Math.floor(options.busyTimeoutMs ?? 5000));
  try {
    const mmapBytes = Math.max(0, Math.floor(options.mmapBytes ?? 0));
    await withBusyRetry(busyMs, () => prepare(database, db, busyMs, mmapBytes));
  } catch (error) {
    await db.destroy().catch(() => undefined);
    throw storeError(`sqlite ${options.path}`, error);
  }
  let written = 0;
  let nextAnalysis = FIRST_ANALYSIS;
  return createKyselyStore(db, {
    backend: 'sqlite',
    textSearch: sqliteTextSearch,
    rowidLocator: true,
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
