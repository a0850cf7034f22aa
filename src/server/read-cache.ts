/**
 * Answers of read endpoints, kept for a few seconds. A page of the event list costs about a millisecond to build
 * and its total tens of milliseconds to count on 100,000 events, while people browsing ask for the same few
 * pages again and again (the first page of a filter, back and forth between pages). Writes through this server
 * clear it at once; writes by another process (an `ingest` beside `serve`) clear it when the server's change
 * feed sees them (change-feed.ts, about a second), and in any case show within `ttlMs`.
 */
export interface ReadCache {
  /** What `compute` gives for `key`; concurrent callers of one key share one computation. */
  get<T>(key: string, compute: () => Promise<T>, weigh: (value: T) => number): Promise<T>;
  clear(): void;
}

export interface ReadCacheOptions {
  readonly ttlMs?: number;
  /** Total weight (bytes of the answers held) before the least recently used answers go; 0 keeps none. */
  readonly maxWeight?: number;
  readonly now?: () => number;
}

interface Entry {
  readonly at: number;
  readonly value: Promise<unknown>;
  weight: number;
  /** False while the answer is being computed: its callers share it, so room is never made by dropping it. */
  settled: boolean;
}

export const DEFAULT_READ_CACHE_WEIGHT = 32 * 1024 * 1024;

export function readCache(options: ReadCacheOptions = {}): ReadCache {
  const ttl = options.ttlMs ?? 10_000;
  const max = options.maxWeight ?? DEFAULT_READ_CACHE_WEIGHT;
  const now = options.now ?? Date.now;
  // A Map iterates in insertion order; a hit is re-inserted, so the first key is the least recently used.
  // replaced, never cleared, on a write: V8 keeps a cleared map's old table, answers and all, until a full collection
  let held = new Map<string, Entry>();
  let total = 0;

  const drop = (key: string, entry: Entry): void => {
    if (held.get(key) !== entry) return;
    held.delete(key);
    total -= entry.weight;
  };

  return {
    get<T>(key: string, compute: () => Promise<T>, weigh: (value: T) => number): Promise<T> {
      if (max <= 0) return compute();
      const hit = held.get(key);
      if (hit && now() - hit.at < ttl) {
        held.delete(key);
        held.set(key, hit);
        return hit.value as Promise<T>;
      }
      if (hit) drop(key, hit);
      const value = compute();
      const entry: Entry = { at: now(), value, weight: 0, settled: false };
      held.set(key, entry);
      value.then(
        (v) => {
          // cleared or replaced while it was being computed: the answer may predate a write, so it is not kept
          if (held.get(key) !== entry) return;
          entry.weight = weigh(v);
          entry.settled = true;
          total += entry.weight;
          if (entry.weight > max) drop(key, entry);
          for (const [k, e] of held) {
            if (total <= max) break;
            if (e.settled) drop(k, e);
          }
        },
        () => drop(key, entry),
      );
      return value;
    },
    clear() {
      held = new Map();
      total = 0;
    },
  };
}

/** One key per distinct flat query, whatever the order its fields were given in. */
export function cacheKey(kind: string, query: object): string {
  return `${kind} ${JSON.stringify(query, Object.keys(query).sort())}`;
}
