import type { Document, Mention, MetadataField } from '../domain/index.js';
import { describeError } from '../errors/errors.js';
import { extractAndSave } from './extract-and-save.js';
import { zeroCounts, type IngestDeps, type IngestSummary } from './ingest-types.js';
import { refreshMetadata } from './refresh-metadata.js';
import { resolveAround } from './resolve-stored.js';
import { saveDocuments, type BatchOutcome } from './save-documents.js';

export interface DocumentOutcome {
  readonly id: string;
  readonly origin: string;
  /**
   * 'failed': not stored, and reported. A stored document whose extraction failed is 'stored', and reported.
   * 'updated': already stored, and it took the new copy's metadata (`changed` names the fields).
   */
  readonly outcome: BatchOutcome | 'updated';
  readonly changed: readonly MetadataField[];
}

/**
 * Stores, extracts and resolves exactly these documents, and nothing else of the store's backlog: what a single
 * POST needs (issue 9, defect 4), where `ingestInputs` also finishes whatever earlier runs left pending. A
 * document already present is not extracted again, unless it comes with a new published date (refreshMetadata);
 * its new metadata is stored. Problems go to `deps.report`, one line each.
 */
export async function ingestDocuments(
  deps: Pick<IngestDeps, 'store' | 'knowledge' | 'report'>,
  docs: readonly Document[],
): Promise<{ readonly summary: IngestSummary; readonly documents: readonly DocumentOutcome[] }> {
  const counts = zeroCounts();
  counts.read = docs.length;
  const outcomes = await saveDocuments(deps.store, docs, deps.report);
  const mentions: Mention[] = [];
  const changes = new Map<number, readonly MetadataField[]>();
  for (const [i, doc] of docs.entries()) {
    const outcome = outcomes[i];
    if (outcome === 'present') {
      const refresh = await refreshMetadata(deps.store, doc, deps.knowledge);
      if (refresh.changed.length > 0) {
        counts.updated++;
        changes.set(i, refresh.changed);
        mentions.push(...refresh.seeds);
      } else counts.present++;
      if (refresh.problem !== null) {
        counts.failed++;
        deps.report(refresh.problem);
      }
      continue;
    }
    if (outcome !== 'stored') {
      if (outcome === 'failed') counts.failed++;
      continue;
    }
    counts.stored++;
    if (!deps.knowledge) continue;
    const result = await extractAndSave(deps.store, doc, deps.knowledge);
    if (!result.ok) {
      counts.failed++;
      deps.report(result.problem);
      continue;
    }
    counts.extracted++;
    counts.mentions += result.mentions.length;
    mentions.push(...result.mentions);
  }
  try {
    counts.events = new Set((await resolveAround(deps.store, mentions)).eventIds).size;
  } catch (error) {
    // the mentions stay marked unresolved: the next `ingest` or `resolve` finishes them
    counts.failed++;
    deps.report(`resolution failed, events not updated (run faultline resolve): ${describeError(error)}`);
  }
  return {
    summary: { ...counts },
    documents: docs.map((d, i) => {
      const changed = changes.get(i) ?? [];
      return {
        id: d.id,
        origin: d.origin,
        outcome: changed.length > 0 ? 'updated' : (outcomes[i] ?? 'failed'),
        changed,
      };
    }),
  };
}
