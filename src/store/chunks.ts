/** Bound parameters per statement, well under SQLite's 32766 and PostgreSQL's 65535. */
export const MAX_PARAMETERS = 8000;

/** Splits rows for multi-row inserts so that no statement binds more than MAX_PARAMETERS values. */
export function chunks<T extends object>(rows: readonly T[]): T[][] {
  if (rows.length === 0) return [];
  const size = Math.max(1, Math.floor(MAX_PARAMETERS / Object.keys(rows[0]!).length));
  return slices(rows, size);
}

/** Splits a list of values (ids for an `in (...)`) into lists of at most `size`. */
export function slices<T>(values: readonly T[], size = 1000): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < values.length; i += size) out.push(values.slice(i, i + size));
  return out;
}
