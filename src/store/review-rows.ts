import type { Transaction } from 'kysely';
import { sql } from 'kysely';
import type { EditableField, FieldLock, ReviewState } from '../domain/index.js';
import { slices } from './chunks.js';
import type { Database } from './schema.js';

/** JSON of a value for a text column; undefined (a field the record lacks) is stored as null. */
export function jsonOf(value: unknown): string {
  return JSON.stringify(value === undefined ? null : value);
}

/** The review states (review row and locks) of the events, read in the caller's transaction. */
export async function readReviewStates(
  trx: Transaction<Database>,
  eventIds: readonly string[],
): Promise<Map<string, ReviewState>> {
  const states = new Map<string, ReviewState>();
  const reviews = new Map<string, Omit<ReviewState, 'locks'>>();
  const locks = new Map<string, FieldLock[]>();
  for (const ids of slices([...new Set(eventIds)])) {
    const rows = await trx.selectFrom('event_reviews').selectAll().where('event_id', 'in', ids).execute();
    for (const r of rows)
      reviews.set(r.event_id, {
        reviewed: r.reviewed === 1,
        reviewedBy: r.reviewed_by,
        reviewedAt: r.reviewed_at,
        notIncident: r.not_incident === 1,
      });
    const held = await trx
      .selectFrom('event_locks')
      .selectAll()
      .where('event_id', 'in', ids)
      .orderBy('event_id')
      .orderBy('field')
      .execute();
    for (const r of held) {
      const list = locks.get(r.event_id) ?? [];
      list.push({
        field: r.field as EditableField,
        value: JSON.parse(r.value) as unknown,
        machine: JSON.parse(r.machine) as unknown,
        setBy: r.set_by,
        setAt: r.set_at,
      });
      locks.set(r.event_id, list);
    }
  }
  for (const id of new Set([...reviews.keys(), ...locks.keys()])) {
    const review = reviews.get(id) ?? {
      reviewed: false,
      reviewedBy: null,
      reviewedAt: null,
      notIncident: false,
    };
    states.set(id, { ...review, locks: locks.get(id) ?? [] });
  }
  return states;
}

/**
 * A write that touches no row, first in a transaction that reads before it writes, so that SQLite takes its
 * write lock at once: a read-only transaction could not be upgraded if another process wrote in between.
 */
export async function takeWriteLock(trx: Transaction<Database>): Promise<void> {
  await trx
    .updateTable('event_reviews')
    .set({ reviewed: 0 })
    .where(sql<boolean>`1 = 0`)
    .execute();
}
