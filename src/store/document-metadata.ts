import type { Kysely, Updateable } from 'kysely';
import { FaultlineError } from '../errors/errors.js';
import type { Database, DocumentsTable } from './schema.js';
import { guarded } from './store-error.js';
import { METADATA_FIELDS } from '../domain/index.js';
import type { MetadataField } from '../domain/index.js';
import type { DocumentMetadata } from './store.js';

/** `Store.updateDocumentMetadata`, written once for both backends. */
export async function updateDocumentMetadata(
  db: Kysely<Database>,
  id: string,
  metadata: DocumentMetadata,
): Promise<readonly MetadataField[]> {
  return guarded(`updateDocumentMetadata ${id}`, () =>
    db.transaction().execute(async (trx) => {
      // A write that changes nothing comes first, so that SQLite takes its write lock at once (a read first could
      // not be upgraded under contention); it doubles as the existence check.
      const touched = await trx
        .updateTable('documents')
        .set((eb) => ({ title: eb.ref('title') }))
        .where('id', '=', id)
        .executeTakeFirst();
      if (Number(touched.numUpdatedRows) === 0)
        throw new FaultlineError('FL_ERR_NOT_FOUND', `document ${id}`);
      const stored = await trx
        .selectFrom('documents')
        .select(['url', 'title', 'publisher', 'published'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      const changed = METADATA_FIELDS.filter((f) => metadata[f] !== null && metadata[f] !== stored[f]);
      if (changed.length === 0) return [];
      const set: Updateable<DocumentsTable> = {};
      for (const field of changed) set[field] = metadata[field];
      if (changed.includes('published')) {
        set.published_source = metadata.publishedSource;
        // relative dates ("on Tuesday") resolve against it: the document is extracted again, by this run or,
        // after a crash, by the next one
        set.extractor_version = null;
      }
      await trx.updateTable('documents').set(set).where('id', '=', id).execute();
      // the events' sources carry the url, publisher and date: their resolution is due again (not for a title)
      if (changed.some((f) => f !== 'title')) {
        await trx.updateTable('mentions').set({ unresolved: 1 }).where('doc_id', '=', id).execute();
      }
      return changed;
    }),
  );
}
