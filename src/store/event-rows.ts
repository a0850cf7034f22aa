import type { Insertable, Selectable } from 'kysely';
import type { EventRecord, MergeDecision, OperationRecord, PublisherProfile } from '../domain/index.js';
import { isoWeek } from './iso-week.js';
import { locationColumns } from './location-columns.js';
import type { EventSourcesTable, EventsTable, OperationsTable, PublishersTable } from './schema.js';
import type { StoredEvent } from './store.js';

/** Case-insensitive filter keys are folded here, in one place, for writing and for querying alike. */
export function foldKey(value: string | null | undefined): string | null {
  return value === null || value === undefined ? null : value.toLowerCase();
}

const DAY_MS = 86_400_000;

/** Whole days from `start` to `end` (YYYY-MM-DD); 0 for one day, for a reversed range or an unreadable date. */
export function spanDays(start: string, end: string): number {
  const days = (Date.parse(`${end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / DAY_MS;
  return Number.isFinite(days) && days > 0 ? Math.round(days) : 0;
}

export function eventToRow(
  event: StoredEvent,
  createdAt: string,
  updatedAt: string,
  version?: number,
): Insertable<EventsTable> {
  const r = event.record;
  const loc = r.location;
  const f = r.fatalities;
  return {
    id: r.id,
    operation_id: r.operation_id,
    date_start: r.date.start,
    date_end: r.date.end,
    date_precision: r.date.precision,
    ...locationColumns(loc),
    event_type: r.event_type,
    sub_event_type: r.sub_event_type,
    actor1_name: r.actor1?.name ?? null,
    actor2_name: r.actor2?.name ?? null,
    fatalities_low: f?.low ?? null,
    fatalities_best: f?.best ?? null,
    fatalities_high: f?.high ?? null,
    contested: f !== null && f.low < f.high ? 1 : 0,
    record: JSON.stringify(r),
    mention_ids: JSON.stringify(event.mentionIds),
    decisions: JSON.stringify(event.decisions),
    admin1_key: foldKey(loc?.admin1),
    admin2_key: foldKey(loc?.admin2),
    actor1_key: foldKey(r.actor1?.name),
    actor2_key: foldKey(r.actor2?.name),
    fatalities_rank: f?.best ?? -1,
    // as written, not folded: publisher profiles tell outlets apart by their names as given
    publisher_count: new Set(r.sources.flatMap((s) => (s.publisher ? [s.publisher] : []))).size,
    date_week: isoWeek(r.date.start),
    date_span: spanDays(r.date.start, r.date.end),
    created_at: createdAt,
    updated_at: updatedAt,
    ...(version === undefined ? {} : { version }),
  };
}

/** One row per distinct source document of the event. */
export function eventSourceRows(record: EventRecord): Insertable<EventSourcesTable>[] {
  const byDoc = new Map<string, Insertable<EventSourcesTable>>();
  for (const s of record.sources) {
    if (!byDoc.has(s.doc_id))
      byDoc.set(s.doc_id, { event_id: record.id, doc_id: s.doc_id, publisher_key: foldKey(s.publisher) });
  }
  return [...byDoc.values()];
}

export type StoredEventRow = Pick<Selectable<EventsTable>, 'record' | 'mention_ids' | 'decisions'>;

export function rowToStoredEvent(row: StoredEventRow): StoredEvent {
  return {
    record: JSON.parse(row.record) as EventRecord,
    mentionIds: JSON.parse(row.mention_ids) as string[],
    decisions: JSON.parse(row.decisions) as MergeDecision[],
  };
}

export function operationToRow(operation: OperationRecord): Insertable<OperationsTable> {
  return { id: operation.id, record: JSON.stringify(operation) };
}

export function rowToOperation(row: Pick<Selectable<OperationsTable>, 'record'>): OperationRecord {
  return JSON.parse(row.record) as OperationRecord;
}

export function profileToRow(profile: PublisherProfile): Insertable<PublishersTable> {
  return { name: profile.name, profile: JSON.stringify(profile) };
}

export function rowToProfile(row: Pick<Selectable<PublishersTable>, 'profile'>): PublisherProfile {
  return JSON.parse(row.profile) as PublisherProfile;
}

/** Plain code-unit order, so that both backends list in the same order whatever PostgreSQL's collation. */
export function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
