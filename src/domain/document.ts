/** Where a document's publication date came from: given by the user, read from page metadata, or absent. */
export type PublishedSource = 'given' | 'metadata' | 'none';

/** Loaded terms counted by the stance they signal; framing never changes a figure. */
export interface FramingMarkers {
  /** term id → count, for terms sympathetic to armed groups ("freedom fighters", "martyred"). */
  readonly insurgent: Readonly<Record<string, number>>;
  /** term id → count, for terms of the state's register ("terrorists", "Fitna al-Hindustan"). */
  readonly state: Readonly<Record<string, number>>;
  /** term id → count, for the neutral register ("militants", "separatists"). */
  readonly neutral: Readonly<Record<string, number>>;
}

/** A clean, identified article: the output of ingest and the input of extract. */
export interface Document {
  readonly kind: 'Document';
  /** Content hash of `text` (see `documentId`). */
  readonly id: string;
  readonly url: string | null;
  readonly title: string | null;
  readonly publisher: string | null;
  /** ISO date (YYYY-MM-DD) or null when unknown. */
  readonly published: string | null;
  readonly publishedSource: PublishedSource;
  /** ISO 639-3 code from language detection, or 'und'. */
  readonly language: string;
  readonly text: string;
  /** The name of the input it came from: a path, a URL, `-`, or `file.jsonl#id`. */
  readonly origin: string;
}

/** The metadata a document given again may bring anew (its text, hence its id, stays the same). */
export const METADATA_FIELDS = ['url', 'title', 'publisher', 'published'] as const;
export type MetadataField = (typeof METADATA_FIELDS)[number];
