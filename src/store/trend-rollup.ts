import type { Transaction } from 'kysely';
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
 */

/** The dimensions a grain may keep; the rollup writes '' for a missing value (NULL would break the unique key). */
export const ROLLUP_DIMENSIONS = [
  'admin1_key',
  'admin2_key',
  'admin2',
  'event_type',
  'actor1_key',
  'actor1_name',
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
 * The grains, in the order a read tries them: weeks before days, and smallest first; a read takes the first it
 * may use that keeps every dimension it groups or filters by. The province is in each grain because the page's
 * province filter is common and multiplies rows by a handful.
 *
 * There is no grain of every dimension (both actors, sub-event type, contested): measured at a million events
 * (docs/trends.md) it had nearly a row per event, and its reads, which cannot stream in one key's order, were
 * several times slower than the covering indexes of the events table that answer those filters instead.
 */
export const ROLLUP_GRAINS: readonly RollupGrain[] = [
  ...COARSE.map((keeps, i) => ({ id: 13 - i, keeps, span: 'week' as const })),
  ...COARSE.map((keeps, i) => ({ id: 3 - i, keeps, span: 'day' as const })),
];

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
  readonly fatalities_best?: number | null;
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
  'fatalities_best',
] as const;

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
      for (const grain of ROLLUP_GRAINS) {
        const [day, end] =
          grain.span === 'day'
            ? [row.date_start, row.date_end]
            : [mondayOf(row.date_start), mondayOf(row.date_end)];
        const cell: Cell = { grain: grain.id, day, end_day: end } as Cell;
        for (const d of ROLLUP_DIMENSIONS) {
          const kept = grain.keeps.includes(d);
          cell[d] = kept ? (row[d] ?? '') : '';
        }
        const key = JSON.stringify(ROLLUP_KEY.map((k) => cell[k]));
        const change = this.cells.get(key) ?? { cell, events: 0, fatalities: 0 };
        change.events += sign;
        change.fatalities += sign * Math.max(0, row.fatalities_best ?? 0);
        this.cells.set(key, change);
      }
    }
    return this;
  }

  /**
   * Adds the changes to the rollup inside `trx`, then drops the rows that fell to no event. The cells are written
   * in the order of their key, so two resolutions touching the same cells lock them in the same order (PostgreSQL
   * workers): neither can hold one the other waits for while waiting for one it holds.
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
    await trx.deleteFrom('trend_rollup').where('events', '=', 0).execute();
  }
}

/**
 * The statements that fill the rollup from the events table, one per grain: the migration's backfill, and what a
 * bulk load that writes the events table directly runs after it (bench/bulk-events.ts). Plain SQL, the same on
 * both backends but for the week's Monday.
 */
export function rollupBackfillStatements(dialect: StoreDialect): string[] {
  // the Monday of the ISO week, as mondayOf gives it (SQLite: forward to Sunday, back six days)
  const monday = (column: string) =>
    dialect === 'sqlite'
      ? `coalesce(date(${column}, 'weekday 0', '-6 days'), ${column})`
      : `to_char(date_trunc('week', cast(${column} as date)), 'YYYY-MM-DD')`;
  return ROLLUP_GRAINS.map((grain) => {
    const [day, end] =
      grain.span === 'day' ? ['date_start', 'date_end'] : [monday('date_start'), monday('date_end')];
    const values = ROLLUP_DIMENSIONS.map((d) => (grain.keeps.includes(d) ? `coalesce(${d}, '')` : "''"));
    const grouped = [day, end, ...values.filter((v) => v !== "''")];
    return (
      `insert into trend_rollup (${ROLLUP_KEY.join(', ')}, events, fatalities) ` +
      `select ${grain.id}, ${day}, ${end}, ${values.join(', ')}, count(*), ` +
      `sum(case when fatalities_best > 0 then fatalities_best else 0 end) ` +
      `from events group by ${grouped.join(', ')}`
    );
  });
}
