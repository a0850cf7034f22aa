import type { Kysely } from 'kysely';
import type { AggregateStatistic, Document, FramingMarkers, Mention } from '../domain/index.js';
import { FaultlineError } from '../errors/errors.js';
import {
  SUMMARY_COLUMNS,
  documentToRow,
  parseFraming,
  rowToDocument,
  rowToSummary,
} from './document-rows.js';
import type { SummaryRow } from './document-rows.js';
import { chunks } from './chunks.js';
import { compareVersions } from './compare-versions.js';
import { createEventMethods } from './event-methods.js';
import { GAZETTEER_UPDATED_COLUMNS, gazetteerToRow, rowToGazetteer } from './gazetteer-rows.js';
import {
  aggregateToRow,
  groupByMention,
  mentionToRows,
  rowToAggregate,
  rowToMention,
} from './mention-rows.js';
import { createAlertMethods } from './alert-methods.js';
import { createChangeMethods } from './change-methods.js';
import { createDeliveryMethods } from './delivery-methods.js';
import { createFeedMethods } from './feed-methods.js';
import { createHostMethods } from './host-methods.js';
import { createResolutionLock } from './resolution-lock.js';
import { createUserMethods } from './user-methods.js';
import { createReviewMethods } from './review-methods.js';
import { createSeriesMethods } from './series-methods.js';
import { createTrendMethods } from './trend-methods.js';
import { updateDocumentMetadata } from './document-metadata.js';
import { listEventDocuments } from './event-documents.js';
import { createPendingMethods } from './pending-methods.js';
import { releaseDocumentEvents } from './release-events.js';
import { createResolutionMethods } from './resolution-methods.js';
import type { Database } from './schema.js';
import { toNumber } from './schema.js';
import { guarded, storeError } from './store-error.js';
import type { DocumentSummary, ExtractionRecord, GazetteerRow, SavedDocument, Store } from './store.js';
import type { TextSearch } from './text-search.js';

export interface KyselyStoreOptions {
  readonly backend: Store['backend'];
  /** The backend's full-text index over events (EventQuery.q). */
  readonly textSearch: TextSearch;
  /** Where ingestion times come from; tests pass a fixed clock. */
  readonly now?: () => Date;
  /**
   * Called after a resolution wrote `events` events: SQLite refreshes its planner statistics there (PostgreSQL's
   * autovacuum does it by itself). Without them SQLite sorts every match of an actor or type filter.
   */
  readonly afterWrite?: (events: number) => void;
  /**
   * SQLite: a page of the event list reads its records by rowid, which every index entry holds, instead of by
   * id, which costs a second B-tree's lookup per record (a third of a page's cost on 100,000 events). Reading
   * the records in the statement that finds the page would cost more still: a filter sorted apart from its index
   * (the actor filter, a fatalities order) then reads and sorts the record of every match. PostgreSQL has no
   * stable row address (a ctid moves on update), so it reads by id.
   */
  readonly rowidLocator?: boolean;
}

const DEFAULT_PAGE_SIZE = 500;
const MAX_PAGE_SIZE = 10_000;

/**
 * Everything an extraction saves belongs to its document: mentions, their claims and aggregates. The claims' own
 * document is what reads and deletes them by (claims_doc_idx), rather than a join through the mentions.
 */
function checkOwnership(record: ExtractionRecord): void {
  const claims = record.mentions.flatMap((m) => [...m.claims, ...m.operationClaims]);
  const stray = [
    ...record.mentions.map((m) => ({ what: 'a Mention', docId: m.docId })),
    ...claims.map((c) => ({ what: 'a claim', docId: c.docId })),
    ...record.aggregates.map((a) => ({ what: `a ${a.kind}`, docId: a.docId })),
  ].find((part) => part.docId !== record.docId);
  if (stray)
    throw new FaultlineError(
      'FL_ERR_BAD_ARGUMENT',
      `extraction of ${record.docId}`,
      `holds ${stray.what} of document ${stray.docId}`,
    );
}

/**
 * The Store over a migrated Kysely database. SQLite and PostgreSQL differ only in how they are opened
 * (see sqlite/ and postgres/); every query here is written once and runs on both.
 */
export function createKyselyStore(db: Kysely<Database>, options: KyselyStoreOptions): Store {
  const now = options.now ?? (() => new Date());
  let closed = false;

  async function saveDocuments(documents: readonly Document[]): Promise<readonly SavedDocument[]> {
    if (documents.length === 0) return [];
    // Only the first occurrence of an id in the batch is inserted; a repeat is reported 'present'.
    const firstIndex = new Map<string, number>();
    documents.forEach((d, i) => {
      if (!firstIndex.has(d.id)) firstIndex.set(d.id, i);
    });
    const ingestedAt = now().toISOString();
    const rows = [...firstIndex.values()].map((i) => documentToRow(documents[i]!, ingestedAt));
    const stored = new Set<string>();
    await guarded('saveDocuments', () =>
      db.transaction().execute(async (trx) => {
        for (const chunk of chunks(rows)) {
          const inserted = await trx
            .insertInto('documents')
            .values(chunk)
            .onConflict((oc) => oc.column('id').doNothing())
            .returning('id')
            .execute();
          for (const r of inserted) stored.add(r.id);
        }
      }),
    );
    return documents.map((d, i) => ({
      id: d.id,
      outcome: stored.has(d.id) && firstIndex.get(d.id) === i ? 'stored' : 'present',
    }));
  }

  async function* listDocuments(
    listOptions: { readonly withText?: boolean; readonly pageSize?: number } = {},
  ): AsyncGenerator<DocumentSummary> {
    const requested = Math.floor(listOptions.pageSize ?? DEFAULT_PAGE_SIZE);
    const pageSize = Number.isFinite(requested)
      ? Math.min(Math.max(requested, 1), MAX_PAGE_SIZE)
      : DEFAULT_PAGE_SIZE;
    const columns = listOptions.withText ? [...SUMMARY_COLUMNS, 'text' as const] : [...SUMMARY_COLUMNS];
    let after = 0;
    for (;;) {
      const cursor = after;
      const page = (await guarded('listDocuments', () =>
        db
          .selectFrom('documents')
          .select(columns)
          .where('seq', '>', cursor)
          .orderBy('seq')
          .limit(pageSize)
          .execute(),
      )) as SummaryRow[];
      for (const row of page) yield rowToSummary(row);
      const last = page[page.length - 1];
      if (page.length < pageSize || last === undefined) return;
      after = toNumber(last.seq);
    }
  }

  async function saveExtraction(record: ExtractionRecord): Promise<void> {
    checkOwnership(record);
    const mentionRows = record.mentions.map(mentionToRows);
    const claimRows = mentionRows.flatMap((m) => m.claims);
    const aggregateRows = record.aggregates.map(aggregateToRow);
    await guarded(`saveExtraction ${record.docId}`, () =>
      db.transaction().execute(async (trx) => {
        // The write comes first so that SQLite takes its write lock at once (a read first could not be upgraded
        // under contention), and it doubles as the existence check.
        const updated = await trx
          .updateTable('documents')
          .set({ extractor_version: record.extractorVersion, framing: JSON.stringify(record.framing) })
          .where('id', '=', record.docId)
          .executeTakeFirst();
        if (Number(updated.numUpdatedRows) === 0)
          throw new FaultlineError('FL_ERR_NOT_FOUND', `document ${record.docId}`);
        await releaseDocumentEvents(trx, record.docId);
        // by the claims' own document: a join through the mentions made PostgreSQL scan every claim stored
        await trx.deleteFrom('claims').where('doc_id', '=', record.docId).execute();
        await trx.deleteFrom('mentions').where('doc_id', '=', record.docId).execute();
        await trx.deleteFrom('aggregate_statistics').where('doc_id', '=', record.docId).execute();
        for (const chunk of chunks(mentionRows.map((m) => m.mention))) {
          await trx.insertInto('mentions').values(chunk).execute();
        }
        for (const chunk of chunks(claimRows)) await trx.insertInto('claims').values(chunk).execute();
        for (const chunk of chunks(aggregateRows)) {
          await trx.insertInto('aggregate_statistics').values(chunk).execute();
        }
      }),
    );
  }

  async function listMentions(docId: string): Promise<readonly Mention[]> {
    // Two statements that must see the same extraction: one repeatable-read transaction (SQLite's is serial anyway).
    const [mentions, claims] = await guarded(`listMentions ${docId}`, () =>
      db
        .transaction()
        .setIsolationLevel('repeatable read')
        .execute(async (trx) => {
          const m = await trx
            .selectFrom('mentions')
            .selectAll()
            .where('doc_id', '=', docId)
            .orderBy('idx')
            .orderBy('id')
            .execute();
          // by the claims' own document (claims_doc_idx; see checkOwnership), not a join through the mentions,
          // which PostgreSQL answered by scanning every claim stored, for every document
          const c = await trx
            .selectFrom('claims')
            .selectAll()
            .where('doc_id', '=', docId)
            .orderBy('mention_id')
            .orderBy('scope')
            .orderBy('ord')
            .execute();
          return [m, c] as const;
        }),
    );
    const byMention = groupByMention(claims);
    return guarded(`listMentions ${docId}`, async () =>
      mentions.map((m) => rowToMention(m, byMention.get(m.id) ?? [])),
    );
  }

  async function listDocumentsToExtract(extractorVersion: string): Promise<readonly string[]> {
    const rows = await guarded('listDocumentsToExtract', () =>
      db
        .selectFrom('documents')
        .select(['id', 'extractor_version'])
        .where((eb) =>
          eb.or([eb('extractor_version', 'is', null), eb('extractor_version', '<>', extractorVersion)]),
        )
        .orderBy('seq')
        .execute(),
    );
    // A document extracted by a newer extractor than the caller's is not stale for it.
    return rows
      .filter(
        (r) => r.extractor_version === null || compareVersions(r.extractor_version, extractorVersion) < 0,
      )
      .map((r) => r.id);
  }

  async function needsExtraction(docId: string, extractorVersion: string): Promise<boolean> {
    const row = await guarded(`needsExtraction ${docId}`, () =>
      db.selectFrom('documents').select('extractor_version').where('id', '=', docId).executeTakeFirst(),
    );
    if (row === undefined) throw new FaultlineError('FL_ERR_NOT_FOUND', `document ${docId}`);
    const version = row.extractor_version;
    return version === null || compareVersions(version, extractorVersion) < 0;
  }

  async function saveGazetteerRows(rows: readonly GazetteerRow[]): Promise<number> {
    // Last row of an id wins; PostgreSQL refuses to upsert one row twice in a statement.
    const byId = new Map<string, GazetteerRow>();
    for (const r of rows) byId.set(r.id, r);
    const values = [...byId.values()].map(gazetteerToRow);
    if (values.length === 0) return 0;
    await guarded('saveGazetteerRows', () =>
      db.transaction().execute(async (trx) => {
        for (const chunk of chunks(values)) {
          await trx
            .insertInto('gazetteer_places')
            .values(chunk)
            .onConflict((oc) =>
              oc
                .column('id')
                .doUpdateSet((eb) =>
                  Object.fromEntries(GAZETTEER_UPDATED_COLUMNS.map((c) => [c, eb.ref(`excluded.${c}`)])),
                ),
            )
            .execute();
        }
      }),
    );
    return values.length;
  }

  return {
    backend: options.backend,
    saveDocuments,
    async getDocument(id: string): Promise<Document | null> {
      const row = await guarded(`getDocument ${id}`, () =>
        db
          .selectFrom('documents')
          .select([
            'id',
            'url',
            'title',
            'publisher',
            'published',
            'published_source',
            'language',
            'text',
            'origin',
          ])
          .where('id', '=', id)
          .executeTakeFirst(),
      );
      return row ? rowToDocument(row) : null;
    },
    updateDocumentMetadata: (id, metadata) => updateDocumentMetadata(db, id, metadata),
    listEventDocuments: (query) => listEventDocuments(db, query, options.textSearch),
    async hasDocument(id: string): Promise<boolean> {
      const row = await guarded(`hasDocument ${id}`, () =>
        db.selectFrom('documents').select('id').where('id', '=', id).executeTakeFirst(),
      );
      return row !== undefined;
    },
    async countDocuments(): Promise<number> {
      const row = await guarded('countDocuments', () =>
        db
          .selectFrom('documents')
          .select((eb) => eb.fn.countAll<number | string>().as('n'))
          .executeTakeFirstOrThrow(),
      );
      return toNumber(row.n);
    },
    listDocuments,
    saveExtraction,
    listMentions,
    listDocumentsToExtract,
    needsExtraction,
    async getFraming(docId: string): Promise<FramingMarkers | null> {
      const row = await guarded(`getFraming ${docId}`, () =>
        db.selectFrom('documents').select('framing').where('id', '=', docId).executeTakeFirst(),
      );
      return guarded(`getFraming ${docId}`, async () => parseFraming(row?.framing ?? null));
    },
    async listAggregates(docId?: string): Promise<readonly AggregateStatistic[]> {
      const rows = await guarded('listAggregates', () => {
        let q = db
          .selectFrom('aggregate_statistics')
          .innerJoin('documents', 'documents.id', 'aggregate_statistics.doc_id')
          .selectAll('aggregate_statistics');
        if (docId !== undefined) q = q.where('aggregate_statistics.doc_id', '=', docId);
        return q.orderBy('documents.seq').orderBy('aggregate_statistics.ord').execute();
      });
      return rows.map(rowToAggregate);
    },
    saveGazetteerRows,
    // PostgreSQL digests the stored events it compares a plan with, rather than send every record over the wire,
    // and versions its rows (xmin), by which a resolving process knows which mentions it holds still
    ...createResolutionMethods(
      db,
      now,
      options.afterWrite,
      options.backend === 'postgres' ? 'digest' : 'text',
      options.backend === 'postgres',
    ),
    ...createPendingMethods(db),
    ...createFeedMethods(db, now),
    ...createHostMethods(db, options.backend),
    ...createResolutionLock(db, options.backend),
    ...createAlertMethods(db),
    ...createUserMethods(db, now),
    ...createReviewMethods(db, now),
    ...createChangeMethods(db, options.textSearch),
    ...createDeliveryMethods(db),
    ...createSeriesMethods(db, options.textSearch, options.backend),
    ...createTrendMethods(db, options.textSearch, options.backend),
    ...createEventMethods(db, options.textSearch, {
      rowidLocator: options.rowidLocator === true,
      backend: options.backend,
    }),
    async listGazetteerRows(): Promise<readonly GazetteerRow[]> {
      const rows = await guarded('listGazetteerRows', () =>
        db.selectFrom('gazetteer_places').selectAll().orderBy('id').execute(),
      );
      return guarded('listGazetteerRows', async () => rows.map(rowToGazetteer));
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      try {
        await db.destroy();
      } catch (error) {
        throw storeError('close', error);
      }
    },
  };
}
