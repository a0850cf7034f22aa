import type { Knowledge } from '../extract/knowledge.js';
import type { Store } from '../store/store.js';

export interface IngestSummary {
  readonly read: number;
  readonly stored: number;
  /** Already stored, with the same metadata. */
  readonly present: number;
  /** Already stored, and its metadata updated from the new copy (see refreshMetadata). */
  readonly updated: number;
  /** Inputs not stored, extractions not stored, and a failed resolution: each also reported on one line. */
  readonly failed: number;
  readonly extracted: number;
  readonly mentions: number;
  /** Distinct events written by this run's resolutions (0 when nothing was pending). */
  readonly events: number;
}

export type Counts = { -readonly [K in keyof IngestSummary]: IngestSummary[K] };

export function zeroCounts(): Counts {
  return { read: 0, stored: 0, present: 0, updated: 0, failed: 0, extracted: 0, mentions: 0, events: 0 };
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
  /**
   * Documents extracted between two resolutions during a run (default 500). The interval grows with the run,
   * up to 16 times this, because a resolution re-plans whole blocks: resolving after every few documents of a
   * long run would re-plan the same blocks over and over.
   */
  readonly resolveEvery?: number;
  /** The extractor version stored documents are compared with (default EXTRACTOR_VERSION); tests bump it. */
  readonly extractorVersion?: string;
}
