import { sql, type Kysely, type Transaction } from 'kysely';
import { chunks } from './chunks.js';
import { isoWeek, isoWeekBounds } from './iso-week.js';
import type { StoreDialect } from './migrations/column-types.js';
import type { Database } from './schema.js';

/**
 * The per-day rollup behind the trends (migration 0018): events and fatalities (the best figure, 0 when unknown,
 * as the trends have always summed it) per start day, end day and a set of dimensions. It is kept in the
 * transaction that writes or removes the events, so a trend read from it is what a GROUP BY over the events
 * would give, without reading a million events.
 *
 * One table holds several grains. A grain keeps some dimensions and writes '' (0 for `contested`) in the others,
 * so that the row is narrow and the coarse grains are small: a trend split by district with no filter reads days ×
 * districts rows, not days × districts × types × actor pairs. Every event is counted once in every grain. The
 * end day is in every grain because the date filter is an overlap (date_end ≥ from), as in the event list; it
 * adds rows only for the few events that span days.
 *
 * An event a person marked "not an incident" (event_reviews.not_incident) is not counted: the trends leave it out
 * by default, so the default view is what the rollup holds. A dismissal takes the event's counts out and its undoing
 * puts them back, in the transaction that records it, as an edit does; `include_dismissed` reads the events.
 */

/** The dimensions a grain may keep; the rollup writes '' for a missing value (NULL would break the unique key). */
export const ROLLUP_DIMENSIONS = [
  'admin1_key',
  'admin2_key',
  'admin2',
  'event_type',
  'actor1_key',
  'actor1_name',
  'facet',
] as const;

export type RollupDimension = (typeof ROLLUP_DIMENSIONS)[number];

export interface RollupGrain {
  readonly id: number;
  readonly keeps: readonly RollupDimension[];
  /**
   * 'day': `day` and `end_day` are the event's start and end days. 'week': both are the Monday of the ISO week
   * holding them, which is exact for a read whose buckets are weeks (or none) and whose `from` is a Monday and `to`
   * a Sunday (the district table's windows, the page with no dates): seven times fewer rows.
   */
  readonly span: 'day' | 'week';
}

const COARSE: readonly (readonly RollupDimension[])[] = [
  ['admin1_key', 'event_type'],
  ['admin1_key', 'actor1_key', 'actor1_name'],
  ['admin1_key', 'admin2_key', 'admin2'],
];

/**
 * The facet grain: an event counted once under each of its facets (`FACET_PREFIXES`), by district and ISO week. It
 * answers the page (the series split by district, the district table) and the stats by district for one actor
 * (either side), one sub-event type or `contested`; a read of it must always name one facet, since an event is in
 * several. By week only: a facet grain by day wrote four more cells per event, nearly one row each (a day's cells
 * are seldom shared), and made a resolution's rollup writes 2.7 times what they were; by week they are shared.
 */
const FACETED: readonly RollupDimension[] = ['facet', 'admin1_key', 'admin2_key', 'admin2'];

/**
 * The grains, in the order a read tries them: weeks before days, and smallest first; a read takes the first it
 * may use that keeps every dimension it groups or filters by. The province is in each grain because the page's
 * province filter is common and multiplies rows by a handful.
 *
 * There is no grain of every dimension (both actors, sub-event type, contested): measured at a million events
 * (docs/trends.md) it had nearly a row per event, and its reads, which cannot stream in one key's order, were
 * several times slower than the covering indexes of the events table. The facet grain instead keeps one of those
 * per row, beside the district only, and is read by one facet's index range.
 */
export const ROLLUP_GRAINS: readonly RollupGrain[] = [
  ...COARSE.map((keeps, i) => ({ id: 13 - i, keeps, span: 'week' as const })),
  { id: 14, keeps: FACETED, span: 'week' },
  ...COARSE.map((keeps, i) => ({ id: 3 - i, keeps, span: 'day' as const })),
];

/**
 * The facets of the facet grain: `a:` an actor's folded key (actor1 and actor2, once when they are the same),
 * `c:1` or `c:0` whether the figures are contested, `s:` the sub-event type.
 */
export const FACET_PREFIXES = { actor: 'a:', contested: 'c:', subEventType: 's:' } as const;

/** The facets an event is counted under in the facet grain. */
export function eventFacets(row: RollupSource): string[] {
  const out: string[] = [];
  if (row.actor1_key) out.push(FACET_PREFIXES.actor + row.actor1_key);
  if (row.actor2_key && row.actor2_key !== row.actor1_key) out.push(FACET_PREFIXES.actor + row.actor2_key);
  out.push(FACET_PREFIXES.contested + (row.contested ? '1' : '0'));
  if (row.sub_event_type) out.push(FACET_PREFIXES.subEventType + row.sub_event_type);
  return out;
}

/** The Monday of the ISO week holding a day (YYYY-MM-DD); the text itself when it is not a date. */
export function mondayOf(day: string): string {
  return isoWeek(day) === null ? day : isoWeekBounds(day).from;
}

/** The columns of the rollup's unique key, in the order of its index (grain and day first: the range a read scans). */
export const ROLLUP_KEY = ['grain', 'day', 'end_day', ...ROLLUP_DIMENSIONS] as const;

/** The columns of an event row the rollup is computed from (as written, or as read before a delete). */
export interface RollupSource {
  readonly date_start: string;
  readonly date_end: string;
  readonly admin1_key?: string | null;
  readonly admin2_key?: string | null;
  readonly admin2?: string | null;
  readonly event_type: string;
  readonly actor1_key?: string | null;
  readonly actor1_name?: string | null;
  readonly actor2_key?: string | null;
  readonly sub_event_type?: string | null;
  readonly contested?: number | boolean | null;
  readonly fatalities_best?: number | null;
  /** A person marked the event not an incident: it is not in the rollup (1 or true; SQLite and PostgreSQL). */
  readonly dismissed?: number | boolean | null;
}

/** The event columns `RollupSource` reads, for a select before a delete. */
export const ROLLUP_SOURCE_COLUMNS = [
  'date_start',
  'date_end',
  'admin1_key',
  'admin2_key',
  'admin2',
  'event_type',
  'actor1_key',
  'actor1_name',
  'actor2_key',
  'sub_event_type',
  'contested',
  'fatalities_best',
] as const;

/**
 * Whether a person marked the event not an incident, as a column of a select over `events`: read with the event
 * being removed, so that its counts come out of the rollup only if they were ever put in.
 */
export function dismissedColumn(): ReturnType<typeof sql<number | boolean>> {
  return sql<
    number | boolean
  >`exists (select 1 from event_reviews where event_reviews.event_id = events.id and event_reviews.not_incident = 1)`;
}

type Cell = Record<(typeof ROLLUP_KEY)[number], string | number>;

interface Change {
  readonly cell: Cell;
  events: number;
  fatalities: number;
}

/** What a set of writes changes in the rollup: events added count +1 in each grain, events removed −1. */
export class RollupDelta {
  private readonly cells = new Map<string, Change>();

  add(rows: readonly RollupSource[]): this {
    return this.count(rows, 1);
  }

  remove(rows: readonly RollupSource[]): this {
    return this.count(rows, -1);
  }

  private count(rows: readonly RollupSource[], sign: 1 | -1): this {
    for (const row of rows) {
      // a dismissed event was never counted, and is not while it stays dismissed
      if (row.dismissed) continue;
      const fatalities = sign * Math.max(0, row.fatalities_best ?? 0);
      const monday = mondayOf(row.date_start);
      const endMonday = row.date_end === row.date_start ? monday : mondayOf(row.date_end);
      for (const grain of ROLLUP_GRAINS) {
        const [day, end] = grain.span === 'day' ? [row.date_start, row.date_end] : [monday, endMonday];
        for (const facet of grain.keeps.includes('facet') ? eventFacets(row) : ['']) {
          const cell = { grain: grain.id, day, end_day: end } as Cell;
          for (const d of ROLLUP_DIMENSIONS)
            cell[d] = d === 'facet' ? facet : grain.keeps.includes(d) ? (row[d] ?? '') : '';
          // the key's values joined by a separator no value holds (NUL): cheaper than JSON of an array
          const key = ROLLUP_KEY.map((k) => cell[k]).join('\u0000');
          const change = this.cells.get(key);
          if (change === undefined) this.cells.set(key, { cell, events: sign, fatalities });
          else {
            change.events += sign;
            change.fatalities += fatalities;
          }
        }
      }
    }
    return this;
  }

  /**
   * Adds the changes to the rollup inside `trx`, then drops the rows that fell to no event. The cells are written
   * in the order of their key, so two resolutions touching the same cells lock them in the same order (PostgreSQL
   * workers): neither can hold one the other waits for while waiting for one it holds.
   *
   * No key index holds `events` or `fatalities` (migration 0021), so adding to a cell rewrites its row and the
   * index of empty rows only when it reaches 0; a cell can empty only when its change is negative.
   */
  async apply(trx: Transaction<Database>): Promise<void> {
    const rows = [...this.cells.entries()]
      .filter(([, c]) => c.events !== 0 || c.fatalities !== 0)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, c]) => ({ ...c.cell, events: c.events, fatalities: c.fatalities }));
    if (rows.length === 0) return;
    for (const chunk of chunks(rows)) {
      await trx
        .insertInto('trend_rollup')
        .values(chunk as never)
        .onConflict((oc) =>
          oc.columns([...ROLLUP_KEY]).doUpdateSet({
            events: (eb) => eb('trend_rollup.events', '+', eb.ref('excluded.events')),
            fatalities: (eb) => eb('trend_rollup.fatalities', '+', eb.ref('excluded.fatalities')),
          }),
        )
        .execute();
    }
    // read through the partial index on events = 0: only the rows just emptied
    if (rows.some((r) => r.events < 0))
      await trx.deleteFrom('trend_rollup').where('events', '=', 0).execute();
  }
}

/** Whether a person marked the event not an incident, in SQL over a row of `events`. */
const NOT_DISMISSED =
  'not exists (select 1 from event_reviews where event_reviews.event_id = events.id and event_reviews.not_incident = 1)';

/**
 * The rows of the facet grain's source, in SQL: one per event and facet (eventFacets), with the columns the grain
 * keeps. `where` is and-ed to each part.
 */
function facetRows(where: string): string {
  const base = 'date_start, date_end, admin1_key, admin2_key, admin2, fatalities_best';
  const part = (facet: string, condition: string) =>
    `select ${base}, ${facet} as facet from events where ${condition}${where}`;
  const p = FACET_PREFIXES;
  return [
    part(`'${p.actor}' || actor1_key`, "actor1_key <> ''"),
    part(
      `'${p.actor}' || actor2_key`,
      "actor2_key <> '' and (actor1_key is null or actor1_key <> actor2_key)",
    ),
    part(`case when contested = 1 then '${p.contested}1' else '${p.contested}0' end`, '1 = 1'),
    part(`'${p.subEventType}' || sub_event_type`, "sub_event_type <> ''"),
  ].join(' union all ');
}

/**
 * The statements that fill the rollup from the events table, one per grain: the migrations' backfill, and what a
 * bulk load that writes the events table directly runs after it (bench/bulk-events.ts). Plain SQL, the same on
 * both backends but for the week's Monday. `reviews`: leave out the events people dismissed (false only for
 * migration 0018, which ran before the review table existed; 0021 fills the rollup again with it).
 */
export function rollupBackfillStatements(dialect: StoreDialect, reviews = true): string[] {
  // the Monday of the ISO week, as mondayOf gives it (SQLite: forward to Sunday, back six days)
  const monday = (column: string) =>
    dialect === 'sqlite'
      ? `coalesce(date(${column}, 'weekday 0', '-6 days'), ${column})`
      : `to_char(date_trunc('week', cast(${column} as date)), 'YYYY-MM-DD')`;
  const kept = reviews ? ` and ${NOT_DISMISSED}` : '';
  return ROLLUP_GRAINS.map((grain) => {
    const [day, end] =
      grain.span === 'day' ? ['date_start', 'date_end'] : [monday('date_start'), monday('date_end')];
    const values = ROLLUP_DIMENSIONS.map((d) => (grain.keeps.includes(d) ? `coalesce(${d}, '')` : "''"));
    const grouped = [day, end, ...values.filter((v) => v !== "''")];
    const source = grain.keeps.includes('facet')
      ? `(${facetRows(kept)}) as faceted`
      : `events where 1 = 1${kept}`;
    return (
      `insert into trend_rollup (${ROLLUP_KEY.join(', ')}, events, fatalities) ` +
      `select ${grain.id}, ${day}, ${end}, ${values.join(', ')}, count(*), ` +
      `sum(case when fatalities_best > 0 then fatalities_best else 0 end) ` +
      `from ${source} group by ${grouped.join(', ')}`
    );
  });
}

/**
 * The indexes of the rollup beside its key (which starts with grain and day: the range a read over dates scans).
 * Each serves a filter that picks few rows of a grain, and is partial: it holds only the rows of the grains that
 * keep its column, with a value, so a write adds no entry to an index no read of that cell would use. None holds
 * the sums (see RollupDelta.apply). A read names the index's condition beside its own (rollupFilter), so that
 * both planners see the index applies. The index of empty rows lets a write drop the cells it emptied.
 */
export const ROLLUP_INDEXED = ['admin1_key', 'admin2_key', 'actor1_key', 'facet'] as const;

/** Creates the rollup table and its indexes (migrations 0018 and 0021), empty. */
export async function createRollupTable(db: Kysely<unknown>, dialect: StoreDialect): Promise<void> {
  let table = db.schema
    .createTable('trend_rollup')
    .addColumn('grain', 'integer', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('end_day', 'text', (c) => c.notNull());
  for (const column of ROLLUP_KEY.slice(3)) table = table.addColumn(column, 'text', (c) => c.notNull());
  table = table
    .addColumn('events', 'integer', (c) => c.notNull())
    .addColumn('fatalities', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('trend_rollup_pk', [...ROLLUP_KEY] as never);
  // SQLite: the rows are stored in the key's order, so a grain's days are one contiguous range of the table
  await (dialect === 'sqlite' ? table.modifyEnd(sql`without rowid`) : table).execute();
  for (const column of ROLLUP_INDEXED)
    await sql
      .raw(
        `create index trend_rollup_${column}_idx on trend_rollup (grain, ${column}, day) where ${column} <> ''`,
      )
      .execute(db);
  await sql`create index trend_rollup_empty_idx on trend_rollup (grain) where events = 0`.execute(db);
}
