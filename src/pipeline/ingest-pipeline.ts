import type { Document } from '../domain/index.js';
import { describeError, FaultlineError } from '../errors/errors.js';
import { EXTRACTOR_VERSION } from '../extract/extract-document.js';
import { buildDocument } from '../ingest/build-document.js';
import type { BuildDefaults, InputResult } from '../ingest/types.js';
import { extractAndSave } from './extract-and-save.js';
import { languageProblem } from './extract-stored.js';
import { zeroCounts, type Counts, type IngestDeps, type IngestSummary } from './ingest-types.js';
import { refreshMetadata } from './refresh-metadata.js';
import { ResolutionMemo } from './resolution-memo.js';
import { resolvePending } from './resolve-pending.js';
import { saveDocuments } from './save-documents.js';

export type { IngestDeps, IngestSummary } from './ingest-types.js';

/** What one run does besides its counts: when it resolves next, and how many events the store held before it. */
class Run {
  readonly counts: Counts = zeroCounts();
  private eventsBefore: number | null = null;
  /** Documents whose extraction failed in this run: reported once, left for a later run. */
  readonly failedIds = new Set<string>();
  private extractedAtLastResolution = 0;
  private resolutionFailed = false;
  /** What this run's resolutions read, for the next: a long run resolves every few hundred documents. */
  private readonly memo = new ResolutionMemo();

  constructor(private readonly deps: IngestDeps) {}

  /** Extracts and saves stored documents one by one, resolving the pending mentions every so often. */
  async extract(docs: readonly Document[]): Promise<void> {
    const knowledge = this.deps.knowledge;
    if (!knowledge) return;
    for (const doc of docs) {
      const result = await extractAndSave(this.deps.store, doc, knowledge, this.deps.extractorVersion);
      if (!result.ok) {
        this.failedIds.add(doc.id);
        this.counts.failed++;
        this.deps.report(result.problem);
        continue;
      }
      this.counts.extracted++;
      this.counts.mentions += result.mentions.length;
      // stored and marked done, not a failure; but a reader must not take its lack of events for a quiet day
      const language = languageProblem(doc, { stored: true });
      if (language !== null) this.deps.report(language);
      if (this.resolutionDue()) await this.resolve(false);
    }
  }

  private resolutionDue(): boolean {
    if (this.resolutionFailed) return false;
    const every = Math.max(1, this.deps.resolveEvery ?? 500);
    const interval = Math.min(16 * every, Math.max(every, this.extractedAtLastResolution));
    return this.counts.extracted - this.extractedAtLastResolution >= interval;
  }

  /**
   * Resolves whatever the store says is unresolved: this run's mentions so far, and any that an earlier run
   * left behind. A failure stops resolution until the end of the run; the mentions stay marked.
   */
  async resolve(last: boolean): Promise<void> {
    this.extractedAtLastResolution = this.counts.extracted;
    try {
      this.eventsBefore ??= await this.deps.store.countEvents({});
      await resolvePending(this.deps.store, {
        alwaysRefreshProfiles: last && this.deps.knowledge !== null,
        memo: this.memo,
      });
      // the events the run added, net: counting the ids it wrote would hold them all, and count the ones a
      // later round merged away
      this.counts.events = Math.max(0, (await this.deps.store.countEvents({})) - this.eventsBefore);
    } catch (error) {
      this.resolutionFailed = true;
      this.counts.failed++;
      this.deps.report(
        `resolution failed, events not updated (run faultline resolve): ${describeError(error)}`,
      );
    }
  }
}

/**
 * Reads, cleans, stores and extracts a stream of inputs, and resolves the mentions as it goes. Documents are
 * saved in batches, each in one transaction (a batch that fails is saved one by one, so one bad document costs
 * only itself), and only counted as stored once saved; extraction follows per document. Resolution reads what
 * the store marks unresolved, never what this process remembers, so a crash at any point loses nothing: a re-run
 * extracts the documents present but not extracted by this extractor version, and resolves every pending mention.
 */
export async function ingestInputs(
  deps: IngestDeps,
  inputs: AsyncIterable<InputResult>,
  defaults: BuildDefaults,
): Promise<IngestSummary> {
  const run = new Run(deps);
  const counts = run.counts;
  const batchSize = deps.batchSize ?? 100;
  let batch: Document[] = [];

  const flush = async (): Promise<void> => {
    const docs = batch;
    batch = [];
    const outcomes = await saveDocuments(deps.store, docs, deps.report);
    const fresh: Document[] = [];
    const again: Document[] = [];
    outcomes.forEach((outcome, i) => {
      const doc = docs[i]!;
      if (outcome === 'stored') {
        counts.stored++;
        fresh.push(doc);
      } else if (outcome === 'present') again.push(doc);
      else counts.failed++;
    });
    await run.extract(fresh);
    // after the new ones: a text given twice in one batch is extracted first, then takes its second copy's metadata
    for (const doc of again) {
      // what it leaves to resolve is marked in the store: the run's resolutions take it up
      const refresh = await refreshMetadata(deps.store, doc, deps.knowledge);
      if (refresh.changed.length > 0) {
        counts.updated++;
        deps.report(`${doc.origin}: already present as ${doc.id}; updated ${refresh.changed.join(', ')}`);
      } else {
        counts.present++;
        deps.report(`${doc.origin}: already present as ${doc.id}`);
      }
      if (refresh.problem !== null) {
        counts.failed++;
        deps.report(refresh.problem);
      }
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
    const pending = await deps.store.listDocumentsToExtract(deps.extractorVersion ?? EXTRACTOR_VERSION);
    const docs: Document[] = [];
    for (const id of pending) {
      if (run.failedIds.has(id)) continue;
      const doc = await deps.store.getDocument(id);
      if (doc) docs.push(doc);
      if (docs.length >= batchSize) await run.extract(docs.splice(0));
    }
    await run.extract(docs);
  }
  await run.resolve(true);
  return { ...counts };
}
