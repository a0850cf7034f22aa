import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as pause } from 'node:timers/promises';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createCrashStore, type CrashStore } from '../../bench/crash-stores.js';
import { ProcessHostGate } from '../../src/feeds/host-gate.js';
import { jobHandlers } from '../../src/queue/job-handlers.js';
import { JobQueue, type TakenJob } from '../../src/queue/job-queue.js';
import { runWorker } from '../../src/queue/run-worker.js';
import { cli } from '../helpers/cli.js';

const url = process.env.FAULTLINE_TEST_DATABASE_URL;
const work = mkdtempSync(join(tmpdir(), 'faultline-queue-'));
let database: CrashStore | undefined;

afterAll(async () => {
  await database?.drop();
  rmSync(work, { recursive: true, force: true });
});

/** A queue in a PostgreSQL database of its own, beside the test database, and that database's URL. */
async function queueInOwnDatabase(
  name: string,
): Promise<{ readonly own: CrashStore; readonly dbUrl: string; readonly queue: JobQueue }> {
  const own = await createCrashStore({ kind: 'postgres', url: url! }, name);
  const dbUrl = own.flags[1]!;
  return { own, dbUrl, queue: await JobQueue.open({ databaseUrl: dbUrl }) };
}

describe('the queue commands on SQLite', () => {
  it.each([['worker'], ['jobs'], ['watch', '--scheduler-only', '--once']])(
    '%s gives one coded line and exit 2',
    async (...args) => {
      const run = await cli([...args, '--db', join(work, 'embedded.db')]);
      expect(run.code).toBe(2);
      expect(run.err.trim().split('\n')).toHaveLength(1);
      expect(run.err).toContain('needs PostgreSQL (--database-url or DATABASE_URL)');
    },
  );
});

describe.skipIf(!url)('a job that fails', () => {
  it('is given back to the queue with its error, listed with it, and retried only once failed', async () => {
    const { own, dbUrl, queue } = await queueInOwnDatabase('jobs');
    database = own;
    const store = await own.open();
    try {
      const id = await queue.sendExtract('doc_absent');
      expect(id).not.toBeNull();
      // one queued already: the same document handed on again is not a second job
      expect(await queue.sendExtract('doc_absent')).toBeNull();
      const stop = new AbortController();
      const lines: string[] = [];
      const handlers = jobHandlers({
        store,
        knowledge: null,
        report: (l) => lines.push(l),
        fetch: { guard: { allowPrivate: false }, timeoutMs: 1000, maxBytes: 1000 },
        gate: new ProcessHostGate(0),
        now: () => new Date(),
        queue,
      });
      const counts = await runWorker(
        {
          take: () => queue.take(),
          complete: (job, output) => queue.complete(job, output),
          fail: async (job, message) => {
            await queue.fail(job, message);
            stop.abort();
          },
        },
        handlers,
        {
          concurrency: 1,
          idleMs: 20,
          stop: stop.signal,
          release: new AbortController().signal,
          report: (l) => lines.push(l),
        },
      );
      expect(counts.failed).toBe(1);
      expect(lines.join('\n')).toContain('document doc_absent: was not found');
      const [job] = await queue.list();
      expect(job).toMatchObject({ id, kind: 'extract-document', state: 'retry', subject: 'doc_absent' });
      expect(job!.lastError).toContain('document doc_absent: was not found');
      expect(await queue.list({ failedOnly: true })).toEqual([]);

      const retry = await cli(['jobs', '--retry', id!, '--database-url', dbUrl]);
      expect(retry.code).toBe(1);
      expect(retry.err).toContain(`failed job ${id}: was not found`);
      const listed = await cli(['jobs', '--format', 'jsonl', '--database-url', dbUrl]);
      expect(listed.code).toBe(0);
      expect(JSON.parse(listed.out.trim())).toMatchObject({ id, state: 'retry' });
      expect(listed.err).toContain('1 to retry');
    } finally {
      await queue.close();
      await store.close();
    }
  }, 60_000);
});

describe.skipIf(!url)('the order a worker takes jobs in', () => {
  it('holds a resolution back for its delay, unless it is asked for with none', async () => {
    const { own: delayed, dbUrl, queue } = await queueInOwnDatabase('delay');
    const sql = new pg.Client({ connectionString: dbUrl });
    // how long after it was asked for the queued resolution may start, read from the queue's own row
    const held = async (): Promise<number> => {
      const { rows } = await sql.query<{ s: number }>(
        `select extract(epoch from start_after - created_on)::float as s
           from pgboss.job where name = 'resolve' and state = 'created'`,
      );
      return rows[0]!.s;
    };
    try {
      await sql.connect();
      await queue.sendResolve();
      expect(await held()).toBeGreaterThanOrEqual(0.9);
      await sql.query(`delete from pgboss.job where name = 'resolve'`);
      await queue.sendResolve(0);
      expect(await held()).toBeLessThan(0.1);
      // due at once: a worker takes it without waiting
      expect((await queue.take())?.kind).toBe('resolve');
    } finally {
      await queue.close();
      await sql.end();
      await delayed.drop();
    }
  }, 60_000);

  it('takes an overdue resolution first in the resolver alone, except while its last round rests for as long as it ran', async () => {
    const { own: ordered, dbUrl, queue: worker } = await queueInOwnDatabase('order');
    const sql = new pg.Client({ connectionString: dbUrl });
    const other = await JobQueue.open({ databaseUrl: dbUrl });
    try {
      await sql.connect();
      // a resolution asked for long ago, and an extraction that waits beside it
      const overdueBesideExtraction = async (docId: string) => {
        await other.sendExtract(docId);
        await other.sendResolve();
        await sql.query(
          `update pgboss.job set created_on = now() - interval '10 seconds', start_after = now() - interval '10 seconds'
            where name = 'resolve' and state = 'created'`,
        );
      };
      const taken = async (queue: JobQueue): Promise<TakenJob> => {
        const job = await queue.take();
        expect(job).not.toBeNull();
        return job!;
      };
      await overdueBesideExtraction('doc_one');
      // the first worker to find a resolution overdue becomes the resolver, and takes it before the extraction
      const round = await taken(worker);
      expect(round.kind).toBe('resolve');
      // the round runs for 2 s
      await pause(2000);
      await worker.complete(round, {});

      // it rests for as long: this worker takes the extraction, though the next resolution is overdue
      await overdueBesideExtraction('doc_two');
      const extraction = await taken(worker);
      expect(extraction.kind).toBe('extract-document');
      await worker.complete(extraction, {});
      // another worker is not the resolver: it takes the extraction left beside the overdue resolution, then resolves
      const besideExtraction = await taken(other);
      expect(besideExtraction.kind).toBe('extract-document');
      await other.complete(besideExtraction, {});
      const besideRound = await taken(other);
      expect(besideRound.kind).toBe('resolve');
      await other.complete(besideRound, {});

      // once the rest is over, the overdue resolution goes before the next extraction again
      await overdueBesideExtraction('doc_three');
      await pause(2200);
      const again = await taken(worker);
      expect(again.kind).toBe('resolve');
      await worker.complete(again, {});

      // the resolver gone, the other worker takes its role at its next check
      await worker.close();
      for (let i = 0; i < 50; i++) {
        const { rowCount } = await sql.query(
          `select 1 from pg_locks where locktype = 'advisory'
              and database = (select oid from pg_database where datname = current_database())`,
        );
        if (rowCount === 0) break;
        await pause(100);
      }
      await overdueBesideExtraction('doc_four');
      await pause(1100);
      expect((await taken(other)).kind).toBe('resolve');
    } finally {
      await worker.close();
      await other.close();
      await sql.end();
      await ordered.drop();
    }
  }, 60_000);
});

describe.skipIf(!url)('a queue whose connections the server ends', () => {
  it('goes on with new connections, and the process does not crash on the idle ones', async () => {
    const { own, dbUrl, queue } = await queueInOwnDatabase('jobs_ended');
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      await queue.sendExtract('doc_one');
      // the queue's own connections now sit idle in its pool
      expect(await queue.list()).toHaveLength(1);
      const { rowCount } = await admin.query(
        'select pg_terminate_backend(pid) from pg_stat_activity where datname = $1',
        [new URL(dbUrl).pathname.slice(1)],
      );
      expect(rowCount).toBeGreaterThan(0);
      // the idle clients learn of their end as an error event: unheard, it would end the process
      await pause(300);
      expect(await queue.list()).toHaveLength(1);
    } finally {
      await admin.end();
      await queue.close();
      await own.drop();
    }
  }, 60_000);
});
