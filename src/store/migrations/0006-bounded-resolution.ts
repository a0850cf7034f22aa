import { sql, type Kysely, type Migration } from 'kysely';
import { LINKABLE_SPAN_DAYS } from '../../domain/index.js';
import type { StoreDialect } from './column-types.js';

/**
 * What lets resolution work in rounds of bounded size. `linkable` marks the mentions whose date can tie them to
 * another report (isLinkableDate): the others are re-planned alone, and every window read skips them, so that a
 * report of "last year" no longer pulls a year of its province into each read. The pending listing follows
 * the blocking key (country, province, date), so that a round takes mentions that lie together.
 */
export function boundedResolutionMigration(dialect: StoreDialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .alterTable('mentions')
        .addColumn('linkable', 'integer', (c) => c.notNull().defaultTo(1))
        .execute();
      const span =
        dialect === 'sqlite'
          ? sql`julianday(date_end) - julianday(date_start)`
          : sql`(date_end::date - date_start::date)`;
      // the same rule as isLinkableDate; a date either backend cannot read stays linkable, as it does there
      await sql`update mentions set linkable = 0 where date_precision = 'year'`.execute(db);
      const readable =
        dialect === 'sqlite'
          ? sql`julianday(date_start) is not null and julianday(date_end) is not null`
          : sql`date_start ~ '^\\d{4}-\\d{2}-\\d{2}$' and date_end ~ '^\\d{4}-\\d{2}-\\d{2}$'`;
      await sql`update mentions set linkable = 0
        where linkable = 1 and ${readable} and abs(${span}) > ${sql.lit(LINKABLE_SPAN_DAYS)}`.execute(db);
      await db.schema.dropIndex('mentions_unresolved_idx').ifExists().execute();
      await db.schema
        .createIndex('mentions_pending_idx')
        .on('mentions')
        .columns(['country', 'admin1', 'date_start', 'id'])
        .where(sql.ref('unresolved'), '=', 1)
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropIndex('mentions_pending_idx').ifExists().execute();
      await db.schema
        .createIndex('mentions_unresolved_idx')
        .on('mentions')
        .column('id')
        .where(sql.ref('unresolved'), '=', 1)
        .execute();
      await db.schema.alterTable('mentions').dropColumn('linkable').execute();
    },
  };
}
