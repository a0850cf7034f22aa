type NumberArray = Int32Array | Float64Array | Uint8Array;

/** `old` copied into an array of `size` (its kind), the new places set to `fill`. */
export function grown<T extends NumberArray>(old: T, size: number, fill = 0): T {
  const next = new (old.constructor as new (n: number) => T)(size);
  if (fill !== 0) next.fill(fill, old.length);
  next.set(old as never);
  return next;
}

/** The first index of `list` from `lo` on whose slot meets `past` (false for a prefix, true after it). */
export function firstWhere(list: Int32Array, past: (slot: number) => boolean, lo = 0): number {
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (past(list[mid]!)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
