import type { Category, EventRecord } from '../domain/index.js';
import type { CsvCell } from './csv-line.js';
import { daySpan } from './date-codes.js';

/** UCDP GED's columns, after an id (UCDP's own first column) so that rows can be traced back to the event. */
export const UCDP_COLUMNS = [
  'id',
  'best',
  'low',
  'high',
  'deaths_a',
  'deaths_b',
  'deaths_civilians',
  'deaths_unknown',
  'where_prec',
  'date_prec',
  'date_start',
  'date_end',
  'country',
  'adm_1',
  'adm_2',
  'latitude',
  'longitude',
  'side_a',
  'side_b',
  'source_article',
] as const;

const WHERE_PREC: Readonly<Record<string, number>> = {
  place: 1,
  near_place: 2,
  district: 3,
  province: 4,
  country: 6,
};

/** UCDP's date precision: 1 a day, 2 two to six days, 3 a week, 4 a month, 5 longer. */
export function datePrecision(date: EventRecord['date']): number {
  const span = daySpan(date);
  switch (date.precision) {
    case 'day':
      return span === 1 ? 1 : span <= 6 ? 2 : 3;
    case 'days':
    case 'week':
      return span <= 6 ? 2 : span <= 7 ? 3 : 4;
    case 'month':
      return 4;
    default:
      return 5;
  }
}

function killed(record: EventRecord, category: Category): number {
  let n = 0;
  for (const c of record.casualties) if (c.metric === 'killed' && c.category === category) n += c.best;
  return n;
}

type Actor = EventRecord['actor1'] | EventRecord['actor2'];

/** side_a is the state when a state actor takes part (UCDP's convention), else the perpetrator. */
export function sides(record: EventRecord): { a: Actor; b: Actor } {
  if (record.actor2?.type === 'state_forces' && record.actor1?.type !== 'state_forces') {
    return { a: record.actor2, b: record.actor1 };
  }
  return { a: record.actor1, b: record.actor2 };
}

/**
 * Deaths by side. Security-force deaths belong to the state side; when no named side is the state, to side B if it is
 * unnamed (the state went unnamed), else they are of unknown side. Militant deaths belong to the non-state side.
 */
export function deathsBySide(record: EventRecord): { a: number; b: number; unknown: number } {
  const { a, b } = sides(record);
  const security = killed(record, 'security_forces');
  const militants = killed(record, 'militants');
  const unknown = killed(record, 'unknown');
  if (a?.type === 'state_forces') return { a: security, b: militants, unknown };
  if (b === null) return { a: militants, b: security, unknown };
  return { a: militants, b: 0, unknown: unknown + security };
}

function sourceArticles(record: EventRecord): string {
  return [...new Set(record.sources.map((s) => s.url ?? s.publisher ?? s.doc_id))].join('; ');
}

/** One UCDP-GED-style row for a record, in UCDP_COLUMNS order. Pure. */
export function ucdpRow(record: EventRecord): CsvCell[] {
  const loc = record.location;
  const f = record.fatalities;
  const { a, b } = sides(record);
  const deaths = deathsBySide(record);
  return [
    record.id,
    f?.best ?? 0,
    f?.low ?? 0,
    f?.high ?? 0,
    deaths.a,
    deaths.b,
    killed(record, 'civilians'),
    deaths.unknown,
    loc ? (WHERE_PREC[loc.precision] ?? 6) : null,
    datePrecision(record.date),
    record.date.start,
    record.date.end,
    loc?.country ?? '',
    loc?.admin1 ?? '',
    loc?.admin2 ?? '',
    loc?.lat ?? null,
    loc?.lon ?? null,
    a?.name ?? '',
    b?.name ?? '',
    sourceArticles(record),
  ];
}
