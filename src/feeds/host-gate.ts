import { FaultlineError } from '../errors/errors.js';

/**
 * Politeness toward the sites fetched: one request at a time per host, at least a minimum interval between the
 * start of one and the next, and none before a time the host asked for with Retry-After. Hosts do not wait for
 * each other.
 */
export interface HostGate {
  /**
   * Runs `task` when the host of `url` is free and due. `retryAfterOf` reads a Retry-After (seconds) off the
   * task's result: the host's next request waits that long. A host not due within the gate's longest wait
   * throws HostDeferredError without running the task: the caller puts its work off rather than hold a worker.
   */
  run<T>(url: string, task: () => Promise<T>, retryAfterOf?: (result: T) => number | null): Promise<T>;
}

/** A host that asked (Retry-After) to be left alone longer than a gate waits. */
export class HostDeferredError extends FaultlineError {
  constructor(
    host: string,
    /** Seconds until the host's next request is due. */
    readonly waitSeconds: number,
  ) {
    super('FL_ERR_HOST_DEFERRED', host, `next request in ${waitSeconds} s`);
  }
}

/** Longest a request waits for its host by default: well within a job's timeout. */
export const MAX_HOST_WAIT_MS = 30_000;

/**
 * The gate of one process (the embedded `watch` on SQLite): a queue per host. Workers sharing a PostgreSQL store
 * use StoreHostGate, which holds across processes and machines.
 */
export class ProcessHostGate implements HostGate {
  private readonly tails = new Map<string, Promise<void>>();
  private readonly nextStart = new Map<string, number>();

  constructor(
    private readonly minIntervalMs: number,
    private readonly clock: () => number = () => Date.now(),
    private readonly maxWaitMs: number = MAX_HOST_WAIT_MS,
  ) {}

  run<T>(url: string, task: () => Promise<T>, retryAfterOf?: (result: T) => number | null): Promise<T> {
    const host = hostOf(url);
    if (this.nextStart.size > SWEEP_ABOVE) this.sweep();
    const before = this.tails.get(host) ?? Promise.resolve();
    const result = before.then(async () => {
      const wait = (this.nextStart.get(host) ?? -Infinity) - this.clock();
      if (wait > this.maxWaitMs) throw new HostDeferredError(host, Math.ceil(wait / 1000));
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      this.nextStart.set(host, this.clock() + this.minIntervalMs);
      const value = await task();
      const retryAfter = retryAfterOf?.(value) ?? null;
      if (retryAfter !== null && retryAfter > 0) {
        const at = this.clock() + retryAfter * 1000;
        this.nextStart.set(host, Math.max(this.nextStart.get(host) ?? at, at));
      }
      return value;
    });
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(host, tail);
    // a host's queue is forgotten once it drains, and its next start once passed (sweep), so a long watch holds
    // no entry per host it ever saw
    void tail.then(() => {
      if (this.tails.get(host) === tail) this.tails.delete(host);
    });
    return result;
  }

  private sweep(): void {
    const now = this.clock();
    for (const [host, at] of this.nextStart)
      if (at <= now && !this.tails.has(host)) this.nextStart.delete(host);
  }
}

/** Hosts remembered before the ones whose next start has passed are forgotten. */
const SWEEP_ABOVE = 1024;

export function hostOf(url: string): string {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return url;
  }
}
