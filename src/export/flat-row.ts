import type { EventRecord } from '../domain/index.js';
import type { CsvCell } from './csv-line.js';

export const FLAT_COLUMNS = [
  'id',
  'operation_id',
  'date_start',
  'date_end',
  'date_precision',
  'location',
  'admin2',
  'admin1',
  'country',
  'lat',
  'lon',
  'geo_precision',
  'event_type',
  'sub_event_type',
  'actor1',
  'actor1_claimed',
  'actor2',
  'fatalities_low',
  'fatalities_best',
  'fatalities_high',
  'injured_low',
  'injured_best',
  'injured_high',
  'sources',
  'notes',
  'background',
  // appended by the review issue: columns are only ever added at the end, so that readers by position still work
  'reviewed',
  'reviewed_by',
  'reviewed_at',
] as const;

/** One row of the convenience CSV. Unknown stays empty (never 0): this format keeps the record's nulls. */
export function flatRow(record: EventRecord): CsvCell[] {
  const loc = record.location;
  const f = record.fatalities;
  const i = record.injured;
  return [
    record.id,
    record.operation_id,
    record.date.start,
    record.date.end,
    record.date.precision,
    loc?.name ?? null,
    loc?.admin2 ?? null,
    loc?.admin1 ?? null,
    loc?.country ?? null,
    loc?.lat ?? null,
    loc?.lon ?? null,
    loc?.precision ?? null,
    record.event_type,
    record.sub_event_type,
    record.actor1?.name ?? null,
    record.actor1 ? record.actor1.claimed : null,
    record.actor2?.name ?? null,
    f?.low ?? null,
    f?.best ?? null,
    f?.high ?? null,
    i?.low ?? null,
    i?.best ?? null,
    i?.high ?? null,
    [...new Set(record.sources.map((s) => s.publisher ?? s.url ?? s.doc_id))].join('; '),
    record.notes,
    // records stored before the field existed have none: unknown stays empty
    record.background ?? null,
    record.reviewed ?? false,
    record.reviewed_by ?? null,
    record.reviewed_at ?? null,
  ];
}
