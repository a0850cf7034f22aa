import { openContext } from '../context.js';
import { describeError } from '../errors/errors.js';
import { ProcessHostGate } from '../feeds/host-gate.js';
import { pollDueFeeds, type RoundSummary } from '../pipeline/watch-feeds.js';
import { STORE_OPTIONS, parseCommand, type CliIo } from './cli-io.js';
import { configFromFlags } from './config-from-flags.js';
import { parseDuration } from './duration.js';
import { deliverPending, reportAlerts } from './report-alerts.js';
import { queueConfig } from './queue-config.js';
import { JobQueue } from '../queue/job-queue.js';
import { runScheduler } from '../queue/run-scheduler.js';
import { sleep } from '../queue/run-worker.js';
import { openStore } from '../store/open-store.js';

export const WATCH_HELP = `faultline watch [--once] [--tick 2s] [--db FILE | --database-url URL] [--allow-private] [--scheduler-only]
  Polls the feeds added with \`feeds add\` as each falls due (checked every --tick, default 2 s), fetches each new
  item's page as \`ingest\` does (its feed summary when the page cannot be fetched), extracts and resolves it.
  One request at a time per host, at least 1 s apart; conditional GETs; Retry-After honoured. A bad feed or
  item gives one line on stderr and the watch goes on. Each round evaluates the alert rules and posts the webhook
  deliveries that are due (for at most 5 s). --once polls what is due once and exits. Ctrl-C stops.
  --scheduler-only (PostgreSQL): polls nothing itself, but queues a poll job for each feed as it falls due, for
  \`faultline worker\` processes to run.`;

/** Between two requests to one host: polite to small publishers, and feeds rarely change faster. */
const HOST_INTERVAL_MS = 1000;

function line(r: RoundSummary): string {
  return `polled ${r.feeds} feeds (${r.notModified} unchanged, ${r.failed} failed); items ${r.itemsSeen}, stored ${r.itemsStored}; events ${r.events}`;
}

/** `faultline watch`: polls until SIGINT/SIGTERM (or once), exit 0; a failing round is reported and retried. */
export async function watchCommand(
  argv: readonly string[],
  io: CliIo,
  stopped?: AbortSignal,
): Promise<number> {
  const { values } = parseCommand(argv, {
    ...STORE_OPTIONS,
    once: { type: 'boolean' },
    tick: { type: 'string' },
    'allow-private': { type: 'boolean' },
    'scheduler-only': { type: 'boolean' },
    'max-bytes': { type: 'string' },
    timeout: { type: 'string' },
  });
  const tickMs = parseDuration('--tick', values.tick, 2, 0.1) * 1000;
  if (values['scheduler-only']) return schedulerOnly(values, io, tickMs, values.once === true, stopped);
  const config = configFromFlags(values, io);
  const { store, knowledge } = await openContext(config);
  const interrupt = stopped || values.once ? null : onInterrupt();
  const stop = stopped ?? interrupt?.signal ?? new AbortController().signal;
  const deps = {
    store,
    knowledge,
    report: (l: string) => io.err(l),
    fetch: {
      guard: { allowPrivate: config.allowPrivate },
      timeoutMs: config.timeoutMs,
      maxBytes: config.maxBytes,
    },
    gate: new ProcessHostGate(HOST_INTERVAL_MS),
    now: () => new Date(),
  };
  try {
    do {
      try {
        const round = await pollDueFeeds(deps);
        if (round.feeds > 0 || values.once) io.err(line(round));
        if (round.events > 0) await reportAlerts(store, io.err);
        await deliverPending(store, io.err);
      } catch (error) {
        io.err(`watch round failed, retried at the next tick: ${describeError(error)}`);
      }
      if (values.once) break;
      await sleep(tickMs, stop);
    } while (!stop.aborted);
    return 0;
  } finally {
    interrupt?.dispose();
    await store.close();
  }
}

/** `watch --scheduler-only`: queue feed polls as they fall due, until SIGINT/SIGTERM (or once). */
async function schedulerOnly(
  values: Parameters<typeof queueConfig>[0],
  io: CliIo,
  tickMs: number,
  once: boolean,
  stopped: AbortSignal | undefined,
): Promise<number> {
  const config = queueConfig(values, io, 'watch --scheduler-only');
  const store = await openStore(config);
  try {
    const queue = await JobQueue.open({ databaseUrl: config.databaseUrl, connections: 2 });
    const interrupt = stopped || once ? null : onInterrupt();
    try {
      const stop = stopped ?? interrupt?.signal ?? new AbortController().signal;
      await runScheduler(store, queue, { tickMs, stop, once, report: io.err });
      return 0;
    } finally {
      interrupt?.dispose();
      await queue.close();
    }
  } finally {
    await store.close();
  }
}

/** Ctrl-C or SIGTERM ends the watch after the round in flight, so nothing is left half-stored. */
function onInterrupt(): { readonly signal: AbortSignal; readonly dispose: () => void } {
  const controller = new AbortController();
  const abort = (): void => controller.abort();
  process.once('SIGINT', abort);
  process.once('SIGTERM', abort);
  return {
    signal: controller.signal,
    dispose: () => {
      process.off('SIGINT', abort);
      process.off('SIGTERM', abort);
    },
  };
}
