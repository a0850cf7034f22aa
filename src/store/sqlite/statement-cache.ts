import type BetterSqlite3 from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/** Distinct SQL texts kept prepared; the store issues a few dozen shapes, so this is never the limit in practice. */
const DEFAULT_MAX_STATEMENTS = 256;

/**
 * The database as Kysely sees it, with prepared statements reused by SQL text. Kysely prepares every query
 * afresh, which costs about a tenth of a millisecond, as much as answering a page of the event list from the
 * index. Parameters are bound per call, so one statement serves every request of the same shape.
 */
export function withStatementCache(
  database: BetterSqlite3.Database,
  maxStatements = DEFAULT_MAX_STATEMENTS,
): SqliteDatabase {
  const prepared = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => {
      prepared.clear();
      database.close();
    },
    prepare(sql: string): SqliteStatement {
      const held = prepared.get(sql);
      // A statement still being iterated cannot run again until it is done; that caller gets a fresh one.
      if (held && !held.busy) {
        // re-inserted, so that the map's order is least recently used first
        prepared.delete(sql);
        prepared.set(sql, held);
        return held;
      }
      const statement = database.prepare(sql);
      if (held) return statement;
      if (prepared.size >= maxStatements) prepared.delete(prepared.keys().next().value as string);
      prepared.set(sql, statement);
      return statement;
    },
  };
}
