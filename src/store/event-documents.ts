import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { eventFilter } from './event-query.js';
import type { Database } from './schema.js';
import { toNumber } from './schema.js';
import { guarded } from './store-error.js';
import type { EventDocument, EventQuery } from './store.js';
import type { TextSearch } from './text-search.js';

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 500;

function bounded(value: number | undefined, fallback: number, max: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0
    ? Math.min(Math.floor(value), max)
    : fallback;
}

/**
 * `Store.listEventDocuments`: one grouped read of event_sources (its primary key and doc index) over the
 * matching events' ids, joined to the documents, with the number of groups counted by a window over the same
 * read. Only a page past the end needs a second read, for the total.
 */
export async function listEventDocuments(
  db: Kysely<Database>,
  query: EventQuery,
  search: TextSearch,
): Promise<{ readonly total: number; readonly items: readonly EventDocument[] }> {
  const limit = Math.max(1, bounded(query.limit, DEFAULT_LIMIT, MAX_LIMIT));
  const offset = bounded(query.offset, 0, Number.MAX_SAFE_INTEGER);
  const matching = db.selectFrom('events').select('events.id').where(eventFilter(query, search));
  const rows = await guarded('listEventDocuments', () =>
    db
      .selectFrom('event_sources')
      .innerJoin('documents', 'documents.id', 'event_sources.doc_id')
      .where('event_sources.event_id', 'in', matching)
      .groupBy([
        'documents.id',
        'documents.url',
        'documents.title',
        'documents.publisher',
        'documents.published',
      ])
      .select((eb) => [
        'documents.id',
        'documents.url',
        'documents.title',
        'documents.publisher',
        'documents.published',
        eb.fn.countAll<number | string>().as('event_count'),
        sql<number | string>`count(*) over ()`.as('total'),
      ])
      .orderBy('event_count', 'desc')
      // coalesce: SQLite and PostgreSQL place nulls at opposite ends
      .orderBy(sql`coalesce(documents.published, '')`, 'desc')
      .orderBy('documents.id')
      .limit(limit)
      .offset(offset)
      .execute(),
  );
  const first = rows[0];
  const total =
    first !== undefined
      ? toNumber(first.total)
      : offset === 0
        ? 0
        : await guarded('listEventDocuments', async () =>
            toNumber(
              (
                await db
                  .selectFrom('event_sources')
                  .select((eb) => eb.fn.count<number | string>('event_sources.doc_id').distinct().as('n'))
                  .where('event_sources.event_id', 'in', matching)
                  .executeTakeFirstOrThrow()
              ).n,
            ),
          );
  return {
    total,
    items: rows.map((r) => ({
      id: r.id,
      url: r.url,
      title: r.title,
      publisher: r.publisher,
      published: r.published,
      events: toNumber(r.event_count),
    })),
  };
}
