import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus as machineCpus, loadavg, constants as osConstants } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { packageRoot } from '../src/cli/package-root.js';
import { DEFAULT_MAX_BYTES } from '../src/config/load-config.js';
import type { Document } from '../src/domain/index.js';
import { buildDocument } from '../src/ingest/build-document.js';
import { JobQueue } from '../src/queue/job-queue.js';
import { compareSnapshots, snapshotStore, type StoreSnapshot } from './compare-stores.js';
import {
  createCpuGroup,
  databaseServerPids,
  findCpuController,
  moveIntoCpuGroup,
  releaseCpuGroup,
  workerCores,
  type CpuController,
  type CpuGroup,
} from './cpu-quota.js';
import { createCrashStore } from './crash-stores.js';
import { DatabaseCpu } from './database-cpu.js';
import { procStatFields } from './proc-stat.js';
import { syntheticArticles } from './synthetic-corpus.js';

export interface QueueRun {
  readonly workers: number;
  readonly docs: number;
  /** From the first job a worker took to the last one done (the workers' start-up is not counted). */
  readonly seconds: number;
  /** From the first job taken to the last extraction done: the part the workers share out. */
  readonly extractSeconds: number;
  readonly events: number;
  readonly failedJobs: number;
  /** Documents, mentions or events held twice (ids listed twice, a mention in two events): must be 0. */
  readonly duplicates: number;
  /** Mentions left in no event once the queue drained (a seed cleared but never planned): must be 0. */
  readonly unplanned: number;
  readonly loadAverage: number;
  /**
   * CPU seconds the whole machine spent busy from the workers' start to the queue drained: workers, database
   * server and this bench. On two cores, two workers cannot finish faster than half of this.
   */
  readonly cpuSeconds: number;
  /** Of `cpuSeconds`: the worker processes', and this bench's own; the rest is PostgreSQL's (and the machine's). */
  readonly workerCpuSeconds: number;
  readonly benchCpuSeconds: number;
  /**
   * Resolution jobs done, and the seconds they ran, summed (lanes may run side by side, so this can pass the run's
   * span).
   */
  readonly resolveJobs: number;
  readonly resolveSeconds: number;
  /**
   * The PostgreSQL server's CPU seconds per second: from the first job taken to the last extraction done, and from
   * then to the queue drained (resolution alone); null when the server is not on this machine.
   */
  readonly databaseCores: { readonly extracting: number; readonly resolving: number } | null;
}

/** One worker's run and two workers' run, one after the other. */
export interface QueuePair {
  readonly one: QueueRun;
  readonly two: QueueRun;
}

export interface QueueBench {
  /** In the order they ran: one machine drifts by more than a change's effect between runs minutes apart. */
  readonly pairs: readonly QueuePair[];
  /** Differences between what any run stored and what the first stored: must be none. */
  readonly differences: readonly string[];
}

/** Stores the generated articles as documents, not extracted, and queues one extraction job for each. */
async function queueDocuments(store: StoreHandle, queue: JobQueue, count: number): Promise<void> {
  let batch: Document[] = [];
  const ids: string[] = [];
  const flush = async (): Promise<void> => {
    await store.saveDocuments(batch);
    batch = [];
  };
  for (const a of syntheticArticles(count, 23)) {
    const raw = { origin: `${a.name}.${a.format}`, format: a.format, content: a.content, meta: {} };
    const doc = buildDocument(raw, { published: a.published, maxBytes: DEFAULT_MAX_BYTES });
    if (doc instanceof Error) throw doc;
    batch.push(doc);
    ids.push(doc.id);
    if (batch.length === 200) await flush();
  }
  await flush();
  for (const id of ids) await queue.sendExtract(id);
}

type StoreHandle = Awaited<ReturnType<Awaited<ReturnType<typeof createCrashStore>>['open']>>;

/** The worker processes running now, which a bench stopped by a signal stops too. */
const liveWorkers = new Set<ChildProcess>();

/** The databases of the runs going on now, which a bench stopped by a signal drops too. */
const liveDatabases = new Set<() => Promise<void>>();

/** Starts `n` worker processes, the i-th in `groups[i]` when the run gives each worker cores of its own. */
function startWorkers(n: number, flags: readonly string[], groups: readonly CpuGroup[]): ChildProcess[] {
  const cli = join(packageRoot(), 'dist', 'src', 'cli', 'main.js');
  return Array.from({ length: n }, (_, i) => {
    const worker = spawn(process.execPath, [cli, 'worker', ...flags, '--concurrency', '1'], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    liveWorkers.add(worker);
    worker.once('exit', () => liveWorkers.delete(worker));
    // moved before it has loaded its modules: the run's time starts at the first job a worker takes
    const group = groups[i];
    if (group && worker.pid !== undefined) moveIntoCpuGroup(group, worker.pid);
    return worker;
  });
}

async function stopWorkers(workers: readonly ChildProcess[]): Promise<void> {
  await Promise.all(
    workers.map(
      (w) =>
        new Promise<void>((resolve) => {
          if (w.exitCode !== null) return resolve();
          w.once('exit', () => resolve());
          w.kill('SIGTERM');
        }),
    ),
  );
}

/** CPU seconds a process has spent, from /proc/PID/stat (0 where there is none). */
function processCpu(pid: number | undefined): number {
  const fields = pid === undefined ? null : procStatFields(pid);
  return fields ? (Number(fields[11]) + Number(fields[12])) / 100 : 0;
}

/** CPU seconds the machine has spent busy since boot, from /proc/stat (0 where there is none). */
function machineCpu(): number {
  try {
    const fields = readFileSync('/proc/stat', 'utf8')
      .split('\n')[0]!
      .trim()
      .split(/\s+/)
      .slice(1)
      .map(Number);
    // user nice system idle iowait irq softirq steal: all but idle and iowait are busy
    const busy = fields.slice(0, 8).reduce((a, v, i) => (i === 3 || i === 4 ? a : a + v), 0);
    return busy / 100;
  } catch {
    return 0;
  }
}

const DRAIN_LIMIT_MS = 30 * 60_000;

/** The server's CPU meter, or null when its data directory cannot be read here (a server on another machine). */
async function databaseMeter(db: pg.Client): Promise<DatabaseCpu | null> {
  try {
    const { rows } = await db.query<{ data_directory: string }>('show data_directory');
    const meter = new DatabaseCpu(rows[0]!.data_directory);
    meter.read();
    return meter;
  } catch {
    return null;
  }
}

/** What the bench asks of the queue at each poll (see QUEUE_STATE). */
interface QueueState {
  readonly open: boolean;
  readonly started: boolean;
  readonly extracting: boolean;
}

const QUEUE_STATE = `select
    exists (select 1 from pgboss.job where state in ('created', 'retry', 'active')) as open,
    exists (select 1 from pgboss.job where state <> 'created') as started,
    exists (select 1 from pgboss.job where name = 'extract-document' and state in ('created', 'retry', 'active'))
      as extracting`;

/** A reading of the server's CPU and the clock, at the start of a phase of a run. */
interface Mark {
  readonly at: number;
  readonly cpu: number;
}

function coresBetween(from: Mark | null, to: Mark | null): number {
  return from && to && to.at > from.at ? (to.cpu - from.cpu) / ((to.at - from.at) / 1000) : 0;
}

/** One run: `count` documents queued in a fresh database, worked off by `workers` worker processes. */
async function run(
  url: string,
  workers: number,
  count: number,
  groups: readonly CpuGroup[],
): Promise<{ run: QueueRun; snapshot: StoreSnapshot }> {
  const target = await createCrashStore({ kind: 'postgres', url }, `bench_queue_${workers}`);
  liveDatabases.add(target.drop);
  const dbUrl = target.flags[1]!;
  const db = new pg.Client({ connectionString: dbUrl });
  // a bench stopped by a signal drops this database under the connection: that ends it, and is no error
  db.on('error', () => undefined);
  try {
    const store = await target.open();
    const queue = await JobQueue.open({ databaseUrl: dbUrl, connections: 2 });
    try {
      await queueDocuments(store, queue, count);
    } finally {
      await queue.close();
    }
    await db.connect();
    const n = async (sql: string): Promise<number> => Number((await db.query(sql)).rows[0].n);
    const meter = await databaseMeter(db);
    // the server's phases: from the first job taken, from the last extraction done, to the queue drained
    let startedAt: Mark | null = null;
    let extractedAt: Mark | null = null;
    let drainedAt: Mark | null = null;
    const cpuBefore = machineCpu();
    const benchBefore = process.cpuUsage();
    const procs = startWorkers(workers, target.flags, groups);
    let loadAverage = 0;
    let workerCpuSeconds = 0;
    try {
      const end = Date.now() + DRAIN_LIMIT_MS;
      for (;;) {
        if (Date.now() > end)
          throw new Error(`the queue did not drain in ${DRAIN_LIMIT_MS / 60_000} minutes`);
        // cheap questions, asked five times a second beside the workers, in one query: whether any job is open,
        // whether any has started and whether an extraction is left (the phases), and only when none is open,
        // whether any mention waits (a count of them read thousands of index entries at each ask)
        const { rows } = await db.query<QueueState>(QUEUE_STATE);
        const state = rows[0]!;
        // every poll, not only at the marks: a backend that ends keeps only what it had spent at its last reading
        const reading = meter ? { at: Date.now(), cpu: meter.read() } : null;
        if (state.started) startedAt ??= reading;
        if (startedAt && !state.extracting) extractedAt ??= reading;
        if (
          !state.open &&
          (await n(
            'select count(*) as n from (select 1 from mentions where unresolved = 1 limit 1) as m',
          )) === 0
        ) {
          drainedAt = reading;
          break;
        }
        loadAverage = Math.max(loadAverage, loadavg()[0]!);
        await new Promise((r) => setTimeout(r, 200));
      }
      workerCpuSeconds = procs.reduce((sum, p) => sum + processCpu(p.pid), 0);
    } finally {
      await stopWorkers(procs);
    }
    const cpuSeconds = machineCpu() - cpuBefore;
    const benchUsed = process.cpuUsage(benchBefore);
    const span = await db.query<{ s: number }>(
      "select extract(epoch from max(completed_on) - min(started_on))::float as s from pgboss.job where state = 'completed'",
    );
    const extracted = await db.query<{ s: number }>(
      `select extract(epoch from max(completed_on) - (select min(started_on) from pgboss.job))::float as s
         from pgboss.job where state = 'completed' and name = 'extract-document'`,
    );
    const resolving = await db.query<{ jobs: string; s: number }>(
      `select count(*) as jobs, coalesce(sum(extract(epoch from completed_on - started_on)), 0)::float as s
         from pgboss.job where state = 'completed' and name = 'resolve'`,
    );
    const failedJobs = await n("select count(*) as n from pgboss.job where state = 'failed'");
    const unplanned = await n('select count(*) as n from mentions where event_id is null');
    const snapshot = await snapshotStore(store);
    await store.close();
    const mentionIds = [...snapshot.events.values()].flatMap(
      (e) => (JSON.parse(e) as { mentionIds: string[] }).mentionIds,
    );
    const duplicates =
      mentionIds.length - new Set(mentionIds).size + Math.abs(snapshot.documents.size - count);
    return {
      run: {
        workers,
        docs: snapshot.documents.size,
        seconds: Number(span.rows[0]!.s),
        extractSeconds: Number(extracted.rows[0]!.s),
        events: snapshot.events.size,
        failedJobs,
        duplicates,
        unplanned,
        loadAverage,
        cpuSeconds,
        workerCpuSeconds,
        benchCpuSeconds: (benchUsed.user + benchUsed.system) / 1e6,
        resolveJobs: Number(resolving.rows[0]!.jobs),
        resolveSeconds: Number(resolving.rows[0]!.s),
        databaseCores: meter
          ? {
              extracting: coresBetween(startedAt, extractedAt),
              resolving: coresBetween(extractedAt, drainedAt),
            }
          : null,
      },
      snapshot,
    };
  } finally {
    await db.end().catch(() => undefined);
    await target.drop();
    liveDatabases.delete(target.drop);
  }
}

/**
 * Cores of their own, as if on machines of their own: the PostgreSQL server (on this machine) gets `database`
 * cores and each worker `worker` cores, capped by cgroup CPU quotas that the others cannot take.
 */
export interface SeparateCpus {
  readonly database: number;
  readonly worker: number;
  /**
   * Each worker also held to whole cores of its own (`workerCores`), as a machine of its own would give it: under
   * quotas alone, the scheduler runs the two workers by turns on one core or moves them between cores, and two
   * workers then spent about a fifth more CPU than one on the same work, against 8% when held (medians of 5 and 14
   * pairs; the server is never held: it shares the cores).
   */
  readonly pinned: boolean;
}

/** The groups of a run on separate CPUs, the database server already moved into its own. */
interface CpuGroups {
  readonly controller: CpuController;
  readonly database: CpuGroup;
  readonly workers: readonly CpuGroup[];
}

async function separateCpuGroups(url: string, cpus: SeparateCpus): Promise<CpuGroups> {
  const controller = findCpuController();
  if (typeof controller === 'string') throw new Error(`separate CPUs need a cgroup CPU quota: ${controller}`);
  if (cpus.pinned && controller.cpusetDir === null)
    throw new Error(
      `workers held to cores of their own need the cgroup cpuset controller, which ${controller.dir} lacks (--separate-cpus=quota runs the quotas alone)`,
    );
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  let dataDirectory: string;
  try {
    dataDirectory = (await db.query<{ data_directory: string }>('show data_directory')).rows[0]!
      .data_directory;
  } finally {
    await db.end();
  }
  const made: CpuGroup[] = [];
  try {
    const database = createCpuGroup(controller, 'faultline-bench-database', cpus.database);
    made.push(database);
    for (const pid of databaseServerPids(dataDirectory)) {
      try {
        moveIntoCpuGroup(database, pid);
      } catch (error) {
        // a backend that ended since it was listed (a client closing its connection) has nothing to move
        if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
      }
    }
    const cores = machineCpus().length;
    for (const i of [0, 1]) {
      const pin = cpus.pinned ? workerCores(i, cpus.worker, cores) : null;
      made.push(createCpuGroup(controller, `faultline-bench-worker-${i + 1}`, cpus.worker, pin));
    }
    return { controller, database, workers: made.slice(1) };
  } catch (error) {
    for (const group of made) releaseCpuGroup(controller, group);
    throw error;
  }
}

/**
 * Throughput of the job queue: `count` generated articles stored and queued as extraction jobs, worked off
 * (extracted, then resolved) by one worker process, then by two, each in a database of its own that is dropped
 * after; `pairs` times over. Every run must store the very same documents, mentions and events. With `separate`,
 * the database server and each worker run on cores of their own (the server is given back all cores after).
 */
export async function benchQueue(
  url: string,
  count: number,
  pairs = 1,
  separate: SeparateCpus | null = null,
): Promise<QueueBench> {
  const done: QueuePair[] = [];
  const differences = new Set<string>();
  let first: StoreSnapshot | null = null;
  const groups = separate ? await separateCpuGroups(url, separate) : null;
  // releasing twice is harmless: a group already gone is skipped
  const release = (): void => {
    if (groups)
      for (const group of [groups.database, ...groups.workers]) releaseCpuGroup(groups.controller, group);
  };
  // stopped by a signal, the bench stops its workers, gives the server back its cores and drops its databases:
  // left in its group, PostgreSQL would stay capped for every other client until the next bench run
  const interrupted = (signal: NodeJS.Signals): void => {
    for (const worker of liveWorkers) worker.kill('SIGTERM');
    release();
    void Promise.allSettled([...liveDatabases].map((drop) => drop())).then(() =>
      process.exit(128 + osConstants.signals[signal]),
    );
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    for (let i = 0; i < pairs; i++) {
      const one = await run(url, 1, count, groups?.workers ?? []);
      const two = await run(url, 2, count, groups?.workers ?? []);
      first ??= one.snapshot;
      for (const r of [one, two])
        for (const d of compareSnapshots(first, r.snapshot).differences) differences.add(d);
      done.push({ one: one.run, two: two.run });
    }
  } finally {
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
    release();
  }
  return { pairs: done, differences: [...differences] };
}
