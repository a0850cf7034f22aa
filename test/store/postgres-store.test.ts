import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { FaultlineError } from '../../src/errors/errors.js';
import { openPostgresStore } from '../../src/store/postgres/postgres-store.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { Store, StatsDimension } from '../../src/store/store.js';
import { filterEvents } from './event-fixtures.js';
import { makeDocument, makeExtraction } from './fixtures.js';
import { describeStoreContract } from './store-contract.js';

const url = process.env.FAULTLINE_TEST_DATABASE_URL;
const prefix = `faultline_test_${randomBytes(4).toString('hex')}`;
const schemas: string[] = [];

function freshSchema(): string {
  const schema = `${prefix}_${schemas.length}`;
  schemas.push(schema);
  return schema;
}

async function dropSchemas(): Promise<void> {
  if (!url || schemas.length === 0) return;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const schema of schemas.splice(0)) await client.query(`drop schema if exists "${schema}" cascade`);
  } finally {
    await client.end();
  }
}

describe.skipIf(!url)('PostgreSQL store', () => {
  afterAll(dropSchemas);

  describeStoreContract(
    'postgres',
    () => openPostgresStore({ connectionString: url!, schema: freshSchema() }),
    dropSchemas,
  );

  it('keeps two schemas of one database apart', async () => {
    const [a, b] = [freshSchema(), freshSchema()];
    const left = await openPostgresStore({ connectionString: url!, schema: a });
    const right = await openPostgresStore({ connectionString: url!, schema: b });
    try {
      await left.saveDocuments([makeDocument(1)]);
      expect(await left.countDocuments()).toBe(1);
      expect(await right.countDocuments()).toBe(0);
      expect(typeof (await left.countDocuments())).toBe('number');
    } finally {
      await left.close();
      await right.close();
    }
  });

  it('migrates an existing schema again without error', async () => {
    const schema = freshSchema();
    await (await openPostgresStore({ connectionString: url!, schema })).close();
    const again = await openPostgresStore({ connectionString: url!, schema });
    expect(again.backend).toBe('postgres');
    await again.close();
  });

  it('refuses a schema name that is not a plain identifier', async () => {
    const error = await openPostgresStore({ connectionString: url!, schema: 'x"; drop table y' }).catch(
      (e: unknown) => e,
    );
    expect((error as FaultlineError).code).toBe('FL_ERR_BAD_ARGUMENT');
  });

  it('reports an unreachable server as FL_ERR_STORE without its password', async () => {
    const error = await openPostgresStore({
      connectionString: 'postgres://someone:s3cret@127.0.0.1:1/none',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FaultlineError);
    expect((error as FaultlineError).code).toBe('FL_ERR_STORE');
    expect((error as FaultlineError).message).not.toContain('s3cret');
  });

  it('answers event queries and stats with the same rows as SQLite', async () => {
    const pgStore = await openPostgresStore({ connectionString: url!, schema: freshSchema() });
    const liteStore = await openSqliteStore({ path: ':memory:' });
    const answers = async (store: Store) => {
      const [a, b] = [makeDocument(1), makeDocument(2)];
      await store.saveDocuments([a, b]);
      for (const d of [a, b]) await store.saveExtraction(makeExtraction(d.id));
      await store.replaceResolution({ mentionIds: [], events: filterEvents(a, b), operations: [] });
      const dims: StatsDimension[] = ['day', 'week', 'month', 'district', 'actor', 'type'];
      const stats = await Promise.all(dims.map((by) => store.eventStats({ from: '2025-01-01' }, by)));
      const events = [];
      for await (const e of store.queryEvents({ sort: '-fatalities', publisher: 'EXAMPLE DAILY' }))
        events.push(e);
      const searched = [];
      for (const q of ['army', '"liberation army"', 'Tehrik-i-Taliban', 'KECH checkpoint', 'x" OR 1=1 --'])
        for await (const e of store.queryEvents({ q, sort: '-date' })) searched.push([q, e.record.id]);
      const scope = { country: 'PK', admin1: 'Balochistan', from: '2025-05-01', to: '2025-05-31' };
      return { stats, events, searched, inputs: await store.listResolutionInputs(scope) };
    };
    try {
      const [fromPg, fromLite] = [await answers(pgStore), await answers(liteStore)];
      expect(fromPg.stats.flat().length).toBeGreaterThan(10);
      expect(fromPg.searched.length).toBeGreaterThan(4);
      expect(fromPg).toEqual(fromLite);
    } finally {
      await pgStore.close();
      await liteStore.close();
    }
  });
});
