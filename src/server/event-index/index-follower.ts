import type { IndexedEventCursor, IndexedEventRow, Store } from '../../store/store.js';
import type { EventIndex } from './event-index.js';

/** Rows read from the store at once while loading or catching up; a larger change is applied page by page. */
export const READ_PAGE = 5_000;

/**
 * Keeps an event index in step with the store. It loads every event once (in the background: the list reads
 * the store meanwhile), then, before each answer, reads the store's change number and applies what changed
 * since, so that an answer is as fresh as a read of the store would be: a write that finished before a request
 * came in, by this process or any other, is in its answer. The check is one row, shared by the requests that
 * arrive while it runs.
 */
export interface IndexFollower {
  /** Reads every event into the index; resolves when done (rejects if the store fails, leaving it unused). */
  load(): Promise<void>;
  /** The index, up to date with the store, or null while it loads, after a failed load, or if the store failed. */
  current(): Promise<EventIndex | null>;
  stop(): void;
}

export function indexFollower(store: Store, index: EventIndex): IndexFollower {
  let seen = -1;
  let loaded = false;
  let stopped = false;
  let running: Promise<boolean> | null = null;
  let queued: Promise<boolean> | null = null;

  /** Every event written by changes in (after, upTo], page by page, each page handed to `take`. */
  async function readWindow(
    after: number,
    upTo: number,
    take: (rows: readonly IndexedEventRow[]) => void,
    from: IndexedEventCursor | null = null,
  ): Promise<void> {
    for (;;) {
      if (stopped) return;
      const rows = await store.listIndexedEvents(after, upTo, from, READ_PAGE);
      take(rows);
      const last = rows[rows.length - 1];
      if (last === undefined || rows.length < READ_PAGE) return;
      from = { change: last.change, id: last.id };
    }
  }

  async function reload(): Promise<void> {
    loaded = false;
    const latest = await store.latestEventChange();
    index.clear();
    await readWindow(-1, latest, (rows) => index.apply(rows, []));
    index.warm();
    seen = latest;
    loaded = !stopped;
  }

  /** True when the index holds every change the store had when the call began. */
  async function catchUp(): Promise<boolean> {
    try {
      const latest = await store.latestEventChange();
      if (latest === seen) return true;
      const removals = await store.listEventRemovals(seen, latest);
      if (removals === null) {
        await reload();
        return loaded;
      }
      const first = await store.listIndexedEvents(seen, latest, null, READ_PAGE);
      if (first.length < READ_PAGE) {
        // the usual change: applied at once, so that no answer sees half of it
        index.apply(first, removals);
        seen = latest;
        return true;
      }
      // a bulk write: applied page by page, never held whole, while the list reads the store
      loaded = false;
      index.apply(first, removals);
      const last = first[first.length - 1]!;
      await readWindow(seen, latest, (page) => index.apply(page, []), { change: last.change, id: last.id });
      seen = latest;
      loaded = !stopped;
      return loaded;
    } catch {
      // the database away for a moment: this answer reads the store (and fails there, with its own error)
      return false;
    }
  }

  /** A catch-up that began after the caller arrived: one running already may predate a write the caller saw. */
  function sync(): Promise<boolean> {
    if (running === null) {
      running = catchUp().finally(() => (running = null));
      return running;
    }
    queued ??= running.then(() => {
      queued = null;
      return sync();
    });
    return queued;
  }

  return {
    async load() {
      try {
        await reload();
      } catch (error) {
        // a server closed while it loaded closed its store too: nothing to report
        if (!stopped) throw error;
      }
    },
    async current() {
      if (!loaded || stopped) return null;
      return (await sync()) ? index : null;
    },
    stop() {
      stopped = true;
      loaded = false;
    },
  };
}
