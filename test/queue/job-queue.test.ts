import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createCrashStore, type CrashStore } from '../../bench/crash-stores.js';
import { ProcessHostGate } from '../../src/feeds/host-gate.js';
import { jobHandlers } from '../../src/queue/job-handlers.js';
import { JobQueue } from '../../src/queue/job-queue.js';
import { runWorker } from '../../src/queue/run-worker.js';
import { cli } from '../helpers/cli.js';

const url = process.env.FAULTLINE_TEST_DATABASE_URL;
const work = mkdtempSync(join(tmpdir(), 'faultline-queue-'));
let database: CrashStore | undefined;

afterAll(async () => {
  await database?.drop();
  rmSync(work, { recursive: true, force: true });
});

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
    database = await createCrashStore({ kind: 'postgres', url: url! }, 'jobs');
    const dbUrl = database.flags[1]!;
    const store = await database.open();
    const queue = await JobQueue.open({ databaseUrl: dbUrl });
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
