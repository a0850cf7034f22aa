import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { eventToRow } from '../../src/store/event-rows.js';
import type { StoreDialect } from '../../src/store/migrations/column-types.js';
import { storeMigrations } from '../../src/store/migrations/migrate-to-latest.js';
import { openPostgresStore } from '../../src/store/postgres/postgres-store.js';
import type { Database } from '../../src/store/schema.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { Store, StoredEvent } from '../../src/store/store.js';
import { makeStoredEvent } from './event-fixtures.js';
import { makeDocument, makeMention } from './fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'faultline-search-migration-'));
const url = process.env.FAULTLINE_TEST_DATABASE_URL;
const schema = `faultline_search_${randomBytes(4).toString('hex')}`;

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  if (!url) return;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`drop schema if exists "${schema}" cascade`);
  await client.end();
});

/** Two events as the code before migration 0007 stored them, 1,200 more so that the backfill takes pages. */
function oldEvents(): StoredEvent[] {
  const doc = makeDocument(1);
  const named = (id: string, notes: string, i: number): StoredEvent => {
    const event = makeStoredEvent(id, [makeMention(doc.id, i)], [doc]);
    return { ...event, record: { ...event.record, notes } };
  };
  return [
    named('ev-quetta', 'A blast outside the Quetta press club.', 0),
    named('ev-dalbandin', 'Rockets fired at a camp near Dālbandīn.', 1),
    ...Array.from({ length: 1200 }, (_, i) => named(`ev-filler-${i}`, `Filler incident ${i}.`, i + 2)),
  ];
}

/** Applies the migrations before 0007 and writes events the way that code did, with no search rows. */
async function storeBefore0007(db: Kysely<Database>, dialect: StoreDialect, migrationSchema?: string) {
  const before = Object.fromEntries(
    Object.entries(storeMigrations(dialect)).filter(([name]) => name < '0007'),
  );
  const { error } = await new Migrator({
    db,
    provider: { getMigrations: async () => before },
    ...(migrationSchema ? { migrationTableSchema: migrationSchema } : {}),
  }).migrateToLatest();
  expect(error).toBeUndefined();
  // the rows as that code wrote them: no column a later migration adds (0008's date_span)
  const rows = oldEvents().map((e) => {
    const { date_span: _span, ...row } = eventToRow(e, 'then', 'then');
    return row;
  });
  for (let i = 0; i < rows.length; i += 200)
    await db
      .insertInto('events')
      .values(rows.slice(i, i + 200))
      .execute();
}

async function searched(store: Store, q: string): Promise<string[]> {
  const out: string[] = [];
  for await (const e of store.queryEvents({ q })) out.push(e.record.id);
  return out;
}

describe('migration 0007: free-text search over the events already stored', () => {
  it('indexes the events of a SQLite store written before it, and the index follows a delete by any path', async () => {
    const path = join(dir, 'old.db');
    const raw = new BetterSqlite3(path);
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: raw }) });
    await storeBefore0007(db, 'sqlite');
    await db.destroy();

    const store = await openSqliteStore({ path });
    try {
      expect(await searched(store, 'quetta press')).toEqual(['ev-quetta']);
      expect(await searched(store, 'DALBANDIN')).toEqual(['ev-dalbandin']);
      expect(await store.countEvents({ q: 'filler' })).toBe(1200);
      // an event deleted outside replaceResolution: the foreign key's cascade and the triggers keep the index
      const other = new BetterSqlite3(path);
      other.pragma('foreign_keys = ON');
      other.prepare("delete from events where id = 'ev-quetta'").run();
      other.prepare("insert into event_search_fts (event_search_fts) values ('integrity-check')").run();
      other.close();
      expect(await searched(store, 'quetta')).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it.skipIf(!url)('indexes the events of a PostgreSQL store written before it', async () => {
    const pool = new pg.Pool({ connectionString: url, options: `-c search_path=${schema}` });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    await sql`create schema ${sql.id(schema)}`.execute(db);
    await storeBefore0007(db, 'postgres', schema);
    await db.destroy();

    const store = await openPostgresStore({ connectionString: url!, schema });
    try {
      expect(await searched(store, 'quetta press')).toEqual(['ev-quetta']);
      expect(await searched(store, 'DALBANDIN')).toEqual(['ev-dalbandin']);
      expect(await store.countEvents({ q: 'filler' })).toBe(1200);
    } finally {
      await store.close();
    }
  });
});
