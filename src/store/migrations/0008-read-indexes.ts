import { sql, type Kysely, type Migration } from 'kysely';
import type { StoreDialect } from './column-types.js';

/** Every column a filter of the event list reads besides the one an index leads with (as in 0003). */
const FILTER_COLUMNS = [
  'date_start',
  'date_end',
  'admin1_key',
  'admin2_key',
  'actor1_key',
  'actor2_key',
  'event_type',
  'sub_event_type',
  'contested',
];

const KEYED = ['admin1_key', 'admin2_key', 'actor1_key', 'actor2_key', 'event_type', 'sub_event_type'];

/**
 * What lets a read that misses the cache stop early (issue 15).
 *
 * - `date_span` (days from date_start to date_end) and its index: the date filter is an overlap test
 *   (`date_end >= from`), which bounds no index range, so a page sorted by date ascending and every count walked
 *   the index from the first event ever stored. With the longest span one index lookup away, the store adds
 *   `date_start >= from - longest span`, an equivalent bound that an index range can use.
 * - A fatalities order after each filter key, covering every filter column: sorted by fatalities, a filter read
 *   every match of its key in date order and sorted them all (a temporary B-tree of 10,000 rows at 100,000
 *   events) to return 100; now the page is read in order and the scan stops at the page.
 *
 * Independent of 0007 (full-text search): it touches only the events table's own columns.
 */
const FATALITY_INDEXES: readonly [name: string, columns: string[]][] = KEYED.map((key) => [
  `events_${key}_fatalities_idx`,
  [key, 'fatalities_rank', 'id', ...FILTER_COLUMNS.filter((c) => c !== key)],
]);

export function readIndexesMigration(dialect: StoreDialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .alterTable('events')
        .addColumn('date_span', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      const span =
        dialect === 'sqlite'
          ? sql`cast(julianday(date_end) - julianday(date_start) as integer)`
          : sql`(date_end::date - date_start::date)`;
      const readable =
        dialect === 'sqlite'
          ? sql`julianday(date_start) is not null and julianday(date_end) is not null`
          : sql`date_start ~ '^\\d{4}-\\d{2}-\\d{2}$' and date_end ~ '^\\d{4}-\\d{2}-\\d{2}$'`;
      // the same days as spanDays (event-rows.ts) computes for new rows; an unreadable date spans nothing
      await sql`update events set date_span = ${span} where ${readable} and date_end > date_start`.execute(
        db,
      );
      await db.schema.createIndex('events_date_span_idx').on('events').column('date_span').execute();
      for (const [name, columns] of FATALITY_INDEXES) {
        await db.schema.createIndex(name).on('events').columns(columns).execute();
      }
      // the planner chooses among these by their statistics; without them it guesses
      await sql`analyze events`.execute(db);
    },
    async down(db: Kysely<unknown>): Promise<void> {
      for (const [name] of FATALITY_INDEXES) await db.schema.dropIndex(name).ifExists().execute();
      await db.schema.dropIndex('events_date_span_idx').ifExists().execute();
      await db.schema.alterTable('events').dropColumn('date_span').execute();
    },
  };
}
