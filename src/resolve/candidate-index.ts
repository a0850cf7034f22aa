import type { Location } from '../domain/index.js';

/**
 * Bounds that keep resolution linear whatever the input: a range longer than this many days (a misread date) is
 * indexed over its first MAX_SPAN_DAYS only, and one mention examines at most MAX_CANDIDATES events.
 */
export const MAX_SPAN_DAYS = 370;
export const MAX_CANDIDATES = 400;

/** Where an event's founder can be found: by district (or the place itself when it has none), or province-wide. */
export function placeBucket(location: Location): string | null {
  if (location.precision === 'province' || location.precision === 'country') return null;
  if (location.admin2) return `d:${location.admin2.trim().toLowerCase()}`;
  return `p:${location.placeId ?? location.name.trim().toLowerCase()}`;
}

/** Events of one block listed under every day their founder's date covers; a visit stamp de-duplicates. */
export class DayIndex<T extends { visit: number }> {
  private readonly buckets = new Map<string, Map<number, T[]>>();

  add(key: string, from: number, to: number, item: T): void {
    let days = this.buckets.get(key);
    if (!days) {
      days = new Map();
      this.buckets.set(key, days);
    }
    const last = Math.min(to, from + MAX_SPAN_DAYS);
    for (let d = from; d <= last; d++) {
      const list = days.get(d);
      if (list) list.push(item);
      else days.set(d, [item]);
    }
  }

  /** Calls `visit` once per item listed under `key` on a day of [from, to]; returns how many it visited. */
  query(
    key: string,
    from: number,
    to: number,
    stamp: number,
    budget: number,
    visit: (item: T) => void,
  ): number {
    const days = this.buckets.get(key);
    if (!days || budget <= 0) return 0;
    let used = 0;
    const last = Math.min(to, from + MAX_SPAN_DAYS);
    for (let d = from; d <= last; d++) {
      const list = days.get(d);
      if (!list) continue;
      for (const item of list) {
        if (item.visit === stamp) continue;
        item.visit = stamp;
        visit(item);
        if (++used >= budget) return used;
      }
    }
    return used;
  }
}
