import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import type { Knowledge } from '../src/extract/knowledge.js';
import { eventSourceRows, eventToRow } from '../src/store/event-rows.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import type { Store } from '../src/store/store.js';
import { rollupBackfillStatements } from '../src/store/trend-rollup.js';
import { syntheticDocuments, syntheticEvents } from './bench-api.js';

/**
 * Every this-many-th synthetic event is marked "not an incident" by a person, as a reviewed store has a few: the
 * trends leave them out by default, so the bench times the reads a store with dismissals answers.
 */
export const DISMISSED_EVERY = 10_000;

/** The review rows of the dismissed synthetic events among the first `count`. */
export function dismissedReviews(count: number, at: string): object[] {
  const out: object[] = [];
  for (let i = DISMISSED_EVERY - 1; i < count; i += DISMISSED_EVERY)
    out.push({
      event_id: `bench-ev-${i}`,
      reviewed: 1,
      reviewed_by: 'bench',
      reviewed_at: at,
      not_incident: 1,
      updated_at: at,
    });
  return out;
}

/** Rows per statement: sent as one JSON parameter, so a statement binds one value however many rows it has. */
const ROWS_PER_STATEMENT = 10_000;

/**
 * `insert ... select from json_populate_recordset(null::table, $1)`: a whole batch in one statement and one
 * parameter, which PostgreSQL parses in C, the multi-row insert closest to COPY that `pg` offers without another
 * package (an array per column cost more to encode in JavaScript than the server took to insert).
 */
async function insertRows(client: pg.PoolClient, table: string, rows: readonly object[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!)
    .map((c) => `"${c}"`)
    .join(', ');
  await client.query(
    `insert into ${table} (${columns}) select ${columns} from json_populate_recordset(null::${table}, $1::json)`,
    [JSON.stringify(rows)],
  );
}

/**
 * Stores `count` synthetic events in the PostgreSQL store's schema (opened, so migrated, by `store`) straight
 * into its tables: a million events through `replaceResolution`, which deletes what each event replaces and
 * links mentions, would take longer than the benchmark that reads them. The events table's secondary indexes are
 * dropped for the load and built again from their own definitions after it (one sort each instead of a million
 * insertions into each), as a bulk load is done. Ends with VACUUM ANALYZE, as autovacuum would after a load: the
 * visibility map lets the list read from its covering indexes alone. The trend rollup, which a write through the
 * store keeps, is filled from the loaded events as the migration fills it.
 */
export async function bulkLoadPostgres(
  store: Store,
  connectionString: string,
  schema: string,
  count: number,
  knowledge: Knowledge,
): Promise<void> {
  await store.saveDocuments(syntheticDocuments());
  const pool = new pg.Pool({ connectionString, max: 1, options: `-c search_path=${schema}` });
  const client = await pool.connect();
  try {
    // a lost load is simply run again: no need to wait for each commit to reach the disk
    await client.query('set synchronous_commit = off');
    const indexes = await client.query<{ indexname: string; indexdef: string }>(
      `select i.indexname, i.indexdef from pg_indexes i
        where i.schemaname = current_schema() and i.tablename = 'events'
          and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`,
    );
    for (const { indexname } of indexes.rows) await client.query(`drop index "${indexname}"`);
    const now = new Date().toISOString();
    for (const events of syntheticEvents(count, knowledge, ROWS_PER_STATEMENT)) {
      await client.query('begin');
      await insertRows(
        client,
        'events',
        events.map((e) => eventToRow(e, now, now)),
      );
      await insertRows(
        client,
        'event_sources',
        events.flatMap((e) => eventSourceRows(e.record)),
      );
      await client.query('commit');
    }
    await insertRows(client, 'event_reviews', dismissedReviews(count, now));
    await client.query("set maintenance_work_mem = '256MB'");
    for (const { indexdef } of indexes.rows) await client.query(indexdef);
    await client.query('begin');
    await client.query('delete from trend_rollup');
    for (const statement of rollupBackfillStatements('postgres')) await client.query(statement);
    await client.query('commit');
    await client.query('vacuum analyze trend_rollup');
    await client.query('vacuum analyze events');
    await client.query('vacuum analyze event_sources');
  } finally {
    client.release();
    await pool.end();
  }
}

/**
 * Stores `count` synthetic events in the SQLite store at `path` (created and migrated by opening it) straight into
 * its tables, as bulkLoadPostgres does for PostgreSQL: the events table's indexes are dropped for the load and
 * built again after it, then ANALYZE. The full-text rows are not written, so `q` finds none of these events.
 */
export async function bulkLoadSqlite(path: string, count: number, knowledge: Knowledge): Promise<void> {
  const store = await openSqliteStore({ path });
  try {
    await store.saveDocuments(syntheticDocuments());
  } finally {
    await store.close();
  }
  const db = new BetterSqlite3(path);
  try {
    db.pragma('journal_mode = wal');
    db.pragma('synchronous = off');
    const indexes = db
      .prepare(
        "select name, sql from sqlite_master where type = 'index' and tbl_name = 'events' and sql is not null",
      )
      .all() as { name: string; sql: string }[];
    for (const { name } of indexes) db.exec(`drop index "${name}"`);
    const insert = (table: string, rows: readonly object[]) => {
      if (rows.length === 0) return;
      const columns = Object.keys(rows[0]!);
      const statement = db.prepare(
        `insert into ${table} (${columns.map((c) => `"${c}"`).join(', ')}) values (${columns.map((c) => `@${c}`).join(', ')})`,
      );
      for (const row of rows) statement.run(row);
    };
    const now = new Date().toISOString();
    for (const events of syntheticEvents(count, knowledge, ROWS_PER_STATEMENT)) {
      db.transaction(() => {
        insert(
          'events',
          events.map((e) => eventToRow(e, now, now)),
        );
        insert(
          'event_sources',
          events.flatMap((e) => eventSourceRows(e.record)),
        );
      })();
    }
    insert('event_reviews', dismissedReviews(count, now));
    for (const { sql } of indexes) db.exec(sql);
    db.transaction(() => {
      db.exec('delete from trend_rollup');
      for (const statement of rollupBackfillStatements('sqlite')) db.exec(statement);
    })();
    db.exec('analyze');
  } finally {
    db.close();
  }
}
