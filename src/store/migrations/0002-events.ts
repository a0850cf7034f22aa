import type { Kysely, Migration } from 'kysely';

/**
 * What the event methods filter, sort and group on. Case-insensitive keys and the ISO week are computed in
 * JavaScript when an event is written, because SQLite's lower() folds only ASCII and its week functions differ
 * from PostgreSQL's: stored keys make both backends answer identically and let plain indexes serve the filters.
 */
const EVENT_COLUMNS: readonly [string, 'text' | 'integer', string | number | null][] = [
  ['contested', 'integer', 0],
  ['mention_ids', 'text', '[]'],
  ['decisions', 'text', '[]'],
  ['admin1_key', 'text', null],
  ['admin2_key', 'text', null],
  ['actor1_key', 'text', null],
  ['actor2_key', 'text', null],
  // fatalities best, or -1 when unknown: one non-null sort key with the same order on both backends.
  ['fatalities_rank', 'integer', -1],
  ['date_week', 'text', null],
];

/**
 * Every filter index continues with (date_start, id), the default order, so that a filtered page of 100 is read
 * in order and stops early instead of sorting every match; each ends with date_end so that the overlap test of a
 * date window is answered from the index without reading rows.
 */
const EVENT_INDEXES: readonly [string, string[]][] = [
  ['events_date_id_idx', ['date_start', 'id', 'date_end']],
  ['events_admin1_key_idx', ['admin1_key', 'date_start', 'id', 'date_end']],
  ['events_admin2_key_idx', ['admin2_key', 'date_start', 'id', 'date_end']],
  ['events_actor1_key_idx', ['actor1_key', 'date_start', 'id', 'date_end']],
  ['events_actor2_key_idx', ['actor2_key', 'date_start', 'id', 'date_end']],
  ['events_event_type_idx', ['event_type', 'date_start', 'id', 'date_end']],
  ['events_sub_event_type_idx', ['sub_event_type', 'date_start', 'id', 'date_end']],
  ['events_contested_idx', ['contested', 'date_start', 'id', 'date_end']],
  ['events_fatalities_idx', ['fatalities_rank', 'id']],
];

/** Indexes of 0001 on raw names that the key-column indexes above supersede: dropped to spare every write. */
const SUPERSEDED: readonly [string, string[]][] = [
  ['events_date_idx', ['date_start', 'date_end']],
  ['events_admin2_idx', ['admin2']],
  ['events_actor1_idx', ['actor1_name']],
  ['events_actor2_idx', ['actor2_name']],
  ['events_type_idx', ['event_type', 'sub_event_type']],
];

export function eventsMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      // One column per statement: SQLite's ALTER TABLE adds one at a time.
      for (const [name, type, fallback] of EVENT_COLUMNS) {
        await db.schema
          .alterTable('events')
          .addColumn(name, type, (c) => (fallback === null ? c : c.notNull().defaultTo(fallback)))
          .execute();
      }
      for (const [name, columns] of EVENT_INDEXES) {
        await db.schema.createIndex(name).on('events').columns(columns).execute();
      }
      for (const [name] of SUPERSEDED) await db.schema.dropIndex(name).ifExists().execute();
      await db.schema.alterTable('event_sources').addColumn('publisher_key', 'text').execute();
      await db.schema
        .createIndex('event_sources_publisher_idx')
        .on('event_sources')
        .columns(['publisher_key', 'event_id'])
        .execute();
      // Resolution scopes with no country read mentions by date alone.
      await db.schema.createIndex('mentions_date_idx').on('mentions').column('date_start').execute();
    },

    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropIndex('mentions_date_idx').ifExists().execute();
      await db.schema.dropIndex('event_sources_publisher_idx').ifExists().execute();
      await db.schema.alterTable('event_sources').dropColumn('publisher_key').execute();
      for (const [name] of EVENT_INDEXES) await db.schema.dropIndex(name).ifExists().execute();
      for (const [name, columns] of SUPERSEDED) {
        await db.schema.createIndex(name).on('events').columns(columns).execute();
      }
      for (const [name] of EVENT_COLUMNS) await db.schema.alterTable('events').dropColumn(name).execute();
    },
  };
}
