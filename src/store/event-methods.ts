import type { Kysely } from 'kysely';
import type { OperationRecord, PublisherProfile } from '../domain/index.js';
import { FaultlineError } from '../errors/errors.js';
import { chunks } from './chunks.js';
import { parseFraming } from './document-rows.js';
import { afterCursor, eventFilter, eventOrder, statsKey } from './event-query.js';
import type { EventCursor } from './event-query.js';
import { byCodeUnits, profileToRow, rowToOperation, rowToProfile, rowToStoredEvent } from './event-rows.js';
import type { Database } from './schema.js';
import { toNumber } from './schema.js';
import { guarded } from './store-error.js';
import type { EventQuery, StatsDimension, StatsRow, Store, StoredEvent } from './store.js';
import type { TextSearch } from './text-search.js';

/** Events per page: enough to amortise a round trip, few enough that a million events never sit in memory. */
export const EVENT_PAGE_SIZE = 500;

type EventMethods = Pick<
  Store,
  | 'queryEvents'
  | 'queryEventJson'
  | 'countEvents'
  | 'getEvent'
  | 'getOperation'
  | 'listOperations'
  | 'eventStats'
  | 'savePublisherProfiles'
  | 'listPublisherProfiles'
  | 'listPublisherDocuments'
>;

/** A non-negative whole number, or the fallback for anything else (NaN, negative, Infinity, a string). */
function count(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? Math.floor(value) : fallback;
}

/** Reading events, operations and publisher profiles; written once for both backends. */
export function createEventMethods(
  db: Kysely<Database>,
  search: TextSearch,
  pageSize = EVENT_PAGE_SIZE,
): EventMethods {
  /**
   * Keyset paging over the matching events: a million events stream through without sitting in memory. Each
   * page is found first as ids, from the covering indexes alone, and only its rows are then read whole, so the
   * candidates a filter rejects and the rows an offset skips never cost a row read.
   */
  async function* matchingPages(query: EventQuery): AsyncGenerator<readonly string[]> {
    const order = eventOrder(query.sort);
    const direction = order.descending ? 'desc' : 'asc';
    let remaining = count(query.limit, Number.POSITIVE_INFINITY);
    // The offset applies to the first page only; later pages continue from the last row seen.
    let offset = count(query.offset, 0);
    let cursor: EventCursor | null = null;
    while (remaining > 0) {
      const size = Math.min(pageSize, remaining);
      const after: EventCursor | null = cursor;
      const skip: number = offset;
      const page = await guarded('queryEvents', () => {
        let q = db
          .selectFrom('events')
          .select(['id', 'date_start', 'fatalities_rank'])
          .where(eventFilter(query, search, true));
        if (after !== null) q = q.where(afterCursor(order, after));
        q = q.orderBy(`events.${order.column}`, direction).orderBy('events.id', direction).limit(size);
        return (skip > 0 ? q.offset(skip) : q).execute();
      });
      if (page.length > 0) yield page.map((row) => row.id);
      const last = page[page.length - 1];
      if (last === undefined || page.length < size) return;
      remaining -= page.length;
      offset = 0;
      cursor = {
        key: order.column === 'date_start' ? last.date_start : toNumber(last.fatalities_rank),
        id: last.id,
      };
    }
  }

  /** The rows of one page, in the page's order. */
  async function rowsOf<R extends { id: string }>(
    ids: readonly string[],
    read: (ids: readonly string[]) => Promise<R[]>,
  ): Promise<R[]> {
    const byId = new Map((await guarded('queryEvents', () => read(ids))).map((row) => [row.id, row]));
    // an event replaced between the two reads is left out rather than failing the whole stream
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  async function* queryEvents(query: EventQuery): AsyncGenerator<StoredEvent> {
    for await (const ids of matchingPages(query)) {
      const rows = await rowsOf(ids, (page) =>
        db
          .selectFrom('events')
          .select(['id', 'record', 'mention_ids', 'decisions'])
          .where('id', 'in', page)
          .execute(),
      );
      for (const row of rows) yield rowToStoredEvent(row);
    }
  }

  async function* queryEventJson(query: EventQuery): AsyncGenerator<string> {
    for await (const ids of matchingPages(query)) {
      const rows = await rowsOf(ids, (page) =>
        db.selectFrom('events').select(['id', 'record']).where('id', 'in', page).execute(),
      );
      for (const row of rows) yield row.record;
    }
  }

  async function eventStats(query: EventQuery, by: StatsDimension): Promise<readonly StatsRow[]> {
    const key = statsKey(by);
    if (key === null) throw new FaultlineError('FL_ERR_BAD_ARGUMENT', `stats by ${String(by)}`);
    const rows = await guarded(`eventStats by ${by}`, () =>
      db
        .selectFrom('events')
        .where(eventFilter(query, search))
        .select((eb) => [
          key.as('key'),
          eb.fn.countAll<number | string>().as('events'),
          eb.fn
            .sum<number | string | null>(eb.fn.coalesce('events.fatalities_best', eb.lit(0)))
            .as('fatalities'),
        ])
        .groupBy(key)
        .execute(),
    );
    // Sorted here, not in SQL, so that PostgreSQL's collation cannot order the keys differently from SQLite.
    return rows
      .map((r) => ({
        key: r.key ?? '',
        events: toNumber(r.events),
        fatalities: r.fatalities === null ? 0 : toNumber(r.fatalities),
      }))
      .sort((a, b) => byCodeUnits(a.key, b.key));
  }

  async function savePublisherProfiles(profiles: readonly PublisherProfile[]): Promise<void> {
    const byName = new Map<string, PublisherProfile>();
    for (const p of profiles) byName.set(p.name, p);
    const rows = [...byName.values()].map(profileToRow);
    await guarded('savePublisherProfiles', () =>
      db.transaction().execute(async (trx) => {
        await trx.deleteFrom('publishers').execute();
        for (const chunk of chunks(rows)) await trx.insertInto('publishers').values(chunk).execute();
      }),
    );
  }

  return {
    queryEvents,
    queryEventJson,
    async countEvents(query: EventQuery): Promise<number> {
      const row = await guarded('countEvents', () =>
        db
          .selectFrom('events')
          .where(eventFilter(query, search))
          .select((eb) => eb.fn.countAll<number | string>().as('n'))
          .executeTakeFirstOrThrow(),
      );
      return toNumber(row.n);
    },
    async getEvent(id: string): Promise<StoredEvent | null> {
      const row = await guarded(`getEvent ${id}`, () =>
        db
          .selectFrom('events')
          .select(['record', 'mention_ids', 'decisions'])
          .where('id', '=', id)
          .executeTakeFirst(),
      );
      return row ? rowToStoredEvent(row) : null;
    },
    async getOperation(id: string): Promise<OperationRecord | null> {
      const row = await guarded(`getOperation ${id}`, () =>
        db.selectFrom('operations').select('record').where('id', '=', id).executeTakeFirst(),
      );
      return row ? rowToOperation(row) : null;
    },
    async listOperations(): Promise<readonly OperationRecord[]> {
      const rows = await guarded('listOperations', () =>
        db.selectFrom('operations').select('record').execute(),
      );
      return rows.map(rowToOperation).sort((a, b) => byCodeUnits(a.id, b.id));
    },
    eventStats,
    savePublisherProfiles,
    async listPublisherProfiles(): Promise<readonly PublisherProfile[]> {
      const rows = await guarded('listPublisherProfiles', () =>
        db.selectFrom('publishers').select('profile').execute(),
      );
      return rows.map(rowToProfile).sort((a, b) => byCodeUnits(a.name, b.name));
    },
    async listPublisherDocuments() {
      const rows = await guarded('listPublisherDocuments', () =>
        db
          .selectFrom('documents')
          .select(['id', 'publisher', 'framing'])
          .where('publisher', 'is not', null)
          .orderBy('seq')
          .execute(),
      );
      return rows.map((r) => ({
        publisher: r.publisher ?? '',
        docId: r.id,
        framing: parseFraming(r.framing),
      }));
    },
  };
}
