import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import type { EventRecord } from '../../src/domain/index.js';
import { sqliteBefore } from './migrate-before.js';
import { openPostgresStore } from '../../src/store/postgres/postgres-store.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { Store, StoredEvent } from '../../src/store/store.js';
import { rollupBackfillStatements } from '../../src/store/trend-rollup.js';
import { makeStoredEvent } from './event-fixtures.js';
import { makeDocument, makeMention } from './fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'faultline-rollup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Events over the turn of a year (where an ISO week belongs to the next year), some spanning a week boundary,
 * with and without a district, an actor and a figure.
 */
function events(): StoredEvent[] {
  const doc = makeDocument(900);
  const base = makeStoredEvent('ev-fill', [makeMention(doc.id, 0)], [doc]);
  const days: [string, string][] = [
    ['2024-12-28', '2024-12-28'],
    ['2024-12-29', '2025-01-02'],
    ['2024-12-30', '2024-12-30'],
    ['2025-01-05', '2025-01-06'],
    ['2025-01-06', '2025-01-06'],
    ['2025-03-02', '2025-03-02'],
  ];
  return days.flatMap(([start, end], i) =>
    [0, 1, 2].map((j): StoredEvent => {
      const record: EventRecord = {
        ...base.record,
        id: `ev-fill-${i}-${j}`,
        date: { start, end, precision: start === end ? 'day' : 'days' },
        location: {
          name: j === 2 ? 'Quetta' : 'Turbat',
          admin2: j === 2 ? null : 'Kech',
          admin1: 'Balochistan',
          country: 'PK',
          lat: 26,
          lon: 63,
          precision: 'place',
        },
        actor1: j === 1 ? null : { name: 'Baloch Liberation Army', type: 'rebel_group', claimed: true },
        fatalities: j === 0 ? null : { low: i, best: i + 1, high: i + j },
      };
      return { ...base, record, mentionIds: [] };
    }),
  );
}

const ORDER =
  'grain, day, end_day, admin1_key, admin2_key, admin2, event_type, actor1_key, actor1_name, facet';

/** The events, one of them then marked not an incident by a person (which the rollup leaves out). */
async function storeEvents(store: Store): Promise<void> {
  await store.saveDocuments([makeDocument(900)]);
  await store.replaceResolution({ mentionIds: [], events: events(), operations: [] });
  await store.decideEvent({
    eventId: 'ev-fill-1-0',
    version: 1,
    editor: { userId: null, name: 'api-token' },
    reason: null,
    decision: 'not_incident',
  });
}

/** Copies the rows of `tables` from the attached store at `from` into the one at `path`, in the columns `path` has. */
function copyTables(path: string, from: string, tables: readonly string[]): void {
  const raw = new BetterSqlite3(path);
  raw.exec(`attach '${from}' as ref`);
  for (const table of tables) {
    const columns = (raw.prepare(`pragma table_info(${table})`).all() as { name: string }[])
      .map((c) => `"${c.name}"`)
      .join(', ');
    raw.exec(`insert into ${table} (${columns}) select ${columns} from ref.${table}`);
  }
  raw.exec('detach ref');
  raw.close();
}

describe('trend rollup backfill', () => {
  it('fills, on SQLite, the rollup that the writes keep', async () => {
    const path = join(dir, 'kept.db');
    const store = await openSqliteStore({ path });
    await storeEvents(store);
    await store.close();
    const db = new BetterSqlite3(path);
    try {
      const kept = db.prepare(`select * from trend_rollup order by ${ORDER}`).all();
      expect(kept.length).toBeGreaterThan(events().length);
      db.exec('delete from trend_rollup');
      for (const statement of rollupBackfillStatements('sqlite')) db.exec(statement);
      expect(db.prepare(`select * from trend_rollup order by ${ORDER}`).all()).toEqual(kept);
    } finally {
      db.close();
    }
  });

  it('fills the rollup from the events stored before migration 0018', async () => {
    const path = join(dir, 'old.db');
    await sqliteBefore(path, '0018');
    // events written by the store of before: through a store opened now, whose rollup is then dropped
    const reference = await openSqliteStore({ path: join(dir, 'reference.db') });
    await storeEvents(reference);
    await reference.close();
    // the columns the old tables have: later migrations (0019's version) add more to the reference's
    copyTables(path, join(dir, 'reference.db'), ['documents', 'events']);
    const store = await openSqliteStore({ path });
    try {
      // minPublishers 0 keeps every event but is read from the events table (see rollup-contract.ts)
      const expected = await store.eventTrend({ minPublishers: 0 }, 'week', 'district');
      expect(expected.reduce((n, b) => n + b.events, 0)).toBe(events().length);
      expect(await store.eventTrend({}, 'week', 'district')).toEqual(expected);
      expect(await store.eventTrend({}, 'day', 'actor')).toEqual(
        await store.eventTrend({ minPublishers: 0 }, 'day', 'actor'),
      );
    } finally {
      await store.close();
    }
  });

  it('builds the rollup again at migration 0021 without the dismissed events, with the facet grain', async () => {
    const path = join(dir, 'before-0021.db');
    await sqliteBefore(path, '0021');
    const reference = await openSqliteStore({ path: join(dir, 'reference-0021.db') });
    await storeEvents(reference);
    await reference.close();
    copyTables(path, join(dir, 'reference-0021.db'), ['documents', 'events', 'event_reviews']);
    // the rollup as the store of before kept it: every event counted, the dismissed one too
    const raw = new BetterSqlite3(path);
    for (const statement of rollupBackfillStatements('sqlite', false)) raw.exec(statement);
    raw.close();
    const store = await openSqliteStore({ path });
    try {
      const expected = await store.eventTrend({ minPublishers: 0 }, 'week', 'district');
      expect(expected.reduce((n, b) => n + b.events, 0)).toBe(events().length - 1);
      expect(await store.eventTrend({}, 'week', 'district')).toEqual(expected);
      const actor = { actor: 'Baloch Liberation Army' };
      expect(await store.eventTrend(actor, 'day', 'district')).toEqual(
        await store.eventTrend({ ...actor, minPublishers: 0 }, 'day', 'district'),
      );
    } finally {
      await store.close();
    }
    const db = new BetterSqlite3(path, { readonly: true });
    try {
      const facets = db.prepare("select count(*) as n from trend_rollup where facet <> ''").get() as {
        n: number;
      };
      expect(facets.n).toBeGreaterThan(0);
    } finally {
      db.close();
    }
  });

  const url = process.env.FAULTLINE_TEST_DATABASE_URL;
  it.skipIf(!url)('fills, on PostgreSQL, the rollup that the writes keep', async () => {
    const schema = `faultline_rollup_${randomBytes(4).toString('hex')}`;
    const store = await openPostgresStore({ connectionString: url!, schema });
    const client = new pg.Client({ connectionString: url!, options: `-c search_path=${schema}` });
    await client.connect();
    try {
      await storeEvents(store);
      const kept = (await client.query(`select * from trend_rollup order by ${ORDER}`)).rows;
      expect(kept.length).toBeGreaterThan(events().length);
      await client.query('delete from trend_rollup');
      for (const statement of rollupBackfillStatements('postgres')) await client.query(statement);
      expect((await client.query(`select * from trend_rollup order by ${ORDER}`)).rows).toEqual(kept);
    } finally {
      await store.close();
      await client.query(`drop schema if exists "${schema}" cascade`);
      await client.end();
    }
  });
});
