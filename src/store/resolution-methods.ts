import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Expression, ExpressionBuilder, Kysely, SqlBool, Transaction } from 'kysely';
import type { OperationRecord, SourceInfo } from '../domain/index.js';
import { applyReview, fieldValue, LINKABLE_SPAN_DAYS } from '../domain/index.js';
import { chunks, MAX_PARAMETERS, slices } from './chunks.js';
import { eventSourceRows, eventToRow, operationToRow } from './event-rows.js';
import { eventSearchText } from './search-text.js';
import { groupByMention, rowToMention } from './mention-rows.js';
import type { Database } from './schema.js';
import { toNumber } from './schema.js';
import { jsonOf, readReviewStates } from './review-rows.js';
import { guarded } from './store-error.js';
import type { ResolutionKey, ResolutionScope, Store, StoredEvent, StoredInput } from './store.js';
import { dismissedColumn, ROLLUP_SOURCE_COLUMNS, RollupDelta, type RollupSource } from './trend-rollup.js';

type ResolutionMethods = Pick<
  Store,
  | 'listResolutionInputs'
  | 'listMentionInputs'
  | 'listResolutionKeys'
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
  readonly reopenedIds?: readonly string[];
}

/** What a replaced event was: its age and version are kept by the event that takes its id. */
interface Previous {
  readonly createdAt: string;
  readonly version: number;
  /** Its stored record, and its mention ids and decisions (linksText), as compared (see Comparison). */
  readonly recordDigest: string;
  readonly linksDigest: string;
}

/**
 * How a plan is compared with the stored events: 'digest' (PostgreSQL) has the database compute a SHA-256 of each
 * stored text, so that a round re-planning thousands of events, most of them unchanged, does not read their records
 * over the wire; 'text' (SQLite, in-process) reads and compares the texts themselves, which costs less than hashing.
 */
export type Comparison = 'digest' | 'text';

/** A text as `comparison` compares it: the SHA-256 of its UTF-8 bytes in hex, as PostgreSQL computes it, or itself. */
function comparable(comparison: Comparison, text: string): string {
  return comparison === 'digest' ? createHash('sha256').update(text, 'utf8').digest('hex') : text;
}

/** An event's mention ids and decisions (JSON, which holds no raw newline) as one text. */
const linksText = (mentionIds: string, decisions: string): string => `${mentionIds}\n${decisions}`;

/** An event about to be written, with a person's review laid over it. */
interface Planned {
  readonly event: StoredEvent;
  /** The record as it is to be stored (JSON), and as it is compared (see Comparison). */
  readonly json: string;
  readonly digest: string;
  readonly version: number;
  /** A person marked it not an incident: it is written, but not counted in the rollup. */
  readonly dismissed: boolean;
}

/**
 * The stored state a change replaces: the events holding any of its mentions or bearing one of its event ids,
 * and which mentions point at each. Read first in the transaction, with a write that touches no row before it,
 * so that SQLite takes its write lock at once: a read-only transaction could not be upgraded if another process
 * wrote in between (SQLITE_BUSY_SNAPSHOT).
 */
async function readPrevious(
  trx: Transaction<Database>,
  change: Change,
  comparison: Comparison,
): Promise<{
  readonly linked: ReadonlySet<string>;
  readonly rows: ReadonlyMap<string, Previous & RollupSource & { readonly operationId: string | null }>;
  /** Mention ids pointing at each previous event, as stored. */
  readonly held: ReadonlyMap<string, readonly string[]>;
}> {
  await trx
    .updateTable('mentions')
    .set({ event_id: null })
    .where(sql<boolean>`1 = 0`)
    .execute();
  const linked = new Set<string>();
  for (const ids of slices([...new Set(change.mentionIds)])) {
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
  const rows = new Map<string, Previous & RollupSource & { readonly operationId: string | null }>();
  const held = new Map<string, string[]>();
  for (const ids of slices(doomed)) {
    const found = await trx
      .selectFrom('events')
      .select(['id', 'created_at', 'operation_id', 'version'])
      .select(ROLLUP_SOURCE_COLUMNS)
      // a dismissed event is not in the rollup: its counts are not taken out
      .select(dismissedColumn().as('dismissed'))
      .select(
        comparison === 'digest'
          ? [
              sql<string>`encode(sha256(convert_to(record, 'UTF8')), 'hex')`.as('record_digest'),
              sql<string>`encode(sha256(convert_to(mention_ids || chr(10) || decisions, 'UTF8')), 'hex')`.as(
                'links_digest',
              ),
            ]
          : [
              sql<string>`record`.as('record_digest'),
              sql<string>`mention_ids || char(10) || decisions`.as('links_digest'),
            ],
      )
      .where('id', 'in', ids)
      .execute();
    for (const r of found)
      rows.set(r.id, {
        ...r,
        createdAt: r.created_at,
        version: toNumber(r.version),
        recordDigest: r.record_digest,
        linksDigest: r.links_digest,
        operationId: r.operation_id,
      });
    const pointing = await trx
      .selectFrom('mentions')
      .select(['id', 'event_id'])
      .where('event_id', 'in', ids)
      .execute();
    for (const r of pointing) {
      if (r.event_id === null) continue;
      const list = held.get(r.event_id) ?? [];
      list.push(r.id);
      held.set(r.event_id, list);
    }
  }
  return { linked, rows, held };
}

/**
 * Whether a planned event is the stored one already, to the byte: the same record (after its review), mention
 * ids and decisions, and exactly its mentions pointing at it. Such an event is left as it is: a round re-plans
 * whole blocks around a few new reports, and most of what it plans comes out as it was, so rewriting it (its
 * row, sources, search words, rollup cells, mention links) was most of a round's cost, for no change.
 */
function isUnchanged(
  comparison: Comparison,
  planned: Planned,
  before: Previous | undefined,
  held: readonly string[] | undefined,
): boolean {
  if (before === undefined || held === undefined) return false;
  const ids = planned.event.mentionIds;
  if (before.recordDigest !== planned.digest || held.length !== ids.length) return false;
  const links = linksText(JSON.stringify(ids), JSON.stringify(planned.event.decisions));
  if (before.linksDigest !== comparable(comparison, links)) return false;
  const own = new Set(ids);
  return own.size === ids.length && held.every((id) => own.has(id));
}

/** Sets the unresolved marker of `ids` to `value`, writing only the rows it changes. */
async function markUnresolved(
  trx: Transaction<Database>,
  ids: readonly string[],
  value: 0 | 1,
): Promise<void> {
  for (const slice of slices(ids)) {
    await trx
      .updateTable('mentions')
      .set({ unresolved: value })
      .where('id', 'in', slice)
      .where('unresolved', '=', value === 1 ? 0 : 1)
      .execute();
  }
}

/**
 * Removes the events a change replaces (and the operations of those its mentions held): their rows, sources,
 * search words and rollup counts; lets go of their mentions, and marks unresolved those the change does not plan,
 * never left without an event.
 */
async function removeEvents(
  trx: Transaction<Database>,
  removed: readonly string[],
  held: ReadonlyMap<string, readonly string[]>,
  planned: ReadonlySet<string>,
  operationIds: ReadonlySet<string>,
): Promise<void> {
  const orphans = removed.flatMap((id) => (held.get(id) ?? []).filter((m) => !planned.has(m)));
  for (const ids of slices([...removed])) {
    await trx.updateTable('mentions').set({ event_id: null }).where('event_id', 'in', ids).execute();
    await trx.deleteFrom('event_sources').where('event_id', 'in', ids).execute();
    // the foreign key would cascade too; deleted here so that no path depends on SQLite's foreign_keys pragma
    await trx.deleteFrom('event_search').where('event_id', 'in', ids).execute();
    await trx.deleteFrom('events').where('id', 'in', ids).execute();
  }
  for (const ids of slices([...operationIds])) {
    await trx.deleteFrom('operations').where('id', 'in', ids).execute();
  }
  await markUnresolved(trx, orphans, 1);
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
  comparison: Comparison,
): Promise<readonly Planned[]> {
  const states = await readReviewStates(
    trx,
    events.map((e) => e.record.id),
  );
  const out: Planned[] = [];
  for (const event of events) {
    const state = states.get(event.record.id) ?? null;
    const record = state === null ? event.record : applyReview(event.record, state);
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
    const json = JSON.stringify(record);
    const digest = comparable(comparison, json);
    const before = previous.get(record.id);
    out.push({
      event: { ...event, record },
      json,
      digest,
      version: before === undefined ? 1 : before.version + (before.recordDigest === digest ? 0 : 1),
      dismissed: state?.notIncident === true,
    });
  }
  return out;
}

/**
 * Points each mention at its event: one statement per few thousand mentions (a join with a list of values, the
 * same SQL on both backends), rather than one per event.
 */
async function linkMentions(trx: Transaction<Database>, events: readonly StoredEvent[]): Promise<void> {
  const pairs = new Map<string, string>();
  for (const e of events) for (const id of e.mentionIds) pairs.set(id, e.record.id);
  for (const slice of slices([...pairs], MAX_PARAMETERS / 2)) {
    const values = sql.join(slice.map(([id, eventId]) => sql`(${id}, ${eventId})`));
    await sql`update mentions set event_id = v.column2 from (values ${values}) as v
               where mentions.id = v.column1`.execute(trx);
  }
}

/**
 * Bumps the change counter and returns its new number. The counter's row stays locked until commit, so writers
 * commit their numbers in order (once `latestEventChange` has answered N, nothing numbered N or less can appear
 * later); each writer takes it as late in its transaction as it can, so that the others wait little for it.
 */
export async function nextChange(trx: Transaction<Database>): Promise<number> {
  const row = await trx
    .updateTable('event_changes')
    .set((eb) => ({ value: eb('value', '+', 1) }))
    .where('name', '=', 'events')
    .returning('value')
    .executeTakeFirstOrThrow();
  return toNumber(row.value);
}

/** Gives the events just written the counter's new number (nextChange), last in the transaction. */
export async function stampChange(trx: Transaction<Database>, eventIds: readonly string[]): Promise<void> {
  const change = await nextChange(trx);
  for (const ids of slices([...new Set(eventIds)])) {
    await trx.updateTable('events').set({ change_seq: change }).where('id', 'in', ids).execute();
  }
}

/** Removals are kept for this many changes; a reader of the feed further behind than that reads everything again. */
export const REMOVALS_KEPT = 100_000;

/**
 * Notes the events a change removed under its number (migration 0022), and forgets those of changes more than
 * REMOVALS_KEPT ago, so that the table holds what a reader that keeps up can ask for and no more.
 */
export async function noteRemovals(
  trx: Transaction<Database>,
  eventIds: readonly string[],
  change: number,
): Promise<void> {
  const rows = [...new Set(eventIds)].map((event_id) => ({ change_seq: change, event_id }));
  for (const chunk of chunks(rows)) await trx.insertInto('event_removals').values(chunk).execute();
  await trx
    .deleteFrom('event_removals')
    .where('change_seq', '<=', change - REMOVALS_KEPT)
    .execute();
}

/** Resolution's reads and its one write; written once for both backends. */
export function createResolutionMethods(
  db: Kysely<Database>,
  now: () => Date,
  afterWrite: (events: number) => void = () => undefined,
  comparison: Comparison = 'text',
  /** Whether the backend has row versions to key resolution inputs by (PostgreSQL's xmin). */
  rowVersions = false,
): ResolutionMethods {
  /** Mentions matching `filter`, their claims and their documents, read as one state of the store. */
  async function readInputs(
    subject: string,
    filter: (eb: ExpressionBuilder<Database, 'mentions'>) => Expression<SqlBool>,
    known: ReadonlyMap<string, SourceInfo> = new Map(),
  ): Promise<readonly StoredInput[]> {
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
          // by the ids just read, not by the filter again: a planner that misjudges how few mentions a window
          // holds (PostgreSQL) would otherwise join them with every claim of the store
          const c = [];
          for (const ids of slices(m.map((row) => row.id))) {
            c.push(
              ...(await trx
                .selectFrom('claims')
                .selectAll()
                .where('mention_id', 'in', ids)
                .orderBy('mention_id')
                .orderBy('scope')
                .orderBy('ord')
                .execute()),
            );
          }
          // Each document's text is read once, however many of its mentions are in scope, and not at all when
          // the caller holds it.
          const docs = [];
          const unknown = new Set(m.map((row) => row.doc_id).filter((id) => !known.has(id)));
          for (const ids of slices([...unknown])) {
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
    const read = new Map<string, SourceInfo>(
      documents.map((d) => [
        d.id,
        { docId: d.id, publisher: d.publisher, url: d.url, published: d.published, text: d.text },
      ]),
    );
    return guarded(subject, async () =>
      mentions.map((row) => ({
        mention: rowToMention(row, byMention.get(row.id) ?? []),
        eventId: row.event_id,
        // The foreign key makes a missing document impossible; the fallback keeps the type honest.
        source: read.get(row.doc_id) ??
          known.get(row.doc_id) ?? {
            docId: row.doc_id,
            publisher: null,
            url: null,
            published: null,
            text: '',
          },
      })),
    );
  }

  async function listResolutionInputs(
    scope: ResolutionScope,
    known?: ReadonlyMap<string, SourceInfo>,
  ): Promise<readonly StoredInput[]> {
    const subject = `listResolutionInputs ${scope.country ?? '*'}/${scope.admin1 ?? '*'} ${scope.from}..${scope.to}`;
    return readInputs(subject, inScope(scope), known);
  }

  async function listResolutionKeys(scope: ResolutionScope): Promise<readonly ResolutionKey[] | null> {
    if (!rowVersions) return null;
    const subject = `listResolutionKeys ${scope.country ?? '*'}/${scope.admin1 ?? '*'} ${scope.from}..${scope.to}`;
    const rows = await guarded(subject, () =>
      db
        .selectFrom('mentions')
        .innerJoin('documents', 'documents.id', 'mentions.doc_id')
        .select(['mentions.id', 'mentions.event_id', sql<string>`documents.xmin::text`.as('version')])
        .where(inScope(scope))
        .execute(),
    );
    return rows.map((r) => ({ id: r.id, eventId: r.event_id, version: r.version }));
  }

  async function listMentionInputs(
    ids: readonly string[],
    known?: ReadonlyMap<string, SourceInfo>,
  ): Promise<readonly StoredInput[]> {
    const inputs: StoredInput[] = [];
    for (const slice of slices([...new Set(ids)].sort())) {
      inputs.push(...(await readInputs('listMentionInputs', (eb) => eb('mentions.id', 'in', slice), known)));
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
    let written = 0;
    await guarded('replaceResolution', () =>
      db.transaction().execute(async (trx) => {
        const previous = await readPrevious(trx, change, comparison);
        const planned = await applyReviews(trx, change.events, previous.rows, comparison);
        const fresh = planned.filter(
          (p) =>
            !isUnchanged(
              comparison,
              p,
              previous.rows.get(p.event.record.id),
              previous.held.get(p.event.record.id),
            ),
        );
        const kept = new Set(planned.map((p) => p.event.record.id));
        for (const p of fresh) kept.delete(p.event.record.id);
        const removed = [...previous.rows.keys()].filter((id) => !kept.has(id));
        const operationIds = new Set(change.operations.map((o) => o.id));
        for (const id of previous.linked) {
          const operationId = previous.rows.get(id)?.operationId;
          if (operationId) operationIds.add(operationId);
        }
        // the replaced events' counts out and the new ones' in, as one change: an event that is kept touches
        // no row of the rollup
        const rollup = new RollupDelta().remove(removed.map((id) => previous.rows.get(id)!));
        await removeEvents(trx, removed, previous.held, new Set(change.mentionIds), operationIds);
        const events = fresh.map((p) => p.event);
        const eventRows = fresh.map((p) => ({
          ...eventToRow(
            p.event,
            previous.rows.get(p.event.record.id)?.createdAt ?? updatedAt,
            updatedAt,
            p.version,
          ),
          record: p.json,
        }));
        await rollup.add(eventRows.map((row, i) => ({ ...row, dismissed: fresh[i]!.dismissed }))).apply(trx);
        const operationRows = change.operations.map(operationToRow);
        for (const chunk of chunks(operationRows)) await trx.insertInto('operations').values(chunk).execute();
        // in the same transaction as the events: a crash leaves the mentions either resolved or still marked
        await markUnresolved(trx, resolved, 0);
        await markUnresolved(trx, change.reopenedIds ?? [], 1);
        // The events are written with the change's number, which is taken after everything that does not need
        // it: an update of the number after the insert would write every event row (and its 20 index entries)
        // twice. An event that is kept keeps its number: the change feed tells clients of what changed.
        const changeSeq = await nextChange(trx);
        const rewritten = new Set(fresh.map((p) => p.event.record.id));
        await noteRemovals(
          trx,
          removed.filter((id) => !rewritten.has(id)),
          changeSeq,
        );
        for (const chunk of chunks(eventRows.map((row) => ({ ...row, change_seq: changeSeq }))))
          await trx.insertInto('events').values(chunk).execute();
        const sourceRows = events.flatMap((e) => eventSourceRows(e.record));
        for (const chunk of chunks(sourceRows)) await trx.insertInto('event_sources').values(chunk).execute();
        // in the same transaction as its event: a search never finds an event that is gone or misses a new one
        const searchRows = events.map((e) => ({
          event_id: e.record.id,
          body: eventSearchText(e.record),
        }));
        for (const chunk of chunks(searchRows)) await trx.insertInto('event_search').values(chunk).execute();
        await linkMentions(trx, events);
        written = events.length;
      }),
    );
    // Statistics are an optimisation: failing to refresh them must not fail a write that succeeded.
    try {
      afterWrite(written);
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
    listResolutionKeys,
    listMentionInputs,
    listEventMentionIds,
    listCoMentionIds,
    linkedScopes,
    replaceResolution,
  };
}
