import type { EditableField, Editor, EditRules, EventRecord, EventReview } from '../domain/index.js';
import { EDITABLE_FIELDS, editProblems, fieldValue, isEditableField, patchedValue } from '../domain/index.js';
import { FaultlineError } from '../errors/errors.js';
import { hex16 } from '../resolve/event-id.js';
import type { Store, StoredEvent } from '../store/store.js';
import { resolveSeeds, seedOf } from './resolve-stored.js';

async function eventAt(store: Store, id: string): Promise<StoredEvent> {
  const event = await store.getEvent(id);
  if (event === null) throw new FaultlineError('FL_ERR_NOT_FOUND', `event ${id}`);
  return event;
}

/** Re-plans the reports of the given events now, so that a person's merge or split shows at once. */
async function replan(store: Store, mentionIds: readonly string[]): Promise<void> {
  const inputs = await store.listMentionInputs(mentionIds);
  await resolveSeeds(
    store,
    inputs.map((i) => seedOf(i.mention)),
  );
}

export interface MergeRequest {
  /** The event kept: its id, review and locks stay. */
  readonly keep: { readonly id: string; readonly version: number };
  /** The event merged into it, which goes. */
  readonly other: { readonly id: string; readonly version: number };
  readonly editor: Editor;
  readonly reason: string | null;
}

/**
 * Merges two events as a person decided: stored as a decision that every later resolution applies again
 * (applyOverrides), recorded on both events, and applied now. FL_ERR_CONFLICT when either changed since read.
 */
export async function mergeEvents(store: Store, request: MergeRequest): Promise<StoredEvent> {
  if (request.keep.id === request.other.id)
    throw new FaultlineError(
      'FL_ERR_BAD_ARGUMENT',
      `merge of ${request.keep.id}`,
      'an event cannot merge into itself',
    );
  const keep = await eventAt(store, request.keep.id);
  const other = await eventAt(store, request.other.id);
  const mentionIds = [...keep.mentionIds, ...other.mentionIds];
  await store.recordOverride({
    kind: 'merge',
    eventId: keep.record.id,
    mentionIds,
    editor: request.editor,
    reason: request.reason,
    events: [request.keep, request.other],
  });
  await replan(store, mentionIds);
  return eventAt(store, keep.record.id);
}

export interface SplitRequest {
  readonly event: { readonly id: string; readonly version: number };
  /** The reports taken out: these mentions, or every mention of this document. */
  readonly mentionIds?: readonly string[];
  readonly docId?: string;
  readonly editor: Editor;
  readonly reason: string | null;
}

/**
 * Takes reports out of an event into an event of their own, as a person decided; kept like a merge. The new
 * event's id comes from the reports it holds, so that the same split always makes the same id.
 */
export async function splitEvent(store: Store, request: SplitRequest): Promise<StoredEvent> {
  const event = await eventAt(store, request.event.id);
  const held = new Set(event.mentionIds);
  const wanted =
    request.docId !== undefined
      ? (await store.listMentionInputs(event.mentionIds))
          .filter((i) => i.mention.docId === request.docId)
          .map((i) => i.mention.id)
      : [...new Set(request.mentionIds ?? [])];
  const subject = `split of ${event.record.id}`;
  if (wanted.length === 0)
    throw new FaultlineError(
      'FL_ERR_BAD_ARGUMENT',
      subject,
      'names no report of this event (mentionIds or docId)',
    );
  const stray = wanted.find((m) => !held.has(m));
  if (stray !== undefined)
    throw new FaultlineError('FL_ERR_BAD_ARGUMENT', subject, `report ${stray} is not of this event`);
  if (wanted.length === held.size)
    throw new FaultlineError(
      'FL_ERR_BAD_ARGUMENT',
      subject,
      'would take out every report; at least one must stay',
    );
  const newId = `ev_${hex16(`split|${[...wanted].sort().join('|')}`)}`;
  await store.recordOverride({
    kind: 'split',
    eventId: newId,
    mentionIds: wanted,
    editor: request.editor,
    reason: request.reason,
    events: [request.event],
  });
  await replan(store, event.mentionIds);
  return eventAt(store, newId);
}

/**
 * An actor written by name, as a person types it: the actor table's entry for it ('' for no actor). A name the
 * table does not know is refused, with the closest it knows; the claim flag stays only for the same actor.
 */
function namedActor(
  field: 'actor1' | 'actor2',
  name: string,
  rules: EditRules,
  current: EventRecord['actor1'] | EventRecord['actor2'],
): EventRecord['actor1'] | EventRecord['actor2'] {
  if (name.trim() === '') return null;
  const known = rules.actorNamed(name);
  if (!known) {
    const near = rules.suggestActor(name);
    throw new FaultlineError(
      'FL_ERR_INVALID_EDIT',
      `field ${field}`,
      `${name.trim()} is not an actor the actor table knows${near === null ? '' : `; did you mean ${near}?`}`,
    );
  }
  if (field === 'actor2') return { name: known.name, type: known.type };
  const claimed = current !== null && 'claimed' in current && current.name === known.name && current.claimed;
  return { name: known.name, type: known.type, claimed };
}

export interface FieldEditRequest {
  readonly eventId: string;
  readonly version: number;
  readonly editor: Editor;
  readonly reason: string | null;
  /** Each field's new value; an object is laid over the current one (patchedValue). */
  readonly fields: Readonly<Record<string, unknown>>;
  readonly action?: 'edit' | 'choose_claim';
}

/**
 * A person's edit of fields: checked against the event it would make (FL_ERR_INVALID_EDIT naming the first field
 * at fault, nothing stored), then stored under the version check with each field locked and recorded.
 */
export async function editEventFields(
  store: Store,
  rules: EditRules,
  request: FieldEditRequest,
): Promise<EventReview> {
  const subject = `edit of event ${request.eventId}`;
  const names = Object.keys(request.fields);
  if (names.length === 0) throw new FaultlineError('FL_ERR_BAD_ARGUMENT', subject, 'changes no field');
  const unknown = names.find((n) => !isEditableField(n));
  if (unknown !== undefined)
    throw new FaultlineError(
      'FL_ERR_INVALID_EDIT',
      `field ${unknown}`,
      `not a field a person may set (${EDITABLE_FIELDS.join(', ')})`,
    );
  const fields = names as EditableField[];
  const event = await eventAt(store, request.eventId);
  const changes: Partial<Record<EditableField, unknown>> = {};
  for (const f of fields) {
    const value = request.fields[f];
    changes[f] =
      (f === 'actor1' || f === 'actor2') && typeof value === 'string'
        ? namedActor(f, value, rules, event.record[f])
        : patchedValue(fieldValue(event.record, f), value);
  }
  const edited = { ...event.record, ...changes } as EventRecord;
  const problem = editProblems(edited, fields, rules, event.record)[0];
  if (problem !== undefined)
    throw new FaultlineError('FL_ERR_INVALID_EDIT', `field ${problem.field}`, problem.reason);
  return store.editEvent({
    eventId: request.eventId,
    version: request.version,
    editor: request.editor,
    reason: request.reason,
    changes,
    ...(request.action === undefined ? {} : { action: request.action }),
  });
}

/**
 * Sets the event's best figure to the one a claim gives (a person judging which claimant to believe): the
 * claim's metric decides the field (killed: fatalities, injured: injured), and low and high widen to hold it.
 */
export async function chooseClaim(
  store: Store,
  rules: EditRules,
  request: {
    readonly eventId: string;
    readonly version: number;
    readonly claim: number;
    readonly editor: Editor;
    readonly reason: string | null;
  },
): Promise<EventReview> {
  const event = await eventAt(store, request.eventId);
  const claim = event.record.claims[request.claim];
  if (claim === undefined)
    throw new FaultlineError(
      'FL_ERR_BAD_ARGUMENT',
      `claim ${request.claim}`,
      `the event has ${event.record.claims.length} claims`,
    );
  const field = claim.metric === 'killed' ? 'fatalities' : claim.metric === 'injured' ? 'injured' : null;
  if (field === null)
    throw new FaultlineError(
      'FL_ERR_BAD_ARGUMENT',
      `claim ${request.claim}`,
      `a ${claim.metric} figure sets no field of the event`,
    );
  const current = event.record[field];
  const best = claim.best;
  return editEventFields(store, rules, {
    eventId: request.eventId,
    version: request.version,
    editor: request.editor,
    reason: request.reason ?? `the figure of ${claim.claimant} (${claim.stance})`,
    fields: {
      [field]: {
        low: Math.min(current?.low ?? best, best),
        best,
        high: Math.max(current?.high ?? best, best),
      },
    },
    action: 'choose_claim',
  });
}
