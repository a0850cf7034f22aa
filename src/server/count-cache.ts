import type { EventQuery, Store } from '../store/store.js';

/**
 * Totals of the event list, kept for a few seconds: counting every matching row costs tens of milliseconds on
 * 100,000 events while a page costs one, and a total a few seconds old is good enough for "showing 100 of N".
 * Writes through this server clear it at once; writes by another process show within `ttlMs`.
 */
export interface CountCache {
  count(query: EventQuery): Promise<number>;
  clear(): void;
}

export function countCache(
  store: Store,
  options: { ttlMs?: number; maxEntries?: number; now?: () => number } = {},
): CountCache {
  const ttl = options.ttlMs ?? 10_000;
  const max = options.maxEntries ?? 500;
  const now = options.now ?? Date.now;
  const held = new Map<string, { at: number; total: Promise<number> }>();
  return {
    count(query) {
      const key = JSON.stringify(query, Object.keys(query).sort());
      const hit = held.get(key);
      if (hit && now() - hit.at < ttl) return hit.total;
      if (held.size >= max) held.delete(held.keys().next().value as string);
      // the promise is cached, so concurrent identical requests share one count
      const total = store.countEvents(query);
      held.set(key, { at: now(), total });
      total.catch(() => held.delete(key));
      return total;
    },
    clear() {
      held.clear();
    },
  };
}
