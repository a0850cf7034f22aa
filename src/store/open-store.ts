import { openPostgresStore } from './postgres/postgres-store.js';
import { openSqliteStore } from './sqlite/sqlite-store.js';
import type { Store } from './store.js';

export interface StoreConfig {
  /** A PostgreSQL connection string; when set it wins over the SQLite file. */
  readonly databaseUrl: string | null;
  readonly dbPath: string;
}

/** The composition helper the CLI uses: PostgreSQL when a database URL is configured, else the SQLite file. */
export function openStore(config: StoreConfig): Promise<Store> {
  if (config.databaseUrl !== null && config.databaseUrl.trim() !== '') {
    return openPostgresStore({ connectionString: config.databaseUrl });
  }
  return openSqliteStore({ path: config.dbPath });
}
