import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Knowledge } from '../src/extract/knowledge.js';
import { openPostgresStore } from '../src/store/postgres/postgres-store.js';
import type { ReadSetup } from './bench-api.js';
import { bulkLoadPostgres } from './bulk-events.js';

export interface PostgresTarget {
  /** A database where the benchmark may create a schema of its own (dropped at the end). */
  readonly url: string;
  readonly events: number;
}

export interface PostgresRun<F> {
  readonly events: number;
  readonly insertSeconds: number;
  readonly cached: F;
  /** No read cache, answered from the event index. */
  readonly indexed: F;
  /** No read cache, no event index: every request reads PostgreSQL. */
  readonly uncached: F;
}

/**
 * Loads `target.events` synthetic events into a fresh schema of the target database, runs `load` (the same
 * browsing load as SQLite's, with and without the read cache and the event index) on a store over it, and drops the schema.
 */
export async function benchPostgres<F>(
  target: PostgresTarget,
  knowledge: Knowledge,
  load: (store: Awaited<ReturnType<typeof openPostgresStore>>, setup: ReadSetup) => Promise<F>,
): Promise<PostgresRun<F>> {
  const schema = `faultline_bench_api_${randomBytes(4).toString('hex')}`;
  // as many connections as the load has: a request waits for a connection, never for another's query
  const store = await openPostgresStore({ connectionString: target.url, schema, maxConnections: 20 });
  try {
    const t0 = performance.now();
    await bulkLoadPostgres(store, target.url, schema, target.events, knowledge);
    const insertSeconds = (performance.now() - t0) / 1000;
    const indexed = await load(store, { readCacheWeight: 0, eventIndex: true });
    const cached = await load(store, { eventIndex: true });
    const uncached = await load(store, { readCacheWeight: 0, eventIndex: false });
    return { events: target.events, insertSeconds, cached, indexed, uncached };
  } finally {
    await store.close();
    const client = new pg.Client({ connectionString: target.url });
    await client.connect();
    try {
      await client.query(`drop schema if exists "${schema}" cascade`);
    } finally {
      await client.end();
    }
  }
}
