import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.js';
import { guarded } from './store-error.js';
import type { Store } from './store.js';

/**
 * Serialises resolutions: two planners working at once over one block would each plan its events from the same
 * stored state and write them twice.
 *
 * PostgreSQL: a session advisory lock, named after the store's schema (two stores in one database do not wait
 * for each other), held on a connection of its own for the whole work; every process on the database takes it
 * (workers, `ingest`, `resolve`), and a process killed while holding it loses its connection, and the lock with
 * it. SQLite: the embedded store has one writing process, so a queue within the process is enough.
 */
export function createResolutionLock(
  db: Kysely<Database>,
  backend: Store['backend'],
): Pick<Store, 'whileResolving'> {
  if (backend === 'postgres') {
    return {
      whileResolving: <T>(work: () => Promise<T>): Promise<T> =>
        db.connection().execute(async (connection) => {
          const key = sql`hashtextextended('faultline resolution ' || current_schema(), 0)`;
          await guarded('whileResolving', () => sql`select pg_advisory_lock(${key})`.execute(connection));
          try {
            return await work();
          } finally {
            // should the unlock fail, the connection is broken, and the server drops the lock with it
            await sql`select pg_advisory_unlock(${key})`.execute(connection).catch(() => undefined);
          }
        }),
    };
  }
  let tail: Promise<unknown> = Promise.resolve();
  return {
    whileResolving<T>(work: () => Promise<T>): Promise<T> {
      const result = tail.then(work);
      tail = result.catch(() => undefined);
      return result;
    },
  };
}
