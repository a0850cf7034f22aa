import type { ActorType, EventRecord, OperationRecord } from '../domain/index.js';
import { countryCodes } from './country-codes.js';
import type { CsvCell } from './csv-line.js';
import { latestPublished, midpoint } from './date-codes.js';

export const ACLED_COLUMNS = [
  'event_id_cnty',
  'event_date',
  'year',
  'time_precision',
  'disorder_type',
  'event_type',
  'sub_event_type',
  'actor1',
  'assoc_actor_1',
  'inter1',
  'actor2',
  'assoc_actor_2',
  'inter2',
  'interaction',
  'civilian_targeting',
  'iso',
  'region',
  'country',
  'admin1',
  'admin2',
  'admin3',
  'location',
  'latitude',
  'longitude',
  'geo_precision',
  'source',
  'source_scale',
  'notes',
  'fatalities',
  'tags',
  'timestamp',
] as const;

/** ACLED's inter codes, in the order of ACTOR_TYPES. */
const INTER: Readonly<Record<ActorType, number>> = {
  state_forces: 1,
  rebel_group: 2,
  political_militia: 3,
  identity_militia: 4,
  rioters: 5,
  protesters: 6,
  civilians: 7,
  external_other: 8,
};

const DISORDER: Readonly<Record<string, string>> = {
  Battles: 'Political violence',
  'Explosions/Remote violence': 'Political violence',
  'Violence against civilians': 'Political violence',
  Protests: 'Demonstrations',
  Riots: 'Demonstrations',
  'Strategic developments': 'Strategic developments',
};

// ACLED codes force used on a demonstration as both kinds of disorder.
const BOTH_KINDS = new Set(['Excessive force against protesters', 'Mob violence']);

const GEO_PRECISION: Readonly<Record<string, number>> = {
  place: 1,
  near_place: 2,
  district: 2,
  province: 3,
  country: 3,
};

// An id that is a hash (optionally behind a short prefix) already spreads well; a composite id ("doc_<hash>-m0-0")
// shares its leading digits with its siblings and must be hashed whole.
const HASH_ID = /^(?:[a-z]{1,16}[-_:])?([0-9a-f]{8,})$/i;

/**
 * A stable number for an event id: its first 12 hex digits as a decimal when the id is a hash, else a 48-bit hash
 * (cyrb53) of the whole id. 48 bits keep collisions unlikely even over a million events.
 */
export function eventNumber(id: string): number {
  const hex = HASH_ID.exec(id)?.[1];
  if (hex) return parseInt(hex.slice(0, 12), 16);
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < id.length; i++) {
    const ch = id.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (h2 & 0xffff) * 0x1_0000_0000 + (h1 >>> 0);
}

export function interCode(actor: { readonly type: ActorType | null } | null): number {
  return actor?.type ? INTER[actor.type] : 0;
}

/** ACLED writes the two codes smaller first (12), and a one-sided event as its code then 0 (20). */
export function interaction(a: number, b: number): number {
  if (a === 0 || b === 0) return Math.max(a, b) * 10;
  return Math.min(a, b) * 10 + Math.max(a, b);
}

/** ACLED's date for a range: its day, the middle of a few days or a week, the 15th of a month. */
export function acledDate(date: EventRecord['date']): { eventDate: string; timePrecision: number } {
  switch (date.precision) {
    case 'day':
      return { eventDate: date.start, timePrecision: 1 };
    case 'days':
      return { eventDate: midpoint(date), timePrecision: 1 };
    case 'week':
      return { eventDate: midpoint(date), timePrecision: 2 };
    case 'month':
      return { eventDate: `${date.start.slice(0, 7)}-15`, timePrecision: 3 };
    default:
      return { eventDate: midpoint(date), timePrecision: 3 };
  }
}

export function disorderType(eventType: string, subEventType: string): string {
  if (BOTH_KINDS.has(subEventType)) return 'Political violence; Demonstrations';
  return DISORDER[eventType] ?? '';
}

function figureText(f: NonNullable<OperationRecord['fatalities']>): string {
  return f.low === f.high ? `${f.best}` : `${f.best} (${f.low}-${f.high})`;
}

/** The record's notes, with the operation it is part of and, when known, the toll reported for the whole operation. */
export function acledNotes(record: EventRecord, operations?: ReadonlyMap<string, OperationRecord>): string {
  const notes = `${record.notes}${reviewNote(record)}`;
  if (!record.operation_id) return notes;
  const op = operations?.get(record.operation_id);
  const toll = op?.fatalities
    ? ` Fatalities reported for the whole operation: ${figureText(op.fatalities)}.`
    : '';
  return `${notes} Part of operation ${record.operation_id}.${toll}`;
}

/** What ACLED users read in the notes about a person's review: who confirmed the coding, and when. */
function reviewNote(record: EventRecord): string {
  if (!record.reviewed) return '';
  const day = record.reviewed_at?.slice(0, 10) ?? 'an unknown date';
  const who = record.reviewed_by ?? 'an analyst';
  return record.not_incident
    ? ` [Reviewed by ${who} on ${day}: not an incident.]`
    : ` [Reviewed by ${who} on ${day}.]`;
}

function publishers(record: EventRecord): string {
  const names = new Set<string>();
  for (const s of record.sources) if (s.publisher) names.add(s.publisher);
  return [...names].join('; ');
}

/** One ACLED row for a record, in ACLED_COLUMNS order. Pure. */
export function acledRow(record: EventRecord, operations?: ReadonlyMap<string, OperationRecord>): CsvCell[] {
  const loc = record.location;
  const codes = countryCodes(loc?.country);
  const countryCode = codes?.iso3 ?? (loc?.country ? loc.country.toUpperCase() : 'XXX');
  const { eventDate, timePrecision } = acledDate(record.date);
  const year = Number(eventDate.slice(0, 4));
  const inter1 = interCode(record.actor1);
  const inter2 = interCode(record.actor2);
  const f = record.fatalities;
  return [
    `${countryCode}${eventNumber(record.id)}`,
    eventDate,
    Number.isInteger(year) ? year : null,
    timePrecision,
    disorderType(record.event_type, record.sub_event_type),
    record.event_type,
    record.sub_event_type,
    record.actor1?.name ?? '',
    '',
    inter1,
    record.actor2?.name ?? '',
    '',
    inter2,
    interaction(inter1, inter2),
    record.target === 'civilians' ? 'Civilian targeting' : '',
    codes?.isoNumeric ?? null,
    codes?.region ?? '',
    codes?.name ?? loc?.country ?? '',
    loc?.admin1 ?? '',
    loc?.admin2 ?? '',
    '',
    loc?.name ?? '',
    loc?.lat ?? null,
    loc?.lon ?? null,
    loc ? (GEO_PRECISION[loc.precision] ?? 3) : null,
    publishers(record),
    'Other',
    acledNotes(record, operations),
    f?.best ?? 0,
    f && f.low < f.high ? 'contested' : '',
    latestPublished(record.sources),
  ];
}
