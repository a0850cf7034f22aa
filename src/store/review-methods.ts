import type { Kysely, Selectable, Transaction } from 'kysely';
import type {
  EditAction,
  EditableField,
  Editor,
  EventEdit,
  EventRecord,
  EventReview,
  ReviewState,
  ResolutionOverride,
} from '../domain/index.js';
import { applyReview, fieldValue } from '../domain/index.js';
import { FaultlineError } from '../errors/errors.js';
import { slices } from './chunks.js';
import { eventToRow, rowToStoredEvent } from './event-rows.js';
import { stampChange } from './resolution-methods.js';
import { jsonOf, readReviewStates, takeWriteLock } from './review-rows.js';
import type { Database, EventEditsTable } from './schema.js';
import { toNumber } from './schema.js';
import { eventSearchText } from './search-text.js';
import { RollupDelta } from './trend-rollup.js';
import { guarded } from './store-error.js';
import type { EventDecision, FieldEdit, NewOverride, QueuedEvent, Store, StoredEvent } from './store.js';

type ReviewMethods = Pick<
  Store,
  | 'getEventReview'
  | 'editEvent'
  | 'decideEvent'
  | 'recordOverride'
  | 'listOverrides'
  | 'listEventEdits'
  | 'reviewQueue'
>;

const NO_REVIEW: ReviewState = {
  reviewed: false,
  reviewedBy: null,
  reviewedAt: null,
  notIncident: false,
  locks: [],
};

interface Current {
  readonly stored: StoredEvent;
  readonly version: number;
  readonly createdAt: string;
}

/** The event at the version the person saw, or the coded refusal: not stored, or changed since. */
async function readAtVersion(trx: Transaction<Database>, eventId: string, version: number): Promise<Current> {
  const row = await trx
    .selectFrom('events')
    .select(['record', 'mention_ids', 'decisions', 'version', 'created_at'])
    .where('id', '=', eventId)
    .executeTakeFirst();
  if (row === undefined) throw new FaultlineError('FL_ERR_NOT_FOUND', `event ${eventId}`);
  const current = toNumber(row.version);
  if (current !== version)
    throw new FaultlineError(
      'FL_ERR_CONFLICT',
      `event ${eventId}`,
      `version ${version} was given, it is at ${current} now: reload it and make the change again`,
    );
  return { stored: rowToStoredEvent(row), version: current, createdAt: row.created_at };
}

async function recordEdit(
  trx: Transaction<Database>,
  at: string,
  editor: Editor,
  entry: {
    readonly eventId: string;
    readonly action: EditAction;
    readonly field: string | null;
    readonly before: unknown;
    readonly after: unknown;
    readonly reason: string | null;
  },
): Promise<void> {
  await trx
    .insertInto('event_edits')
    .values({
      event_id: entry.eventId,
      at,
      user_id: editor.userId,
      by_name: editor.name,
      action: entry.action,
      field: entry.field,
      before: jsonOf(entry.before),
      after: jsonOf(entry.after),
      reason: entry.reason,
    })
    .execute();
}

/**
 * Writes the event's new record over its row (every derived column with it), one version on. `dismissed` says
 * whether a person had marked it not an incident before this change and after it: a dismissed event is not in
 * the trend rollup, so a dismissal takes its counts out and its undoing puts them back.
 */
async function rewriteEvent(
  trx: Transaction<Database>,
  current: Current,
  record: EventRecord,
  updatedAt: string,
  dismissed: { readonly before: boolean; readonly after: boolean },
): Promise<void> {
  const {
    id: _id,
    created_at: _created,
    ...columns
  } = eventToRow({ ...current.stored, record }, current.createdAt, updatedAt, current.version + 1);
  // a person's date, place, type, actor or figure moves the event between the trend rollup's cells; the row it
  // had is the one the event read at this version makes, so it needs no second read
  const before = eventToRow(current.stored, current.createdAt, current.createdAt, current.version);
  await trx.updateTable('events').set(columns).where('id', '=', record.id).execute();
  await new RollupDelta()
    .remove([{ ...before, dismissed: dismissed.before }])
    .add([{ ...columns, dismissed: dismissed.after }])
    .apply(trx);
  await trx
    .updateTable('event_search')
    .set({ body: eventSearchText(record) })
    .where('event_id', '=', record.id)
    .execute();
  await stampChange(trx, [record.id]);
}

async function ensureReviewRow(trx: Transaction<Database>, eventId: string, at: string): Promise<void> {
  await trx
    .insertInto('event_reviews')
    .values({
      event_id: eventId,
      reviewed: 0,
      not_incident: 0,
      reviewed_by: null,
      reviewed_at: null,
      updated_at: at,
    })
    .onConflict((oc) => oc.column('event_id').doNothing())
    .execute();
}

function reviewOf(eventId: string, version: number, state: ReviewState | undefined): EventReview {
  return { eventId, version, ...(state ?? NO_REVIEW) };
}

function rowToEdit(r: Selectable<EventEditsTable>): EventEdit {
  return {
    id: toNumber(r.id),
    eventId: r.event_id,
    at: r.at,
    by: r.by_name,
    userId: r.user_id === null ? null : toNumber(r.user_id),
    action: r.action as EditAction,
    field: r.field,
    before: JSON.parse(r.before) as unknown,
    after: JSON.parse(r.after) as unknown,
    reason: r.reason,
  };
}

/**
 * A merge moves what people decided about the events that go onto the event kept, so that no lock or review is
 * left under an id that no longer exists: each lock of a field the kept event has not locked (its own locks win),
 * and a confirmation when the kept event has no decision of its own (its history entry names the event it came
 * from). A dismissal is not carried: merging says
 * the reports belong to the kept incident, whose own state stands. Each carried item is on the kept event's
 * record; the events that go keep their history under their own ids. A going event's dismissal goes with its
 * review row, so it counts in the trend rollup again until the resolution that follows removes it.
 */
async function carryReviews(
  trx: Transaction<Database>,
  at: string,
  override: NewOverride,
  read: ReadonlyMap<string, Current>,
  gone: readonly string[],
): Promise<void> {
  const keptId = override.eventId;
  const kept = read.get(keptId)!;
  const undismissed = new RollupDelta();
  const states = await readReviewStates(trx, [keptId, ...gone]);
  const own = states.get(keptId) ?? NO_REVIEW;
  const locked = new Set(own.locks.map((l) => l.field));
  let reviewed = own.reviewed || own.notIncident;
  for (const id of gone) {
    const state = states.get(id);
    if (state === undefined) continue;
    for (const lock of state.locks) {
      if (locked.has(lock.field)) continue;
      locked.add(lock.field);
      await trx
        .insertInto('event_locks')
        .values({
          event_id: keptId,
          field: lock.field,
          value: jsonOf(lock.value),
          machine: jsonOf(lock.machine),
          set_by: lock.setBy,
          set_at: lock.setAt,
        })
        .execute();
      await recordEdit(trx, at, override.editor, {
        eventId: keptId,
        action: 'merge',
        field: lock.field,
        before: fieldValue(kept.stored.record, lock.field),
        after: lock.value,
        reason: override.reason,
      });
    }
    if (!reviewed && state.reviewed && !state.notIncident) {
      reviewed = true;
      await ensureReviewRow(trx, keptId, at);
      await trx
        .updateTable('event_reviews')
        .set({ reviewed: 1, reviewed_by: state.reviewedBy, reviewed_at: state.reviewedAt, updated_at: at })
        .where('event_id', '=', keptId)
        .execute();
      await recordEdit(trx, at, override.editor, {
        eventId: keptId,
        action: 'merge',
        field: 'reviewed',
        before: { reviewed: false },
        after: { reviewed: true, reviewed_by: state.reviewedBy, reviewed_at: state.reviewedAt, from: id },
        reason: override.reason,
      });
    }
    await trx.deleteFrom('event_locks').where('event_id', '=', id).execute();
    await trx.deleteFrom('event_reviews').where('event_id', '=', id).execute();
    const going = read.get(id);
    if (state.notIncident && going !== undefined)
      undismissed.add([eventToRow(going.stored, going.createdAt, going.createdAt, going.version)]);
  }
  await undismissed.apply(trx);
}

/** People's decisions about events (migration 0019); written once for both backends. */
export function createReviewMethods(db: Kysely<Database>, now: () => Date): ReviewMethods {
  async function getEventReview(eventId: string): Promise<EventReview | null> {
    return guarded(`event ${eventId}`, () =>
      db.transaction().execute(async (trx) => {
        const row = await trx
          .selectFrom('events')
          .select('version')
          .where('id', '=', eventId)
          .executeTakeFirst();
        if (row === undefined) return null;
        const states = await readReviewStates(trx, [eventId]);
        return reviewOf(eventId, toNumber(row.version), states.get(eventId));
      }),
    );
  }

  async function editEvent(edit: FieldEdit): Promise<EventReview> {
    const fields = Object.keys(edit.changes) as EditableField[];
    if (fields.length === 0)
      throw new FaultlineError('FL_ERR_BAD_ARGUMENT', `edit of event ${edit.eventId}`, 'changes no field');
    const at = now().toISOString();
    return guarded(`event ${edit.eventId}`, () =>
      db.transaction().execute(async (trx) => {
        await takeWriteLock(trx);
        const current = await readAtVersion(trx, edit.eventId, edit.version);
        const held = (await readReviewStates(trx, [edit.eventId])).get(edit.eventId) ?? NO_REVIEW;
        const record = current.stored.record;
        await ensureReviewRow(trx, edit.eventId, at);
        const locks = new Map(held.locks.map((l) => [l.field, l]));
        for (const field of fields) {
          const value = edit.changes[field];
          const before = fieldValue(record, field);
          // a field not locked yet holds the machine's value; a locked one keeps the machine's value it noted
          const machine = locks.get(field)?.machine ?? before;
          await trx
            .deleteFrom('event_locks')
            .where('event_id', '=', edit.eventId)
            .where('field', '=', field)
            .execute();
          await trx
            .insertInto('event_locks')
            .values({
              event_id: edit.eventId,
              field,
              value: jsonOf(value),
              machine: jsonOf(machine),
              set_by: edit.editor.name,
              set_at: at,
            })
            .execute();
          locks.set(field, { field, value, machine, setBy: edit.editor.name, setAt: at });
          await recordEdit(trx, at, edit.editor, {
            eventId: edit.eventId,
            action: edit.action ?? 'edit',
            field,
            before,
            after: value,
            reason: edit.reason,
          });
        }
        const state: ReviewState = { ...held, locks: [...locks.values()] };
        const dismissed = { before: held.notIncident, after: held.notIncident };
        await rewriteEvent(trx, current, applyReview(record, state), at, dismissed);
        const states = await readReviewStates(trx, [edit.eventId]);
        return reviewOf(edit.eventId, current.version + 1, states.get(edit.eventId));
      }),
    );
  }

  async function decideEvent(decision: EventDecision): Promise<EventReview> {
    const at = now().toISOString();
    return guarded(`event ${decision.eventId}`, () =>
      db.transaction().execute(async (trx) => {
        await takeWriteLock(trx);
        const current = await readAtVersion(trx, decision.eventId, decision.version);
        const held = (await readReviewStates(trx, [decision.eventId])).get(decision.eventId) ?? NO_REVIEW;
        const notIncident = decision.decision === 'not_incident';
        await ensureReviewRow(trx, decision.eventId, at);
        await trx
          .updateTable('event_reviews')
          .set({
            reviewed: 1,
            reviewed_by: decision.editor.name,
            reviewed_at: at,
            not_incident: notIncident ? 1 : 0,
            updated_at: at,
          })
          .where('event_id', '=', decision.eventId)
          .execute();
        await recordEdit(trx, at, decision.editor, {
          eventId: decision.eventId,
          action: decision.decision,
          field: null,
          before: { reviewed: held.reviewed, not_incident: held.notIncident },
          after: { reviewed: true, not_incident: notIncident },
          reason: decision.reason,
        });
        const state: ReviewState = {
          ...held,
          reviewed: true,
          reviewedBy: decision.editor.name,
          reviewedAt: at,
          notIncident,
        };
        await rewriteEvent(trx, current, applyReview(current.stored.record, state), at, {
          before: held.notIncident,
          after: notIncident,
        });
        return reviewOf(decision.eventId, current.version + 1, state);
      }),
    );
  }

  async function recordOverride(override: NewOverride): Promise<ResolutionOverride> {
    if (override.mentionIds.length === 0)
      throw new FaultlineError(
        'FL_ERR_BAD_ARGUMENT',
        `${override.kind} into ${override.eventId}`,
        'names no report',
      );
    const at = now().toISOString();
    return guarded(`${override.kind} into ${override.eventId}`, () =>
      db.transaction().execute(async (trx) => {
        await takeWriteLock(trx);
        const read = new Map<string, Current>();
        for (const e of override.events) read.set(e.id, await readAtVersion(trx, e.id, e.version));
        const row = await trx
          .insertInto('resolution_overrides')
          .values({ kind: override.kind, event_id: override.eventId, by_name: override.editor.name, at })
          .returning('id')
          .executeTakeFirstOrThrow();
        const mentionIds = [...new Set(override.mentionIds)].sort();
        for (const ids of slices(mentionIds))
          await trx
            .insertInto('resolution_override_mentions')
            .values(ids.map((m) => ({ override_id: row.id, mention_id: m })))
            .execute();
        for (const e of override.events) {
          await recordEdit(trx, at, override.editor, {
            eventId: e.id,
            action: override.kind,
            field: null,
            before: { events: override.events.map((x) => x.id) },
            after: { event: override.eventId, reports: mentionIds },
            reason: override.reason,
          });
        }
        if (override.kind === 'merge' && read.has(override.eventId)) {
          const gone = override.events.map((e) => e.id).filter((id) => id !== override.eventId);
          await carryReviews(trx, at, override, read, gone);
        }
        return {
          id: toNumber(row.id),
          kind: override.kind,
          eventId: override.eventId,
          mentionIds,
          by: override.editor.name,
          at,
        };
      }),
    );
  }

  async function listOverrides(mentionIds: readonly string[]): Promise<readonly ResolutionOverride[]> {
    const ids = new Set<number>();
    for (const slice of slices([...new Set(mentionIds)])) {
      const rows = await guarded('listOverrides', () =>
        db
          .selectFrom('resolution_override_mentions')
          .select('override_id')
          .distinct()
          .where('mention_id', 'in', slice)
          .execute(),
      );
      for (const r of rows) ids.add(toNumber(r.override_id));
    }
    if (ids.size === 0) return [];
    const out: ResolutionOverride[] = [];
    for (const slice of slices([...ids])) {
      const rows = await guarded('listOverrides', () =>
        db.selectFrom('resolution_overrides').selectAll().where('id', 'in', slice).execute(),
      );
      const members = await guarded('listOverrides', () =>
        db
          .selectFrom('resolution_override_mentions')
          .selectAll()
          .where('override_id', 'in', slice)
          .orderBy('mention_id')
          .execute(),
      );
      for (const r of rows) {
        const id = toNumber(r.id);
        out.push({
          id,
          kind: r.kind as ResolutionOverride['kind'],
          eventId: r.event_id,
          mentionIds: members.filter((m) => toNumber(m.override_id) === id).map((m) => m.mention_id),
          by: r.by_name,
          at: r.at,
        });
      }
    }
    return out.sort((a, b) => a.id - b.id);
  }

  async function listEventEdits(eventId: string): Promise<readonly EventEdit[]> {
    const rows = await guarded(`event ${eventId}`, () =>
      db.selectFrom('event_edits').selectAll().where('event_id', '=', eventId).orderBy('id').execute(),
    );
    return rows.map(rowToEdit);
  }

  async function reviewQueue(page: {
    readonly limit: number;
    readonly offset: number;
  }): Promise<{ readonly total: number; readonly items: readonly QueuedEvent[] }> {
    const open = db
      .selectFrom('events')
      .leftJoin('event_reviews', 'event_reviews.event_id', 'events.id')
      .where((eb) =>
        eb.or([
          eb('event_reviews.event_id', 'is', null),
          eb.and([eb('event_reviews.reviewed', '=', 0), eb('event_reviews.not_incident', '=', 0)]),
        ]),
      );
    return guarded('reviewQueue', async () => {
      const counted = await open.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
      const rows = await open
        .select(['events.record', 'events.mention_ids', 'events.decisions', 'events.version'])
        .orderBy('events.fatalities_rank', 'desc')
        .orderBy('events.date_start', 'desc')
        .orderBy('events.id')
        .limit(page.limit)
        .offset(page.offset)
        .execute();
      return {
        total: toNumber(counted.n as number | string),
        items: rows.map((r) => ({ event: rowToStoredEvent(r), version: toNumber(r.version) })),
      };
    });
  }

  return {
    getEventReview,
    editEvent,
    decideEvent,
    recordOverride,
    listOverrides,
    listEventEdits,
    reviewQueue,
  };
}
