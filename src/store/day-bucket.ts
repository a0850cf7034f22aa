import { sql, type RawBuilder } from 'kysely';
import type { Store, TrendInterval } from './store.js';

/**
 * The bucket label of a day column (YYYY-MM-DD): the day, its month (YYYY-MM) or its ISO week (YYYY-Www, as
 * isoWeek writes it), the same text on both backends; null for an interval that does not exist (callers outside
 * TypeScript).
 */
export function dayBucket(
  day: string,
  interval: TrendInterval,
  backend: Store['backend'],
): RawBuilder<string> | null {
  const ref = sql.ref(day);
  switch (interval) {
    case 'day':
      return sql<string>`${ref}`;
    case 'month':
      return sql<string>`substr(${ref}, 1, 7)`;
    case 'week':
      // %G/%V (SQLite 3.46+) and IYYY/IW are the ISO week-numbering year and week, zero-padded
      return backend === 'sqlite'
        ? sql<string>`strftime('%G-W%V', ${ref})`
        : sql<string>`to_char(cast(${ref} as date), 'IYYY-"W"IW')`;
    default:
      return null;
  }
}
