/** Beyond this many items a set is cheaper than scanning what is kept so far. */
export const SCAN_LIMIT = 16;

/**
 * The items with distinct keys, the first of each, in order. Events have a few sources, so a scan is the
 * cheapest way and allocates nothing per event; an event reported by thousands of documents gets a set, so
 * that it never costs quadratic time.
 */
export function distinctBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  const out: T[] = [];
  if (items.length > SCAN_LIMIT) {
    const seen = new Set<string>();
    for (const item of items) {
      const k = key(item);
      if (seen.has(k)) continue;
      seen.add(k);
      out.push(item);
    }
    return out;
  }
  for (const item of items) {
    const k = key(item);
    if (!out.some((kept) => key(kept) === k)) out.push(item);
  }
  return out;
}
