import { DATE_PRECISIONS, EVENT_TYPES, PLACE_PRECISIONS, TARGETS, WEAPONS, isOneOf } from './enums.js';
import type { EventRecord } from './event-record.js';
import type { ActorRef } from './mention.js';
import type { EditableField } from './review.js';

/** Why an edited event would be invalid: the field (dotted, as "date.end") and the reason, for one clear line. */
export interface EditProblem {
  readonly field: string;
  readonly reason: string;
}

/** What the checks need from outside the record: the gazetteer's districts and the actor table. */
export interface EditRules {
  /** Whether the gazetteer knows this district (in this province, when one is given) in this country. */
  readonly knownDistrict: (place: {
    readonly country: string;
    readonly admin1: string | null;
    readonly admin2: string;
  }) => boolean;
  /** The actor a name, alias or acronym stands for in the actor table, or null. */
  readonly actorNamed: (name: string) => Pick<ActorRef, 'name' | 'type'> | null;
  /** The known actor name closest to a misspelt one, for the refusal's "did you mean". */
  readonly suggestActor: (name: string) => string | null;
}

const ISO_DAY = /^\d{4}-\d\d-\d\d$/;

function isDay(value: unknown): value is string {
  return typeof value === 'string' && ISO_DAY.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The new value of a field given a person's patch: an object patch is laid over the current object (so that
 * correcting a figure's best, or a place's district, leaves the rest), anything else replaces it.
 */
export function patchedValue(current: unknown, patch: unknown): unknown {
  return isObject(current) && isObject(patch) ? { ...current, ...patch } : patch;
}

function figureProblems(field: string, value: unknown): EditProblem[] {
  if (value === null) return [];
  if (!isObject(value)) return [{ field, reason: 'must be {low, best, high} or null' }];
  const out: EditProblem[] = [];
  for (const part of ['low', 'best', 'high'] as const) {
    const n = value[part];
    if (typeof n !== 'number' || !Number.isInteger(n))
      out.push({ field: `${field}.${part}`, reason: 'must be a whole number' });
    else if (n < 0) out.push({ field: `${field}.${part}`, reason: `is negative (${n}); a count cannot be` });
  }
  if (out.length > 0) return out;
  const { low, best, high } = value as { low: number; best: number; high: number };
  if (low > best || best > high)
    out.push({
      field: `${field}.best`,
      reason: `low ${low}, best ${best} and high ${high} must rise in that order`,
    });
  return out;
}

function dateProblems(value: unknown): EditProblem[] {
  if (!isObject(value)) return [{ field: 'date', reason: 'must be {start, end, precision}' }];
  const out: EditProblem[] = [];
  if (!isDay(value.start)) out.push({ field: 'date.start', reason: 'must be a day, YYYY-MM-DD' });
  if (!isDay(value.end)) out.push({ field: 'date.end', reason: 'must be a day, YYYY-MM-DD' });
  if (out.length === 0 && (value.end as string) < (value.start as string))
    out.push({
      field: 'date.end',
      reason: `${String(value.end)} is before the start, ${String(value.start)}`,
    });
  if (!isOneOf(DATE_PRECISIONS, value.precision))
    out.push({ field: 'date.precision', reason: `must be one of ${DATE_PRECISIONS.join(', ')}` });
  return out;
}

function locationProblems(value: unknown, rules: EditRules, previousAdmin2: string | null): EditProblem[] {
  if (value === null) return [];
  if (!isObject(value)) return [{ field: 'location', reason: 'must be a place or null' }];
  const out: EditProblem[] = [];
  if (typeof value.name !== 'string' || value.name.trim() === '')
    out.push({ field: 'location.name', reason: 'must name the place' });
  if (typeof value.country !== 'string' || !/^[A-Z]{2}$/.test(value.country))
    out.push({ field: 'location.country', reason: 'must be a two-letter country code' });
  if (!isOneOf(PLACE_PRECISIONS, value.precision))
    out.push({ field: 'location.precision', reason: `must be one of ${PLACE_PRECISIONS.join(', ')}` });
  for (const axis of ['lat', 'lon'] as const) {
    const n = value[axis];
    const limit = axis === 'lat' ? 90 : 180;
    if (n !== null && (typeof n !== 'number' || !Number.isFinite(n) || Math.abs(n) > limit))
      out.push({ field: `location.${axis}`, reason: `must be a number within ±${limit}, or null` });
  }
  const admin1 = typeof value.admin1 === 'string' ? value.admin1 : null;
  if (value.admin2 !== null && value.admin2 !== undefined) {
    if (typeof value.admin2 !== 'string')
      out.push({ field: 'location.admin2', reason: 'must be a district name or null' });
    else if (
      value.admin2 !== previousAdmin2 &&
      typeof value.country === 'string' &&
      !rules.knownDistrict({ country: value.country, admin1, admin2: value.admin2 })
    )
      out.push({
        field: 'location.admin2',
        reason: `${value.admin2} is not a district the gazetteer knows${admin1 ? ` in ${admin1}` : ''}`,
      });
  }
  return out;
}

function actorProblems(field: string, value: unknown): EditProblem[] {
  if (value === null) return [];
  if (!isObject(value) || typeof value.name !== 'string' || value.name.trim() === '')
    return [{ field: `${field}.name`, reason: 'must name the actor (or the actor is null)' }];
  return [];
}

/**
 * What would make the edited event invalid, for the fields a person changed (and the sub-event type whenever the
 * type changed, since one must belong to the other). Empty: the edit may be stored.
 */
export function editProblems(
  record: EventRecord,
  fields: readonly EditableField[],
  rules: EditRules,
  /** The event before the edit: a district it already had (the machine's reading) is not checked again. */
  previous?: EventRecord,
): EditProblem[] {
  const out: EditProblem[] = [];
  const changed = new Set(fields);
  const value = record as unknown as Record<string, unknown>;
  for (const field of changed) {
    switch (field) {
      case 'date':
        out.push(...dateProblems(value.date));
        break;
      case 'location':
        out.push(...locationProblems(value.location, rules, previous?.location?.admin2 ?? null));
        break;
      case 'fatalities':
      case 'injured':
        out.push(...figureProblems(field, value[field]));
        break;
      case 'actor1':
      case 'actor2':
        out.push(...actorProblems(field, value[field]));
        break;
      case 'weapon':
        if (!isOneOf(WEAPONS, value.weapon))
          out.push({ field, reason: `must be one of ${WEAPONS.join(', ')}` });
        break;
      case 'target':
        if (!isOneOf(TARGETS, value.target))
          out.push({ field, reason: `must be one of ${TARGETS.join(', ')}` });
        break;
      case 'notes':
        if (typeof value.notes !== 'string') out.push({ field, reason: 'must be text' });
        break;
      case 'event_type':
      case 'sub_event_type':
        break;
    }
  }
  if (changed.has('event_type') || changed.has('sub_event_type')) {
    const type = value.event_type;
    if (typeof type !== 'string' || !Object.hasOwn(EVENT_TYPES, type))
      out.push({ field: 'event_type', reason: `${String(type)} is not an ACLED event type` });
    else if (
      !(EVENT_TYPES[type as keyof typeof EVENT_TYPES] as readonly string[]).includes(
        String(value.sub_event_type),
      )
    )
      out.push({
        field: 'sub_event_type',
        reason: `${String(value.sub_event_type)} is not a sub-event type of ${type}; change both together`,
      });
  }
  return out;
}
