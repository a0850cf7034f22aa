import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { StoreHostGate } from '../src/feeds/store-host-gate.js';
import { jobHandlers } from '../src/queue/job-handlers.js';
import { JobQueue } from '../src/queue/job-queue.js';
import { runScheduler } from '../src/queue/run-scheduler.js';
import { runWorker, type WorkerCounts } from '../src/queue/run-worker.js';
import type { FeedPollCost } from './bench-feeds.js';
import pg from 'pg';
import { createCrashStore } from './crash-stores.js';

/** CPU seconds each server process has used (utime + stime, at the usual 100 ticks a second), by pid. */
function processCpu(pids: readonly number[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const pid of pids) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      out.set(pid, (Number(fields[11]) + Number(fields[12])) / 100);
    } catch {
      // ended meanwhile
    }
  }
  return out;
}

const ITEMS_PER_FEED = 5;
const START = Date.now();
const at = (days: number) => (): Date => new Date(START + days * 86_400_000);

function feedXml(base: string, n: number): string {
  const items = Array.from(
    { length: ITEMS_PER_FEED },
    (_, i) => `<item><title>Item ${i}</title><link>${base}/page/${n}/${i}</link></item>`,
  ).join('');
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Feed ${n}</title><link>${base}/</link><description>d</description>${items}</channel></rss>`;
}

/**
 * The cost of polling `feeds` unchanged feeds the scale-out way: `watch --scheduler-only`'s tick queues a poll job
 * per due feed, and a worker (concurrency 4) runs them through the queue, each request through the host slots in
 * PostgreSQL. Scheduler, worker and fixture server run in this process, whose CPU is counted; the PostgreSQL
 * server's is not. Each feed is its own loopback host, and answers its ETag with a 304 once primed.
 */
export async function benchFeedJobs(
  url: string,
  feeds: number,
  rounds = 3,
): Promise<FeedPollCost & { readonly databaseCpuSecondsPerRound: number | null }> {
  const server = createServer((req, res) => {
    const n = Number(/^\/feed\/(\d+)/.exec(req.url ?? '')?.[1] ?? -1);
    const etag = `"f${n}"`;
    if (req.headers['if-none-match'] === etag) return void res.writeHead(304).end();
    res.writeHead(200, { 'content-type': 'application/rss+xml', etag });
    res.end(feedXml(`http://${req.headers.host ?? '127.0.0.1'}`, n));
  });
  await new Promise<void>((resolve) => server.listen(0, '0.0.0.0', resolve));
  const port = (server.address() as AddressInfo).port;
  const database = await createCrashStore({ kind: 'postgres', url }, 'feedjobs');
  const store = await database.open();
  const queue = await JobQueue.open({ databaseUrl: database.flags[1]!, connections: 6 });
  // the database server's sessions of this bench (its own database), read from /proc when the server is local
  const watcher = new pg.Client({ connectionString: url });
  await watcher.connect();
  const sessions = async (): Promise<number[]> =>
    (
      await watcher.query<{ pid: number }>('select pid from pg_stat_activity where datname = $1', [
        new URL(database.flags[1]!).pathname.slice(1),
      ])
    ).rows.map((r) => r.pid);
  try {
    for (let n = 0; n < feeds; n++) {
      const host = `127.0.${Math.floor(n / 250) + 1}.${(n % 250) + 1}`;
      await store.addFeed({ url: `http://${host}:${port}/feed/${n}`, publisher: null, everySeconds: 1 });
    }
    const counts: WorkerCounts = { done: 0, failed: 0, released: 0, byKind: {} };
    /** One round at the clock's time: the scheduler's tick, then the worker until every poll is done. */
    const round = async (now: () => Date): Promise<void> => {
      const target = (counts.byKind['poll-feed'] ?? 0) + feeds;
      const stop = new AbortController();
      const handlers = jobHandlers({
        store,
        knowledge: null,
        report: () => undefined,
        fetch: { guard: { allowPrivate: true }, timeoutMs: 10_000, maxBytes: 1_000_000 },
        gate: new StoreHostGate(store, { minIntervalMs: 1000, leaseMs: 15_000 }),
        now,
        // the priming round's items are not fetched: the timed rounds are all 304s and hand nothing on
        queue: { sendFetch: async () => null, sendExtract: async () => null, sendResolve: async () => null },
      });
      await runScheduler(store, queue, {
        tickMs: 1000,
        stop: stop.signal,
        once: true,
        report: () => undefined,
        now,
      });
      const worker = runWorker(
        queue,
        handlers,
        {
          concurrency: 4,
          idleMs: 20,
          stop: stop.signal,
          release: new AbortController().signal,
          report: () => undefined,
        },
        counts,
      );
      const deadline = Date.now() + 600_000;
      while ((counts.byKind['poll-feed'] ?? 0) + counts.failed < target && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 20));
      stop.abort();
      await worker;
      if (counts.failed > 0) throw new Error(`${counts.failed} poll jobs failed`);
    };
    await round(at(1));
    let cpu = 0;
    let wall = 0;
    let dbCpu: number | null = 0;
    for (let r = 0; r < rounds; r++) {
      const before = processCpu(await sessions());
      const startCpu = process.cpuUsage();
      const started = performance.now();
      await round(at(r + 2));
      const used = process.cpuUsage(startCpu);
      wall += (performance.now() - started) / 1000;
      cpu += (used.user + used.system) / 1e6;
      const after = processCpu(await sessions());
      if (after.size === 0) dbCpu = null;
      else if (dbCpu !== null) for (const [pid, seconds] of after) dbCpu += seconds - (before.get(pid) ?? 0);
    }
    const unchanged = (await store.listFeeds()).filter((f) => f.status === 'not-modified').length;
    if (unchanged !== feeds) throw new Error(`expected ${feeds} unchanged feeds, got ${unchanged}`);
    const perRound = cpu / rounds;
    return {
      feeds,
      rounds,
      cpuSecondsPerRound: perRound,
      wallSecondsPerRound: wall / rounds,
      shareOfCorePerMinute: perRound / 60,
      databaseCpuSecondsPerRound: dbCpu === null ? null : dbCpu / rounds,
    };
  } finally {
    await watcher.end();
    await queue.close();
    await store.close();
    await database.drop();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}
