import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { FaultlineError } from '../../src/errors/errors.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { makeStoredEvent } from './event-fixtures.js';
import { makeDocument, makeExtraction, makeMention } from './fixtures.js';
import { describeStoreContract } from './store-contract.js';

const dir = mkdtempSync(join(tmpdir(), 'faultline-store-'));
let files = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeStoreContract(
  'sqlite in memory',
  () => openSqliteStore({ path: ':memory:' }),
  async () => undefined,
);

describeStoreContract(
  'sqlite file',
  () => openSqliteStore({ path: join(dir, `contract-${files++}.db`) }),
  async () => undefined,
);

describe('SQLite store', () => {
  it('finds its data after being closed and reopened', async () => {
    const path = join(dir, 'durable.db');
    const first = await openSqliteStore({ path, now: () => new Date('2025-05-09T10:00:00Z') });
    const doc = makeDocument(1);
    await first.saveDocuments([doc]);
    await first.saveExtraction(makeExtraction(doc.id));
    await first.close();
    const again = await openSqliteStore({ path });
    try {
      expect(again.backend).toBe('sqlite');
      expect(await again.getDocument(doc.id)).toEqual(doc);
      expect(await again.listMentions(doc.id)).toEqual(makeExtraction(doc.id).mentions);
      for await (const summary of again.listDocuments())
        expect(summary.ingestedAt).toBe('2025-05-09T10:00:00.000Z');
      expect(await again.saveDocuments([doc])).toEqual([{ id: doc.id, outcome: 'present' }]);
    } finally {
      await again.close();
    }
  });

  it('reports a file it cannot open as FL_ERR_STORE', async () => {
    const error = await openSqliteStore({ path: join(dir, 'no-such-dir', 'x.db') }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FaultlineError);
    expect((error as FaultlineError).code).toBe('FL_ERR_STORE');
  });
});

describe('SQLite store: event timestamps', () => {
  it('keeps the creation time of an event id that is resolved again and moves its update time when it changed', async () => {
    const path = join(dir, 'events.db');
    let clock = new Date('2025-05-09T10:00:00Z');
    const store = await openSqliteStore({ path, now: () => clock });
    const doc = makeDocument(1);
    await store.saveDocuments([doc]);
    await store.saveExtraction(makeExtraction(doc.id));
    const event = makeStoredEvent('ev-kept', [makeMention(doc.id, 0)], [doc]);
    await store.replaceResolution({ mentionIds: event.mentionIds, events: [event], operations: [] });
    clock = new Date('2025-05-10T08:00:00Z');
    // planned again as it was: left as it is
    await store.replaceResolution({ mentionIds: event.mentionIds, events: [event], operations: [] });
    const unchanged = await store.getEvent('ev-kept');
    const peek = new BetterSqlite3(path, { readonly: true });
    const between = peek.prepare('select updated_at, version from events').get();
    peek.close();
    expect(between).toEqual({ updated_at: '2025-05-09T10:00:00.000Z', version: 1 });
    clock = new Date('2025-05-11T08:00:00Z');
    const changed = { ...event, record: { ...event.record, notes: 'A later report changed it.' } };
    await store.replaceResolution({ mentionIds: event.mentionIds, events: [changed], operations: [] });
    await store.close();
    expect(unchanged?.record).toEqual(event.record);
    const raw = new BetterSqlite3(path, { readonly: true });
    try {
      const row = raw.prepare('select created_at, updated_at, contested, date_week from events').get();
      expect(row).toEqual({
        created_at: '2025-05-09T10:00:00.000Z',
        updated_at: '2025-05-11T08:00:00.000Z',
        contested: 1,
        date_week: '2025-W19',
      });
      const plan = raw
        .prepare("explain query plan select id from events where admin2_key = 'kech' order by date_start, id")
        .all() as { detail: string }[];
      expect(plan.map((p) => p.detail).join(' ')).toContain('COVERING INDEX events_admin2_key_scan_idx');
      // two filters and the fatalities order are still answered from an index alone
      const wide = raw
        .prepare(
          "explain query plan select id from events where admin1_key = 'balochistan' and event_type = 'Battles' " +
            "and date_end >= '2025-01-01' and date_start <= '2025-12-31' order by fatalities_rank desc, id desc",
        )
        .all() as { detail: string }[];
      expect(wide.map((p) => p.detail).join(' ')).toMatch(/COVERING INDEX events_\w+_scan_idx/);
    } finally {
      raw.close();
    }
  });
});
