import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { storeMigrations } from '../../src/store/migrations/migrate-to-latest.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { makeStoredEvent } from './event-fixtures.js';
import { makeDocument, makeExtraction } from './fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'faultline-pending-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('migration 0005: the unresolved marker', () => {
  it('marks the mentions a crashed run left without events in a store written before it, and only those', async () => {
    const path = join(dir, 'old.db');
    const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: new BetterSqlite3(path) }) });
    const all = storeMigrations('sqlite');
    const migrations = Object.fromEntries(Object.entries(all).filter(([name]) => name < '0005'));
    const { error } = await new Migrator({
      db,
      provider: { getMigrations: async () => migrations },
    }).migrateToLatest();
    expect(error).toBeUndefined();
    const doc = makeDocument(1);
    const [resolved, ...leftBehind] = makeExtraction(doc.id).mentions;
    const event = makeStoredEvent('ev-old', [resolved!], [doc]);
    // rows as the code before migration 0005 wrote them: one mention with its event, two without
    const raw = new BetterSqlite3(path);
    raw
      .prepare(
        `insert into documents (id, published_source, language, text, length, origin, ingested_at) values (?, 'none', 'eng', ?, ?, 'x', 'now')`,
      )
      .run(doc.id, doc.text, doc.text.length);
    raw
      .prepare(
        `insert into events (id, date_start, date_end, date_precision, event_type, sub_event_type, record, created_at, updated_at) values (?, '2025-05-06', '2025-05-06', 'day', 'Battles', 'Armed clash', ?, 'now', 'now')`,
      )
      .run(event.record.id, JSON.stringify(event.record));
    const insert = raw.prepare(
      `insert into mentions (id, doc_id, idx, date_start, date_end, date_precision, event_type, sub_event_type, weapon, target, evidence, provenance, confidence, event_id) values (?, ?, ?, '2025-05-06', '2025-05-06', 'day', 'Battles', 'Armed clash', 'firearms', 'security_forces', '[]', '[]', 0.9, ?)`,
    );
    insert.run(resolved!.id, doc.id, 0, 'ev-old');
    leftBehind.forEach((m, i) => insert.run(m.id, doc.id, i + 1, null));
    raw.close();
    await db.destroy();

    const store = await openSqliteStore({ path });
    try {
      expect((await store.listPendingMentions(10)).map((p) => p.id)).toEqual(
        leftBehind.map((m) => m.id).sort(),
      );
    } finally {
      await store.close();
    }
  });
});
