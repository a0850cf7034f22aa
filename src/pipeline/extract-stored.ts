import type { Document } from '../domain/index.js';
import { describeError, FaultlineError } from '../errors/errors.js';
import { EXTRACTOR_VERSION, extractDocument } from '../extract/extract-document.js';
import type { Knowledge } from '../extract/knowledge.js';
import type { ExtractionRecord } from '../store/store.js';

const EMPTY_FRAMING = { insurgent: {}, state: {}, neutral: {} } as const;

/**
 * Languages the lexicons are written for, and 'und' (too short to tell, most often a brief English report);
 * documents detected as another language are stored and marked, not extracted.
 */
export const EXTRACTED_LANGUAGES: ReadonlySet<string> = new Set(['eng', 'und']);

/**
 * The one line that says why a document yields no events although it may report some (issue 9, defect 9): its
 * language is not one the lexicons read. Null for a document that is extracted. `stored` says whether the
 * document was kept all the same (ingest, the API) or nothing was kept (extract).
 */
export function languageProblem(
  doc: Pick<Document, 'origin' | 'language'>,
  options: { readonly stored: boolean },
): string | null {
  if (EXTRACTED_LANGUAGES.has(doc.language)) return null;
  const line = `${doc.origin}: not extracted: its language was detected as '${doc.language}', not English`;
  return options.stored ? `${line} (the document is stored)` : line;
}

/**
 * Extraction of one stored document as a record to save. A document in another language gets an empty record,
 * so that it is marked as done for this extractor version. Never throws: a failure comes back as an error.
 */
export function extractionRecordOf(
  doc: Document,
  knowledge: Knowledge,
  extractorVersion: string = EXTRACTOR_VERSION,
): ExtractionRecord | FaultlineError {
  if (!EXTRACTED_LANGUAGES.has(doc.language)) {
    return {
      docId: doc.id,
      mentions: [],
      aggregates: [],
      framing: EMPTY_FRAMING,
      extractorVersion,
    };
  }
  try {
    const result = extractDocument({ id: doc.id, text: doc.text, published: doc.published }, knowledge);
    return {
      docId: doc.id,
      mentions: result.mentions,
      aggregates: result.aggregates,
      framing: result.framing,
      extractorVersion,
    };
  } catch (error) {
    return new FaultlineError('FL_ERR_EXTRACT', doc.origin, describeError(error));
  }
}
