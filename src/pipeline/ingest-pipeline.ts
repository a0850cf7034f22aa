import type { Document, Mention } from '../domain/index.js';
import { describeError, FaultlineError } from '../errors/errors.js';
import { EXTRACTOR_VERSION } from '../extract/extract-document.js';
import type { Knowledge } from '../extract/knowledge.js';
import { buildDocument } from '../ingest/build-document.js';
import type { BuildDefaults, InputResult } from '../ingest/types.js';
import type { Store } from '../store/store.js';
import { extractionRecordOf } from './extract-stored.js';
import { resolveAround } from './resolve-stored.js';

export interface IngestSummary {
  readonly read: number;
  readonly stored: number;
  readonly present: number;
  readonly failed: number;
  readonly extracted: number;
  readonly mentions: number;
  /** Events in the blocks re-resolved after this run (0 when nothing new was extracted). */
  readonly events: number;
}

export interface IngestDeps {
  readonly store: Store;
  /** Null skips extraction (documents only). */
  readonly knowledge: Knowledge | null;
  /** One line per problem, for stderr. */
  readonly report: (line: string) => void;
  /** Called after every input with the running counts. */
  readonly progress?: (counts: IngestSummary) => void;
  readonly batchSize?: number;
}

interface Counts {
  read: number;
  stored: number;
  present: number;
  failed: number;
  extracted: number;
  mentions: number;
  events: number;
}

async function extractAndSave(
  deps: IngestDeps,
  docs: readonly Document[],
  counts: Counts,
  fresh: Mention[],
): Promise<void> {
  if (!deps.knowledge) return;
  for (const doc of docs) {
    const record = extractionRecordOf(doc, deps.knowledge);
    if (record instanceof FaultlineError) {
      deps.report(record.message);
      counts.failed++;
      continue;
    }
    await deps.store.saveExtraction(record);
    counts.extracted++;
    counts.mentions += record.mentions.length;
    fresh.push(...record.mentions);
  }
}

/**
 * Reads, cleans, stores and extracts a stream of inputs. Documents are saved in batches, each in one
 * transaction, and only counted as stored once their batch has committed; extraction follows per document, so a
 * crash loses nothing reported and a re-run completes what is missing (documents present but not extracted by
 * this extractor version are extracted at the end).
 */
export async function ingestInputs(
  deps: IngestDeps,
  inputs: AsyncIterable<InputResult>,
  defaults: BuildDefaults,
): Promise<IngestSummary> {
  const counts: Counts = { read: 0, stored: 0, present: 0, failed: 0, extracted: 0, mentions: 0, events: 0 };
  const extracted: Mention[] = [];
  const batchSize = deps.batchSize ?? 100;
  let batch: Document[] = [];

  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const docs = batch;
    batch = [];
    try {
      const saved = await deps.store.saveDocuments(docs);
      const fresh: Document[] = [];
      saved.forEach((s, i) => {
        if (s.outcome === 'stored') {
          counts.stored++;
          fresh.push(docs[i]!);
        } else {
          counts.present++;
          deps.report(`${docs[i]!.origin}: already present as ${s.id}`);
        }
      });
      await extractAndSave(deps, fresh, counts, extracted);
    } catch (error) {
      counts.failed += docs.length;
      deps.report(`batch of ${docs.length} documents not stored: ${describeError(error)}`);
    }
  };

  for await (const input of inputs) {
    counts.read++;
    if (!input.ok) {
      counts.failed++;
      deps.report(input.error.message);
    } else {
      const doc = buildDocument(input.raw, defaults);
      if (doc instanceof FaultlineError) {
        counts.failed++;
        deps.report(doc.message);
      } else {
        batch.push(doc);
        if (batch.length >= batchSize) await flush();
      }
    }
    deps.progress?.({ ...counts });
  }
  await flush();

  if (deps.knowledge) {
    const pending = await deps.store.listDocumentsToExtract(EXTRACTOR_VERSION);
    const docs: Document[] = [];
    for (const id of pending) {
      const doc = await deps.store.getDocument(id);
      if (doc) docs.push(doc);
      if (docs.length >= batchSize) await extractAndSave(deps, docs.splice(0), counts, extracted);
    }
    await extractAndSave(deps, docs, counts, extracted);
  }
  if (extracted.length > 0) {
    try {
      counts.events = (await resolveAround(deps.store, extracted)).events;
    } catch (error) {
      // the documents and mentions are stored; the next run re-resolves the same blocks
      counts.failed++;
      deps.report(`resolution failed, events not updated: ${describeError(error)}`);
    }
  }
  return { ...counts };
}
