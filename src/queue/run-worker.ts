import { describeError } from '../errors/errors.js';
import type { JobHandler } from './job-handlers.js';
import type { JobKind } from './job-kinds.js';
import type { JobQueue, TakenJob } from './job-queue.js';

export interface WorkerOptions {
  /** Jobs run at once by this process. */
  readonly concurrency: number;
  /** How long an idle slot waits before it looks for work again (ms). */
  readonly idleMs: number;
  /** Aborted: take no new job, finish the ones running. */
  readonly stop: AbortSignal;
  /** Aborted: give the running jobs back now (each is retried, by this worker or another). */
  readonly release: AbortSignal;
  readonly report: (line: string) => void;
}

export interface WorkerCounts {
  done: number;
  failed: number;
  released: number;
  readonly byKind: Partial<Record<JobKind, number>>;
}

/**
 * Runs jobs until `stop`: `concurrency` slots, each taking the next due job (JobQueue.take), running its handler
 * and marking it done, or failed with its error (retried after a backoff until its tries are spent). A slot that
 * finds nothing waits `idleMs`. On `release`, a slot stops waiting for its job and gives it back as failed with a
 * note, so that the queue retries it; the handler's work may still finish, and a rerun of it changes nothing.
 */
export async function runWorker(
  queue: Pick<JobQueue, 'take' | 'complete' | 'fail'>,
  handlers: Readonly<Record<JobKind, JobHandler>>,
  options: WorkerOptions,
  counts: WorkerCounts = { done: 0, failed: 0, released: 0, byKind: {} },
): Promise<WorkerCounts> {
  const byKind = counts.byKind as Record<JobKind, number>;
  async function runOne(job: TakenJob): Promise<void> {
    const work = handlers[job.kind](job.data).then(
      (output) => ({ ok: true as const, output }),
      (error: unknown) => ({ ok: false as const, message: describeError(error) }),
    );
    let onRelease = (): void => undefined;
    const released = new Promise<null>((resolve) => {
      onRelease = () => resolve(null);
    });
    if (options.release.aborted) onRelease();
    else options.release.addEventListener('abort', onRelease, { once: true });
    const result = await Promise.race([work, released]).finally(() =>
      options.release.removeEventListener('abort', onRelease),
    );
    if (result === null) {
      counts.released++;
      await queue.fail(job, 'the worker stopped before this job finished; it is retried');
      return;
    }
    if (result.ok) {
      await queue.complete(job, result.output);
      counts.done++;
      byKind[job.kind] = (byKind[job.kind] ?? 0) + 1;
      return;
    }
    counts.failed++;
    options.report(`${job.kind} job ${job.id}: ${result.message}`);
    await queue.fail(job, result.message);
  }
  async function slot(): Promise<void> {
    while (!options.stop.aborted) {
      let job: TakenJob | null = null;
      try {
        job = await queue.take();
        if (job) await runOne(job);
        else await sleep(options.idleMs, options.stop);
      } catch (error) {
        // the database went away or refused: said once per occurrence, and tried again after a pause
        options.report(`worker: ${describeError(error)}; trying again`);
        await sleep(Math.max(options.idleMs, 1000), options.stop);
      }
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, () => slot()));
  return counts;
}

/** Waits `ms`, or less when `stop` is aborted: a long wait never holds up Ctrl-C. */
export function sleep(ms: number, stop: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (stop.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      stop.removeEventListener('abort', done);
      resolve();
    }
    stop.addEventListener('abort', done);
  });
}
