import { randomUUID } from 'node:crypto';
import type { Store } from '../store/store.js';
import { HostDeferredError, MAX_HOST_WAIT_MS, hostOf, type HostGate } from './host-gate.js';

export interface StoreHostGateOptions {
  readonly minIntervalMs: number;
  /**
   * How long a request may hold its host: past it another process may take the host (the holder was killed).
   * Longer than a request can last (its timeout).
   */
  readonly leaseMs: number;
  readonly maxWaitMs?: number;
  /** Between two looks at a host whose request is in flight elsewhere. */
  readonly pollMs?: number;
}

const DEFAULT_POLL_MS = 100;

/**
 * The host gate of workers sharing one store (PostgreSQL, any number of processes and machines): each request
 * takes its host's slot in the store (`claimHostSlot`, atomic, by the database's clock) and frees it when done,
 * with the host's Retry-After, so that every worker honours it. A worker killed mid-request holds its host until
 * the lease ends.
 */
export class StoreHostGate implements HostGate {
  private readonly maxWaitMs: number;
  private readonly pollMs: number;

  constructor(
    private readonly store: Pick<Store, 'claimHostSlot' | 'releaseHostSlot'>,
    private readonly options: StoreHostGateOptions,
  ) {
    this.maxWaitMs = options.maxWaitMs ?? MAX_HOST_WAIT_MS;
    this.pollMs = options.pollMs ?? DEFAULT_POLL_MS;
  }

  async run<T>(url: string, task: () => Promise<T>, retryAfterOf?: (result: T) => number | null): Promise<T> {
    const host = hostOf(url);
    const holder = randomUUID();
    const started = Date.now();
    for (;;) {
      const wait = await this.store.claimHostSlot(
        host,
        holder,
        this.options.minIntervalMs,
        this.options.leaseMs,
      );
      if (wait === null) break;
      // a slot in use is freed when its request ends, usually well before its lease: look again soon
      const ms = Math.max(wait.dueMs, wait.busyMs > 0 ? Math.min(wait.busyMs, this.pollMs) : 0, 1);
      if (wait.dueMs > this.maxWaitMs || Date.now() - started + ms > this.maxWaitMs + this.options.leaseMs)
        throw new HostDeferredError(host, Math.max(1, Math.ceil(wait.dueMs / 1000)));
      await new Promise((resolve) => setTimeout(resolve, ms));
    }
    let deferMs = 0;
    try {
      const value = await task();
      deferMs = Math.max(0, (retryAfterOf?.(value) ?? 0) * 1000);
      return value;
    } finally {
      await this.store.releaseHostSlot(host, holder, deferMs);
    }
  }
}
