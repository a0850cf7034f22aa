import type { Store } from '../store/store.js';

/**
 * The store's change number, polled. `watch` usually runs in another process (or on another machine against
 * PostgreSQL), so the server cannot be told of a write: it reads one counter row every `pollMs` instead, and
 * only when the number moves do the live streams query for what changed. A failed poll (the database briefly
 * away) is tried again at the next tick.
 */
export interface ChangeFeed {
  /** The latest change number seen (0 before the first poll). */
  latest(): number;
  /** Calls `listener` with each new change number; returns the unsubscribe. */
  subscribe(listener: (change: number) => void): () => void;
  /** Polls now and then every `pollMs` until `stop`. */
  start(): Promise<void>;
  stop(): void;
}

export interface ChangeFeedOptions {
  readonly pollMs: number;
  /** Called once per new change number before the listeners: the server clears its read cache there. */
  readonly onChange?: (change: number) => void;
}

export function changeFeed(store: Store, options: ChangeFeedOptions): ChangeFeed {
  let latest = 0;
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  let polling: Promise<void> | null = null;
  const listeners = new Set<(change: number) => void>();

  async function pollOnce(): Promise<void> {
    let change: number;
    try {
      change = await store.latestEventChange();
    } catch {
      return;
    }
    if (change === latest) return;
    latest = change;
    options.onChange?.(change);
    for (const listener of [...listeners]) listener(change);
  }

  function poll(): Promise<void> {
    // a slow database must not pile up polls: one at a time, the next tick waits for it
    polling ??= pollOnce().finally(() => (polling = null));
    return polling;
  }

  return {
    latest: () => latest,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async start() {
      if (timer !== null || stopped) return;
      // the first read only sets where the feed starts: what was stored before is not news
      try {
        latest = await store.latestEventChange();
      } catch {
        latest = 0;
      }
      if (stopped) return;
      timer = setInterval(() => void poll(), options.pollMs);
      // a server that is closing must not be held open by its poll
      timer.unref();
    },
    stop() {
      stopped = true;
      if (timer !== null) clearInterval(timer);
      timer = null;
      listeners.clear();
    },
  };
}
