import { sql } from 'kysely';
import type { Expression, ExpressionBuilder, Kysely, SqlBool, Transaction } from 'kysely';
import type { OperationRecord, ResolvableMention, SourceInfo } from '../domain/index.js';
import { applyReview, fieldValue, LINKABLE_SPAN_DAYS } from '../domain/index.js';
import { chunks, slices } from './chunks.js';
import { eventSourceRows, eventToRow, operationToRow } from './event-rows.js';
import { eventSearchText } from './search-text.js';
import { groupByMention, rowToMention } from './mention-rows.js';
import type { Database } from './schema.js';
import { toNumber } from './schema.js';
import { jsonOf, readReviewStates } from './review-rows.js';
import { guarded } from './store-error.js';
import type { ResolutionScope, Store, StoredEvent } from './store.js';
import { dismissedColumn, ROLLUP_SOURCE_COLUMNS, RollupDelta } from './trend-rollup.js';

type ResolutionMethods = Pick<
  Store,
  | 'listResolutionInputs'
  | 'listMentionInputs'
  | 'listEventMentionIds'
  | 'listCoMentionIds'
  | 'linkedScopes'
  | 'replaceResolution'
>;

function daysBefore(iso: string, days: number): string {
  const t = Date.parse(`${iso}T00:00:00Z`);
  return Number.isFinite(t) ? new Date(t - days * 86_400_000).toISOString().slice(0, 10) : iso;
}

/**
 * Linkable mentions whose dates overlap the window, in exactly the scope's country and province. The lower bound
 * on the start date is implied by the other conditions (a linkable date spans at most LINKABLE_SPAN_DAYS), and
 * it turns the blocking index's read into a range as long as the window.
 */
function inScope(scope: ResolutionScope) {
  return (eb: ExpressionBuilder<Database, 'mentions'>): Expression<SqlBool> =>
    eb.and([
      eb('mentions.date_start', '<=', scope.to),
      eb('mentions.date_start', '>=', daysBefore(scope.from, LINKABLE_SPAN_DAYS)),
      eb('mentions.date_end', '>=', scope.from),
      eb('mentions.linkable', '=', 1),
      scope.country === null
        ? eb('mentions.country', 'is', null)
        : eb('mentions.country', '=', scope.country),
      scope.admin1 === null ? eb('mentions.admin1', 'is', null) : eb('mentions.admin1', '=', scope.admin1),
    ]);
}

interface Change {
  readonly mentionIds: readonly string[];
  readonly events: readonly StoredEvent[];
  readonly operations: readonly OperationRecord[];
  readonly resolvedIds?: readonly string[];
}

/**
 * Removes the events (and their operations) that hold any of the mentions, and the events and operations whose
 * ids are about to be written: a re-resolution replaces, never duplicates. A mention of a removed event that the
 * change does not plan is marked unresolved, never left without an event. Returns the creation times of the
 * removed events, so that an event that keeps its id keeps its age.
 */
interface Previous {
  readonly createdAt: string;
  readonly version: number;
  readonly record: string;
}

async function clearPrevious(
  trx: Transaction<Database>,
  change: Change,
  rollup: RollupDelta,
): Promise<Map<string, Previous>> {
  // A write that touches no row, first, so that SQLite takes its write lock at once: a read-only transaction
  // could not be upgraded if another process wrote in between (SQLITE_BUSY_SNAPSHOT).
  await trx
    .updateTable('mentions')
    .set({ event_id: null })
    .where(sql<boolean>`1 = 0`)
    .execute();
  const linked = new Set<string>();
  const planned = new Set(change.mentionIds);
  const orphans: string[] = [];
  for (const ids of slices([...planned])) {
    const rows = await trx
      .selectFrom('mentions')
      .select('event_id')
      .distinct()
      .where('id', 'in', ids)
      .where('event_id', 'is not', null)
      .execute();
    for (const r of rows) if (r.event_id !== null) linked.add(r.event_id);
  }
  const doomed = [...new Set([...linked, ...change.events.map((e) => e.record.id)])];
  const previous = new Map<string, Previous>();
  const operationIds = new Set(change.operations.map((o) => o.id));
  for (const ids of slices(doomed)) {
    const rows = await trx
      .selectFrom('events')
      .select(['id', 'created_at', 'operation_id', 'version', 'record', ...ROLLUP_SOURCE_COLUMNS])
      // a dismissed event is not in the rollup: its counts are not taken out
      .select(dismissedColumn().as('dismissed'))
      .where('id', 'in', ids)
      .execute();
    rollup.remove(rows);
    for (const r of rows) {
      previous.set(r.id, { createdAt: r.created_at, version: toNumber(r.version), record: r.record });
      if (linked.has(r.id) && r.operation_id !== null) operationIds.add(r.operation_id);
    }
    // Every mention that pointed at a replaced event is let go; the new events relink their own below, and
    // those outside the change, which nothing would relink, are marked for a later round to plan.
    const held = await trx.selectFrom('mentions').select('id').where('event_id', 'in', ids).execute();
    for (const r of held) if (!planned.has(r.id)) orphans.push(r.id);
    await trx.updateTable('mentions').set({ event_id: null }).where('event_id', 'in', ids).execute();
    await trx.deleteFrom('event_sources').where('event_id', 'in', ids).execute();
    // the foreign key would cascade too; deleted here so that no path depends on SQLite's foreign_keys pragma
    await trx.deleteFrom('event_search').where('event_id', 'in', ids).execute();
    await trx.deleteFrom('events').where('id', 'in', ids).execute();
  }
  for (const ids of slices([...operationIds])) {
    await trx.deleteFrom('operations').where('id', 'in', ids).execute();
  }
  for (const ids of slices(orphans)) {
    await trx.updateTable('mentions').set({ unresolved: 1 }).where('id', 'in', ids).execute();
  }
  return previous;
}

/**
 * The one place where a rebuilt event meets what people decided about it: each record takes its locked fields'
 * values and its review fields (applyReview), and each lock notes the machine's value of this build, so that a
 * disagreement shows. An event keeps its version unless its record changed: a neighbour's re-resolution that
 * rewrites it unchanged must not turn an editor's save into a conflict.
 */
async function applyReviews(
  trx: Transaction<Database>,
  events: readonly StoredEvent[],
  previous: ReadonlyMap<string, Previous>,
): Promise<{
  readonly events: readonly StoredEvent[];
  readonly versions: readonly number[];
  /** Whether a person marked each event not an incident: it is written, but not counted in the rollup. */
  readonly dismissed: readonly boolean[];
}> {
  const states = await readReviewStates(
    trx,
    events.map((e) => e.record.id),
  );
  const out: StoredEvent[] = [];
  const versions: number[] = [];
  const dismissed: boolean[] = [];
  for (const event of events) {
    const state = states.get(event.record.id) ?? null;
    dismissed.push(state?.notIncident === true);
    const record = applyReview(event.record, state);
    for (const lock of state?.locks ?? []) {
      const machine = jsonOf(fieldValue(event.record, lock.field));
      if (machine === jsonOf(lock.machine)) continue;
      await trx
        .updateTable('event_locks')
        .set({ machine })
        .where('event_id', '=', event.record.id)
        .where('field', '=', lock.field)
        .execute();
    }
    const before = previous.get(record.id);
    versions.push(
      before === undefined ? 1 : before.version + (before.record === JSON.stringify(record) ? 0 : 1),
    );
    out.push({ ...event, record });
  }
  return { events: out, versions, dismissed };
}

/**
 * Bumps the change counter and gives its new number to the events just written, last in the transaction: the
 * counter's row stays locked until commit, so concurrent resolutions (PostgreSQL workers) commit their numbers in
 * order, and holding it only for this one update keeps them from waiting on each other's whole write.
 */
export async function stampChange(trx: Transaction<Database>, eventIds: readonly string[]): Promise<void> {
  const row = await trx
    .updateTable('event_changes')
    .set((eb) => ({ value: eb('value', '+', 1) }))
    .where('name', '=', 'events')
    .returning('value')
    .executeTakeFirstOrThrow();
  for (const ids of slices([...new Set(eventIds)])) {
    await trx.updateTable('events').set({ change_seq: row.value }).where('id', 'in', ids).execute();
  }
}

/** Resolution's reads and its one write; written once for both backends. */
export function createResolutionMethods(
  db: Kysely<Database>,
  now: () => Date,
  afterWrite: (events: number) => void = () => undefined,
): ResolutionMethods {
  /** Mentions matching `filter`, their claims and their documents, read as one state of the store. */
  async function readInputs(
    subject: string,
    filter: (eb: ExpressionBuilder<Database, 'mentions'>) => Expression<SqlBool>,
  ): Promise<readonly ResolvableMention[]> {
    // Three reads that must see one state of the store: one repeatable-read transaction.
    const [mentions, claims, documents] = await guarded(subject, () =>
      db
        .transaction()
        .setIsolationLevel('repeatable read')
        .execute(async (trx) => {
          const m = await trx
            .selectFrom('mentions')
            .selectAll()
            .where(filter)
            .orderBy('doc_id')
            .orderBy('idx')
            .orderBy('id')
            .execute();
          const c = await trx
            .selectFrom('claims')
            .selectAll()
            .where('mention_id', 'in', trx.selectFrom('mentions').select('mentions.id').where(filter))
            .orderBy('mention_id')
            .orderBy('scope')
            .orderBy('ord')
            .execute();
          // Each document's text is read once, however many of its mentions are in scope.
          const docs = [];
          for (const ids of slices([...new Set(m.map((row) => row.doc_id))])) {
            docs.push(
              ...(await trx
                .selectFrom('documents')
                .select(['id', 'publisher', 'url', 'published', 'text'])
                .where('id', 'in', ids)
                .execute()),
            );
          }
          return [m, c, docs] as const;
        }),
    );
    const byMention = groupByMention(claims);
    const sources = new Map<string, SourceInfo>(
      documents.map((d) => [
        d.id,
        { docId: d.id, publisher: d.publisher, url: d.url, published: d.published, text: d.text },
      ]),
    );
    return guarded(subject, async () =>
      mentions.map((row) => ({
        mention: rowToMention(row, byMention.get(row.id) ?? []),
        // The foreign key makes a missing document impossible; the fallback keeps the type honest.
        source: sources.get(row.doc_id) ?? {
          docId: row.doc_id,
          publisher: null,
          url: null,
          published: null,
          text: '',
        },
      })),
    );
  }

  async function listResolutionInputs(scope: ResolutionScope): Promise<readonly ResolvableMention[]> {
    const subject = `listResolutionInputs ${scope.country ?? '*'}/${scope.admin1 ?? '*'} ${scope.from}..${scope.to}`;
    return readInputs(subject, inScope(scope));
  }

  async function listMentionInputs(ids: readonly string[]): Promise<readonly ResolvableMention[]> {
    const inputs: ResolvableMention[] = [];
    for (const slice of slices([...new Set(ids)].sort())) {
      inputs.push(...(await readInputs('listMentionInputs', (eb) => eb('mentions.id', 'in', slice))));
    }
    return inputs.sort((a, b) => (a.mention.id < b.mention.id ? -1 : a.mention.id > b.mention.id ? 1 : 0));
  }

  async function listEventMentionIds(eventIds: readonly string[]): Promise<readonly string[]> {
    const ids: string[] = [];
    for (const slice of slices([...new Set(eventIds)])) {
      const rows = await guarded('listEventMentionIds', () =>
        db.selectFrom('mentions').select('id').where('event_id', 'in', slice).execute(),
      );
      for (const r of rows) ids.push(r.id);
    }
    return ids.sort();
  }

  async function listCoMentionIds(mentionIds: readonly string[]): Promise<readonly string[]> {
    const ids = new Set<string>();
    for (const slice of slices([...new Set(mentionIds)])) {
      const rows = await guarded('listCoMentionIds', () =>
        db
          .selectFrom('mentions')
          .select('mentions.id')
          .where(
            'mentions.event_id',
            'in',
            db
              .selectFrom('mentions as own')
              .select('own.event_id')
              .where('own.id', 'in', slice)
              .where('own.event_id', 'is not', null),
          )
          .execute(),
      );
      for (const r of rows) ids.add(r.id);
    }
    return [...ids].sort();
  }

  async function replaceResolution(change: Change): Promise<void> {
    const resolved = [...new Set(change.resolvedIds ?? change.mentionIds)];
    if (change.mentionIds.length + change.events.length + change.operations.length + resolved.length === 0)
      return;
    const updatedAt = now().toISOString();
    await guarded('replaceResolution', () =>
      db.transaction().execute(async (trx) => {
        const rollup = new RollupDelta();
        const previous = await clearPrevious(trx, change, rollup);
        const { events, versions, dismissed } = await applyReviews(trx, change.events, previous);
        const eventRows = events.map((e, i) =>
          eventToRow(e, previous.get(e.record.id)?.createdAt ?? updatedAt, updatedAt, versions[i]),
        );
        for (const chunk of chunks(eventRows)) await trx.insertInto('events').values(chunk).execute();
        // the replaced events' counts out and the new ones' in, as one change: an event re-resolved unchanged
        // touches no row of the rollup
        await rollup.add(eventRows.map((row, i) => ({ ...row, dismissed: dismissed[i] }))).apply(trx);
        const operationRows = change.operations.map(operationToRow);
        for (const chunk of chunks(operationRows)) await trx.insertInto('operations').values(chunk).execute();
        const sourceRows = events.flatMap((e) => eventSourceRows(e.record));
        for (const chunk of chunks(sourceRows)) await trx.insertInto('event_sources').values(chunk).execute();
        // in the same transaction as its event: a search never finds an event that is gone or misses a new one
        const searchRows = events.map((e) => ({
          event_id: e.record.id,
          body: eventSearchText(e.record),
        }));
        for (const chunk of chunks(searchRows)) await trx.insertInto('event_search').values(chunk).execute();
        for (const event of change.events) {
          for (const ids of slices([...new Set(event.mentionIds)])) {
            await trx
              .updateTable('mentions')
              .set({ event_id: event.record.id })
              .where('id', 'in', ids)
              .execute();
          }
        }
        // in the same transaction as the events: a crash leaves the mentions either resolved or still marked
        for (const ids of slices(resolved)) {
          await trx
            .updateTable('mentions')
            .set({ unresolved: 0 })
            .where('id', 'in', ids)
            .where('unresolved', '=', 1)
            .execute();
        }
        await stampChange(
          trx,
          change.events.map((e) => e.record.id),
        );
      }),
    );
    // Statistics are an optimisation: failing to refresh them must not fail a write that succeeded.
    try {
      afterWrite(change.events.length);
    } catch {
      // ignored on purpose
    }
  }

  async function linkedScopes(
    mentionIds: readonly string[],
    options: { readonly operationsOnly?: boolean } = {},
  ): Promise<readonly ResolutionScope[]> {
    const scopes: ResolutionScope[] = [];
    // Two reads, by event and by operation key, rather than one with OR: each then follows its own index,
    // where an OR of the two scans every mention.
    const links = options.operationsOnly
      ? (['operation_key'] as const)
      : (['event_id', 'operation_key'] as const);
    for (const link of links) {
      for (const ids of slices([...new Set(mentionIds)])) {
        const rows = await guarded('linkedScopes', () =>
          db
            .selectFrom('mentions')
            .select((eb) => [
              'mentions.country',
              'mentions.admin1',
              eb.fn.min('mentions.date_start').as('from'),
              eb.fn.max('mentions.date_end').as('to'),
            ])
            .where(
              `mentions.${link}`,
              'in',
              db
                .selectFrom('mentions as own')
                .select(`own.${link}`)
                .where('own.id', 'in', ids)
                .where(`own.${link}`, 'is not', null),
            )
            // a vague mention is planned alone and never widens a read (it lost its event: see clearPrevious)
            .where('mentions.linkable', '=', 1)
            .groupBy(['mentions.country', 'mentions.admin1'])
            .execute(),
        );
        scopes.push(...rows);
      }
    }
    return scopes;
  }

  return {
    listResolutionInputs,
    listMentionInputs,
    listEventMentionIds,
    listCoMentionIds,
    linkedScopes,
    replaceResolution,
  };
}
