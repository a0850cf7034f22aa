import type { Document, Mention } from '../domain/index.js';
import { describeError, FaultlineError } from '../errors/errors.js';
import type { Knowledge } from '../extract/knowledge.js';
import type { Store } from '../store/store.js';
import { extractionRecordOf } from './extract-stored.js';

export type ExtractOutcome =
  | { readonly ok: true; readonly mentions: readonly Mention[] }
  | { readonly ok: false; readonly problem: string };

/**
 * Extracts one stored document and saves what it found, in one transaction. A failure (of extraction, or of the
 * store, such as another writer holding SQLite's lock) concerns this document alone and is returned as one line
 * naming it; the document then stays pending extraction, so that a later run extracts it again.
 */
export async function extractAndSave(
  store: Store,
  doc: Document,
  knowledge: Knowledge,
  extractorVersion?: string,
): Promise<ExtractOutcome> {
  const record = extractionRecordOf(doc, knowledge, extractorVersion);
  if (record instanceof FaultlineError) return { ok: false, problem: record.message };
  try {
    await store.saveExtraction(record);
  } catch (error) {
    return { ok: false, problem: `${doc.origin}: extraction not stored: ${describeError(error)}` };
  }
  return { ok: true, mentions: record.mentions };
}
