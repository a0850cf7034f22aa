import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { sqliteBefore } from './migrate-before.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';

const dir = mkdtempSync(join(tmpdir(), 'faultline-event-changes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('migration 0016: event changes', () => {
  it('numbers the events stored before it as change 1, so that a stream from 0 replays them', async () => {
    const path = join(dir, 'old.db');
    await sqliteBefore(path, '0016');
    const raw = new BetterSqlite3(path);
    raw
      .prepare(
        `insert into events (id, date_start, date_end, date_precision, event_type, sub_event_type, record, created_at, updated_at)
         values ('ev-old', '2025-02-15', '2025-02-15', 'day', 'Battles', 'Armed clash', ?, 'now', 'now')`,
      )
      .run(JSON.stringify({ id: 'ev-old' }));
    raw.close();

    const store = await openSqliteStore({ path });
    try {
      expect(await store.latestEventChange()).toBe(1);
      const rows = await store.listChangedEvents({}, 0, 1, 10);
      expect(rows.map((r) => [r.change, (JSON.parse(r.json) as { id: string }).id])).toEqual([[1, 'ev-old']]);
      expect(await store.listChangedEvents({}, 1, 1, 10)).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it('starts an empty store at change 0', async () => {
    const store = await openSqliteStore({ path: ':memory:' });
    try {
      expect(await store.latestEventChange()).toBe(0);
    } finally {
      await store.close();
    }
  });
});
