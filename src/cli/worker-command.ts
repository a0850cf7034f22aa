import { openContext } from '../context.js';
import { StoreHostGate } from '../feeds/store-host-gate.js';
import { jobHandlers } from '../queue/job-handlers.js';
import { JobQueue } from '../queue/job-queue.js';
import { runWorker, type WorkerCounts } from '../queue/run-worker.js';
import { STORE_OPTIONS, parseCommand, type CliIo } from './cli-io.js';
import { parseDuration } from './duration.js';
import { onStopSignals, positiveFlag, queueConfig } from './queue-config.js';

export const WORKER_HELP = `faultline worker [--concurrency N] [--database-url URL] [--allow-private] [--job-timeout 5m] [--grace 30s]
  Runs jobs from the PostgreSQL job queue (pg-boss): feed polls, page fetches, extractions and resolutions, up to N
  at once (default 1). Start as many workers, on as many machines, as the work needs. A failed job is retried
  with a doubling delay, then left failed with its error (\`faultline jobs --failed\`). Ctrl-C or SIGTERM takes no
  new job and finishes the running ones; a second one (or --grace later) gives them back to the queue.
  --job-timeout sets how long a job may run before it is taken for dead and retried (for jobs sent from then on).`;

/** Between two looks at an empty queue. */
const IDLE_MS = 250;
const PROGRESS_MS = 5000;
/** Between two requests to one host, across all workers (as `watch` within its process). */
const HOST_INTERVAL_MS = 1000;
/** A host's slot outlives its request's timeout by this much before another worker may take it. */
const LEASE_MARGIN_MS = 5000;

function summary(counts: WorkerCounts): string {
  const kinds = Object.entries(counts.byKind)
    .map(([kind, n]) => `${kind} ${n}`)
    .join(', ');
  return `worker: ${counts.done} jobs done${kinds ? ` (${kinds})` : ''}, ${counts.failed} failed, ${counts.released} given back`;
}

/** `faultline worker`: runs queued jobs until SIGINT/SIGTERM; exit 0. */
export async function workerCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseCommand(argv, {
    ...STORE_OPTIONS,
    concurrency: { type: 'string' },
    'allow-private': { type: 'boolean' },
    'max-bytes': { type: 'string' },
    timeout: { type: 'string' },
    'job-timeout': { type: 'string' },
    grace: { type: 'string' },
  });
  const concurrency = positiveFlag('--concurrency', values.concurrency, 1);
  const jobTimeout = values['job-timeout']
    ? parseDuration('--job-timeout', values['job-timeout'], 0, 1)
    : null;
  const graceMs = parseDuration('--grace', values.grace, 30, 0) * 1000;
  const config = queueConfig(values, io, 'worker');
  const { store, knowledge } = await openContext(config);
  let queue: JobQueue;
  try {
    queue = await JobQueue.open({
      databaseUrl: config.databaseUrl,
      jobTimeoutSeconds: jobTimeout,
      connections: concurrency + 2,
    });
  } catch (error) {
    await store.close();
    throw error;
  }
  const signals = onStopSignals(graceMs, io.err);
  const counts: WorkerCounts = { done: 0, failed: 0, released: 0, byKind: {} };
  let shown = '';
  const progress = setInterval(() => {
    const line = summary(counts);
    if (line !== shown) io.err(line);
    shown = line;
  }, PROGRESS_MS);
  io.err(`worker: started, ${concurrency} at once`);
  try {
    const handlers = jobHandlers({
      store,
      knowledge,
      report: (l) => io.err(l),
      fetch: {
        guard: { allowPrivate: config.allowPrivate },
        timeoutMs: config.timeoutMs,
        maxBytes: config.maxBytes,
      },
      // shared with every worker on the database: one request per host at a time, 1 s apart, Retry-After kept
      gate: new StoreHostGate(store, {
        minIntervalMs: HOST_INTERVAL_MS,
        leaseMs: config.timeoutMs + LEASE_MARGIN_MS,
      }),
      now: () => new Date(),
      queue,
    });
    await runWorker(
      queue,
      handlers,
      { concurrency, idleMs: IDLE_MS, stop: signals.stop, release: signals.release, report: io.err },
      counts,
    );
    io.err(summary(counts));
    return 0;
  } finally {
    clearInterval(progress);
    signals.dispose();
    await queue.close();
    await store.close();
  }
}
