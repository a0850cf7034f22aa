import type { Transaction } from 'kysely';
import { slices } from './chunks.js';
import { nextChange, noteRemovals } from './resolution-methods.js';
import type { Database } from './schema.js';
import { dismissedColumn, ROLLUP_SOURCE_COLUMNS, RollupDelta } from './trend-rollup.js';

/**
 * Lets go of the events a document's stored mentions belong to, inside the transaction that replaces those
 * mentions (saveExtraction). Without it a re-extracted document would leave its old events behind: the new
 * mentions are new rows, and nothing would find the events the old rows pointed at. An event that no other
 * document reports is removed; the other documents' mentions of the rest, and of the other events of an
 * operation that loses one, are marked unresolved, so that the next resolution re-plans them (the event stays
 * readable until then, and a crash leaves the marks for `faultline resolve`).
 */
export async function releaseDocumentEvents(trx: Transaction<Database>, docId: string): Promise<void> {
  const heldRows = await trx
    .selectFrom('mentions')
    .select('event_id')
    .distinct()
    .where('doc_id', '=', docId)
    .where('event_id', 'is not', null)
    .execute();
  const held = heldRows.flatMap((r) => (r.event_id === null ? [] : [r.event_id]));
  const gone: string[] = [];
  for (const ids of slices(held)) {
    const keptRows = await trx
      .selectFrom('mentions')
      .select('event_id')
      .distinct()
      .where('event_id', 'in', ids)
      .where('doc_id', '<>', docId)
      .execute();
    await trx
      .updateTable('mentions')
      .set({ unresolved: 1 })
      .where('event_id', 'in', ids)
      .where('doc_id', '<>', docId)
      .execute();
    const kept = new Set(keptRows.map((r) => r.event_id));
    const emptied = ids.filter((id) => !kept.has(id));
    if (emptied.length === 0) continue;
    const operationRows = await trx
      .selectFrom('events')
      .select('operation_id')
      .distinct()
      .where('id', 'in', emptied)
      .where('operation_id', 'is not', null)
      .execute();
    const operations = operationRows.flatMap((r) => (r.operation_id === null ? [] : [r.operation_id]));
    const removed = await trx
      .selectFrom('events')
      .select(ROLLUP_SOURCE_COLUMNS)
      .select(dismissedColumn().as('dismissed'))
      .where('id', 'in', emptied)
      .execute();
    await new RollupDelta().remove(removed).apply(trx);
    await trx.updateTable('mentions').set({ event_id: null }).where('event_id', 'in', emptied).execute();
    await trx.deleteFrom('event_sources').where('event_id', 'in', emptied).execute();
    await trx.deleteFrom('events').where('id', 'in', emptied).execute();
    gone.push(...emptied);
    if (operations.length === 0) continue;
    // the operation's record names the removed event: its other towns are re-planned, and write it anew
    await trx
      .updateTable('mentions')
      .set({ unresolved: 1 })
      .where('event_id', 'in', trx.selectFrom('events').select('id').where('operation_id', 'in', operations))
      .execute();
    await trx
      .deleteFrom('operations')
      .where('id', 'in', operations)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('events').select('events.id').whereRef('events.operation_id', '=', 'operations.id'),
          ),
        ),
      )
      .execute();
  }
  // a removal is a change like any write: the feed's readers (the server's event index) must hear of it
  if (gone.length > 0) await noteRemovals(trx, gone, await nextChange(trx));
}
