import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { storeMigrations } from '../../src/store/migrations/migrate-to-latest.js';

/**
 * A SQLite database at `path` as the store left it before migration `first` (every migration named before it
 * applied, none after): the state a migration's backfill must handle.
 */
export async function sqliteBefore(path: string, first: string): Promise<void> {
  const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: new BetterSqlite3(path) }) });
  try {
    const migrations = Object.fromEntries(
      Object.entries(storeMigrations('sqlite')).filter(([name]) => name < first),
    );
    const { error } = await new Migrator({
      db,
      provider: { getMigrations: async () => migrations },
    }).migrateToLatest();
    if (error) throw error;
  } finally {
    await db.destroy();
  }
}
