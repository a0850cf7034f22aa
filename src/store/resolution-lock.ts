import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from './schema.js';
import { guarded } from './store-error.js';
import type { CellLocks, Store } from './store.js';

/** Every cell granted: the resolution runs alone. */
const EVERY_CELL: CellLocks = { take: () => Promise.resolve(true) };

/** The advisory lock key of a cell of this store's schema (a hash collision only makes two cells wait for each other). */
const cellKey = (cell: RawBuilder<unknown>) =>
  sql`hashtextextended('faultline cell ' || current_schema() || ' ' || ${cell}, 0)`;

/**
 * Cells as session advisory locks on `connection`, held until the connection unlocks all. A take never waits
 * (`pg_try_advisory_lock`), so two resolutions taking cells cannot deadlock.
 */
function cellLocksOn(connection: Kysely<Database>): CellLocks {
  return {
    async take(keys) {
      const wanted = [...new Set(keys)];
      if (wanted.length === 0) return true;
      const { rows } = await guarded('whileResolvingCells', () =>
        sql<{ cell: string; taken: boolean }>`
          select k as cell, pg_try_advisory_lock(${cellKey(sql.ref('k'))}) as taken
            from unnest(${wanted}::text[]) as k`.execute(connection),
      );
      const taken = rows.filter((r) => r.taken).map((r) => r.cell);
      if (taken.length === wanted.length) return true;
      // all or none: a resolution that cannot have them all gives back the ones it just took
      if (taken.length > 0)
        await guarded('whileResolvingCells', () =>
          sql`select pg_advisory_unlock(${cellKey(sql.ref('k'))}) from unnest(${taken}::text[]) as k`.execute(
            connection,
          ),
        );
      return false;
    },
  };
}

/**
 * Serialises resolutions: two planners working at once over one block would each plan its events from the same
 * stored state and write them twice.
 *
 * PostgreSQL: a session advisory lock, named after the store's schema (two stores in one database do not wait
 * for each other), held on a connection of its own for the whole work; every process on the database takes it
 * (workers, `ingest`, `resolve`), and a process killed while holding it loses its connection, and the lock with
 * it. Resolutions by cells (a queue's workers) hold it shared, so that several run at once, each with the
 * advisory locks of its cells, and a whole-store resolution waits for all of them. SQLite: the embedded store has
 * one writing process, so a queue within the process is enough.
 */
export function createResolutionLock(
  db: Kysely<Database>,
  backend: Store['backend'],
): Pick<Store, 'whileResolving' | 'whileResolvingCells'> {
  if (backend === 'postgres') {
    const key = sql`hashtextextended('faultline resolution ' || current_schema(), 0)`;
    const holding = <T>(mode: 'exclusive' | 'shared', work: (cells: CellLocks) => Promise<T>): Promise<T> =>
      db.connection().execute(async (connection) => {
        const subject = mode === 'shared' ? 'whileResolvingCells' : 'whileResolving';
        const lock = mode === 'shared' ? sql`pg_advisory_lock_shared(${key})` : sql`pg_advisory_lock(${key})`;
        await guarded(subject, () => sql`select ${lock}`.execute(connection));
        try {
          return await work(mode === 'shared' ? cellLocksOn(connection) : EVERY_CELL);
        } finally {
          // the store's lock and every cell's; should this fail, the connection is broken, and the server drops
          // the locks with it
          await sql`select pg_advisory_unlock_all()`.execute(connection).catch(() => undefined);
        }
      });
    return {
      whileResolving: (work) => holding('exclusive', () => work()),
      whileResolvingCells: (work) => holding('shared', work),
    };
  }
  let tail: Promise<unknown> = Promise.resolve();
  const whileResolving = <T>(work: () => Promise<T>): Promise<T> => {
    const result = tail.then(work);
    tail = result.catch(() => undefined);
    return result;
  };
  return {
    whileResolving,
    whileResolvingCells: (work) => whileResolving(() => work(EVERY_CELL)),
  };
}
