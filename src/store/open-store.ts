import { openPostgresStore } from './postgres/postgres-store.js';
import { openSqliteStore, SERVE_MMAP_BYTES } from './sqlite/sqlite-store.js';
import type { Store } from './store.js';

export interface StoreConfig {
  /** A PostgreSQL connection string; when set it wins over the SQLite file. */
  readonly databaseUrl: string | null;
  readonly dbPath: string;
  /** A server's store: SQLite reads its file through a memory map (SqliteStoreOptions.mmapBytes). */
  readonly serving?: boolean;
}

/** The composition helper the CLI uses: PostgreSQL when a database URL is configured, else the SQLite file. */
export function openStore(config: StoreConfig): Promise<Store> {
  if (config.databaseUrl !== null && config.databaseUrl.trim() !== '') {
    return openPostgresStore({ connectionString: config.databaseUrl });
  }
  return openSqliteStore({
    path: config.dbPath,
    ...(config.serving === true ? { mmapBytes: SERVE_MMAP_BYTES } : {}),
  });
}
