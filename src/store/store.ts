import type { AggregateStatistic, Document, FramingMarkers, Mention } from '../domain/index.js';

/** What happened to one document handed to `saveDocuments`. */
export type SaveOutcome = 'stored' | 'present';

export interface SavedDocument {
  readonly id: string;
  readonly outcome: SaveOutcome;
}

/** A document as listed, without its text unless asked for. */
export interface DocumentSummary {
  readonly id: string;
  readonly url: string | null;
  readonly title: string | null;
  readonly publisher: string | null;
  readonly published: string | null;
  readonly publishedSource: Document['publishedSource'];
  readonly language: string;
  readonly origin: string;
  readonly length: number;
  readonly ingestedAt: string;
  readonly text?: string;
}

/** Everything extraction produced for one document, stored together. */
export interface ExtractionRecord {
  readonly docId: string;
  readonly mentions: readonly Mention[];
  readonly aggregates: readonly AggregateStatistic[];
  readonly framing: FramingMarkers;
  /** Version of the extractor, so that a newer one can re-extract stale documents. */
  readonly extractorVersion: string;
}

/** A gazetteer place imported from a GeoNames dump (see `gazetteer import`). */
export interface GazetteerRow {
  readonly id: string;
  readonly name: string;
  readonly asciiName: string;
  readonly alternateNames: readonly string[];
  readonly lat: number;
  readonly lon: number;
  readonly featureClass: string;
  readonly featureCode: string;
  readonly country: string;
  readonly admin1Code: string;
  readonly admin2Code: string;
  readonly admin1Name: string | null;
  readonly admin2Name: string | null;
  readonly population: number;
}

/**
 * The narrow, domain-level store. SQLite and PostgreSQL implement it in mirror-image folders;
 * test/store/store-contract.ts runs one suite against both.
 */
export interface Store {
  readonly backend: 'sqlite' | 'postgres';

  /**
   * Saves the documents that are not stored yet, in one transaction: either all new ones are stored or none.
   * A document whose id is present is left untouched and reported 'present'.
   */
  saveDocuments(documents: readonly Document[]): Promise<readonly SavedDocument[]>;

  getDocument(id: string): Promise<Document | null>;

  hasDocument(id: string): Promise<boolean>;

  countDocuments(): Promise<number>;

  /** Streams documents in ingestion order, in pages, so that any number can be listed. */
  listDocuments(options?: {
    readonly withText?: boolean;
    readonly pageSize?: number;
  }): AsyncIterable<DocumentSummary>;

  /** Replaces, in one transaction, what extraction stored for a document (mentions, claims, aggregates, framing). */
  saveExtraction(record: ExtractionRecord): Promise<void>;

  /** Mentions of one document, in their order. */
  listMentions(docId: string): Promise<readonly Mention[]>;

  /** Documents whose stored extraction is missing or older than `extractorVersion`. */
  listDocumentsToExtract(extractorVersion: string): Promise<readonly string[]>;

  getFraming(docId: string): Promise<FramingMarkers | null>;

  listAggregates(docId?: string): Promise<readonly AggregateStatistic[]>;

  /** Inserts or replaces gazetteer rows by id; returns how many were written. */
  saveGazetteerRows(rows: readonly GazetteerRow[]): Promise<number>;

  listGazetteerRows(): Promise<readonly GazetteerRow[]>;

  close(): Promise<void>;
}
