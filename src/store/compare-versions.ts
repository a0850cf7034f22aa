/**
 * Compares extractor versions segment by segment, numerically where both segments are numbers
 * ("1.10.0" is newer than "1.9.2"), as text otherwise. Negative when `a` is older.
 */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.\-+]/);
  const pb = b.split(/[.\-+]/);
  const n = Math.max(pa.length, pb.length);
  for (let i = 0; i < n; i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const nx = /^\d{1,15}$/.test(x) ? Number(x) : Number.NaN;
    const ny = /^\d{1,15}$/.test(y) ? Number(y) : Number.NaN;
    const d = Number.isNaN(nx) || Number.isNaN(ny) ? (x < y ? -1 : x > y ? 1 : 0) : nx - ny;
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}
