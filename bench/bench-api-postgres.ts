import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Knowledge } from '../src/extract/knowledge.js';
import { openPostgresStore } from '../src/store/postgres/postgres-store.js';
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
  readonly uncached: F;
}

/**
 * Loads `target.events` synthetic events into a fresh schema of the target database, runs `load` (the same
 * browsing load as SQLite's, with and without the read cache) on a store over it, and drops the schema.
 */
export async function benchPostgres<F>(
  target: PostgresTarget,
  knowledge: Knowledge,
  load: (store: Awaited<ReturnType<typeof openPostgresStore>>, cacheWeight: number | undefined) => Promise<F>,
): Promise<PostgresRun<F>> {
  const schema = `faultline_bench_api_${randomBytes(4).toString('hex')}`;
  // as many connections as the load has: a request waits for a connection, never for another's query
  const store = await openPostgresStore({ connectionString: target.url, schema, maxConnections: 20 });
  try {
    const t0 = performance.now();
    await bulkLoadPostgres(store, target.url, schema, target.events, knowledge);
    const insertSeconds = (performance.now() - t0) / 1000;
    const cached = await load(store, undefined);
    const uncached = await load(store, 0);
    return { events: target.events, insertSeconds, cached, uncached };
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
