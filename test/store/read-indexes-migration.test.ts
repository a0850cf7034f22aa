import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { sqliteBefore } from './migrate-before.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';

const dir = mkdtempSync(join(tmpdir(), 'faultline-read-indexes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('migration 0008: read indexes', () => {
  it('gives events stored before it their span, so that a window finds an event that began long before it', async () => {
    const path = join(dir, 'old.db');
    await sqliteBefore(path, '0008');
    const raw = new BetterSqlite3(path);
    const insert = raw.prepare(
      `insert into events (id, date_start, date_end, date_precision, event_type, sub_event_type, record, created_at, updated_at)
       values (?, ?, ?, 'days', 'Battles', 'Armed clash', ?, 'now', 'now')`,
    );
    const rows: [string, string, string][] = [
      ['ev-long', '2024-10-01', '2025-03-10'],
      ['ev-day', '2025-02-15', '2025-02-15'],
      ['ev-before', '2024-12-01', '2024-12-03'],
    ];
    for (const [id, start, end] of rows)
      insert.run(id, start, end, JSON.stringify({ id, date: { start, end, precision: 'days' } }));
    raw.close();

    const store = await openSqliteStore({ path });
    try {
      const ids = async (from: string) => {
        const out: string[] = [];
        for await (const json of store.queryEventJson({ from }))
          out.push((JSON.parse(json) as { id: string }).id);
        return out;
      };
      expect(await ids('2025-02-01')).toEqual(['ev-long', 'ev-day']);
      expect(await store.countEvents({ from: '2025-02-01' })).toBe(2);
      expect((await store.queryEventPage({ from: '2025-03-10' })).items).toHaveLength(1);
    } finally {
      await store.close();
    }
    const after = new BetterSqlite3(path, { readonly: true });
    expect(after.prepare('select id, date_span from events order by id').all()).toEqual([
      { id: 'ev-before', date_span: 2 },
      { id: 'ev-day', date_span: 0 },
      { id: 'ev-long', date_span: 160 },
    ]);
    after.close();
  });
});
