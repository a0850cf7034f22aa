import type { Kysely, Migration } from 'kysely';
import type { EventRecord } from '../../domain/index.js';
import { postgresTextSearch } from '../postgres/postgres-search.js';
import { eventSearchText } from '../search-text.js';
import { sqliteTextSearch } from '../sqlite/sqlite-search.js';
import type { TextSearch } from '../text-search.js';
import { columnTypes } from './column-types.js';
import type { StoreDialect } from './column-types.js';

/** Events read per page of the backfill: a store of any size is indexed without holding it in memory. */
const BACKFILL_PAGE = 500;

export function textSearchOf(dialect: StoreDialect): TextSearch {
  return dialect === 'sqlite' ? sqliteTextSearch : postgresTextSearch;
}

interface BackfillDb {
  events: { id: string; record: string };
  event_search: { event_id: string; body: string };
}

/** The search text of every event already stored, computed as replaceResolution computes it for new ones. */
async function backfill(db: Kysely<BackfillDb>): Promise<void> {
  let after = '';
  for (;;) {
    const page = await db
      .selectFrom('events')
      .select(['id', 'record'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(BACKFILL_PAGE)
      .execute();
    if (page.length === 0) return;
    const rows = page.map((r) => ({
      event_id: r.id,
      body: eventSearchText(JSON.parse(r.record) as EventRecord),
    }));
    await db.insertInto('event_search').values(rows).execute();
    after = page[page.length - 1]!.id;
  }
}

/**
 * Free-text search over events (EventQuery.q). One row per event in `event_search`: the folded words of its place,
 * actors, types, notes, claims and evidence sentences (search-text.ts), written by replaceResolution beside the
 * event and deleted with it (explicitly there, and by the foreign key's cascade on any other path). Each backend
 * indexes the words its own way (TextSearch). Events stored before this migration are indexed here; the index is
 * built after the backfill, in one pass, rather than row by row.
 */
export function eventSearchMigration(dialect: StoreDialect): Migration {
  const t = columnTypes(dialect);
  const search = textSearchOf(dialect);
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('event_search')
        .addColumn('id', t.serial, t.serialPk)
        .addColumn('event_id', 'text', (c) =>
          c.notNull().unique().references('events.id').onDelete('cascade'),
        )
        .addColumn('body', 'text', (c) => c.notNull())
        .execute();
      await backfill(db as Kysely<BackfillDb>);
      await search.createIndex(db);
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await search.dropIndex(db);
      await db.schema.dropTable('event_search').ifExists().execute();
    },
  };
}
