import type { EventRecord } from './event-record.js';

/**
 * The fields of an event a person may set. Each is a whole top-level field of the record, so that a lock holds
 * one value and the machine's value beside it compares as one (a place is its name, district, province and
 * coordinates together: a corrected district with the machine's town would be neither's place).
 */
export const EDITABLE_FIELDS = [
  'date',
  'location',
  'event_type',
  'sub_event_type',
  'weapon',
  'target',
  'actor1',
  'actor2',
  'fatalities',
  'injured',
  'notes',
] as const;
export type EditableField = (typeof EDITABLE_FIELDS)[number];

export function isEditableField(value: unknown): value is EditableField {
  return typeof value === 'string' && (EDITABLE_FIELDS as readonly string[]).includes(value);
}

/** Who made a change: a user (its stable id and name) or the server's own token ("api-token", no user). */
export interface Editor {
  readonly userId: number | null;
  readonly name: string;
}

/** The name edits by FAULTLINE_API_TOKEN are recorded under: it acts as an editor with no user. */
export const SERVER_TOKEN_EDITOR = 'api-token';

/**
 * A field a person set: the value kept whatever extraction and resolution later say, and the machine's current
 * value beside it (null when the machine has none), so that a disagreement shows.
 */
export interface FieldLock {
  readonly field: EditableField;
  readonly value: unknown;
  readonly machine: unknown;
  readonly setBy: string;
  readonly setAt: string;
}

/** Whether the machine's value differs from the person's: compared as JSON, keys in the record's order. */
export function machineDisagrees(lock: Pick<FieldLock, 'value' | 'machine'>): boolean {
  return JSON.stringify(lock.value) !== JSON.stringify(lock.machine);
}

/** An event's review state: the person's decisions that every rebuild of the event keeps. */
export interface ReviewState {
  readonly reviewed: boolean;
  readonly reviewedBy: string | null;
  readonly reviewedAt: string | null;
  /** A person said the reports describe no incident (statistics, a statement, a recalled event...). */
  readonly notIncident: boolean;
  readonly locks: readonly FieldLock[];
}

/** An event's review as the API and `explain` show it, with the version an edit must name. */
export interface EventReview extends ReviewState {
  readonly eventId: string;
  /** Grows with every change to the stored event; an edit naming an older one is refused (FL_ERR_CONFLICT). */
  readonly version: number;
}

export const EDIT_ACTIONS = ['edit', 'choose_claim', 'confirm', 'not_incident', 'merge', 'split'] as const;
export type EditAction = (typeof EDIT_ACTIONS)[number];

/** One change on the record: who, when, which event and field, the value before and after, and why. */
export interface EventEdit {
  readonly id: number;
  readonly eventId: string;
  readonly at: string;
  readonly by: string;
  readonly userId: number | null;
  readonly action: EditAction;
  /** The field changed (edit, choose_claim), or null for a decision about the whole event. */
  readonly field: string | null;
  readonly before: unknown;
  readonly after: unknown;
  readonly reason: string | null;
}

/**
 * A grouping a person decided, kept apart from the machine's plan so that re-resolution applies it again:
 * `merge` makes one event, with id `eventId`, of whatever events hold `mentionIds`; `split` takes `mentionIds`
 * out of their events into their own event `eventId`. Applied in the order they were made.
 */
export interface ResolutionOverride {
  readonly id: number;
  readonly kind: 'merge' | 'split';
  readonly eventId: string;
  readonly mentionIds: readonly string[];
  readonly by: string;
  readonly at: string;
}

/** The review fields an event record carries once a person has decided anything about it. */
export interface ReviewFields {
  readonly reviewed: boolean;
  readonly reviewed_by: string | null;
  readonly reviewed_at: string | null;
  readonly not_incident: boolean;
}

/**
 * The record with a person's decisions applied over the machine's: each locked field takes the person's value,
 * and the review fields are added. The one function every rebuilt or edited event passes through, so that
 * nothing a person decided is undone by the next extraction or resolution. No review: the record unchanged.
 */
export function applyReview(machine: EventRecord, review: ReviewState | null): EventRecord {
  if (review === null) return machine;
  const record: Record<string, unknown> = { ...machine };
  for (const lock of review.locks) record[lock.field] = lock.value;
  const fields: ReviewFields = {
    reviewed: review.reviewed,
    reviewed_by: review.reviewedBy,
    reviewed_at: review.reviewedAt,
    not_incident: review.notIncident,
  };
  return { ...(record as unknown as EventRecord), ...fields };
}

/** The value of an editable field in a record, as a lock would store it. */
export function fieldValue(record: EventRecord, field: EditableField): unknown {
  return (record as unknown as Record<string, unknown>)[field] ?? null;
}
