/**
 * Politeness toward the sites polled: one request at a time per host, and at least `minIntervalMs` between the
 * start of one and the next. Hosts do not wait for each other.
 */
export class HostGate {
  private readonly tails = new Map<string, Promise<void>>();
  private readonly lastStart = new Map<string, number>();

  constructor(
    private readonly minIntervalMs: number,
    private readonly clock: () => number = () => Date.now(),
  ) {}

  /** Runs `task` when the host of `url` is free and its interval has passed. */
  run<T>(url: string, task: () => Promise<T>): Promise<T> {
    const host = hostOf(url);
    const before = this.tails.get(host) ?? Promise.resolve();
    const result = before.then(async () => {
      const wait = (this.lastStart.get(host) ?? -Infinity) + this.minIntervalMs - this.clock();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      this.lastStart.set(host, this.clock());
      return task();
    });
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(host, tail);
    // a host's queue is forgotten once it drains, so a long watch holds no entry per host it ever saw
    void tail.then(() => {
      if (this.tails.get(host) === tail) this.tails.delete(host);
    });
    return result;
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return url;
  }
}
