import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.js';
import { guarded } from './store-error.js';
import type { BlockClaims, ResolutionScope, Store } from './store.js';

const WEEK_MS = 7 * 86_400_000;

/**
 * The lock names of a scope: one per week of its province that its days touch (weeks since 1970-01-01), so that
 * rounds over different weeks of one province run at once; a scope whose dates cannot be read takes its
 * province's `undated` name.
 */
export function scopeLockNames(scope: ResolutionScope): string[] {
  const block = JSON.stringify([scope.country, scope.admin1]);
  const from = Math.floor(Date.parse(`${scope.from.slice(0, 10)}T00:00:00Z`) / WEEK_MS);
  const to = Math.floor(Date.parse(`${scope.to.slice(0, 10)}T00:00:00Z`) / WEEK_MS);
  if (!Number.isFinite(from) || !Number.isFinite(to)) return [`${block}#undated`];
  const names: string[] = [];
  for (let week = Math.min(from, to); week <= Math.max(from, to); week++) names.push(`${block}#${week}`);
  return names;
}

/**
 * Serialises resolutions: two planners working at once over one block would each plan its events from the same
 * stored state and write them twice.
 *
 * PostgreSQL: a session advisory lock, named after the store's schema (two stores in one database do not wait
 * for each other), held on a connection of its own for the whole work; every process on the database takes it
 * (workers, `ingest`, `resolve`), and a process killed while holding it loses its connection, and the lock with
 * it. SQLite: the embedded store has one writing process, so a queue within the process is enough.
 *
 * Rounds of resolution by block (`whileResolvingBlocks`, the queue's workers) take the store-wide lock shared, so
 * several run at once and `whileResolving` waits for all of them (and they for it), and each block they read
 * exclusively, tried and never waited for: a round that waited for a block while it held another could wait for
 * a round waiting for it.
 */
export function createResolutionLock(
  db: Kysely<Database>,
  backend: Store['backend'],
): Pick<Store, 'whileResolving' | 'whileResolvingBlocks'> {
  if (backend === 'postgres') {
    const key = sql`hashtextextended('faultline resolution ' || current_schema(), 0)`;
    return {
      whileResolvingBlocks: <T>(work: (blocks: BlockClaims) => Promise<T>): Promise<T> =>
        db.connection().execute(async (connection) => {
          await guarded('whileResolvingBlocks', () =>
            sql`select pg_advisory_lock_shared(${key})`.execute(connection),
          );
          const held = new Set<string>();
          const lockName = sql`hashtextextended('faultline resolution block ' || current_schema() || name, 0)`;
          const blocks: BlockClaims = {
            async claim(scope, wait = false) {
              const wanted = scopeLockNames(scope).filter((n) => !held.has(n));
              if (wanted.length === 0) return 'held';
              if (wait) {
                await guarded('whileResolvingBlocks', () =>
                  sql`select pg_advisory_lock(${lockName}) from unnest(${wanted}::text[]) as name`.execute(
                    connection,
                  ),
                );
                for (const name of wanted) held.add(name);
                return 'taken';
              }
              const { rows } = await guarded('whileResolvingBlocks', () =>
                sql<{ name: string; ok: boolean }>`select name, pg_try_advisory_lock(${lockName}) as ok
                    from unnest(${wanted}::text[]) as name`.execute(connection),
              );
              const got = rows.filter((r) => r.ok).map((r) => r.name);
              if (got.length === wanted.length) {
                for (const name of got) held.add(name);
                return 'taken';
              }
              // all or none: weeks taken for a scope this round cannot have would hold up the round that has the rest
              if (got.length > 0)
                await guarded('whileResolvingBlocks', () =>
                  sql`select pg_advisory_unlock(${lockName}) from unnest(${got}::text[]) as name`.execute(
                    connection,
                  ),
                );
              return 'refused';
            },
          };
          try {
            return await work(blocks);
          } finally {
            // the connection holds no other lock; should this fail, it is broken, and the server drops them all
            await sql`select pg_advisory_unlock_all()`.execute(connection).catch(() => undefined);
          }
        }),
      whileResolving: <T>(work: () => Promise<T>): Promise<T> =>
        db.connection().execute(async (connection) => {
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
  const whileResolving = <T>(work: () => Promise<T>): Promise<T> => {
    const result = tail.then(work);
    tail = result.catch(() => undefined);
    return result;
  };
  const everyBlock: BlockClaims = { claim: async () => 'held' };
  return {
    whileResolving,
    whileResolvingBlocks: (work) => whileResolving(() => work(everyBlock)),
  };
}
