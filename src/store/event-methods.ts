import { sql, type Kysely } from 'kysely';
import type { OperationRecord, PublisherProfile } from '../domain/index.js';
import { FaultlineError } from '../errors/errors.js';
import { chunks } from './chunks.js';
import { parseFraming } from './document-rows.js';
import {
  actorArms,
  type ActorArm,
  afterCursor,
  daysBefore,
  eventFilter,
  eventOrder,
  sampleDays,
  statsKey,
} from './event-query.js';
import { byCodeUnits, profileToRow, rowToOperation, rowToProfile, rowToStoredEvent } from './event-rows.js';
import { rollupGroups } from './rollup-reads.js';
import type { Database } from './schema.js';
import { toNumber } from './schema.js';
import { guarded } from './store-error.js';
import type {
  EventCursor,
  EventPage,
  EventQuery,
  EventTotal,
  StatsDimension,
  StatsRow,
  Store,
  StoredEvent,
} from './store.js';
import type { TextSearch } from './text-search.js';

/** Events per page: enough to amortise a round trip, few enough that a million events never sit in memory. */
export const EVENT_PAGE_SIZE = 500;

/** The page `queryEventPage` answers when the query sets no limit. */
const DEFAULT_PAGE = 100;

/**
 * How an estimate samples: whole days spread evenly over the range, as many as it takes to meet about
 * ESTIMATE_SAMPLE_EVENTS matching events at the density the exact count saw (a relative error near 1/20 if the
 * events were spread evenly), but never fewer days than the minimum (one quiet or busy day says little) nor more
 * than the maximum (24 short index ranges). A broad filter at a million events reads a few thousand index
 * entries instead of every match.
 */
export const ESTIMATE_SAMPLE_EVENTS = 400;
export const ESTIMATE_SAMPLE_DAYS = { min: 6, max: 24 } as const;

type EventMethods = Pick<
  Store,
  | 'queryEvents'
  | 'queryEventJson'
  | 'queryEventPage'
  | 'countEvents'
  | 'estimateEvents'
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
/** How a backend reads the records of one page of the list (see KyselyStoreOptions.rowidLocator). */
export interface EventReadOptions {
  readonly pageSize?: number;
  readonly rowidLocator?: boolean;
  /** The dialect, for the week label of a stats read from the trend rollup. */
  readonly backend: Store['backend'];
}

const ROWID = sql<number>`events.rowid`;

export function createEventMethods(
  db: Kysely<Database>,
  search: TextSearch,
  options: EventReadOptions,
): EventMethods {
  const pageSize = options.pageSize ?? EVENT_PAGE_SIZE;
  // Statements that never change, built once: building and compiling a query costs more than running these
  // one-entry index reads, and every page and total of the list asks for them.
  const longestSpan = db
    .selectFrom('events')
    .select((eb) => eb.fn.max('date_span').as('longest'))
    .compile();
  const storedDays = db
    .selectNoFrom((eb) => [
      eb
        .selectFrom('events')
        .select((e) => e.fn.min('date_start').as('v'))
        .as('first'),
      eb
        .selectFrom('events')
        .select((e) => e.fn.max('date_start').as('v'))
        .as('last'),
    ])
    .compile();

  /** See `eventFilter`: `from` less the longest span stored, read from its index (one lookup). */
  async function earliestStart(query: EventQuery): Promise<string | undefined> {
    if (query.from === undefined) return undefined;
    const { rows } = await guarded('queryEvents', () => db.executeQuery(longestSpan));
    const longest = rows[0]?.longest;
    return daysBefore(query.from, longest === null || longest === undefined ? 0 : toNumber(longest));
  }

  function cursorOf(
    row: { id: string; date_start: string; fatalities_rank: number },
    sort: EventQuery['sort'],
  ) {
    const order = eventOrder(sort);
    return {
      key: order.column === 'date_start' ? row.date_start : toNumber(row.fatalities_rank),
      id: row.id,
    };
  }

  /**
   * Keys of one page in the query's order: ids, sort keys and tie-breakers, from the covering indexes alone
   * (every SQLite index entry holds its rowid as well: `rid`, with rowidLocator).
   */
  function pageKeys(
    query: EventQuery,
    earliest: string | undefined,
    after: EventCursor | null,
    size: number,
    skip: number,
  ) {
    const order = eventOrder(query.sort);
    const direction = order.descending ? 'desc' : 'asc';
    const arm = (which: ActorArm | undefined) => {
      const q = db
        .selectFrom('events')
        .select(['id', 'date_start', 'fatalities_rank'])
        .$if(options.rowidLocator === true, (qb) => qb.select(ROWID.as('rid')))
        .where(eventFilter(query, search, true, earliest, which));
      return (after === null ? q : q.where(afterCursor(order, after)))
        .orderBy(`events.${order.column}`, direction)
        .orderBy('events.id', direction);
    };
    return guarded('queryEvents', () => {
      const [only, ...others] = actorArms(query);
      if (others.length === 0) {
        const q = arm(only).limit(size);
        return (skip > 0 ? q.offset(skip) : q).execute();
      }
      // each arm reads no more than the page and what it skips, from its own index in the page's order (bounded
      // inside the arm: PostgreSQL would otherwise sort every match of both); the merge of the arms is sorted again
      const [first, ...rest] = [only, ...others].map((which) =>
        db
          .selectFrom(
            arm(which)
              .limit(size + skip)
              .as(which ?? 'all'),
          )
          .selectAll(),
      );
      // the order of a compound is by its output columns, unqualified
      const q = rest
        .reduce((all, next) => all.unionAll(next), first!)
        .orderBy(order.column, direction)
        .orderBy('id', direction)
        .limit(size);
      return (skip > 0 ? q.offset(skip) : q).execute();
    });
  }

  /**
   * Keyset paging over the matching events: a million events stream through without sitting in memory. Each
   * page is found first as ids, from the covering indexes alone, and only its rows are then read whole, so the
   * candidates a filter rejects and the rows an offset skips never cost a row read.
   */
  async function* matchingPages(query: EventQuery): AsyncGenerator<readonly string[]> {
    let remaining = count(query.limit, Number.POSITIVE_INFINITY);
    if (remaining === 0) return;
    const earliest = await earliestStart(query);
    // The offset applies to the first page only; later pages continue from the last row seen.
    let offset = count(query.offset, 0);
    let cursor: EventCursor | null = query.after ?? null;
    while (remaining > 0) {
      const size = Math.min(pageSize, remaining);
      const page = await pageKeys(query, earliest, cursor, size, offset);
      if (page.length > 0) yield page.map((row) => row.id);
      const last = page[page.length - 1];
      if (last === undefined || page.length < size) return;
      remaining -= page.length;
      offset = 0;
      cursor = cursorOf(last, query.sort);
    }
  }

  async function queryEventPage(query: EventQuery): Promise<EventPage> {
    const limit = Math.min(count(query.limit, DEFAULT_PAGE), EVENT_PAGE_SIZE * 20);
    if (limit === 0) return { items: [], next: null };
    const earliest = await earliestStart(query);
    // one key past the page tells whether another page follows, without a count
    const keys = await pageKeys(query, earliest, query.after ?? null, limit + 1, count(query.offset, 0));
    const shown = keys.slice(0, limit);
    const last = shown[shown.length - 1];
    return {
      items: options.rowidLocator ? await recordsByRowid(shown) : await recordsById(shown),
      next: keys.length > limit && last !== undefined ? cursorOf(last, query.sort) : null,
    };
  }

  async function recordsById(keys: readonly { id: string }[]): Promise<string[]> {
    // an empty `in ()` is valid SQLite but a syntax error on PostgreSQL (a page past the last event)
    if (keys.length === 0) return [];
    const rows = await rowsOf(
      keys.map((k) => k.id),
      (ids) => db.selectFrom('events').select(['id', 'record']).where('id', 'in', ids).execute(),
    );
    return rows.map((r) => r.record);
  }

  async function recordsByRowid(keys: readonly { id: string; rid?: number }[]): Promise<string[]> {
    if (keys.length === 0) return [];
    const rows = await guarded('queryEvents', () =>
      db
        .selectFrom('events')
        .select(['id', 'record', ROWID.as('rid')])
        .where(
          ROWID,
          'in',
          keys.map((k) => k.rid ?? -1),
        )
        .execute(),
    );
    const byRowid = new Map(rows.map((r) => [r.rid, r]));
    // a rowid names a row while it stands: an event replaced since the keys were read is left out
    return keys.flatMap((k) => {
      const row = byRowid.get(k.rid ?? -1);
      return row !== undefined && row.id === k.id ? [row.record] : [];
    });
  }

  /** One arm's matching start days (see `actorArms`), on the given days only when `days` is set. */
  function armDays(
    query: EventQuery,
    earliest: string | undefined,
    arm: ActorArm | undefined,
    days?: string[],
  ) {
    return db
      .selectFrom('events')
      .select('events.date_start')
      .where(eventFilter(query, search, false, earliest, arm))
      .$if(days !== undefined, (q) => q.where('events.date_start', 'in', days ?? []));
  }

  /** The matching events' start days, every arm of the query in one compound. */
  function matchingDays(query: EventQuery, earliest: string | undefined, days?: string[]) {
    return actorArms(query)
      .map((arm) => armDays(query, earliest, arm, days))
      .reduce((union, next) => union.unionAll(next));
  }

  /** The earliest `first` matching start days, each arm bounded inside itself as `pageKeys` bounds its arms. */
  function earliestDays(query: EventQuery, earliest: string | undefined, first: number) {
    return actorArms(query)
      .map((arm) =>
        db
          .selectFrom(
            armDays(query, earliest, arm)
              .orderBy('events.date_start')
              .limit(first)
              .as(arm ?? 'all'),
          )
          .selectAll(),
      )
      .reduce((union, next) => union.unionAll(next))
      .orderBy('date_start')
      .limit(first);
  }

  async function countMatching(query: EventQuery, earliest: string | undefined, days?: string[]) {
    const row = await guarded('countEvents', () =>
      db
        .selectFrom(matchingDays(query, earliest, days).as('m'))
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .executeTakeFirstOrThrow(),
    );
    return toNumber(row.n);
  }

  async function estimateEvents(query: EventQuery, exactUpTo: number): Promise<EventTotal> {
    const earliest = await earliestStart(query);
    const bound = count(exactUpTo, 0);
    // counting stops at the threshold, in date order, so that a broad filter's count reads no more index entries
    // than a narrow one's, and the date it stopped at tells how densely the filter's events lie
    const bounded = await guarded('countEvents', () =>
      db
        .selectFrom(earliestDays(query, earliest, bound + 1).as('m'))
        .select((eb) => [eb.fn.countAll<number | string>().as('n'), eb.fn.max('m.date_start').as('reach')])
        .executeTakeFirstOrThrow(),
    );
    const exact = toNumber(bounded.n);
    if (exact <= bound || bounded.reach === null) return { total: exact, estimate: false };
    const range = (await guarded('countEvents', () => db.executeQuery(storedDays))).rows[0];
    if (range === undefined || range.first === null || range.last === null)
      return { total: exact, estimate: false };
    const first = query.from !== undefined && query.from > range.first ? query.from : range.first;
    const last = query.to !== undefined && query.to < range.last ? query.to : range.last;
    const seen = sampleDays(first, bounded.reach, Number.POSITIVE_INFINITY).of;
    const wanted = Math.ceil((ESTIMATE_SAMPLE_EVENTS * Math.max(1, seen)) / (bound + 1));
    const sample = sampleDays(
      first,
      last,
      Math.min(ESTIMATE_SAMPLE_DAYS.max, Math.max(ESTIMATE_SAMPLE_DAYS.min, wanted)),
    );
    // a range no longer than the sample is counted whole: the sample would read every day of it anyway
    if (sample.days.length === sample.of)
      return { total: await countMatching(query, earliest), estimate: false };
    const hits = await countMatching(query, earliest, sample.days);
    const scaled = Number(((hits * sample.of) / sample.days.length).toPrecision(2));
    return { total: Math.max(bound + 1, scaled), estimate: true };
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
    const earliest = await earliestStart(query);
    const rows = await guarded(`eventStats by ${by}`, async () => {
      // the trend rollup when the filters are expressible on it (rollup-query.ts), else the events
      const rolled = await rollupGroups(db, options.backend, query, by, null, earliest);
      if (rolled !== null) return rolled;
      return db
        .selectFrom('events')
        .where(eventFilter(query, search, false, earliest))
        .select((eb) => [
          key.as('key'),
          eb.fn.countAll<number | string>().as('events'),
          eb.fn
            .sum<number | string | null>(eb.fn.coalesce('events.fatalities_best', eb.lit(0)))
            .as('fatalities'),
        ])
        .groupBy(key)
        .execute();
    });
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
    queryEventPage,
    async countEvents(query: EventQuery): Promise<number> {
      return countMatching(query, await earliestStart(query));
    },
    estimateEvents,
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
