/** A point projected to screen pixels, with what the map draws. */
export interface ScreenPoint<T> {
  readonly x: number;
  readonly y: number;
  readonly item: T;
}

export interface Cluster<T> {
  readonly x: number;
  readonly y: number;
  readonly items: readonly T[];
}

/**
 * Groups points falling into the same square cell of `cell` pixels and places each group at its members' mean.
 * Linear in the number of points; a cell never holds a point of another cell, so clusters never overlap by more
 * than a cell.
 */
export function gridCluster<T>(points: readonly ScreenPoint<T>[], cell: number): Cluster<T>[] {
  const cells = new Map<string, { sx: number; sy: number; items: T[] }>();
  for (const p of points) {
    if (!Number.isFinite(p.x) || !Number.isFinite(p.y)) continue;
    const key = `${Math.floor(p.x / cell)}:${Math.floor(p.y / cell)}`;
    const c = cells.get(key);
    if (c) {
      c.sx += p.x;
      c.sy += p.y;
      c.items.push(p.item);
    } else cells.set(key, { sx: p.x, sy: p.y, items: [p.item] });
  }
  return [...cells.values()].map((c) => ({
    x: c.sx / c.items.length,
    y: c.sy / c.items.length,
    items: c.items,
  }));
}
