import type { Document, Mention, MetadataField } from '../domain/index.js';
import { describeError } from '../errors/errors.js';
import type { Knowledge } from '../extract/knowledge.js';
import type { Store } from '../store/store.js';
import { extractAndSave } from './extract-and-save.js';

export interface MetadataRefresh {
  /** The fields the stored document took from the new copy; none when they agreed (or it was not found). */
  readonly changed: readonly MetadataField[];
  /** The mentions whose resolution is due again: the caller resolves around them (the store marked them). */
  readonly seeds: readonly Mention[];
  /** One line when the refresh failed midway; what it left is marked in the store for the next run. */
  readonly problem: string | null;
}

const NO_CHANGE: MetadataRefresh = { changed: [], seeds: [], problem: null };

/**
 * A document already stored, given again (re-posted, re-ingested) with metadata of its own: the stored copy
 * takes the new values of the fields given. A new published date changes how its relative dates resolve, so it
 * is extracted again: saveExtraction replaces its mentions and lets go of their events in one transaction, and
 * the other reports of those events are re-planned with its new mentions. A new url or publisher only re-plans
 * its events, whose sources carry them. The store marks all of it pending in the same transactions, so a crash
 * anywhere is finished by the next `ingest` (re-extraction) or `resolve`.
 */
export async function refreshMetadata(
  store: Store,
  doc: Document,
  knowledge: Knowledge | null,
): Promise<MetadataRefresh> {
  let changed: readonly MetadataField[];
  try {
    changed = await store.updateDocumentMetadata(doc.id, doc);
  } catch (error) {
    return { ...NO_CHANGE, problem: `${doc.origin}: metadata not updated: ${describeError(error)}` };
  }
  if (changed.length === 0) return NO_CHANGE;
  try {
    if (!changed.includes('published') || knowledge === null) {
      const seeds = changed.every((f) => f === 'title') ? [] : await store.listMentions(doc.id);
      return { changed, seeds, problem: null };
    }
    const stored = (await store.getDocument(doc.id)) ?? doc;
    const before = new Set((await store.listMentions(doc.id)).map((m) => m.id));
    // the other reports of its events, read before the extraction that lets go of those events
    const others = (await store.listCoMentionIds([...before])).filter((id) => !before.has(id));
    const result = await extractAndSave(store, stored, knowledge);
    if (!result.ok) return { changed, seeds: [], problem: result.problem };
    const released = others.length > 0 ? await store.listMentionInputs(others) : [];
    const seeds = [...result.mentions, ...released.map((r) => r.mention).filter((m) => m.docId !== doc.id)];
    return { changed, seeds, problem: null };
  } catch (error) {
    return { changed, seeds: [], problem: `${doc.origin}: not re-resolved: ${describeError(error)}` };
  }
}
