import { describeError } from '../errors/errors.js';
import { dueWork } from '../pipeline/job-stages.js';
import type { Store } from '../store/store.js';
import type { JobQueue } from './job-queue.js';
import { sleep } from './run-worker.js';

/** Feeds handed to the queue per tick at most: a larger backlog is handed on over the next ticks. */
const FEEDS_PER_TICK = 1000;

export interface SchedulerOptions {
  readonly tickMs: number;
  readonly stop: AbortSignal;
  /** One tick and return. */
  readonly once?: boolean;
  readonly report: (line: string) => void;
  readonly now?: () => Date;
}

/**
 * `watch --scheduler-only`: every tick, a poll job for each feed due (one queued per feed at most, so a feed
 * still waiting for a worker is not asked for twice), and a resolution when mentions wait for one. It fetches and
 * extracts nothing: workers do.
 */
export async function runScheduler(
  store: Store,
  queue: Pick<JobQueue, 'sendPoll' | 'sendResolve'>,
  options: SchedulerOptions,
): Promise<{ readonly ticks: number; readonly pollsSent: number }> {
  const now = options.now ?? (() => new Date());
  let ticks = 0;
  let pollsSent = 0;
  do {
    try {
      const due = await dueWork(store, now(), FEEDS_PER_TICK);
      let sent = 0;
      for (const url of due.feeds) if ((await queue.sendPoll(url)) !== null) sent++;
      if (due.pendingMentions > 0) await queue.sendResolve();
      if (sent > 0 || options.once)
        options.report(`scheduler: ${sent} feed polls queued (${due.feeds.length} due)`);
      pollsSent += sent;
    } catch (error) {
      options.report(`scheduler tick failed, tried again at the next: ${describeError(error)}`);
    }
    ticks++;
    if (options.once) break;
    await sleep(options.tickMs, options.stop);
  } while (!options.stop.aborted);
  return { ticks, pollsSent };
}
