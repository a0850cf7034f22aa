import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { packageRoot } from '../src/cli/package-root.js';
import { loadKnowledge } from '../src/lexicon/load-knowledge.js';
import { openPostgresStore } from '../src/store/postgres/postgres-store.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import type { Store, StoredEvent } from '../src/store/store.js';
import { syntheticDocuments, syntheticEvents } from './bench-api.js';

export interface StoreWriteRun {
  readonly backend: string;
  readonly events: number;
  /** Seconds to write the events, new, in batches of 5,000 (one `replaceResolution` each, as a round writes). */
  readonly insertSeconds: number;
  /** Seconds to write them again moved a week later (every event leaves its cells for others). */
  readonly moveSeconds: number;
  readonly loadAverage: number;
}

/** The same event a week later: every one of its rollup cells changes. */
function moved(event: StoredEvent): StoredEvent {
  const later = (day: string) =>
    new Date(Date.parse(`${day}T00:00:00Z`) + 7 * 86_400_000).toISOString().slice(0, 10);
  const date = event.record.date;
  return {
    ...event,
    record: { ...event.record, date: { ...date, start: later(date.start), end: later(date.end) } },
  };
}

async function timeWrites(store: Store, backend: string, events: number): Promise<StoreWriteRun> {
  const knowledge = loadKnowledge({
    dataDir: join(packageRoot(), 'data'),
    countries: ['PK'],
    extraRows: [],
  });
  await store.saveDocuments(syntheticDocuments());
  const time = async (change: (e: StoredEvent) => StoredEvent) => {
    const t0 = performance.now();
    for (const batch of syntheticEvents(events, knowledge))
      await store.replaceResolution({ mentionIds: [], events: batch.map(change), operations: [] });
    return (performance.now() - t0) / 1000;
  };
  const insertSeconds = await time((e) => e);
  const moveSeconds = await time(moved);
  return { backend, events, insertSeconds, moveSeconds, loadAverage: loadavg()[0]! };
}

/**
 * The store's write cost, rollup included: `events` synthetic events written through `replaceResolution` into a
 * fresh SQLite file, then written again a week later, and the same in a PostgreSQL schema when `url` is given.
 */
export async function benchStoreWrites(events: number, url: string | null): Promise<StoreWriteRun[]> {
  const out: StoreWriteRun[] = [];
  const dir = await mkdtemp(join(tmpdir(), 'faultline-bench-writes-'));
  try {
    const store = await openSqliteStore({ path: join(dir, 'writes.db') });
    try {
      out.push(await timeWrites(store, 'SQLite', events));
    } finally {
      await store.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  if (url === null) return out;
  const schema = `faultline_bench_writes_${randomBytes(4).toString('hex')}`;
  const store = await openPostgresStore({ connectionString: url, schema, maxConnections: 2 });
  try {
    out.push(await timeWrites(store, 'PostgreSQL', events));
  } finally {
    await store.close();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(`drop schema if exists "${schema}" cascade`);
    } finally {
      await client.end();
    }
  }
  return out;
}
